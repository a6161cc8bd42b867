//! The SMB2 NEGOTIATE decoder (`src/clock/smb2.rs`) against responses built by the server side
//! in `kms_exporter_testkit::encode::smb2` (`docs/protocol.md` §3.5).

use std::time::{Duration, UNIX_EPOCH};

use kms_exporter::clock::smb2::{NegotiateResponse, decode_negotiate_response};
use kms_exporter::clock::{DecodeError, FileTime};
use kms_exporter_testkit::encode::smb2 as host;
use proptest::prelude::*;

/// 2024-01-01 00:00:00 UTC as FILETIME: (1704067200 + 11644473600) × 10^7.
const JAN_2024: u64 = 133_485_408_000_000_000;

/// A NEGOTIATE response as Windows would send it, with `system_time` and a 4-byte stand-in
/// for the security blob.
fn response_bytes(system_time: u64) -> Vec<u8> {
    host::NegotiateResponse {
        status: 0,
        server_guid: [
            0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD,
            0xAE, 0xAF,
        ],
        system_time,
        security_blob: &[0x60, 0x02, 0x06, 0x00],
    }
    .encode()
}

#[test]
fn system_time_is_at_byte_108_of_the_payload() {
    let payload = response_bytes(0x0102_0304_0506_0708);
    assert_eq!(&payload[108..116], &[8, 7, 6, 5, 4, 3, 2, 1]);
}

#[test]
fn decodes_known_response() {
    let response = decode_negotiate_response(&response_bytes(JAN_2024)).expect("valid");
    assert_eq!(
        response,
        NegotiateResponse {
            security_mode: 1,
            dialect: 0x0302,
            server_guid: [
                0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD,
                0xAE, 0xAF
            ],
            capabilities: 0x2F,
            system_time: FileTime(JAN_2024),
            server_start_time: FileTime(0),
        }
    );
    assert_eq!(
        response.system_time.to_system_time(),
        Some(UNIX_EPOCH + Duration::from_secs(1_704_067_200))
    );
}

fn decode_error(payload: &[u8]) -> DecodeError {
    decode_negotiate_response(payload).expect_err("must be rejected")
}

#[test]
fn rejects_bad_framing() {
    let good = response_bytes(JAN_2024);
    assert_eq!(
        decode_error(&[]),
        DecodeError::Truncated { needed: 4, got: 0 }
    );
    assert_eq!(
        decode_error(b"HTTP/1.1 400"),
        DecodeError::NotNetBiosSession(b'H')
    );
    assert_eq!(
        decode_error(&[0x00, 0x01, 0x00, 0x01]),
        DecodeError::MessageTooLarge {
            len: 65_537,
            max: 65_536
        }
    );
    assert_eq!(
        decode_error(&good[..good.len() - 1]),
        DecodeError::LengthMismatch {
            declared: good.len() - 4,
            actual: good.len() - 5
        }
    );
    let mut trailing = good.clone();
    trailing.push(0);
    assert!(matches!(
        decode_error(&trailing),
        DecodeError::LengthMismatch { .. }
    ));
}

#[test]
fn rejects_smb1_and_other_protocols() {
    let mut smb1 = response_bytes(JAN_2024);
    smb1[4] = 0xFF;
    assert_eq!(decode_error(&smb1), DecodeError::Smb1Reply);
    let mut other = response_bytes(JAN_2024);
    other[4..8].copy_from_slice(b"RFB ");
    assert_eq!(decode_error(&other), DecodeError::NotSmb2(*b"RFB "));
}

#[test]
fn rejects_bad_header() {
    let mut size = response_bytes(JAN_2024);
    size[8] = 0x41;
    assert!(matches!(
        decode_error(&size),
        DecodeError::BadStructureSize {
            expected: 64,
            got: 65,
            ..
        }
    ));
    let mut command = response_bytes(JAN_2024);
    command[16] = 0x01; // SESSION_SETUP
    assert_eq!(decode_error(&command), DecodeError::UnexpectedCommand(1));
    let mut request = response_bytes(JAN_2024);
    request[20] = 0x00;
    assert_eq!(decode_error(&request), DecodeError::NotAResponse);
    // STATUS_NOT_SUPPORTED, little-endian at header offset 8 = payload 12.
    let mut status = response_bytes(JAN_2024);
    status[12..16].copy_from_slice(&0xC000_00BBu32.to_le_bytes());
    assert_eq!(decode_error(&status), DecodeError::ErrorStatus(0xC000_00BB));
}

#[test]
fn error_response_reports_status_not_truncation() {
    // An SMB2 ERROR response: header plus a 9-byte body, far shorter than a NEGOTIATE body.
    let payload = host::error_response(0xC000_0022); // STATUS_ACCESS_DENIED
    assert_eq!(payload.len(), 4 + 64 + 9);
    assert_eq!(
        decode_error(&payload),
        DecodeError::ErrorStatus(0xC000_0022)
    );
}

#[test]
fn rejects_bad_body() {
    let mut short = response_bytes(JAN_2024)[..4 + 64 + 40].to_vec();
    short[3] = 104;
    assert!(matches!(
        decode_error(&short),
        DecodeError::Truncated { .. }
    ));
    let mut size = response_bytes(JAN_2024);
    size[68] = 0x24;
    assert!(matches!(
        decode_error(&size),
        DecodeError::BadStructureSize {
            expected: 65,
            got: 36,
            ..
        }
    ));
    assert_eq!(
        decode_error(&response_bytes(0)),
        DecodeError::ZeroSystemTime
    );
}

proptest! {
    #[test]
    fn decoder_never_panics_on_mutated_responses(
        flips in proptest::collection::vec((0usize..136, any::<u8>()), 0..8),
        cut in 0usize..=136,
    ) {
        // Mutations of a valid response reach the checks random bytes never get past.
        let mut payload = response_bytes(JAN_2024);
        for (at, value) in flips {
            payload[at] = value;
        }
        payload.truncate(cut);
        let _ = decode_negotiate_response(&payload);
    }
}
