//! What a server answers to an SMB2 NEGOTIATE request on TCP 445, NetBIOS framing included
//! (`docs/protocol.md` §3.5; MS-SMB2 2.1, 2.2.1.2, 2.2.2, 2.2.4).

/// SMB2 NEGOTIATE response fields that vary between tests. The rest is what Windows sends:
/// dialect 3.0.2, signing enabled, capabilities 0x2F, 8 MiB transfer sizes, no ServerStartTime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NegotiateResponse<'a> {
    /// NTSTATUS in the header; anything but 0 makes a malformed error response.
    pub status: u32,
    pub server_guid: [u8; 16],
    /// The server's clock as a FILETIME: what the exporter reads.
    pub system_time: u64,
    /// The security buffer (a SPNEGO token on Windows); its contents are never looked at.
    pub security_blob: &'a [u8],
}

const HEADER_LEN: u16 = 64;
const NEGOTIATE_BODY_LEN: u16 = 64;

impl NegotiateResponse<'_> {
    /// The NetBIOS-framed response.
    pub fn encode(&self) -> Vec<u8> {
        let blob_len = u16::try_from(self.security_blob.len()).expect("a short security blob");
        let mut smb = header(self.status);
        smb.extend_from_slice(&65u16.to_le_bytes()); // StructureSize: 64 + 1 for the buffer
        smb.extend_from_slice(&1u16.to_le_bytes()); // SecurityMode: signing enabled
        smb.extend_from_slice(&0x0302u16.to_le_bytes()); // DialectRevision: SMB 3.0.2
        smb.extend_from_slice(&0u16.to_le_bytes()); // NegotiateContextCount
        smb.extend_from_slice(&self.server_guid); // ServerGuid
        smb.extend_from_slice(&0x2Fu32.to_le_bytes()); // Capabilities
        smb.extend_from_slice(&0x0080_0000u32.to_le_bytes()); // MaxTransactSize: 8 MiB
        smb.extend_from_slice(&0x0080_0000u32.to_le_bytes()); // MaxReadSize
        smb.extend_from_slice(&0x0080_0000u32.to_le_bytes()); // MaxWriteSize
        smb.extend_from_slice(&self.system_time.to_le_bytes()); // SystemTime
        smb.extend_from_slice(&0u64.to_le_bytes()); // ServerStartTime
        smb.extend_from_slice(&(HEADER_LEN + NEGOTIATE_BODY_LEN).to_le_bytes()); // SecurityBufferOffset
        smb.extend_from_slice(&blob_len.to_le_bytes()); // SecurityBufferLength
        smb.extend_from_slice(&0u32.to_le_bytes()); // NegotiateContextOffset
        smb.extend_from_slice(self.security_blob); // Buffer
        session_message(&smb)
    }
}

/// An SMB2 ERROR response to NEGOTIATE with `status`, NetBIOS-framed: the header and a 9-byte
/// body.
pub fn error_response(status: u32) -> Vec<u8> {
    let mut smb = header(status);
    smb.extend_from_slice(&9u16.to_le_bytes()); // StructureSize
    smb.push(0); // ErrorContextCount
    smb.push(0); // Reserved
    smb.extend_from_slice(&0u32.to_le_bytes()); // ByteCount
    smb.push(0); // ErrorData: one byte even when empty
    session_message(&smb)
}

/// What an SMB1-only server answers, NetBIOS-framed: an SMB1 NEGOTIATE (0x72) reply failing with
/// STATUS_NOT_SUPPORTED, with no parameter words and no data bytes.
pub fn smb1_reply() -> Vec<u8> {
    let mut smb = vec![0xFF, b'S', b'M', b'B']; // Protocol
    smb.push(0x72); // Command: NEGOTIATE
    smb.extend_from_slice(&0xC000_00BBu32.to_le_bytes()); // Status: STATUS_NOT_SUPPORTED
    smb.push(0x98); // Flags: reply, case-insensitive, canonicalized paths
    smb.extend_from_slice(&0xC853u16.to_le_bytes()); // Flags2
    smb.extend_from_slice(&[0; 20]); // PIDHigh, SecurityFeatures, Reserved, TID, PIDLow, UID, MID
    smb.push(0); // WordCount
    smb.extend_from_slice(&0u16.to_le_bytes()); // ByteCount
    session_message(&smb)
}

/// `message` behind a NetBIOS session header: type 0x00 and a 24-bit big-endian length.
///
/// # Panics
///
/// When `message` is longer than 24 bits can say.
pub fn session_message(message: &[u8]) -> Vec<u8> {
    let len = u32::try_from(message.len())
        .ok()
        .filter(|len| *len < 1 << 24)
        .expect("a NetBIOS message fits 24 bits");
    let mut payload = Vec::with_capacity(4 + message.len());
    payload.push(0x00); // session message
    payload.extend_from_slice(&len.to_be_bytes()[1..]); // length
    payload.extend_from_slice(message);
    payload
}

/// The 64-byte SMB2 header of a response to NEGOTIATE with `status`.
fn header(status: u32) -> Vec<u8> {
    let mut header = Vec::with_capacity(usize::from(HEADER_LEN));
    header.extend_from_slice(&[0xFE, b'S', b'M', b'B']); // ProtocolId
    header.extend_from_slice(&HEADER_LEN.to_le_bytes()); // StructureSize
    header.extend_from_slice(&1u16.to_le_bytes()); // CreditCharge
    header.extend_from_slice(&status.to_le_bytes()); // Status
    header.extend_from_slice(&0u16.to_le_bytes()); // Command: NEGOTIATE
    header.extend_from_slice(&1u16.to_le_bytes()); // CreditResponse
    header.extend_from_slice(&1u32.to_le_bytes()); // Flags: SERVER_TO_REDIR
    header.extend_from_slice(&0u32.to_le_bytes()); // NextCommand
    header.extend_from_slice(&0u64.to_le_bytes()); // MessageId
    header.extend_from_slice(&0u32.to_le_bytes()); // Reserved
    header.extend_from_slice(&0u32.to_le_bytes()); // TreeId
    header.extend_from_slice(&0u64.to_le_bytes()); // SessionId
    header.extend_from_slice(&[0; 16]); // Signature
    header
}
