//! DCE/RPC v5 connection-oriented PDUs as a KMS client uses them (`docs/protocol.md` §1).
//!
//! Pure functions on byte buffers: encoders return the PDU, decoders take exactly one whole PDU
//! (as delimited by [`pdu_length`]) and check it the way vlmcs does (docs/protocol.md §1.2, §1.6).

use crate::wire::{Reader, Truncated};

/// Length of the common header of every PDU (`docs/protocol.md` §1.2).
pub const HEADER_LEN: usize = 16;

/// Largest PDU this client accepts. KMS PDUs never exceed about 300 bytes (docs/protocol.md §1.1),
/// so anything bigger is refused before allocating for it.
pub const MAX_PDU_LEN: usize = 4096;

/// max_xmit_frag / max_recv_frag offered in BIND, as vlmcs and py-kms send (docs/protocol.md §1.3).
pub const MAX_FRAG: u16 = 5840;

/// The `KMSServer` interface UUID, wire order (docs/protocol.md §1.3).
pub const KMS_INTERFACE: [u8; 16] = [
    0x75, 0x21, 0xc8, 0x51, 0x4e, 0x84, 0x50, 0x47, 0xb0, 0xd8, 0xec, 0x25, 0x55, 0x55, 0xbc, 0x06,
];
/// NDR32 transfer syntax UUID, wire order (docs/protocol.md §1.3).
pub const NDR32_SYNTAX: [u8; 16] = [
    0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60,
];
/// NDR64 transfer syntax UUID, wire order (docs/protocol.md §1.3).
pub const NDR64_SYNTAX: [u8; 16] = [
    0x33, 0x05, 0x71, 0x71, 0xba, 0xbe, 0x37, 0x49, 0x83, 0x19, 0xb5, 0xdb, 0xef, 0x9c, 0xcc, 0x36,
];
/// Bind-time feature negotiation marker with feature bits 0x03 requested (docs/protocol.md §1.3).
pub const BTFN_SYNTAX: [u8; 16] = [
    0x2c, 0x1c, 0xb7, 0x6c, 0x12, 0x98, 0x40, 0x45, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
];

const RPC_VERSION: u8 = 5;
/// Little-endian integers, ASCII, IEEE floats; vlmcs rejects anything else (docs/protocol.md §1.2).
const DATA_REPRESENTATION: [u8; 4] = [0x10, 0x00, 0x00, 0x00];
const PFC_FIRST_FRAG: u8 = 0x01;
const PFC_LAST_FRAG: u8 = 0x02;

/// Refusal stub `size = 0, NULL, HRESULT` (docs/protocol.md §1.6).
const REFUSAL_STUB_LEN: usize = 12;
/// vlmcs tolerates at most this many bytes after the stub's return value (docs/protocol.md §1.6).
const MAX_TRAILING_STUB_BYTES: usize = 16;
/// REQUEST/RESPONSE header up to the stub (docs/protocol.md §1.5, §1.6).
const CALL_HEADER_LEN: usize = 24;

/// PTYPE values of the common header (docs/protocol.md §1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum PacketType {
    Request = 0,
    Response = 2,
    Fault = 3,
    Bind = 11,
    BindAck = 12,
    BindNak = 13,
    AlterContext = 14,
    AlterContextResp = 15,
}

/// A transfer syntax offered in a BIND context element (docs/protocol.md §1.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransferSyntax {
    Ndr32,
    Ndr64,
    /// Bind-time feature negotiation; not a real syntax, a capability probe.
    Btfn,
}

impl TransferSyntax {
    pub fn wire_uuid(self) -> [u8; 16] {
        match self {
            Self::Ndr32 => NDR32_SYNTAX,
            Self::Ndr64 => NDR64_SYNTAX,
            Self::Btfn => BTFN_SYNTAX,
        }
    }

    pub fn version(self) -> u32 {
        match self {
            Self::Ndr32 => 2,
            Self::Ndr64 | Self::Btfn => 1,
        }
    }
}

/// The context lists a KMS client offers in BIND (docs/protocol.md §1.3, §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BindOffer {
    /// `[ctx0 NDR32, ctx1 BTFN]`: the probe's choice, accepted by every host without
    /// ALTER_CONTEXT (docs/protocol.md §1.4, "Recommended bind for a probe").
    Ndr32Btfn,
    /// `[ctx0 NDR32, ctx1 NDR64, ctx2 BTFN]` as Windows 8+ and vlmcs send; a modern host rejects
    /// NDR32 here, which fingerprints its RPC runtime (docs/protocol.md §1.4).
    Ndr32Ndr64Btfn,
}

impl BindOffer {
    pub fn syntaxes(self) -> &'static [TransferSyntax] {
        match self {
            Self::Ndr32Btfn => &[TransferSyntax::Ndr32, TransferSyntax::Btfn],
            Self::Ndr32Ndr64Btfn => &[
                TransferSyntax::Ndr32,
                TransferSyntax::Ndr64,
                TransferSyntax::Btfn,
            ],
        }
    }
}

/// How the host answered one offered context (docs/protocol.md §1.4, result table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextOutcome {
    Accepted {
        transfer_syntax: [u8; 16],
        version: u32,
    },
    UserRejection {
        reason: u16,
    },
    /// Reason 1: interface not supported; 2: transfer syntaxes not supported.
    ProviderRejection {
        reason: u16,
    },
    /// BTFN acknowledgement; `features` are the granted bits (0x03 expected).
    NegotiateAck {
        features: u16,
    },
    Unknown {
        result: u16,
        reason: u16,
    },
}

/// One BIND_ACK result, paired with the context it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContextResult {
    pub context_id: u16,
    pub offered: TransferSyntax,
    pub outcome: ContextOutcome,
}

/// A decoded BIND_ACK (docs/protocol.md §1.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindAck {
    pub max_xmit_frag: u16,
    pub max_recv_frag: u16,
    /// Server-chosen; py-kms always sends 0x1063bf3f, vlmcsd a random value.
    pub assoc_group_id: u32,
    /// The port the host says it listens on, as ASCII digits (e.g. "1688").
    pub secondary_address: String,
    /// One per offered context, in order.
    pub results: Vec<ContextResult>,
}

impl BindAck {
    /// The context on which the host accepted NDR32, the only syntax this client encodes.
    pub fn ndr32_context(&self) -> Option<u16> {
        self.results.iter().find_map(|r| match r.outcome {
            ContextOutcome::Accepted {
                transfer_syntax,
                version,
            } if r.offered == TransferSyntax::Ndr32
                && transfer_syntax == NDR32_SYNTAX
                && version == TransferSyntax::Ndr32.version() =>
            {
                Some(r.context_id)
            }
            _ => None,
        })
    }

    /// Whether the host accepted the offered syntax on its context.
    pub fn accepted(&self, syntax: TransferSyntax) -> bool {
        self.results
            .iter()
            .any(|r| r.offered == syntax && matches!(r.outcome, ContextOutcome::Accepted { .. }))
    }

    /// BTFN feature bits granted, if the host acknowledged BTFN (Vista/2008 or later,
    /// docs/protocol.md §1.4).
    pub fn btfn_features(&self) -> Option<u16> {
        self.results.iter().find_map(|r| match r.outcome {
            ContextOutcome::NegotiateAck { features } if r.offered == TransferSyntax::Btfn => {
                Some(features)
            }
            _ => None,
        })
    }
}

/// The host's answer to BIND.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindReply {
    Ack(BindAck),
    /// BIND_NAK with its provider_reject_reason (docs/protocol.md §4.1).
    Nak {
        reason: u16,
    },
}

/// The host's answer to a REQUEST (docs/protocol.md §1.6, §1.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallReply<'a> {
    /// RESPONSE carrying a KMS response and return value 0.
    Success(&'a [u8]),
    /// RESPONSE whose return value is a non-zero HRESULT: the host refused to activate
    /// (docs/protocol.md §4.1).
    Refusal(u32),
    /// FAULT PDU: an RPC-level error with its NCA or Win32 status (docs/protocol.md §1.7).
    Fault(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RpcError {
    #[error("PDU truncated: {needed} bytes needed, {available} available")]
    Truncated { needed: usize, available: usize },
    #[error("RPC version {major}.{minor}, expected 5.0 (§1.2)")]
    Version { major: u8, minor: u8 },
    #[error("data representation {0:02x?}, expected [10, 00, 00, 00] (§1.2)")]
    DataRepresentation([u8; 4]),
    #[error("PDU flags 0x{0:02x} lack FIRST|LAST; KMS PDUs are never fragmented (§1.1)")]
    Fragmented(u8),
    #[error("auth_length {0}; KMS uses no RPC authentication (§1.2)")]
    Authenticated(u16),
    #[error("frag_length {declared} does not match the {actual} bytes of the PDU")]
    FragLength { declared: usize, actual: usize },
    #[error("PDU of {0} bytes exceeds the {MAX_PDU_LEN}-byte limit")]
    TooLarge(usize),
    #[error("unexpected packet type {0}")]
    UnexpectedPacketType(u8),
    #[error("call_id {got} does not echo {expected}")]
    CallId { expected: u32, got: u32 },
    #[error("presentation context {got}, expected {expected}")]
    ContextId { expected: u16, got: u16 },
    #[error("cancel_count {0}, expected 0 (§1.6)")]
    CancelCount(u8),
    #[error("{got} bind results for {expected} offered contexts (§1.4)")]
    ResultCount { expected: usize, got: usize },
    #[error("responseSize {size} differs from the array's max_count {max_count} (§1.6)")]
    SizeMismatch { size: u32, max_count: u32 },
    #[error("NULL response pointer with responseSize {0} (§1.6)")]
    NullWithSize(u32),
    #[error("success return value without a response (§1.6)")]
    MissingResponse,
    #[error("alloc_hint {declared}, stub needs {expected} (§1.6)")]
    AllocHint { declared: u32, expected: usize },
    #[error("non-zero NDR padding (§1.6)")]
    NonZeroPadding,
    #[error("{0} bytes after the stub's return value (at most 16 allowed, §1.6)")]
    TrailingBytes(usize),
}

impl From<Truncated> for RpcError {
    fn from(Truncated { needed, available }: Truncated) -> Self {
        Self::Truncated { needed, available }
    }
}

/// Bytes a PDU occupies according to its header, for the I/O layer to read the rest
/// (`frag_length`, docs/protocol.md §1.2). Rejects headers that cannot start a KMS PDU.
pub fn pdu_length(header: &[u8; HEADER_LEN]) -> Result<usize, RpcError> {
    check_version_and_representation(header)?;
    let frag_length = usize::from(Reader::new(header).u16_le(8)?);
    if frag_length < HEADER_LEN {
        return Err(RpcError::FragLength {
            declared: frag_length,
            actual: HEADER_LEN,
        });
    }
    if frag_length > MAX_PDU_LEN {
        return Err(RpcError::TooLarge(frag_length));
    }
    Ok(frag_length)
}

fn check_version_and_representation(pdu: &[u8]) -> Result<(), RpcError> {
    let fields = Reader::new(pdu);
    let [major, minor] = fields.array(0)?;
    // 5.0 and 5.1 are the two connection-oriented minor versions; KMS hosts send 5.0.
    if major != RPC_VERSION || minor > 1 {
        return Err(RpcError::Version { major, minor });
    }
    let representation = fields.array(4)?;
    if representation != DATA_REPRESENTATION {
        return Err(RpcError::DataRepresentation(representation));
    }
    Ok(())
}

struct Header {
    packet_type: u8,
    call_id: u32,
}

/// Common-header checks of docs/protocol.md §1.2 for one complete PDU.
fn parse_header(pdu: &[u8]) -> Result<Header, RpcError> {
    if pdu.len() > MAX_PDU_LEN {
        return Err(RpcError::TooLarge(pdu.len()));
    }
    check_version_and_representation(pdu)?;
    let fields = Reader::new(pdu);
    let packet_type = fields.u8(2)?;
    let flags = fields.u8(3)?;
    let frag_length = usize::from(fields.u16_le(8)?);
    let auth_length = fields.u16_le(10)?;
    let call_id = fields.u32_le(12)?;
    if frag_length != pdu.len() {
        return Err(RpcError::FragLength {
            declared: frag_length,
            actual: pdu.len(),
        });
    }
    if flags & (PFC_FIRST_FRAG | PFC_LAST_FRAG) != PFC_FIRST_FRAG | PFC_LAST_FRAG {
        return Err(RpcError::Fragmented(flags));
    }
    if auth_length != 0 {
        return Err(RpcError::Authenticated(auth_length));
    }
    Ok(Header {
        packet_type,
        call_id,
    })
}

fn common_header(packet_type: PacketType, frag_length: u16, call_id: u32) -> Vec<u8> {
    let mut pdu = Vec::with_capacity(usize::from(frag_length));
    pdu.extend_from_slice(&[
        RPC_VERSION,
        0,
        packet_type as u8,
        PFC_FIRST_FRAG | PFC_LAST_FRAG,
    ]);
    pdu.extend_from_slice(&DATA_REPRESENTATION);
    pdu.extend_from_slice(&frag_length.to_le_bytes());
    pdu.extend_from_slice(&0u16.to_le_bytes());
    pdu.extend_from_slice(&call_id.to_le_bytes());
    pdu
}

/// BIND offering the KMS interface with the given context list (docs/protocol.md §1.3). Flags are
/// FIRST|LAST as in the vectors of docs/protocol.md §7.2.
pub fn encode_bind(call_id: u32, offer: BindOffer) -> Vec<u8> {
    const CONTEXT_ELEMENT_LEN: u16 = 44;
    let syntaxes = offer.syntaxes();
    // At most three elements, so neither the count nor the length can overflow.
    let count = syntaxes.len() as u16;
    let frag_length = 28 + CONTEXT_ELEMENT_LEN * count;
    let mut pdu = common_header(PacketType::Bind, frag_length, call_id);
    pdu.extend_from_slice(&MAX_FRAG.to_le_bytes());
    pdu.extend_from_slice(&MAX_FRAG.to_le_bytes());
    pdu.extend_from_slice(&0u32.to_le_bytes());
    pdu.extend_from_slice(&[count as u8, 0, 0, 0]);
    for (context_id, syntax) in (0u16..).zip(syntaxes) {
        pdu.extend_from_slice(&context_id.to_le_bytes());
        pdu.extend_from_slice(&[1, 0]);
        pdu.extend_from_slice(&KMS_INTERFACE);
        pdu.extend_from_slice(&1u16.to_le_bytes());
        pdu.extend_from_slice(&0u16.to_le_bytes());
        pdu.extend_from_slice(&syntax.wire_uuid());
        pdu.extend_from_slice(&syntax.version().to_le_bytes());
    }
    pdu
}

/// Decodes BIND_ACK or BIND_NAK answering a BIND with `call_id` and `offer`
/// (docs/protocol.md §1.4).
pub fn decode_bind_reply(
    pdu: &[u8],
    call_id: u32,
    offer: BindOffer,
) -> Result<BindReply, RpcError> {
    let header = parse_header(pdu)?;
    if header.call_id != call_id {
        return Err(RpcError::CallId {
            expected: call_id,
            got: header.call_id,
        });
    }
    match header.packet_type {
        t if t == PacketType::BindAck as u8 => decode_bind_ack_body(pdu, offer).map(BindReply::Ack),
        t if t == PacketType::BindNak as u8 => Ok(BindReply::Nak {
            reason: Reader::new(pdu).u16_le(16)?,
        }),
        other => Err(RpcError::UnexpectedPacketType(other)),
    }
}

fn decode_bind_ack_body(pdu: &[u8], offer: BindOffer) -> Result<BindAck, RpcError> {
    const RESULT_LEN: usize = 24;
    let fields = Reader::new(pdu);
    let max_xmit_frag = fields.u16_le(16)?;
    let max_recv_frag = fields.u16_le(18)?;
    let assoc_group_id = fields.u32_le(20)?;
    let address_len = usize::from(fields.u16_le(24)?);
    let address_end = 26 + address_len;
    let address = fields.bytes(26, address_len)?;
    let address = address.strip_suffix(&[0]).unwrap_or(address);
    let secondary_address = String::from_utf8_lossy(address).into_owned();

    // Padding is relative to the PDU start and may hold garbage on genuine hosts
    // (docs/protocol.md §1.4).
    let results_start = address_end.next_multiple_of(4);
    let count = usize::from(fields.u8(results_start)?);
    let offered = offer.syntaxes();
    if count != offered.len() {
        return Err(RpcError::ResultCount {
            expected: offered.len(),
            got: count,
        });
    }
    let mut results = Vec::with_capacity(count);
    for ((context_id, offered), index) in (0u16..).zip(offered).zip(0..count) {
        let at = results_start + 4 + index * RESULT_LEN;
        let result = fields.u16_le(at)?;
        let reason = fields.u16_le(at + 2)?;
        let transfer_syntax = fields.array::<16>(at + 4)?;
        let version = fields.u32_le(at + 20)?;
        let outcome = match result {
            0 => ContextOutcome::Accepted {
                transfer_syntax,
                version,
            },
            1 => ContextOutcome::UserRejection { reason },
            2 => ContextOutcome::ProviderRejection { reason },
            3 => ContextOutcome::NegotiateAck { features: reason },
            _ => ContextOutcome::Unknown { result, reason },
        };
        results.push(ContextResult {
            context_id,
            offered: *offered,
            outcome,
        });
    }
    Ok(BindAck {
        max_xmit_frag,
        max_recv_frag,
        assoc_group_id,
        secondary_address,
        results,
    })
}

/// REQUEST for opnum 0 with the NDR32 stub `u32 size, u32 max_count, bytes`
/// (docs/protocol.md §1.5).
pub fn encode_request(
    call_id: u32,
    context_id: u16,
    kms_request: &[u8],
) -> Result<Vec<u8>, RpcError> {
    let total = CALL_HEADER_LEN
        .saturating_add(8)
        .saturating_add(kms_request.len());
    let too_large = RpcError::TooLarge(total);
    let frag_length = u16::try_from(total)
        .ok()
        .filter(|_| total <= MAX_PDU_LEN)
        .ok_or(too_large)?;
    let size = u32::try_from(kms_request.len()).map_err(|_| too_large)?;
    let mut pdu = common_header(PacketType::Request, frag_length, call_id);
    pdu.extend_from_slice(&(size + 8).to_le_bytes());
    pdu.extend_from_slice(&context_id.to_le_bytes());
    pdu.extend_from_slice(&0u16.to_le_bytes());
    pdu.extend_from_slice(&size.to_le_bytes());
    pdu.extend_from_slice(&size.to_le_bytes());
    pdu.extend_from_slice(kms_request);
    Ok(pdu)
}

/// Decodes the RESPONSE or FAULT answering the REQUEST `call_id` on `context_id`
/// (docs/protocol.md §1.6, §1.7).
///
/// FAULTs are accepted whatever their call_id: vlmcsd writes a static one (docs/protocol.md §1.7).
pub fn decode_call_reply(
    pdu: &[u8],
    call_id: u32,
    context_id: u16,
) -> Result<CallReply<'_>, RpcError> {
    let header = parse_header(pdu)?;
    let fields = Reader::new(pdu);
    if header.packet_type == PacketType::Fault as u8 {
        return Ok(CallReply::Fault(fields.u32_le(24)?));
    }
    if header.packet_type != PacketType::Response as u8 {
        return Err(RpcError::UnexpectedPacketType(header.packet_type));
    }
    if header.call_id != call_id {
        return Err(RpcError::CallId {
            expected: call_id,
            got: header.call_id,
        });
    }
    let alloc_hint = fields.u32_le(16)?;
    let echoed_context = fields.u16_le(20)?;
    if echoed_context != context_id {
        return Err(RpcError::ContextId {
            expected: context_id,
            got: echoed_context,
        });
    }
    let cancel_count = fields.u8(22)?;
    if cancel_count != 0 {
        return Err(RpcError::CancelCount(cancel_count));
    }
    // Stub fields are read at stub offsets (docs/protocol.md §1.6); the response bytes and their
    // padding are reported against the whole PDU.
    let stub_bytes = fields.rest(CALL_HEADER_LEN)?;
    let stub = Reader::new(stub_bytes);
    let size = stub.u32_le(0)?;
    let referent = stub.u32_le(4)?;
    let (kms_response, return_value, consumed) = if referent == 0 {
        if size != 0 {
            return Err(RpcError::NullWithSize(size));
        }
        (None, stub.u32_le(8)?, REFUSAL_STUB_LEN)
    } else {
        let max_count = stub.u32_le(8)?;
        if max_count != size {
            return Err(RpcError::SizeMismatch { size, max_count });
        }
        let data_end = usize::try_from(size)
            .ok()
            .and_then(|len| len.checked_add(12))
            .ok_or(RpcError::TooLarge(usize::MAX))?;
        let data = fields.bytes(CALL_HEADER_LEN + 12, data_end - 12)?;
        let aligned = data_end.next_multiple_of(4);
        let padding = fields.bytes(CALL_HEADER_LEN + data_end, aligned - data_end)?;
        if padding.iter().any(|&b| b != 0) {
            return Err(RpcError::NonZeroPadding);
        }
        (Some(data), stub.u32_le(aligned)?, aligned + 4)
    };
    if usize::try_from(alloc_hint).ok() != Some(consumed) {
        return Err(RpcError::AllocHint {
            declared: alloc_hint,
            expected: consumed,
        });
    }
    let trailing = stub_bytes.len().saturating_sub(consumed);
    if trailing > MAX_TRAILING_STUB_BYTES {
        return Err(RpcError::TrailingBytes(trailing));
    }
    if return_value != 0 {
        return Ok(CallReply::Refusal(return_value));
    }
    kms_response
        .map(CallReply::Success)
        .ok_or(RpcError::MissingResponse)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kms::test_vectors::{self as v, bytes, hex};
    use proptest::prelude::*;

    #[test]
    fn bind_ndr32_btfn_matches_vector() {
        assert_eq!(
            encode_bind(v::BIND_CALL_ID, BindOffer::Ndr32Btfn),
            bytes(v::BIND_NDR32_BTFN)
        );
    }

    #[test]
    fn bind_ndr32_ndr64_btfn_matches_vector() {
        assert_eq!(
            encode_bind(v::BIND_CALL_ID, BindOffer::Ndr32Ndr64Btfn),
            bytes(v::BIND_NDR32_NDR64_BTFN)
        );
    }

    #[test]
    fn vlmcsd_bind_ack_decodes() {
        let pdu = bytes(v::BIND_ACK_VLMCSD);
        assert_eq!(pdu.len(), 84);
        let header: [u8; HEADER_LEN] = pdu[..HEADER_LEN].try_into().unwrap();
        assert_eq!(pdu_length(&header), Ok(84));
        let BindReply::Ack(ack) =
            decode_bind_reply(&pdu, v::BIND_CALL_ID, BindOffer::Ndr32Btfn).unwrap()
        else {
            panic!("expected BIND_ACK");
        };
        assert_eq!(ack.max_xmit_frag, 5840);
        assert_eq!(ack.max_recv_frag, 5840);
        assert_eq!(ack.assoc_group_id, 0xb5de_5c80);
        assert_eq!(ack.secondary_address, "11688");
        assert_eq!(ack.ndr32_context(), Some(0));
        assert_eq!(ack.btfn_features(), Some(3));
        assert!(ack.accepted(TransferSyntax::Ndr32));
        assert!(!ack.accepted(TransferSyntax::Btfn));
        assert_eq!(
            ack.results[0].outcome,
            ContextOutcome::Accepted {
                transfer_syntax: NDR32_SYNTAX,
                version: 2
            }
        );
    }

    #[test]
    fn bind_ack_padding_is_relative_to_pdu_start_and_may_be_garbage() {
        // Secondary address "1688\0" (L = 5) ends at 31: one pad byte, results at 32.
        let mut pdu = hex("05000c0310000000000000000200000000000000000000000500");
        pdu.extend_from_slice(b"1688\0");
        pdu.push(0xee);
        pdu.extend_from_slice(&[2, 0, 0, 0]);
        pdu.extend_from_slice(&[2, 0, 2, 0]);
        pdu.extend_from_slice(&[0; 20]);
        pdu.extend_from_slice(&[3, 0, 3, 0]);
        pdu.extend_from_slice(&[0; 20]);
        let len = pdu.len() as u16;
        pdu[8..10].copy_from_slice(&len.to_le_bytes());
        let BindReply::Ack(ack) = decode_bind_reply(&pdu, 2, BindOffer::Ndr32Btfn).unwrap() else {
            panic!("expected BIND_ACK");
        };
        assert_eq!(ack.secondary_address, "1688");
        assert_eq!(ack.ndr32_context(), None);
        assert_eq!(
            ack.results[0].outcome,
            ContextOutcome::ProviderRejection { reason: 2 }
        );
    }

    #[test]
    fn bind_ack_result_count_must_match_offer() {
        let pdu = bytes(v::BIND_ACK_VLMCSD);
        assert_eq!(
            decode_bind_reply(&pdu, v::BIND_CALL_ID, BindOffer::Ndr32Ndr64Btfn),
            Err(RpcError::ResultCount {
                expected: 3,
                got: 2
            })
        );
    }

    #[test]
    fn bind_nak_decodes_reason() {
        let pdu = hex("05000d03100000001400000002000000 0400 0000");
        assert_eq!(
            decode_bind_reply(&pdu, 2, BindOffer::Ndr32Btfn),
            Ok(BindReply::Nak { reason: 4 })
        );
    }

    #[test]
    fn header_checks() {
        let good = bytes(v::BIND_ACK_VLMCSD);
        let decode = |pdu: &[u8]| decode_bind_reply(pdu, 2, BindOffer::Ndr32Btfn);
        let mut pdu = good.clone();
        pdu[0] = 4;
        assert_eq!(decode(&pdu), Err(RpcError::Version { major: 4, minor: 0 }));
        let mut pdu = good.clone();
        pdu[4] = 0x00;
        assert_eq!(decode(&pdu), Err(RpcError::DataRepresentation([0; 4])));
        let mut pdu = good.clone();
        pdu[3] = 0x01;
        assert_eq!(decode(&pdu), Err(RpcError::Fragmented(0x01)));
        let mut pdu = good.clone();
        pdu[10] = 8;
        assert_eq!(decode(&pdu), Err(RpcError::Authenticated(8)));
        let mut pdu = good.clone();
        pdu[12] = 9;
        assert_eq!(
            decode(&pdu),
            Err(RpcError::CallId {
                expected: 2,
                got: 9
            })
        );
        assert_eq!(
            decode(&good[..80]),
            Err(RpcError::FragLength {
                declared: 84,
                actual: 80
            })
        );
        let mut pdu = good.clone();
        pdu[2] = 2;
        assert_eq!(decode(&pdu), Err(RpcError::UnexpectedPacketType(2)));
    }

    #[test]
    fn pdu_length_is_bounded() {
        let mut header = [0x05, 0, 2, 3, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        header[8..10].copy_from_slice(&4096u16.to_le_bytes());
        assert_eq!(pdu_length(&header), Ok(4096));
        header[8..10].copy_from_slice(&4097u16.to_le_bytes());
        assert_eq!(pdu_length(&header), Err(RpcError::TooLarge(4097)));
        header[8..10].copy_from_slice(&15u16.to_le_bytes());
        assert!(matches!(
            pdu_length(&header),
            Err(RpcError::FragLength { .. })
        ));
        header[0] = 4;
        assert!(matches!(pdu_length(&header), Err(RpcError::Version { .. })));
    }

    #[test]
    fn v4_request_pdu_framing_matches_vector() {
        let vector = bytes(v::V4_REQUEST_PDU);
        let kms_request = &vector[32..];
        assert_eq!(kms_request.len(), 252);
        assert_eq!(
            encode_request(v::REQUEST_CALL_ID, 0, kms_request).unwrap(),
            vector
        );
    }

    #[test]
    fn v4_response_pdu_unwraps_to_kms_response() {
        let pdu = bytes(v::V4_RESPONSE_PDU);
        let CallReply::Success(kms) = decode_call_reply(&pdu, v::REQUEST_CALL_ID, 0).unwrap()
        else {
            panic!("expected success");
        };
        assert_eq!(kms.len(), 160);
        assert_eq!(kms, &pdu[36..196]);
    }

    #[test]
    fn v6_response_pdu_unwraps_to_kms_response() {
        let pdu = bytes(v::V6_RESPONSE_PDU);
        let CallReply::Success(kms) = decode_call_reply(&pdu, v::REQUEST_CALL_ID, 0).unwrap()
        else {
            panic!("expected success");
        };
        assert_eq!(kms.len(), 260);
    }

    #[test]
    fn refusal_pdus_decode_to_their_hresults() {
        for (text, hresult) in [
            (v::REFUSAL_KMS_ID, 0xC004_F042),
            (v::REFUSAL_CLOCK_SKEW, 0xC004_F06C),
            (v::REFUSAL_BAD_VERSION, 0x8007_000D),
        ] {
            assert_eq!(
                decode_call_reply(&hex(text), 3, 0),
                Ok(CallReply::Refusal(hresult))
            );
        }
    }

    #[test]
    fn faults_are_accepted_with_any_call_id() {
        // vlmcsd's fault: flags 0x23, its static call_id 2, garbage in cancel_count/reserved.
        let pdu = hex("05000323100000002000000002000000 20000000 0000 7f 7f 0300011c 00000000");
        assert_eq!(
            decode_call_reply(&pdu, 3, 0),
            Ok(CallReply::Fault(0x1C01_0003))
        );
    }

    #[test]
    fn response_stub_checks() {
        let good = bytes(v::V4_RESPONSE_PDU);
        let decode = |pdu: &[u8]| decode_call_reply(pdu, 3, 0).map(|_| ());
        let mut pdu = good.clone();
        pdu[20] = 1;
        assert_eq!(
            decode(&pdu),
            Err(RpcError::ContextId {
                expected: 0,
                got: 1
            })
        );
        let mut pdu = good.clone();
        pdu[22] = 1;
        assert_eq!(decode(&pdu), Err(RpcError::CancelCount(1)));
        let mut pdu = good.clone();
        pdu[32] = 0xa1;
        assert_eq!(
            decode(&pdu),
            Err(RpcError::SizeMismatch {
                size: 160,
                max_count: 161
            })
        );
        let mut pdu = good.clone();
        pdu[16] = 0xb4;
        assert_eq!(
            decode(&pdu),
            Err(RpcError::AllocHint {
                declared: 180,
                expected: 176
            })
        );
        let mut pdu = hex(v::REFUSAL_KMS_ID);
        pdu[24] = 4;
        assert_eq!(decode(&pdu), Err(RpcError::NullWithSize(4)));
        let mut pdu = hex(v::REFUSAL_KMS_ID);
        pdu[32..36].copy_from_slice(&[0; 4]);
        assert_eq!(decode(&pdu), Err(RpcError::MissingResponse));
    }

    #[test]
    fn hresult_is_read_at_the_aligned_offset() {
        // M = 2: two data bytes, two zero pad bytes, then the HRESULT (docs/protocol.md §1.6).
        let mut pdu = hex(
            "0500020310000000000000000300000014000000000000000200000000000200 02000000 abcd 0000 00000000",
        );
        let len = pdu.len() as u16;
        pdu[8..10].copy_from_slice(&len.to_le_bytes());
        assert_eq!(
            decode_call_reply(&pdu, 3, 0),
            Ok(CallReply::Success(&[0xab, 0xcd][..]))
        );
        pdu[38] = 1;
        assert_eq!(decode_call_reply(&pdu, 3, 0), Err(RpcError::NonZeroPadding));
    }

    #[test]
    fn encode_request_refuses_oversized_messages() {
        assert_eq!(
            encode_request(1, 0, &[0; 4096]),
            Err(RpcError::TooLarge(4096 + 32))
        );
    }

    proptest! {
        #[test]
        fn decoders_never_panic(data in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = decode_bind_reply(&data, 2, BindOffer::Ndr32Btfn);
            let _ = decode_bind_reply(&data, 2, BindOffer::Ndr32Ndr64Btfn);
            let _ = decode_call_reply(&data, 3, 0);
            if let Ok(header) = <[u8; HEADER_LEN]>::try_from(data.get(..HEADER_LEN).unwrap_or(&[])) {
                let _ = pdu_length(&header);
            }
        }

        #[test]
        fn decoders_never_panic_on_plausible_headers(
            body in proptest::collection::vec(any::<u8>(), 0..400),
            ptype in prop_oneof![Just(2u8), Just(3), Just(12), Just(13)],
        ) {
            let mut pdu = vec![5, 0, ptype, 3, 0x10, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0];
            pdu.extend_from_slice(&body);
            let len = pdu.len() as u16;
            pdu[8..10].copy_from_slice(&len.to_le_bytes());
            let _ = decode_call_reply(&pdu, 3, 0);
            pdu[12] = 2;
            let _ = decode_bind_reply(&pdu, 2, BindOffer::Ndr32Btfn);
        }
    }
}
