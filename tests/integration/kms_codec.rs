//! The KMS codecs (`src/kms/rpc.rs`, `src/kms/message.rs`) against the server side in
//! `kms_exporter_testkit::encode`: the encoders reproduce what vlmcsd sent (`docs/protocol.md`
//! §7.2, §4.1) byte for byte, and the response verifier accepts and rejects what they build.

use kms_exporter::kms::crypto::{self, AesVariant, Block};
use kms_exporter::kms::rpc::{ContextOutcome, NDR32_SYNTAX};
use kms_exporter::kms::{
    ActivationRequest, EncodedRequest, ProtocolVersion, RequiredCount, ResponseError,
    decode_response, encode_request,
};
use kms_exporter_testkit::encode;

/// The byte vectors and fixed inputs of docs/protocol.md §7.2 and §4.1, the file the library's unit
/// tests use. The fuzz harness that `fuzz_corpus` includes carries its own copy of the module; both
/// are constants and functions over the one `kms_exporter` crate, so the two cannot disagree.
#[path = "../../src/kms/test_vectors.rs"]
#[allow(dead_code, clippy::duplicate_mod)]
mod v;

use v::{bytes, hex};

fn encoded(version: ProtocolVersion) -> EncodedRequest {
    encode_request(&v::request(version), v::REQUEST_IV)
}

/// A base response (docs/protocol.md §3.1) echoing the request of docs/protocol.md §7.2, with
/// vlmcsd's default intervals.
fn base_response(version: ProtocolVersion, epid: &str, count: u32) -> Vec<u8> {
    encode::kms::BaseResponse {
        version,
        epid,
        client_machine_id: v::CLIENT_MACHINE_ID,
        client_time: v::CLIENT_TIME,
        current_count: count,
        activation_interval_minutes: 120,
        renewal_interval_minutes: 10_080,
    }
    .encode()
}

/// A V5 or V6 response to `request` around `base` (docs/protocol.md §3.3), the V6 HMAC keyed with
/// `hmac_key`.
fn v5_v6_response_keyed(
    request: &EncodedRequest,
    response_iv: Block,
    random: Block,
    base: &[u8],
    hmac_key: Block,
) -> Vec<u8> {
    match request.version() {
        ProtocolVersion::V5 => {
            let body = encode::kms::v5_body(base, request.decrypted_iv(), random);
            encode::kms::encrypt_response(AesVariant::V5, response_iv, &body)
        }
        ProtocolVersion::V6 => {
            let trailer = encode::kms::V6Trailer {
                hwid: v::HWID,
                response_iv,
                hmac_key,
            };
            let body = encode::kms::v6_body(base, request.decrypted_iv(), random, &trailer);
            encode::kms::encrypt_response(AesVariant::V6, response_iv, &body)
        }
        ProtocolVersion::V4 => panic!("V4 responses are not encrypted"),
    }
}

/// [`v5_v6_response_keyed`] with the HMAC key of the echoed time, as a genuine host keys it.
fn build_v5_v6_response(
    request: &EncodedRequest,
    response_iv: Block,
    random: Block,
    base: &[u8],
) -> Vec<u8> {
    let key = crypto::hmac_key(request.client_time());
    v5_v6_response_keyed(request, response_iv, random, base, key)
}

// ------------------------------------------------------------------ the encoders, byte for byte

#[test]
fn bind_ack_and_nak_are_vlmcsd_s() {
    let results = [
        ContextOutcome::Accepted {
            transfer_syntax: NDR32_SYNTAX,
            version: 2,
        },
        ContextOutcome::NegotiateAck { features: 3 },
    ];
    assert_eq!(
        encode::rpc::bind_ack(v::BIND_CALL_ID, 0xb5de_5c80, "11688", &results),
        bytes(v::BIND_ACK_VLMCSD)
    );
    assert_eq!(
        encode::rpc::bind_nak(v::BIND_CALL_ID, 4),
        hex("05000d0310000000140000000200000004000000")
    );
}

#[test]
fn refusals_and_faults_are_vlmcsd_s() {
    for (vector, hresult) in [
        (v::REFUSAL_KMS_ID, 0xC004_F042),
        (v::REFUSAL_CLOCK_SKEW, 0xC004_F06C),
        (v::REFUSAL_BAD_VERSION, 0x8007_000D),
    ] {
        assert_eq!(
            encode::rpc::refusal(v::REQUEST_CALL_ID, 0, hresult),
            hex(vector)
        );
    }
    // vlmcsd leaves cancel_count and the reserved byte uninitialised (docs/protocol.md §1.7); the
    // encoder zeroes them.
    assert_eq!(
        encode::rpc::fault(2, 0x1C01_0003),
        hex("05000323100000002000000002000000 20000000 0000 00 00 0300011c 00000000")
    );
}

#[test]
fn v4_response_is_vlmcsd_s() {
    let kms = encode::kms::v4_response(&base_response(ProtocolVersion::V4, v::EPID, 50));
    assert_eq!(
        encode::rpc::response(v::REQUEST_CALL_ID, 0, &kms),
        bytes(v::V4_RESPONSE_PDU)
    );
}

#[test]
fn v6_response_is_vlmcsd_s_given_its_random_values() {
    let vlmcsd = bytes(v::V6_RESPONSE_PDU);
    // vlmcsd's random choices: the response IV, after the 24-byte RESPONSE header, the 12-byte
    // stub prefix and the version, and R (the intermediate values of docs/protocol.md §7.2).
    let response_iv: Block = vlmcsd[40..56].try_into().unwrap();
    let random: Block = hex("e5854c6f247c45bd88ed8466c610741a").try_into().unwrap();
    let base = base_response(ProtocolVersion::V6, v::EPID, 50);
    let kms = build_v5_v6_response(&encoded(ProtocolVersion::V6), response_iv, random, &base);
    assert_eq!(encode::rpc::response(v::REQUEST_CALL_ID, 0, &kms), vlmcsd);
}

// ------------------------------------------------------- the verifier on host-built responses

#[test]
fn v5_exchange_round_trips() {
    let request = encoded(ProtocolVersion::V5);
    let base = base_response(ProtocolVersion::V5, v::EPID, 10);
    let kms = build_v5_v6_response(&request, request.iv(), [0x42; 16], &base);
    assert_eq!(kms.len(), 228);
    let response = decode_response(&request, &kms).unwrap();
    assert_eq!(response.version, ProtocolVersion::V5);
    assert_eq!(response.epid, v::EPID);
    assert_eq!(response.current_count, 10);
    assert_eq!(response.hwid, None);
    assert_eq!(response.hmac_slot, None);

    // Consistent otherwise, but not the request IV (docs/protocol.md §3.3 step 5).
    let other_iv = build_v5_v6_response(&request, [1; 16], [0x42; 16], &base);
    assert_eq!(
        decode_response(&request, &other_iv),
        Err(ResponseError::IvMismatch)
    );
}

#[test]
fn v6_hmac_from_a_neighbouring_slot_is_reported() {
    let request = encoded(ProtocolVersion::V6);
    let base = base_response(ProtocolVersion::V6, v::EPID, 3);
    let response_iv = [7; 16];
    let kms = build_v5_v6_response(&request, response_iv, [5; 16], &base);
    assert_eq!(decode_response(&request, &kms).unwrap().hmac_slot, Some(0));

    // Rebuilt with the key of slot + 1, as a host keyed from a clock ~4 h ahead would.
    let key = crypto::hmac_key_for_slot(crypto::hmac_slot(v::CLIENT_TIME) + 1);
    let rebuilt = v5_v6_response_keyed(&request, response_iv, [5; 16], &base, key);
    assert_eq!(
        decode_response(&request, &rebuilt).unwrap().hmac_slot,
        Some(1)
    );
}

#[test]
fn v6_response_reusing_the_request_iv_is_its_own_error() {
    let request = encoded(ProtocolVersion::V6);
    let base = base_response(ProtocolVersion::V6, v::EPID, 3);
    let kms = build_v5_v6_response(&request, request.iv(), [5; 16], &base);
    assert_eq!(
        decode_response(&request, &kms),
        Err(ResponseError::IvReused)
    );
}

#[test]
fn epid_rules() {
    let request = encoded(ProtocolVersion::V6);
    let check = |base: Vec<u8>| {
        let kms = build_v5_v6_response(&request, [7; 16], [5; 16], &base);
        decode_response(&request, &kms)
    };
    let mut base = base_response(ProtocolVersion::V6, "ab", 3);
    base[8..10].copy_from_slice(&[0, 0]);
    assert_eq!(check(base), Err(ResponseError::EpidTermination));
    let mut base = base_response(ProtocolVersion::V6, "ab", 3);
    base[12..14].copy_from_slice(&[b'c', 0]);
    assert_eq!(check(base), Err(ResponseError::EpidTermination));
    let mut base = base_response(ProtocolVersion::V6, "ab", 3);
    base[8..10].copy_from_slice(&0xD800u16.to_le_bytes());
    assert_eq!(check(base), Err(ResponseError::EpidEncoding));
    let long = "1".repeat(64);
    assert_eq!(
        check(base_response(ProtocolVersion::V6, &long, 3)),
        Err(ResponseError::EpidLength(130))
    );
    assert!(check(base_response(ProtocolVersion::V6, &"1".repeat(63), 3)).is_ok());
    let mut base = base_response(ProtocolVersion::V6, "ab", 3);
    base[4] = 5;
    assert_eq!(check(base), Err(ResponseError::EpidLength(5)));
}

#[test]
fn v4_epid_with_even_characters_pads_the_stub() {
    // A 4-digit build gives an even-length ePID, P ≡ 2 (mod 4), so 2 NDR pad bytes
    // (docs/protocol.md §1.6).
    let epid = "06401-00206-271-111111-03-1033-9600.0000-3652013";
    let kms = encode::kms::v4_response(&base_response(ProtocolVersion::V4, epid, 50));
    assert_eq!(kms.len() % 4, 2);
    let response = decode_response(&encoded(ProtocolVersion::V4), &kms).unwrap();
    assert_eq!(response.epid, epid);
    let mut tampered = kms.clone();
    tampered[20] ^= 1;
    assert_eq!(
        decode_response(&encoded(ProtocolVersion::V4), &tampered),
        Err(ResponseError::Mac)
    );
    assert_eq!(
        decode_response(&encoded(ProtocolVersion::V4), &kms[..kms.len() - 1]),
        Err(ResponseError::Length(kms.len() - 1))
    );
}
