//! The codecs on a host probe's path (docs/architecture.md §9): the RPC bind every cycle, the V6
//! (and V4) activation request and its fully verified response, the ePID decode, and SNTP.
//!
//! The byte vectors are those of `docs/protocol.md` §7.2 (`src/kms/test_vectors.rs`, included by
//! path since it is test-only in the library): the request encodes byte-exactly to the vector and
//! the vector response verifies.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kms_exporter::clock::NtpTimestamp;
use kms_exporter::clock::sntp;
use kms_exporter::kms::rpc::{self, BindOffer, CallReply};
// ActivationRequest and RequiredCount are what `vectors` names as `super::`.
use kms_exporter::kms::{
    ActivationRequest, Epid, ProtocolVersion, RequiredCount, decode_response, encode_request,
};

/// The vectors of docs/protocol.md §7.2, the same file the library's unit tests use.
#[path = "../src/kms/test_vectors.rs"]
#[allow(dead_code)]
mod vectors;

use vectors::{EPID, REQUEST_CALL_ID as CALL_ID, REQUEST_IV, bytes, request as vector_request};

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
    assert_eq!(pdu, bytes(vectors::V6_REQUEST_PDU), "V6 request vector");
    let v6_response_pdu = bytes(vectors::V6_RESPONSE_PDU);
    decode_response(&encoded_v6, &kms_of(&v6_response_pdu)).expect("V6 vector verifies");
    let encoded_v4 = encode_request(&vector_request(ProtocolVersion::V4), REQUEST_IV);
    let v4_response_pdu = bytes(vectors::V4_RESPONSE_PDU);
    decode_response(&encoded_v4, &kms_of(&v4_response_pdu)).expect("V4 vector verifies");
    let bind_ack = bytes(vectors::BIND_ACK_VLMCSD);
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
