//! The codecs on a host probe's path (design §9): the RPC bind every cycle, the V6 (and V4)
//! activation request and its fully verified response, the ePID decode, and SNTP.
//!
//! The byte vectors are those of `kms-protocol.md` §7.2 (`src/kms/test_vectors.rs`, which is
//! test-only): the request encodes byte-exactly to the vector and the vector response verifies.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kms_exporter::clock::NtpTimestamp;
use kms_exporter::clock::sntp;
use kms_exporter::kms::rpc::{self, BindOffer, CallReply};
use kms_exporter::kms::{
    ActivationRequest, Epid, ProtocolVersion, RequiredCount, decode_response, encode_request,
};
use uuid::{Uuid, uuid};

/// vlmcsd's BIND_ACK to `[NDR32, BTFN]`, call_id 2 (§7.2).
const BIND_ACK_VLMCSD: &str = concat!(
    "05000c03100000005400000002000000d016d016805cdeb50600313136383800",
    "0200000000000000045d888aeb1cc9119fe808002b1048600200000003000300",
    "0000000000000000000000000000000000000000",
);

/// V6 REQUEST PDU with request IV 00 01 … 0f, call_id 3 (§7.2).
const V6_REQUEST_PDU: &str = concat!(
    "050000031000000024010000030000000c010000000000000401000004010000",
    "00000600000102030405060708090a0b0c0d0e0f0e9fd870b28b8285f736f82c",
    "6cd0e06b03fcffed0b5b85dd300094cac36be16529362786518b4d232dfb1a3b",
    "dc8eab5c08cc00381df7bb7944addbdc295c5c590ea37de771542c603e4f97bb",
    "f54ac897f33a9fae0c73ddaa2697e2d9a959854285b2b4eb35804bec3f737a63",
    "696dfeac100d5a6e755c2ddbb1a9c1db4a401e83bb393439f3f7fd39ff47fba7",
    "7ac80e03d608c97e4d1bf1bf5ed56d92c3c1a9fdde2fe3f77b6f220d5d4e63b9",
    "c1ab2eb77b42ce0922fc56bcb2f53ba845358039703a562c8f0ab47f9e4462b7",
    "bf4c81eb199ec40fe04b34a6c5543c440f19ec457e83d3c2fde2077f3f9bced2",
    "9ce47ab8",
);

/// vlmcsd's V6 RESPONSE PDU to it (§7.2).
const V6_RESPONSE_PDU: &str = concat!(
    "05000203100000002c0100000300000014010000000000000401000000000200",
    "0401000000000600b4b0a7ea82b8d47865f00568d30da776d1196a5e1cc10439",
    "c480372966a451545bc3207a0bd049c39b0097fba26afd741e4fb89d0accdd3c",
    "f598a96d31b74d29b68060501af45fc44f6c2432157424d616cbdb331ac87506",
    "01cefd4b9c80bbf1d44dfe027fc72813afe5ae8a016c48ef76d28565d20b842d",
    "d4a7e0e677c5aea27b7c382eab70d6642e237e2b309d6145f63f5dce7952c858",
    "189c3acb6ea3d053f9a13ce13efcfad1c901495d7cf1178afc256fcc614c27ae",
    "bd8e3b2f46c1f125fc5e8682dc81cf79f38e0d0e23ca96a2e4b491af6709b336",
    "3f24afb6954c4465b3d507a97ad74dd304c897ba51460ba27893fc655ba404f8",
    "999c082dea9f5bbe00000000",
);

/// vlmcsd's V4 RESPONSE PDU (§7.2).
const V4_RESPONSE_PDU: &str = concat!(
    "0500020310000000c800000003000000b000000000000000a000000000000200",
    "a00000000000040064000000300033003600310032002d003000300032003000",
    "36002d003500360032002d003700360030003100340032002d00300033002d00",
    "31003100300032002d00310034003300390033002e0030003000300030002d00",
    "3200380031003200300032003500000011111111222233438444555555555555",
    "006836136c7bdd013200000078000000602700002cad654f918be6149fb9ee86",
    "b1eab60600000000",
);

const CALL_ID: u32 = 3;
const REQUEST_IV: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const EPID: &str = "03612-00206-562-760142-03-1102-14393.0000-2812025";

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex vector"))
        .collect()
}

fn vector_request(version: ProtocolVersion) -> ActivationRequest {
    ActivationRequest {
        version,
        is_virtual_machine: false,
        license_status: 2,
        grace_minutes: 43_200,
        application_id: uuid!("55c92734-d682-4d71-983e-d6ec3f16059f"),
        sku_id: uuid!("73111121-5638-40f6-bc11-f1d7b0d64300"),
        kms_counted_id: uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"),
        client_machine_id: uuid!("11111111-2222-4333-8444-555555555555"),
        required_count: RequiredCount::TwentyFive,
        client_time: 134_399_268_000_000_000,
        previous_client_machine_id: Uuid::nil(),
        workstation_name: "probe.example.test".to_owned(),
    }
}

/// The KMS response inside a RESPONSE PDU.
fn kms_of(pdu: &[u8]) -> Vec<u8> {
    match rpc::decode_call_reply(pdu, CALL_ID, 0).expect("vector PDU") {
        CallReply::Success(kms) => kms.to_vec(),
        other => panic!("expected a success stub, got {other:?}"),
    }
}

fn bench_codecs(c: &mut Criterion) {
    // The vectors must hold, or the numbers below measure error paths.
    let v6 = vector_request(ProtocolVersion::V6);
    let encoded_v6 = encode_request(&v6, REQUEST_IV);
    let pdu = rpc::encode_request(CALL_ID, 0, encoded_v6.bytes()).expect("request PDU");
    assert_eq!(pdu, hex(V6_REQUEST_PDU), "V6 request vector");
    let v6_response_pdu = hex(V6_RESPONSE_PDU);
    decode_response(&encoded_v6, &kms_of(&v6_response_pdu)).expect("V6 vector verifies");
    let encoded_v4 = encode_request(&vector_request(ProtocolVersion::V4), REQUEST_IV);
    let v4_response_pdu = hex(V4_RESPONSE_PDU);
    decode_response(&encoded_v4, &kms_of(&v4_response_pdu)).expect("V4 vector verifies");
    let bind_ack = hex(BIND_ACK_VLMCSD);
    rpc::decode_bind_reply(&bind_ack, 2, BindOffer::Ndr32Btfn).expect("BIND_ACK vector");

    let mut group = c.benchmark_group("codecs");
    group.bench_function("rpc_bind_encode_decode", |b| {
        b.iter(|| {
            let bind = rpc::encode_bind(black_box(2), BindOffer::Ndr32Btfn);
            black_box(bind);
            black_box(rpc::decode_bind_reply(
                black_box(&bind_ack),
                2,
                BindOffer::Ndr32Btfn,
            ))
        })
    });
    for (label, version) in [
        ("v6_request_encode", ProtocolVersion::V6),
        ("v5_request_encode", ProtocolVersion::V5),
        ("v4_request_encode", ProtocolVersion::V4),
    ] {
        let request = vector_request(version);
        group.bench_function(label, |b| {
            b.iter(|| {
                let encoded = encode_request(black_box(&request), REQUEST_IV);
                black_box(rpc::encode_request(CALL_ID, 0, encoded.bytes()))
            })
        });
    }
    group.bench_function("v6_response_decode_verify", |b| {
        b.iter(|| {
            let kms = match rpc::decode_call_reply(black_box(&v6_response_pdu), CALL_ID, 0) {
                Ok(CallReply::Success(kms)) => kms,
                _ => unreachable!("checked above"),
            };
            black_box(decode_response(&encoded_v6, kms))
        })
    });
    group.bench_function("v4_response_decode_verify", |b| {
        b.iter(|| {
            let kms = match rpc::decode_call_reply(black_box(&v4_response_pdu), CALL_ID, 0) {
                Ok(CallReply::Success(kms)) => kms,
                _ => unreachable!("checked above"),
            };
            black_box(decode_response(&encoded_v4, kms))
        })
    });
    group.bench_function("epid_parse", |b| {
        b.iter(|| black_box(Epid::parse(black_box(EPID))))
    });
    group.bench_function("sntp_encode_decode", |b| {
        let transmit = NtpTimestamp(0xE93C_7F80_DEAD_BEEF);
        b.iter(|| {
            let request = sntp::encode_request(black_box(transmit));
            let mut reply = request;
            reply[0] = 0x24;
            reply[1] = 2;
            reply[24..32].copy_from_slice(&transmit.0.to_be_bytes());
            black_box(sntp::decode_reply(&reply))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_codecs);
criterion_main!(benches);
