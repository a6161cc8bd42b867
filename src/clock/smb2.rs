//! SMB2 NEGOTIATE as a clock source (`docs/protocol.md` §3.5, "SMB2 NEGOTIATE (TCP 445),
//! recommended").
//!
//! One unauthenticated round trip: the NEGOTIATE response carries the server's `SystemTime` as a
//! FILETIME (100-ns units). Every Windows KMS host has SMB on 445, where NTP is often off.
//!
//! The codec is pure: [`encode_negotiate_request`] and [`decode_negotiate_response`] work on the
//! whole TCP payload, NetBIOS session header included. [`measure`] does the TCP exchange.

use std::net::SocketAddr;
use std::time::{Duration, SystemTime};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::Instant;

use super::{ClockError, ClockMeasurement, DecodeError, FileTime, duration_nanos, unix_nanos};
use crate::wire::Reader;

/// NetBIOS session header in front of every SMB message on TCP 445: type byte 0x00 (session
/// message) and a 24-bit big-endian length (docs/protocol.md §3.5, MS-SMB2 2.1).
pub const NETBIOS_HEADER_LEN: usize = 4;

/// Fixed SMB2 header length; also the header's StructureSize.
pub const SMB2_HEADER_LEN: usize = 64;

/// Largest response [`measure`] reads. A NEGOTIATE response is the 64-byte header, a 64-byte body
/// and a security blob of a few hundred bytes; the cap stops a hostile or confused peer from making
/// the exporter allocate up to the 16 MiB a NetBIOS length allows.
pub const MAX_RESPONSE_LEN: usize = 64 * 1024;

/// Dialects offered: SMB 2.0.2, 2.1, 3.0, 3.0.2. 3.1.1 is left out because offering it obliges
/// the request to carry negotiate contexts (docs/protocol.md §3.5).
pub const DIALECTS: [u16; 4] = [0x0202, 0x0210, 0x0300, 0x0302];

const PROTOCOL_ID_SMB2: [u8; 4] = [0xFE, b'S', b'M', b'B'];
const PROTOCOL_ID_SMB1: [u8; 4] = [0xFF, b'S', b'M', b'B'];
const NETBIOS_SESSION_MESSAGE: u8 = 0x00;
const COMMAND_NEGOTIATE: u16 = 0;
/// SMB2_FLAGS_SERVER_TO_REDIR: set on every response.
const FLAG_SERVER_TO_REDIR: u32 = 0x0000_0001;
/// SMB2_NEGOTIATE_SIGNING_ENABLED: the usual client value (docs/protocol.md §3.5: SecurityMode 1).
const SECURITY_MODE_SIGNING_ENABLED: u16 = 0x0001;
const NEGOTIATE_REQUEST_STRUCTURE_SIZE: u16 = 36;
/// 64 fixed bytes plus one for the variable-length security buffer, as MS-SMB2 counts it.
const NEGOTIATE_RESPONSE_STRUCTURE_SIZE: u16 = 65;
/// Fixed part of the response body: everything up to the security buffer.
const NEGOTIATE_RESPONSE_FIXED_LEN: usize = 64;

/// What a NEGOTIATE response tells about the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NegotiateResponse {
    /// Signing enabled/required bits.
    pub security_mode: u16,
    /// Dialect the server chose from our list.
    pub dialect: u16,
    /// Stable per server; useful to tell two names of one host apart.
    pub server_guid: [u8; 16],
    /// SMB2_GLOBAL_CAP_* bits.
    pub capabilities: u32,
    /// The server's clock when it built the response: what this module exists to read.
    pub system_time: FileTime,
    /// When the SMB server started; 0 on Samba and often on current Windows
    /// (docs/protocol.md §3.5).
    pub server_start_time: FileTime,
}

/// Encodes a NEGOTIATE request offering [`DIALECTS`], NetBIOS session header included
/// (docs/protocol.md §3.5). `client_guid` should be random per request: MS-SMB2 requires a client
/// GUID once any dialect above 2.0.2 is offered.
pub fn encode_negotiate_request(client_guid: [u8; 16]) -> Vec<u8> {
    let mut smb2 = Vec::with_capacity(SMB2_HEADER_LEN + 36 + 2 * DIALECTS.len());
    // Header (MS-SMB2 2.2.1.2): everything zero apart from the id, size, command and credits.
    smb2.extend_from_slice(&PROTOCOL_ID_SMB2);
    smb2.extend_from_slice(&(SMB2_HEADER_LEN as u16).to_le_bytes());
    smb2.extend_from_slice(&0u16.to_le_bytes()); // CreditCharge: must be 0 before 2.1
    smb2.extend_from_slice(&0u32.to_le_bytes()); // ChannelSequence/Status
    smb2.extend_from_slice(&COMMAND_NEGOTIATE.to_le_bytes());
    smb2.extend_from_slice(&1u16.to_le_bytes()); // CreditRequest
    smb2.extend_from_slice(&0u32.to_le_bytes()); // Flags
    smb2.extend_from_slice(&0u32.to_le_bytes()); // NextCommand
    smb2.extend_from_slice(&0u64.to_le_bytes()); // MessageId: the first message is 0
    smb2.extend_from_slice(&0u32.to_le_bytes()); // Reserved
    smb2.extend_from_slice(&0u32.to_le_bytes()); // TreeId
    smb2.extend_from_slice(&0u64.to_le_bytes()); // SessionId
    smb2.extend_from_slice(&[0u8; 16]); // Signature
    // NEGOTIATE body (MS-SMB2 2.2.3).
    smb2.extend_from_slice(&NEGOTIATE_REQUEST_STRUCTURE_SIZE.to_le_bytes());
    smb2.extend_from_slice(&(DIALECTS.len() as u16).to_le_bytes());
    smb2.extend_from_slice(&SECURITY_MODE_SIGNING_ENABLED.to_le_bytes());
    smb2.extend_from_slice(&0u16.to_le_bytes()); // Reserved
    smb2.extend_from_slice(&0u32.to_le_bytes()); // Capabilities
    smb2.extend_from_slice(&client_guid);
    smb2.extend_from_slice(&0u64.to_le_bytes()); // ClientStartTime
    for dialect in DIALECTS {
        smb2.extend_from_slice(&dialect.to_le_bytes());
    }

    let mut message = Vec::with_capacity(NETBIOS_HEADER_LEN + smb2.len());
    message.push(NETBIOS_SESSION_MESSAGE);
    // The request is 108 bytes; only the low three bytes of the length go on the wire.
    message.extend_from_slice(&(smb2.len() as u32).to_be_bytes()[1..]);
    message.extend_from_slice(&smb2);
    message
}

/// Reads the NetBIOS session header: the length of the SMB message that follows. Rejects other
/// NetBIOS packet types and anything longer than [`MAX_RESPONSE_LEN`], before it is read.
pub fn netbios_message_len(header: [u8; NETBIOS_HEADER_LEN]) -> Result<usize, DecodeError> {
    let [kind, high, middle, low] = header;
    if kind != NETBIOS_SESSION_MESSAGE {
        return Err(DecodeError::NotNetBiosSession(kind));
    }
    let len = usize::from(high) << 16 | usize::from(middle) << 8 | usize::from(low);
    if len > MAX_RESPONSE_LEN {
        return Err(DecodeError::MessageTooLarge {
            len,
            max: MAX_RESPONSE_LEN,
        });
    }
    Ok(len)
}

/// Decodes a NEGOTIATE response: exactly one NetBIOS-framed SMB2 message, as read from TCP 445.
///
/// Checks, in order: NetBIOS framing, protocol id (`FF 'S' 'M' 'B'` gets its own error: an
/// SMB1-only server), header StructureSize 64, command NEGOTIATE, the response flag, Status 0 (an
/// error response has no SystemTime), body StructureSize 65, and a non-zero SystemTime
/// (docs/protocol.md §3.5).
pub fn decode_negotiate_response(payload: &[u8]) -> Result<NegotiateResponse, DecodeError> {
    let header: [u8; NETBIOS_HEADER_LEN] = Reader::new(payload).array(0)?;
    let declared = netbios_message_len(header)?;
    let message = payload.get(NETBIOS_HEADER_LEN..).unwrap_or_default();
    if message.len() != declared {
        return Err(DecodeError::LengthMismatch {
            declared,
            actual: message.len(),
        });
    }

    let fields = Reader::new(message);
    let protocol_id: [u8; 4] = fields.array(0)?;
    if protocol_id == PROTOCOL_ID_SMB1 {
        return Err(DecodeError::Smb1Reply);
    }
    if protocol_id != PROTOCOL_ID_SMB2 {
        return Err(DecodeError::NotSmb2(protocol_id));
    }
    // Header fields (MS-SMB2 2.2.1.1): StructureSize @4, Status @8, Command @12, Flags @16.
    let header_size = fields.u16_le(4)?;
    if usize::from(header_size) != SMB2_HEADER_LEN {
        return Err(DecodeError::BadStructureSize {
            structure: "SMB2 header",
            expected: SMB2_HEADER_LEN as u16,
            got: header_size,
        });
    }
    let command = fields.u16_le(12)?;
    if command != COMMAND_NEGOTIATE {
        return Err(DecodeError::UnexpectedCommand(command));
    }
    if fields.u32_le(16)? & FLAG_SERVER_TO_REDIR == 0 {
        return Err(DecodeError::NotAResponse);
    }
    let status = fields.u32_le(8)?;
    if status != 0 {
        return Err(DecodeError::ErrorStatus(status));
    }

    let body = message.get(SMB2_HEADER_LEN..).unwrap_or_default();
    if body.len() < NEGOTIATE_RESPONSE_FIXED_LEN {
        return Err(DecodeError::Truncated {
            needed: NETBIOS_HEADER_LEN + SMB2_HEADER_LEN + NEGOTIATE_RESPONSE_FIXED_LEN,
            got: payload.len(),
        });
    }
    let body = Reader::new(body);
    let body_size = body.u16_le(0)?;
    if body_size != NEGOTIATE_RESPONSE_STRUCTURE_SIZE {
        return Err(DecodeError::BadStructureSize {
            structure: "NEGOTIATE response",
            expected: NEGOTIATE_RESPONSE_STRUCTURE_SIZE,
            got: body_size,
        });
    }
    // Body offsets from docs/protocol.md §3.5: SecurityMode @2, DialectRevision @4, ServerGuid @8,
    // Capabilities @24, SystemTime @40, ServerStartTime @48.
    let system_time = FileTime(body.u64_le(40)?);
    if system_time == FileTime(0) {
        return Err(DecodeError::ZeroSystemTime);
    }
    Ok(NegotiateResponse {
        security_mode: body.u16_le(2)?,
        dialect: body.u16_le(4)?,
        server_guid: body.array(8)?,
        capabilities: body.u32_le(24)?,
        system_time,
        server_start_time: FileTime(body.u64_le(48)?),
    })
}

/// Offset of a server clock reading from the local clock: θ = SystemTime − (t_send + t_recv) / 2
/// (docs/protocol.md §3.5). `sent` is the wall-clock send time and `rtt` the monotonic time until
/// the reply's first bytes, so a local clock step during the exchange cannot distort the midpoint.
pub fn offset_seconds(system_time: FileTime, sent: SystemTime, rtt: Duration) -> f64 {
    let midpoint = unix_nanos(sent) + duration_nanos(rtt) / 2;
    (system_time.unix_nanos() - midpoint) as f64 / 1e9
}

/// Reads `server`'s clock with one SMB2 NEGOTIATE. The whole call, connect included, takes at
/// most `timeout`.
pub async fn measure(
    server: SocketAddr,
    timeout: Duration,
) -> Result<ClockMeasurement, ClockError> {
    tokio::time::timeout(timeout, exchange(server))
        .await
        .unwrap_or(Err(ClockError::Timeout(timeout)))
}

async fn exchange(server: SocketAddr) -> Result<ClockMeasurement, ClockError> {
    let mut client_guid = [0u8; 16];
    getrandom::fill(&mut client_guid).map_err(std::io::Error::other)?;
    let request = encode_negotiate_request(client_guid);

    let mut stream = TcpStream::connect(server).await?;
    // The request is one small segment; do not let Nagle hold it back and inflate the RTT.
    stream.set_nodelay(true)?;
    let sent = SystemTime::now();
    let sent_at = Instant::now();
    stream.write_all(&request).await?;

    let mut header = [0u8; NETBIOS_HEADER_LEN];
    read_full(&mut stream, &mut header, 0).await?;
    // The server stamped SystemTime just before sending; the first bytes' arrival is the closest
    // local reading to that moment.
    let rtt = sent_at.elapsed();
    let len = netbios_message_len(header)?;
    let mut payload = vec![0u8; NETBIOS_HEADER_LEN + len];
    payload[..NETBIOS_HEADER_LEN].copy_from_slice(&header);
    read_full(
        &mut stream,
        &mut payload[NETBIOS_HEADER_LEN..],
        NETBIOS_HEADER_LEN,
    )
    .await?;
    let response = decode_negotiate_response(&payload)?;

    Ok(ClockMeasurement {
        offset: offset_seconds(response.system_time, sent, rtt),
        rtt: rtt.as_secs_f64(),
        stratum: None,
        leap: None,
    })
}

/// Fills `buffer`; a peer that closes early gave a truncated reply, which is a bad reply, not an
/// I/O failure. `already` is how many bytes of the payload came before `buffer`, for the error.
async fn read_full(
    stream: &mut (impl AsyncRead + Unpin),
    buffer: &mut [u8],
    already: usize,
) -> Result<(), ClockError> {
    let mut filled = 0;
    while let Some(rest) = buffer.get_mut(filled..).filter(|rest| !rest.is_empty()) {
        let read = stream.read(rest).await?;
        if read == 0 {
            return Err(DecodeError::Truncated {
                needed: already + buffer.len(),
                got: already + filled,
            }
            .into());
        }
        filled += read;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::time::UNIX_EPOCH;

    const GUID: [u8; 16] = [
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE,
        0xFF,
    ];

    /// 2024-01-01 00:00:00 UTC as FILETIME: (1704067200 + 11644473600) × 10^7.
    const JAN_2024: u64 = 133_485_408_000_000_000;

    #[test]
    fn request_bytes() {
        #[rustfmt::skip]
        let expected: Vec<u8> = [
            // NetBIOS session message, length 108 (64 header + 36 body + 4 dialects × 2)
            &[0x00, 0x00, 0x00, 0x6C][..],
            // SMB2 header
            &[0xFE, b'S', b'M', b'B'],           // ProtocolId
            &[0x40, 0x00],                       // StructureSize 64
            &[0x00, 0x00],                       // CreditCharge
            &[0x00, 0x00, 0x00, 0x00],           // ChannelSequence/Status
            &[0x00, 0x00],                       // Command NEGOTIATE
            &[0x01, 0x00],                       // CreditRequest 1
            &[0x00, 0x00, 0x00, 0x00],           // Flags
            &[0x00, 0x00, 0x00, 0x00],           // NextCommand
            &[0x00; 8],                          // MessageId
            &[0x00; 4],                          // Reserved
            &[0x00; 4],                          // TreeId
            &[0x00; 8],                          // SessionId
            &[0x00; 16],                         // Signature
            // NEGOTIATE request body
            &[0x24, 0x00],                       // StructureSize 36
            &[0x04, 0x00],                       // DialectCount 4
            &[0x01, 0x00],                       // SecurityMode: signing enabled
            &[0x00, 0x00],                       // Reserved
            &[0x00, 0x00, 0x00, 0x00],           // Capabilities
            &GUID,                               // ClientGuid
            &[0x00; 8],                          // ClientStartTime
            &[0x02, 0x02, 0x10, 0x02, 0x00, 0x03, 0x02, 0x03], // 2.0.2, 2.1, 3.0, 3.0.2
        ]
        .concat();
        assert_eq!(expected.len(), 112);
        assert_eq!(encode_negotiate_request(GUID), expected);
    }

    #[test]
    fn offset_from_midpoint() {
        // Sent at 2024-01-01 00:00:00 local, reply after 200 ms, server stamped 00:30:00.1:
        // the midpoint is 00:00:00.1, so the host is exactly 30 min ahead.
        let sent = UNIX_EPOCH + Duration::from_secs(1_704_067_200);
        let server = FileTime(JAN_2024 + 1_800 * 10_000_000 + 1_000_000);
        assert_eq!(
            offset_seconds(server, sent, Duration::from_millis(200)),
            1800.0
        );
        // Host 30 min behind.
        let server = FileTime(JAN_2024 - 1_800 * 10_000_000 + 1_000_000);
        assert_eq!(
            offset_seconds(server, sent, Duration::from_millis(200)),
            -1800.0
        );
    }

    proptest! {
        #[test]
        fn decoder_never_panics_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = decode_negotiate_response(&bytes);
        }

        #[test]
        fn netbios_length_is_capped(header in any::<[u8; 4]>()) {
            if let Ok(len) = netbios_message_len(header) {
                prop_assert!(len <= MAX_RESPONSE_LEN);
            }
        }

        #[test]
        fn offset_never_panics(time in any::<u64>(), nanos in any::<u64>(), secs in any::<u64>()) {
            let sent = UNIX_EPOCH.checked_add(Duration::from_nanos(nanos)).unwrap_or(UNIX_EPOCH);
            let offset = offset_seconds(FileTime(time), sent, Duration::from_secs(secs));
            prop_assert!(offset.is_finite());
        }
    }
}
