//! DCE/RPC PDUs as a KMS host sends them (`docs/protocol.md` §1.2, §1.4, §1.6, §1.7).

use kms_exporter::kms::rpc::ContextOutcome;

/// pfc_flags FIRST_FRAG | LAST_FRAG: every KMS PDU is one fragment (docs/protocol.md §1.1).
pub const FIRST_LAST: u8 = 0x03;
/// pfc_flags FIRST_FRAG | LAST_FRAG | DID_NOT_EXECUTE, as vlmcsd flags its faults
/// (docs/protocol.md §1.7).
pub const FAULT_FLAGS: u8 = 0x23;
/// The unique pointer's referent ID that vlmcsd and py-kms send in a success stub
/// (docs/protocol.md §1.6).
pub const RESPONSE_REFERENT: u32 = 0x0002_0000;
/// max_xmit_frag and max_recv_frag: hosts echo the 5840 that KMS clients offer
/// (docs/protocol.md §1.3, §1.4).
const MAX_FRAG: u16 = 5840;
const HEADER_LEN: usize = 16;

const PTYPE_RESPONSE: u8 = 2;
const PTYPE_FAULT: u8 = 3;
const PTYPE_BIND_ACK: u8 = 12;
const PTYPE_BIND_NAK: u8 = 13;

/// The common header (docs/protocol.md §1.2) followed by `body`.
///
/// # Panics
///
/// When the PDU would not fit the 16-bit frag_length.
pub fn pdu(packet_type: u8, flags: u8, call_id: u32, body: &[u8]) -> Vec<u8> {
    let frag_length = u16::try_from(HEADER_LEN + body.len()).expect("a PDU fits one fragment");
    let mut pdu = Vec::with_capacity(HEADER_LEN + body.len());
    pdu.push(5); // rpc_vers
    pdu.push(0); // rpc_vers_minor
    pdu.push(packet_type); // PTYPE
    pdu.push(flags); // pfc_flags
    pdu.extend_from_slice(&[0x10, 0, 0, 0]); // data representation: LE integers, ASCII, IEEE
    pdu.extend_from_slice(&frag_length.to_le_bytes()); // frag_length
    pdu.extend_from_slice(&0u16.to_le_bytes()); // auth_length
    pdu.extend_from_slice(&call_id.to_le_bytes()); // call_id
    pdu.extend_from_slice(body);
    pdu
}

/// BIND_ACK with one result per offered context, in order (docs/protocol.md §1.4).
/// `secondary_address` is the port as ASCII digits; the encoder adds its NUL and pads with zeros so
/// that the results start at a multiple of 4 from the start of the PDU.
pub fn bind_ack(
    call_id: u32,
    assoc_group_id: u32,
    secondary_address: &str,
    results: &[ContextOutcome],
) -> Vec<u8> {
    let address: Vec<u8> = secondary_address.bytes().chain([0]).collect();
    let address_len = u16::try_from(address.len()).expect("a short secondary address");
    let count = u8::try_from(results.len()).expect("at most 255 contexts");
    let mut body = Vec::new();
    body.extend_from_slice(&MAX_FRAG.to_le_bytes()); // max_xmit_frag
    body.extend_from_slice(&MAX_FRAG.to_le_bytes()); // max_recv_frag
    body.extend_from_slice(&assoc_group_id.to_le_bytes()); // assoc_group_id
    body.extend_from_slice(&address_len.to_le_bytes()); // secondary address length, NUL included
    body.extend_from_slice(&address); // secondary address
    body.resize(
        (HEADER_LEN + body.len()).next_multiple_of(4) - HEADER_LEN,
        0,
    ); // padding
    body.extend_from_slice(&[count, 0, 0, 0]); // n_results, reserved
    for outcome in results {
        let (result, reason, transfer_syntax, version) = match *outcome {
            ContextOutcome::Accepted {
                transfer_syntax,
                version,
            } => (0u16, 0u16, transfer_syntax, version),
            ContextOutcome::UserRejection { reason } => (1, reason, [0; 16], 0),
            ContextOutcome::ProviderRejection { reason } => (2, reason, [0; 16], 0),
            ContextOutcome::NegotiateAck { features } => (3, features, [0; 16], 0),
            ContextOutcome::Unknown { result, reason } => (result, reason, [0; 16], 0),
        };
        body.extend_from_slice(&result.to_le_bytes()); // result
        body.extend_from_slice(&reason.to_le_bytes()); // reason (BTFN: the granted features)
        body.extend_from_slice(&transfer_syntax); // transfer syntax UUID, wire order
        body.extend_from_slice(&version.to_le_bytes()); // transfer syntax version
    }
    pdu(PTYPE_BIND_ACK, FIRST_LAST, call_id, &body)
}

/// BIND_NAK with its provider_reject_reason and no supported protocol versions
/// (docs/protocol.md §4.1).
pub fn bind_nak(call_id: u32, reason: u16) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(&reason.to_le_bytes()); // provider_reject_reason
    body.push(0); // n_protocols
    body.push(0); // padding
    pdu(PTYPE_BIND_NAK, FIRST_LAST, call_id, &body)
}

/// RESPONSE whose NDR32 stub carries `kms_response` and return value 0 (docs/protocol.md §1.6):
/// size, referent, max_count, the bytes, zero padding to 4, HRESULT.
pub fn response(call_id: u32, context_id: u16, kms_response: &[u8]) -> Vec<u8> {
    let size = u32::try_from(kms_response.len()).expect("a KMS response fits a PDU");
    let mut stub = Vec::new();
    stub.extend_from_slice(&size.to_le_bytes()); // responseSize
    stub.extend_from_slice(&RESPONSE_REFERENT.to_le_bytes()); // referent of response pointer
    stub.extend_from_slice(&size.to_le_bytes()); // conformance (max_count)
    stub.extend_from_slice(kms_response); // the KMS response
    stub.resize(stub.len().next_multiple_of(4), 0); // NDR padding
    stub.extend_from_slice(&0u32.to_le_bytes()); // return value: S_OK
    call_response(call_id, context_id, &stub)
}

/// RESPONSE whose stub is the 12-byte refusal `size 0, NULL, HRESULT`
/// (docs/protocol.md §1.6, §4.1).
pub fn refusal(call_id: u32, context_id: u16, hresult: u32) -> Vec<u8> {
    let mut stub = Vec::new();
    stub.extend_from_slice(&0u32.to_le_bytes()); // responseSize
    stub.extend_from_slice(&0u32.to_le_bytes()); // NULL referent: no max_count, no data
    stub.extend_from_slice(&hresult.to_le_bytes()); // return value
    call_response(call_id, context_id, &stub)
}

fn call_response(call_id: u32, context_id: u16, stub: &[u8]) -> Vec<u8> {
    let alloc_hint = u32::try_from(stub.len()).expect("a stub fits a PDU");
    let mut body = Vec::new();
    body.extend_from_slice(&alloc_hint.to_le_bytes()); // alloc_hint
    body.extend_from_slice(&context_id.to_le_bytes()); // presentation context id
    body.push(0); // cancel_count
    body.push(0); // reserved
    body.extend_from_slice(stub);
    pdu(PTYPE_RESPONSE, FIRST_LAST, call_id, &body)
}

/// FAULT with an NCA or Win32 `status`, flagged and sized as vlmcsd sends one
/// (docs/protocol.md §1.7). vlmcsd writes its static call_id 2 rather than echoing; the caller
/// chooses.
pub fn fault(call_id: u32, status: u32) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(&32u32.to_le_bytes()); // alloc_hint, vlmcsd's value
    body.extend_from_slice(&0u16.to_le_bytes()); // presentation context id
    body.push(0); // cancel_count
    body.push(0); // reserved
    body.extend_from_slice(&status.to_le_bytes()); // status
    body.extend_from_slice(&0u32.to_le_bytes()); // reserved
    pdu(PTYPE_FAULT, FAULT_FLAGS, call_id, &body)
}
