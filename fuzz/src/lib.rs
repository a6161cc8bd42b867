//! Fuzz harnesses for kms_exporter's decoders of hostile input (docs/reliability.md, "Fuzzing").
//!
//! One public function per cargo-fuzz target, taking the raw libFuzzer input. The targets in
//! `fuzz/fuzz_targets/` only call these, and the stable `cargo test` suite includes this file
//! (`tests/integration/fuzz_corpus.rs`) to replay every committed corpus file through the very
//! same code, so CI re-checks the corpora without libFuzzer or a nightly compiler.
//!
//! Each harness calls the decoders the way the exporter does, then what the exporter does with
//! the result (accessors, error `Display`, metric labels), and asserts invariants that must hold
//! for any input. A panic, failed assertion, hang or over-allocation is a finding.
//!
//! Structured inputs use `arbitrary` with fixed-size fields followed by one "rest of the input"
//! slice, so the byte layout is simple and [`seeds`] can write meaningful starting inputs.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use arbitrary::{Arbitrary, Unstructured};
use kms_exporter::clock::{FileTime, NtpTimestamp, smb2, sntp};
use kms_exporter::codes::{self, Lang};
use kms_exporter::config::{self, Config};
use kms_exporter::deadline;
use kms_exporter::kms::crypto::{self, AesVariant, BLOCK_LEN, Block};
use kms_exporter::kms::products::RequiredCount;
use kms_exporter::kms::rpc::{self, BindOffer, BindReply, CallReply, HEADER_LEN, TransferSyntax};
use kms_exporter::kms::{
    ActivationRequest, ActivationResponse, EncodedRequest, Epid, ProtocolVersion, ResponseError,
    decode_response, encode_request,
};
use kms_exporter::scheduler;
use kms_exporter_testkit::encode;
use uuid::Uuid;

/// The byte vectors of `docs/protocol.md` §7.2 and §4.1: the file the library's unit tests use.
#[path = "../../src/kms/test_vectors.rs"]
#[allow(dead_code)]
mod vectors;

/// The call IDs of the vectors of docs/protocol.md §7.2, which the RPC seeds carry, and their fixed
/// inputs.
pub use vectors::{
    BIND_CALL_ID, CLIENT_MACHINE_ID, CLIENT_TIME, EPID, HWID, REQUEST_CALL_ID, REQUEST_IV,
};

/// Every target, in the order `scripts/fuzz.sh` runs them.
pub const TARGETS: [&str; 8] = [
    "rpc_pdu",
    "kms_response",
    "kms_response_mutated",
    "epid",
    "sntp_reply",
    "smb2_negotiate",
    "config_yaml",
    "codes_parse",
];

/// Runs the harness of `target` on `data`; `false` for an unknown target name.
pub fn run(target: &str, data: &[u8]) -> bool {
    match target {
        "rpc_pdu" => rpc_pdu(data),
        "kms_response" => kms_response(data),
        "kms_response_mutated" => kms_response_mutated(data),
        "epid" => epid(data),
        "sntp_reply" => sntp_reply(data),
        "smb2_negotiate" => smb2_negotiate(data),
        "config_yaml" => config_yaml(data),
        "codes_parse" => codes_parse(data),
        _ => return false,
    }
    true
}

// ------------------------------------------------------------------------------------------
// rpc_pdu: DCE/RPC framing (`src/kms/rpc.rs`)

/// One PDU as read from TCP 1688: `pdu_length` on its header, then both reply decoders.
///
/// Invariants: a PDU either decoder accepts has a header that `pdu_length` accepts with exactly
/// the PDU's length (the I/O layer and the decoder agree on framing); a BIND_ACK has one result
/// per offered context; a KMS response lies inside the PDU. Also round-trips the input as the
/// payload of a well-formed RESPONSE PDU, which must decode to exactly that payload.
pub fn rpc_pdu(data: &[u8]) {
    let header: Option<[u8; HEADER_LEN]> = data.get(..HEADER_LEN).and_then(|h| h.try_into().ok());
    let framed = header.map(|h| rpc::pdu_length(&h));
    if let Some(Err(e)) = &framed {
        let _ = e.to_string();
    }

    for offer in [BindOffer::Ndr32Btfn, BindOffer::Ndr32Ndr64Btfn] {
        match rpc::decode_bind_reply(data, BIND_CALL_ID, offer) {
            Ok(reply) => {
                assert_eq!(
                    framed,
                    Some(Ok(data.len())),
                    "accepted PDU, rejected header"
                );
                if let BindReply::Ack(ack) = reply {
                    assert_eq!(ack.results.len(), offer.syntaxes().len());
                    let _ = (ack.ndr32_context(), ack.btfn_features());
                    for syntax in [
                        TransferSyntax::Ndr32,
                        TransferSyntax::Ndr64,
                        TransferSyntax::Btfn,
                    ] {
                        let _ = ack.accepted(syntax);
                    }
                    let _ = format!("{ack:?}");
                }
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }

    match rpc::decode_call_reply(data, REQUEST_CALL_ID, 0) {
        Ok(reply) => {
            assert_eq!(
                framed,
                Some(Ok(data.len())),
                "accepted PDU, rejected header"
            );
            if let CallReply::Success(kms) = reply {
                assert!(kms.len() + 36 <= data.len(), "response larger than its PDU");
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }

    if data.len() <= 512 {
        let pdu = encode::rpc::response(REQUEST_CALL_ID, 0, data);
        assert_eq!(
            rpc::decode_call_reply(&pdu, REQUEST_CALL_ID, 0),
            Ok(CallReply::Success(data)),
            "a well-formed RESPONSE PDU did not decode to its payload"
        );
    }
}

// ------------------------------------------------------------------------------------------
// kms_response: KMS response verification with fuzzer-chosen requests (`src/kms/message.rs`)

/// Protocol version of the request, and so of the expected response.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V4,
    V5,
    V6,
}

impl Version {
    pub fn protocol(self) -> ProtocolVersion {
        match self {
            Self::V4 => ProtocolVersion::V4,
            Self::V5 => ProtocolVersion::V5,
            Self::V6 => ProtocolVersion::V6,
        }
    }

    fn variant(self) -> Option<AesVariant> {
        match self {
            Self::V4 => None,
            Self::V5 => Some(AesVariant::V5),
            Self::V6 => Some(AesVariant::V6),
        }
    }

    fn index(self) -> u32 {
        match self {
            Self::V4 => 0,
            Self::V5 => 1,
            Self::V6 => 2,
        }
    }
}

/// How `body` becomes the response bytes.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wire {
    /// `body` is the response as received.
    Raw,
    /// `body` is the plaintext a host would build; the harness applies the selected
    /// [`fixups`] and then wraps it the way a genuine host does (V4: append the MAC; V5/V6:
    /// version ‖ response IV ‖ AES-CBC with PKCS#7), so that the fuzzer reaches the checks
    /// behind the cipher and the MAC.
    Built,
}

/// Fix-ups the harness computes for a [`Wire::Built`] body, as bits of
/// [`KmsResponseInput::fixups`]; each makes one check pass that the fuzzer cannot satisfy on
/// its own (hashes, MACs) or would rarely hit (echoes, exact lengths).
pub mod fixups {
    /// Write the request's version at body offset 0.
    pub const VERSION: u8 = 0x01;
    /// Resize the body to the length its ePID length P implies (P ≤ 256 only).
    pub const LENGTH: u8 = 0x02;
    /// Write the request's CMID and time at offsets 8 + P and 24 + P.
    pub const ECHOES: u8 = 0x04;
    /// V5/V6: write SHA-256(RandomXoredIVs ⊕ D_K(request IV)) after RandomXoredIVs.
    pub const HASH: u8 = 0x08;
    /// V6: write D_K(request IV) as XoredIVs.
    pub const XORED_IVS: u8 = 0x10;
    /// V4: append the MAC. V6: write the HMAC keyed by the slot that `hmac_slot` selects.
    pub const MAC: u8 = 0x20;
    /// V5/V6: use the request IV as the response IV (valid for V5, an emulator tell for V6).
    pub const IV_REUSE: u8 = 0x40;
    pub const ALL: u8 = 0x7f;
}

/// Input of [`kms_response`]: a request built from fuzzer-chosen fields, then a response.
#[derive(Arbitrary, Debug, Clone, PartialEq, Eq)]
pub struct KmsResponseInput<'a> {
    pub version: Version,
    pub wire: Wire,
    pub client_machine_id: [u8; 16],
    pub client_time: u64,
    pub request_iv: Block,
    pub response_iv: Block,
    /// Bits of [`fixups`].
    pub fixups: u8,
    /// HMAC slot relative to the echoed time: 0 → same, 1 → −1, 2 → +1, else −2 (never valid).
    pub hmac_slot: u8,
    pub body: &'a [u8],
}

impl KmsResponseInput<'_> {
    /// The input bytes that decode to `self` (the inverse of `arbitrary_take_rest`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&variant_bytes(self.version.index(), 3));
        out.extend_from_slice(&variant_bytes(u32::from(self.wire == Wire::Built), 2));
        out.extend_from_slice(&self.client_machine_id);
        out.extend_from_slice(&self.client_time.to_le_bytes());
        out.extend_from_slice(&self.request_iv);
        out.extend_from_slice(&self.response_iv);
        out.push(self.fixups);
        out.push(self.hmac_slot);
        out.extend_from_slice(self.body);
        out
    }

    fn request(&self) -> EncodedRequest {
        let request = ActivationRequest {
            client_machine_id: Uuid::from_bytes_le(self.client_machine_id),
            client_time: self.client_time,
            ..vectors::request(self.version.protocol())
        };
        encode_request(&request, self.request_iv)
    }

    fn response(&self, request: &EncodedRequest) -> Vec<u8> {
        match self.wire {
            Wire::Raw => self.body.to_vec(),
            Wire::Built => {
                let mut body = self.body.to_vec();
                apply_fixups(&mut body, request, self);
                let response_iv = if self.fixups & fixups::IV_REUSE != 0 {
                    request.iv()
                } else {
                    self.response_iv
                };
                match self.version.variant() {
                    None if self.fixups & fixups::MAC != 0 => encode::kms::v4_response(&body),
                    None => body,
                    Some(variant) => {
                        if self.version == Version::V6 && self.fixups & fixups::MAC != 0 {
                            write_hmac(&mut body, request, self.hmac_slot, response_iv);
                        }
                        encode::kms::encrypt_response(variant, response_iv, &body)
                    }
                }
            }
        }
    }
}

/// MinorVer ‖ MajorVer as they start every request and response (`docs/protocol.md` §2.1).
fn wire_version(version: Version) -> [u8; 4] {
    [0, 0, version.protocol().major().to_le_bytes()[0], 0]
}

/// Offsets inside a response body (base response ‖ V5/V6 trailer) for ePID length `p`
/// (`docs/protocol.md` §3.1, §3.3).
struct Layout {
    base_end: usize,
    total: usize,
}

fn layout(version: Version, p: usize) -> Layout {
    let base_end = 44 + p;
    let extra = match version {
        Version::V4 => 0,
        // RandomXoredIVs and the hash; then HwId, XoredIVs and the HMAC (docs/protocol.md §3.3).
        Version::V5 => 48,
        Version::V6 => 88,
    };
    Layout {
        base_end,
        total: base_end + extra,
    }
}

/// The ePID length P of a body, if it is small enough to build with.
fn body_epid_len(body: &[u8]) -> Option<usize> {
    let raw = u32::from_le_bytes(body.get(4..8)?.try_into().ok()?);
    usize::try_from(raw).ok().filter(|&p| p <= 256)
}

fn write_at(body: &mut [u8], at: usize, bytes: &[u8]) {
    if let Some(slot) = at
        .checked_add(bytes.len())
        .and_then(|end| body.get_mut(at..end))
    {
        slot.copy_from_slice(bytes);
    }
}

fn apply_fixups(body: &mut Vec<u8>, request: &EncodedRequest, input: &KmsResponseInput<'_>) {
    let fix = input.fixups;
    if fix & fixups::VERSION != 0 {
        write_at(body, 0, &wire_version(input.version));
    }
    let Some(p) = body_epid_len(body) else {
        return;
    };
    let layout = layout(input.version, p);
    if fix & fixups::LENGTH != 0 {
        body.resize(layout.total, 0);
    }
    if fix & fixups::ECHOES != 0 {
        write_at(body, 8 + p, &request.client_machine_id().to_bytes_le());
        write_at(body, 24 + p, &request.client_time().to_le_bytes());
    }
    if input.version == Version::V4 {
        return;
    }
    let decrypted_iv = request.decrypted_iv();
    if fix & fixups::HASH != 0
        && let Some(random_xored) = body.get(layout.base_end..layout.base_end + BLOCK_LEN)
    {
        let mut random: Block = random_xored.try_into().unwrap_or_default();
        for (r, d) in random.iter_mut().zip(decrypted_iv) {
            *r ^= d;
        }
        write_at(body, layout.base_end + BLOCK_LEN, &crypto::sha256(&random));
    }
    if input.version == Version::V6 && fix & fixups::XORED_IVS != 0 {
        write_at(body, layout.base_end + 56, &decrypted_iv);
    }
}

/// V6 HMAC over D_K(response IV) ‖ body up to the HMAC, keyed by the chosen time slot
/// (`docs/protocol.md` §3.3 step 7).
fn write_hmac(body: &mut [u8], request: &EncodedRequest, choice: u8, response_iv: Block) {
    let Some(p) = body_epid_len(body) else {
        return;
    };
    let hmac_at = layout(Version::V6, p).base_end + 72;
    let Some(covered) = body.get(..hmac_at) else {
        return;
    };
    let slot = crypto::hmac_slot(request.client_time());
    let slot = match choice % 4 {
        0 => Some(slot),
        1 => slot.checked_sub(1),
        2 => slot.checked_add(1),
        _ => slot.checked_sub(2),
    }
    .unwrap_or(slot);
    let mac = encode::kms::v6_hmac(response_iv, covered, &crypto::hmac_key_for_slot(slot));
    write_at(body, hmac_at, &mac);
}

/// Decodes a [`kms_response`] input; `None` when the input is too short to hold one.
pub fn kms_response_outcome(data: &[u8]) -> Option<Result<ActivationResponse, ResponseError>> {
    let input = KmsResponseInput::arbitrary_take_rest(Unstructured::new(data)).ok()?;
    let request = input.request();
    let expected_len = match input.version {
        Version::V4 => 252,
        Version::V5 | Version::V6 => 260,
    };
    assert_eq!(request.bytes().len(), expected_len);
    let response = input.response(&request);
    let outcome = decode_response(&request, &response);
    check_activation(&request, &outcome);
    Some(outcome)
}

/// A KMS response (the payload of a successful RESPONSE PDU) to a request whose version,
/// CMID, time and IV the fuzzer chooses, either raw or built and encrypted like a host's.
///
/// Invariants on success: the response echoes the request's version, CMID and time; V6 and
/// only V6 yields a HwId and an HMAC slot in −1..=1; the ePID is at most 63 characters.
pub fn kms_response(data: &[u8]) {
    let _ = kms_response_outcome(data);
}

/// What the exporter does with a decoded response, plus the success invariants.
fn check_activation(request: &EncodedRequest, outcome: &Result<ActivationResponse, ResponseError>) {
    match outcome {
        Ok(response) => {
            assert_eq!(response.version, request.version());
            assert_eq!(response.client_machine_id, request.client_machine_id());
            assert_eq!(response.client_time, request.client_time());
            let v6 = request.version() == ProtocolVersion::V6;
            assert_eq!(response.hwid.is_some(), v6);
            assert_eq!(response.hmac_slot.is_some(), v6);
            assert!(response.hmac_slot.is_none_or(|s| (-1..=1).contains(&s)));
            assert!(response.epid.encode_utf16().count() <= 63);
            epid_accessors(&response.epid);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

// ------------------------------------------------------------------------------------------
// kms_response_mutated: edits of valid responses

/// Which valid response the edits start from.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vector {
    /// V4 response from vlmcsd (docs/protocol.md §7.2, 160 bytes).
    V4,
    /// A V5 response built here for the request of docs/protocol.md §7.2 (V5 has no vlmcsd vector).
    V5,
    /// V6 response from vlmcsd (docs/protocol.md §7.2, 260 bytes).
    V6,
}

/// One edit of the response bytes; positions wrap around the current length.
#[derive(Arbitrary, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Xor {
        at: u16,
        mask: u8,
    },
    Set {
        at: u16,
        value: u8,
    },
    SetU32 {
        at: u16,
        value: u32,
    },
    Insert {
        at: u16,
        bytes: [u8; 4],
    },
    Remove {
        at: u16,
        len: u8,
    },
    Truncate {
        len: u16,
    },
    /// Appends `blocks` × 16 copies of `byte`.
    Extend {
        blocks: u8,
        byte: u8,
    },
}

impl Edit {
    /// The input bytes of this edit (its `arbitrary` encoding).
    pub fn to_bytes(self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut tag = |index: u32| out.extend_from_slice(&variant_bytes(index, 7));
        match self {
            Self::Xor { at, mask } => {
                tag(0);
                out.extend_from_slice(&at.to_le_bytes());
                out.push(mask);
            }
            Self::Set { at, value } => {
                tag(1);
                out.extend_from_slice(&at.to_le_bytes());
                out.push(value);
            }
            Self::SetU32 { at, value } => {
                tag(2);
                out.extend_from_slice(&at.to_le_bytes());
                out.extend_from_slice(&value.to_le_bytes());
            }
            Self::Insert { at, bytes } => {
                tag(3);
                out.extend_from_slice(&at.to_le_bytes());
                out.extend_from_slice(&bytes);
            }
            Self::Remove { at, len } => {
                tag(4);
                out.extend_from_slice(&at.to_le_bytes());
                out.push(len);
            }
            Self::Truncate { len } => {
                tag(5);
                out.extend_from_slice(&len.to_le_bytes());
            }
            Self::Extend { blocks, byte } => {
                tag(6);
                out.push(blocks);
                out.push(byte);
            }
        }
        out
    }

    fn apply(self, bytes: &mut Vec<u8>) {
        let pos = |at: u16, len: usize| usize::from(at) % len.max(1);
        match self {
            Self::Xor { at, mask } => {
                let i = pos(at, bytes.len());
                if let Some(b) = bytes.get_mut(i) {
                    *b ^= mask;
                }
            }
            Self::Set { at, value } => {
                let i = pos(at, bytes.len());
                if let Some(b) = bytes.get_mut(i) {
                    *b = value;
                }
            }
            Self::SetU32 { at, value } => {
                let i = pos(at, bytes.len());
                write_at(bytes, i, &value.to_le_bytes());
            }
            Self::Insert { at, bytes: new } => {
                let i = pos(at, bytes.len() + 1);
                bytes.splice(i..i, new);
            }
            Self::Remove { at, len } => {
                let i = pos(at, bytes.len());
                let end = (i + usize::from(len)).min(bytes.len());
                bytes.drain(i..end);
            }
            Self::Truncate { len } => bytes.truncate(usize::from(len)),
            Self::Extend { blocks, byte } => {
                bytes.resize(bytes.len() + BLOCK_LEN * usize::from(blocks % 32), byte);
            }
        }
    }
}

/// Largest response the mutated target builds; genuine ones are under 300 bytes.
const MAX_MUTATED_LEN: usize = 4096;

/// Starts from a valid response to the request of docs/protocol.md §7.2 and applies fuzzer-chosen
/// edits (`Vector` then edits until the input ends).
///
/// Invariants: the unedited response verifies to exactly the known fields; any change to the
/// V4 or V6 response bytes fails verification (both are MAC-protected end to end; V5 has no
/// MAC over the body, so only the no-panic property is checked there).
pub fn kms_response_mutated(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(vector) = Vector::arbitrary(&mut u) else {
        return;
    };
    let (request, original) = vector_response(vector);
    let mut bytes = original.clone();
    while !u.is_empty() {
        let Ok(edit) = Edit::arbitrary(&mut u) else {
            break;
        };
        edit.apply(&mut bytes);
        if bytes.len() > MAX_MUTATED_LEN {
            bytes.truncate(MAX_MUTATED_LEN);
        }
    }
    let outcome = decode_response(&request, &bytes);
    check_activation(&request, &outcome);
    if bytes == original {
        let response = outcome.unwrap_or_else(|e| panic!("the unedited {vector:?} vector: {e}"));
        assert_eq!(response.epid, EPID);
        assert_eq!(response.client_machine_id, CLIENT_MACHINE_ID);
        assert_eq!(response.client_time, CLIENT_TIME);
        assert_eq!(
            response.hwid,
            (vector == Vector::V6).then_some(HWID),
            "HwId of {vector:?}"
        );
    } else if vector != Vector::V5 {
        assert!(
            outcome.is_err(),
            "an edited {vector:?} response verified: {}",
            hex(&bytes)
        );
    }
}

/// The request of docs/protocol.md §7.2 at `vector`'s version and a valid response to it.
pub fn vector_response(vector: Vector) -> (EncodedRequest, Vec<u8>) {
    let version = match vector {
        Vector::V4 => Version::V4,
        Vector::V5 => Version::V5,
        Vector::V6 => Version::V6,
    };
    let input = vector_input(version, Wire::Raw, 0, &[]);
    let request = input.request();
    let response = match vector {
        Vector::V4 => kms_of_pdu(vectors::V4_RESPONSE_PDU),
        Vector::V6 => kms_of_pdu(vectors::V6_RESPONSE_PDU),
        Vector::V5 => {
            let base = base_response(Version::V5, EPID, 50);
            let mut body = base;
            body.resize(layout(Version::V5, 100).total, 0x42);
            let built = KmsResponseInput {
                wire: Wire::Built,
                fixups: fixups::HASH | fixups::IV_REUSE,
                body: &body,
                ..input
            };
            built.response(&request)
        }
    };
    (request, response)
}

/// The input bytes that select `vector` and apply `edits`.
pub fn mutated_input(vector: Vector, edits: &[Edit]) -> Vec<u8> {
    let index = match vector {
        Vector::V4 => 0,
        Vector::V5 => 1,
        Vector::V6 => 2,
    };
    let mut out = variant_bytes(index, 3).to_vec();
    for edit in edits {
        out.extend(edit.to_bytes());
    }
    out
}

// ------------------------------------------------------------------------------------------
// epid (`src/kms/epid.rs`)

fn epid_accessors(text: &str) {
    match Epid::parse(text) {
        Ok(epid) => {
            assert_eq!(epid.raw, text);
            let _ = (
                epid.host_os(),
                epid.csvlk(),
                epid.lcid_name(),
                epid.platform_matches_build(),
            );
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// An ePID string as a host returns it (any UTF-16 text without NUL reaches the parser), and
/// the accessors the metrics and `probe` output call.
pub fn epid(data: &[u8]) {
    epid_accessors(&String::from_utf8_lossy(data));
}

// ------------------------------------------------------------------------------------------
// sntp_reply (`src/clock/sntp.rs`)

/// A UDP datagram from port 123: `decode_reply`, `check_reply` against the echoed and a
/// different request timestamp, and the offset arithmetic on the reply's timestamps.
///
/// Invariants: a decoded reply came from at least 48 bytes, is mode 4, version 3 or 4; a reply
/// never passes `check_reply` for a request timestamp it does not echo.
pub fn sntp_reply(data: &[u8]) {
    let reply = match sntp::decode_reply(data) {
        Ok(reply) => reply,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    assert!(data.len() >= sntp::PACKET_LEN);
    assert_eq!(reply.mode, 4);
    assert!((3..=4).contains(&reply.version));
    match sntp::check_reply(&reply, reply.originate) {
        Ok(()) => {}
        Err(e) => {
            let _ = (e.to_string(), e.as_metrics_label());
        }
    }
    let other = NtpTimestamp(reply.originate.0 ^ 1);
    assert!(sntp::check_reply(&reply, other).is_err());
    if let Some(code) = reply.kiss_code() {
        let _ = code.to_string();
    }
    // T4: eight bytes after the header if present, else the transmit time.
    let t4 = data
        .get(sntp::PACKET_LEN..sntp::PACKET_LEN + 8)
        .and_then(|b| b.try_into().ok())
        .map_or(reply.transmit, |b| NtpTimestamp(u64::from_be_bytes(b)));
    let sample = sntp::offset_and_delay(reply.originate, reply.receive, reply.transmit, t4);
    assert!(sample.offset.is_finite() && sample.delay.is_finite());
    for t in [
        reply.reference,
        reply.originate,
        reply.receive,
        reply.transmit,
    ] {
        let _ = (t.to_system_time(), t.seconds(), t.fraction());
        let _ = t.wrapping_add(Duration::from_millis(1));
    }
}

// ------------------------------------------------------------------------------------------
// smb2_negotiate (`src/clock/smb2.rs`)

/// A TCP 445 payload: `netbios_message_len` on its first four bytes and
/// `decode_negotiate_response`, then the clock arithmetic on the decoded `SystemTime`.
///
/// Invariants: a decoded response is exactly as long as its NetBIOS header says and carries a
/// non-zero `SystemTime`.
pub fn smb2_negotiate(data: &[u8]) {
    let declared = data
        .get(..smb2::NETBIOS_HEADER_LEN)
        .and_then(|h| h.try_into().ok())
        .map(smb2::netbios_message_len);
    if let Some(Err(e)) = &declared {
        let _ = e.to_string();
    }
    match smb2::decode_negotiate_response(data) {
        Ok(response) => {
            assert_eq!(
                declared,
                Some(Ok(data.len() - smb2::NETBIOS_HEADER_LEN)),
                "decoded a response whose NetBIOS length is wrong"
            );
            assert_ne!(response.system_time, FileTime(0));
            for time in [response.system_time, response.server_start_time] {
                let _ = (time.unix_nanos(), time.to_system_time());
            }
            let sent = UNIX_EPOCH + Duration::from_secs(1_795_453_200);
            for (sent, rtt) in [
                (sent, Duration::from_millis(3)),
                (UNIX_EPOCH, Duration::ZERO),
                (SystemTime::UNIX_EPOCH, Duration::MAX),
            ] {
                assert!(smb2::offset_seconds(response.system_time, sent, rtt).is_finite());
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

// ------------------------------------------------------------------------------------------
// config_yaml (`src/config.rs`)

/// Any text as the config file: `Config::from_yaml` must return a config or an error, never
/// panic; plus the address and DNS-name parsers on each line and resolv.conf discovery.
///
/// Invariants: an accepted config satisfies what validation promises (1 s ≤ interval ≤ 24 h,
/// 0 < timeout ≤ min(interval, 5 m), 0 < activation_interval ≤ 7 d, dns.keep_last_answer ≤ 24 h,
/// concurrency 1..=10000, a workstation name of 1..=63 characters, every referenced product
/// known), and the scheduler's and the probes' deadlines from its durations are exact (see
/// [`config_deadlines`]); `normalize_dns_name` is idempotent.
pub fn config_yaml(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Config::from_yaml(&text, Path::new("fuzz.yaml")) {
        Ok(config) => {
            assert!((Duration::from_secs(1)..=config::MAX_INTERVAL).contains(&config.interval));
            assert!(!config.timeout.is_zero() && config.timeout <= config.interval);
            assert!(config.timeout <= config::MAX_TIMEOUT);
            assert!(!config.activation_interval.is_zero());
            assert!(config.activation_interval <= config::MAX_ACTIVATION_INTERVAL);
            assert!(config.dns_keep_last_answer <= config::MAX_KEEP_LAST_ANSWER);
            config_deadlines(&config);
            assert!((1..=10_000).contains(&config.concurrency));
            let name_len = config.client.workstation_name.chars().count();
            assert!((1..=63).contains(&name_len));
            for product in config
                .domains
                .iter()
                .flat_map(|d| &d.products)
                .chain(config.hosts.iter().flat_map(|h| &h.products))
            {
                assert!(config.product(product).is_some(), "unknown {product:?}");
            }
            for domain in &config.domains {
                let _ = domain.srv_name();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    let _ = config::resolv_conf_domains(&text);
    for line in text.lines().take(64) {
        if let Ok(name) = config::normalize_dns_name(line) {
            assert_eq!(config::normalize_dns_name(&name), Ok(name.clone()));
        }
        let _ = config::parse_host_port(line, config::KMS_PORT);
        let _ = config::parse_socket_address(line, 53);
    }
}

/// What the exporter computes from an accepted config's durations, through the product's own
/// functions: the scheduler's next cycle start (`scheduler::next_cycle_start`, with no, random
/// and the largest jitter) and the deadlines of a probe, `/probe` and an activation round
/// (`deadline::after`). A duration validation let through that no clock can hold panics here
/// where the arithmetic overflows, or fails the exactness check where it saturates.
pub fn config_deadlines(config: &Config) {
    let now = tokio::time::Instant::now();
    let interval = config.interval;
    let most_jitter = interval / 20;
    for jitter in [Duration::ZERO, scheduler::jitter(interval), most_jitter] {
        assert!(
            jitter <= most_jitter,
            "jitter {jitter:?} above 5% of {interval:?}"
        );
        let next = scheduler::next_cycle_start(now, interval, jitter);
        assert_eq!(
            next.duration_since(now),
            interval + jitter,
            "next cycle clamped: interval {interval:?} is more than any clock can hold"
        );
    }
    for budget in [
        config.timeout,
        config.timeout * 2,
        config.activation_interval,
        config.dns_keep_last_answer,
    ] {
        assert_eq!(
            deadline::after(now, budget).duration_since(now),
            budget,
            "deadline clamped: {budget:?} is more than any clock can hold"
        );
    }
}

// ------------------------------------------------------------------------------------------
// codes_parse (`src/codes/`)

/// A code as a user types it for `kms_exporter explain`.
///
/// Invariant: a parsed code reads back from its `0x` hex and 8-digit hex forms.
///
/// The PromQL tokenizer `metric_names_in_expr`, which this harness also fed, is test tooling now
/// (`tests/integration/support/promql.rs`), not product code: it reads only this repository's
/// alert rules and dashboards, never user input, so it is not fuzzed. The `promql-…` seeds stay
/// as text that is no error code.
pub fn codes_parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match codes::parse_code(&text) {
        Ok(code) => {
            assert_eq!(codes::parse_code(&format!("0x{code:X}")), Ok(code));
            assert_eq!(codes::parse_code(&format!("{code:08X}")), Ok(code));
            if let Some(entry) = codes::lookup(code) {
                for lang in Lang::ALL {
                    let _ = codes::explain(entry, lang);
                }
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

// ------------------------------------------------------------------------------------------
// Vectors beyond `src/kms/test_vectors.rs`, and seeds

/// vlmcsd's FAULT (static call_id 2, garbage in cancel_count) and a BIND_NAK
/// (docs/protocol.md §1.7, §4.1).
pub const FAULT_VLMCSD: &str = "050003231000000020000000020000002000000000007f7f0300011c00000000";
pub const BIND_NAK: &str = "05000d0310000000140000000200000004000000";

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The KMS response inside a RESPONSE PDU (stub after the 24-byte header, 12-byte prefix).
fn kms_of_pdu(pdu_lines: &[&str]) -> Vec<u8> {
    let pdu = vectors::bytes(pdu_lines);
    match rpc::decode_call_reply(&pdu, REQUEST_CALL_ID, 0) {
        Ok(CallReply::Success(kms)) => kms.to_vec(),
        other => unreachable!("the §7.2 vector is a success: {other:?}"),
    }
}

/// The `arbitrary` encoding of enum variant `index` of `count` (derive maps a u32 `x` to
/// `(x * count) >> 32`).
fn variant_bytes(index: u32, count: u32) -> [u8; 4] {
    let x = ((u64::from(index) << 32).div_ceil(u64::from(count))) as u32;
    x.to_le_bytes()
}

/// A [`KmsResponseInput`] with the request fields of docs/protocol.md §7.2.
fn vector_input<'a>(
    version: Version,
    wire: Wire,
    fixups: u8,
    body: &'a [u8],
) -> KmsResponseInput<'a> {
    KmsResponseInput {
        version,
        wire,
        client_machine_id: CLIENT_MACHINE_ID.to_bytes_le(),
        client_time: CLIENT_TIME,
        request_iv: REQUEST_IV,
        response_iv: [7; 16],
        fixups,
        hmac_slot: 0,
        body,
    }
}

/// A base response (`docs/protocol.md` §3.1) echoing the request of docs/protocol.md §7.2.
fn base_response(version: Version, epid: &str, count: u32) -> Vec<u8> {
    encode::kms::BaseResponse {
        version: version.protocol(),
        epid,
        client_machine_id: CLIENT_MACHINE_ID,
        client_time: CLIENT_TIME,
        current_count: count,
        activation_interval_minutes: 120,
        renewal_interval_minutes: 10_080,
    }
    .encode()
}

/// A NEGOTIATE response as Windows sends it (MS-SMB2 2.2.4), NetBIOS header included.
fn smb2_response(status: u32, system_time: u64) -> Vec<u8> {
    encode::smb2::NegotiateResponse {
        status,
        server_guid: [0xA5; 16],
        system_time,
        security_blob: &[0x60, 0x02, 0x06, 0x00],
    }
    .encode()
}

/// An SNTP server reply with the leap indicator, version, stratum, reference ID and the four
/// timestamps (reference, originate, receive, transmit) given.
fn sntp_reply_bytes(
    leap: u8,
    version: u8,
    stratum: u8,
    reference_id: [u8; 4],
    [reference, originate, receive, transmit]: [u64; 4],
) -> Vec<u8> {
    let reply = sntp::SntpReply {
        leap,
        version,
        mode: 4,
        stratum,
        poll: 6,
        precision: -23,
        root_delay: 0x0000_0123,
        root_dispersion: 0x0000_0456,
        reference_id,
        reference: NtpTimestamp(reference),
        originate: NtpTimestamp(originate),
        receive: NtpTimestamp(receive),
        transmit: NtpTimestamp(transmit),
    };
    encode::sntp::reply(&reply).to_vec()
}

/// The README's example configuration (every key).
pub const README_CONFIG: &str = "\
interval: 60s            # how often DNS, TCP 1688 and the clocks are probed; 1s..24h
activation_interval: 15m # how often each host gets real activation requests; at most 7d
timeout: 10s             # budget for one host's whole probe and for one SRV lookup; <= interval, <= 5m
concurrency: 32          # host probes in flight at once (1..10000)
client:
  machine_id: auto       # client machine ID sent to KMS hosts; auto = stable UUID from the hostname
  workstation_name: auto # shown in the host's event log; auto = \"kms-exporter.<hostname>\"
dns:
  servers: []            # empty = system resolver; else [\"10.0.0.53\", \"[2001:db8::53]:53\"], each asked separately
  keep_last_answer: 1h   # while every server fails without an authoritative answer (timeout, SERVFAIL,
                         # REFUSED, malformed), keep probing the hosts of the last good SRV answer this
                         # long; NXDOMAIN/NODATA withdraw them at once. 0s = never keep; at most 24h
domains:
  - name: corp.example.com
    products: [windows]  # default [windows]
    expected_hosts: [kms1.corp.example.com, kms2.corp.example.com]  # optional allow-list
hosts:                   # hosts given directly (the `slmgr /skms` case); port defaults to 1688
  - address: kms3.corp.example.com:1688
    products: [windows]
clock:
  methods: [ntp, smb]    # host clock measurement; [] = off
  reference: []          # NTP servers that check the exporter's own clock
products:                # additions to the built-in table
  - name: my-product
    application_id: 55c92734-d682-4d71-983e-d6ec3f16059f
    kms_counted_id: 58e2134f-8e11-4d17-9cb2-91069c151148
    sku_id: 73111121-5638-40f6-bc11-f1d7b0d64300
    required_count: 25   # 25 or 5 only: a larger N can permanently break a genuine host's count
    protocol_version: 6  # optional, default 6
";

/// One seed input.
pub struct Seed {
    pub target: &'static str,
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// Meaningful starting inputs for every target: the vectors and refusals of docs/protocol.md §7.2,
/// valid SNTP and SMB2 replies, the README configuration, real codes and alert expressions. Names
/// starting with `ok-` must decode successfully; the corpus replay test checks that for the KMS
/// ones.
pub fn seeds() -> Vec<Seed> {
    let mut seeds = Vec::new();
    let mut add = |target: &'static str, name: &'static str, bytes: Vec<u8>| {
        seeds.push(Seed {
            target,
            name,
            bytes,
        });
    };

    add(
        "rpc_pdu",
        "ok-bind-ack-vlmcsd",
        vectors::bytes(vectors::BIND_ACK_VLMCSD),
    );
    add("rpc_pdu", "ok-bind-nak", vectors::hex(BIND_NAK));
    add(
        "rpc_pdu",
        "ok-v4-response",
        vectors::bytes(vectors::V4_RESPONSE_PDU),
    );
    add(
        "rpc_pdu",
        "ok-v6-response",
        vectors::bytes(vectors::V6_RESPONSE_PDU),
    );
    add(
        "rpc_pdu",
        "ok-refusal-kms-id",
        vectors::hex(vectors::REFUSAL_KMS_ID),
    );
    add(
        "rpc_pdu",
        "ok-refusal-clock-skew",
        vectors::hex(vectors::REFUSAL_CLOCK_SKEW),
    );
    add(
        "rpc_pdu",
        "ok-refusal-bad-version",
        vectors::hex(vectors::REFUSAL_BAD_VERSION),
    );
    add("rpc_pdu", "ok-fault-vlmcsd", vectors::hex(FAULT_VLMCSD));

    // kms_response: the vlmcsd responses raw, and as plaintext bodies the harness re-encrypts.
    let v4 = kms_of_pdu(vectors::V4_RESPONSE_PDU);
    let v4_input = vector_input(Version::V4, Wire::Raw, 0, &v4);
    add("kms_response", "ok-v4-raw", v4_input.to_bytes());
    let v4_base = &v4[..v4.len() - BLOCK_LEN];
    let v4_built = vector_input(Version::V4, Wire::Built, fixups::MAC, v4_base);
    add("kms_response", "ok-v4-built", v4_built.to_bytes());
    let v6 = kms_of_pdu(vectors::V6_RESPONSE_PDU);
    let v6_input = vector_input(Version::V6, Wire::Raw, 0, &v6);
    add("kms_response", "ok-v6-raw", v6_input.to_bytes());
    let plaintext = vectors::bytes(vectors::V6_RESPONSE_PLAINTEXT);
    let v6_body = &plaintext[BLOCK_LEN..plaintext.len() - 8];
    let v6_built = KmsResponseInput {
        response_iv: v6[4..20].try_into().unwrap_or_default(),
        ..vector_input(Version::V6, Wire::Built, 0, v6_body)
    };
    add("kms_response", "ok-v6-built", v6_built.to_bytes());
    let v6_fixed = vector_input(
        Version::V6,
        Wire::Built,
        fixups::ALL ^ fixups::IV_REUSE,
        v6_body,
    );
    add("kms_response", "ok-v6-built-fixups", v6_fixed.to_bytes());
    for (name, hmac_slot) in [
        ("ok-v6-hmac-slot-minus-1", 1),
        ("ok-v6-hmac-slot-plus-1", 2),
    ] {
        let input = KmsResponseInput {
            hmac_slot,
            ..v6_fixed.clone()
        };
        add("kms_response", name, input.to_bytes());
    }
    let v5_base = base_response(Version::V5, EPID, 10);
    let mut v5_body = v5_base.clone();
    v5_body.resize(layout(Version::V5, 100).total, 0x42);
    let v5_built = vector_input(
        Version::V5,
        Wire::Built,
        fixups::HASH | fixups::IV_REUSE,
        &v5_body,
    );
    add("kms_response", "ok-v5-built", v5_built.to_bytes());
    let short = base_response(Version::V6, "ab", 3);
    let short_built = vector_input(
        Version::V6,
        Wire::Built,
        fixups::ALL ^ fixups::IV_REUSE,
        &short,
    );
    add(
        "kms_response",
        "ok-v6-short-epid-fixups",
        short_built.to_bytes(),
    );

    add(
        "kms_response_mutated",
        "ok-v4",
        mutated_input(Vector::V4, &[]),
    );
    add(
        "kms_response_mutated",
        "ok-v5",
        mutated_input(Vector::V5, &[]),
    );
    add(
        "kms_response_mutated",
        "ok-v6",
        mutated_input(Vector::V6, &[]),
    );
    add(
        "kms_response_mutated",
        "v6-epid-length",
        mutated_input(Vector::V6, &[Edit::Xor { at: 24, mask: 2 }]),
    );
    add(
        "kms_response_mutated",
        "v4-epid-length-and-truncate",
        mutated_input(
            Vector::V4,
            &[
                Edit::SetU32 { at: 4, value: 130 },
                Edit::Truncate { len: 100 },
            ],
        ),
    );

    add("epid", "ok-server-2016", EPID.as_bytes().to_vec());
    add(
        "epid",
        "ok-server-2012-r2",
        b"06401-00206-271-111111-03-1033-9600.0000-3652013".to_vec(),
    );
    add(
        "epid",
        "ok-server-2025",
        b"03612-04918-000-000123-03-1041-26100.0000-0012025".to_vec(),
    );

    let t = |seconds: u32, fraction: u32| (u64::from(seconds) << 32) | u64::from(fraction);
    let request = t(0xEB00_0000, 0x1234_5678);
    add(
        "sntp_reply",
        "ok-v4-stratum2",
        sntp_reply_bytes(
            0,
            4,
            2,
            [192, 0, 2, 1],
            [
                t(0xEAFF_FF00, 0),
                request,
                t(0xEB00_0000, 0x2000_0000),
                t(0xEB00_0000, 0x2100_0000),
            ],
        ),
    );
    add(
        "sntp_reply",
        "ok-v3-stratum1",
        sntp_reply_bytes(
            0,
            3,
            1,
            *b"GPS\0",
            [
                t(0xEB00_0000, 0),
                request,
                t(0xEB00_0001, 5),
                t(0xEB00_0001, 9),
            ],
        ),
    );
    add(
        "sntp_reply",
        "kiss-of-death-rate",
        sntp_reply_bytes(3, 4, 0, *b"RATE", [0, request, 0, 0]),
    );

    add(
        "smb2_negotiate",
        "ok-windows",
        smb2_response(0, CLIENT_TIME),
    );
    add(
        "smb2_negotiate",
        "error-status",
        smb2_response(0xC000_0022, CLIENT_TIME),
    );
    let mut smb1 = smb2_response(0, CLIENT_TIME);
    smb1[4] = 0xFF;
    add("smb2_negotiate", "smb1-reply", smb1);

    add(
        "config_yaml",
        "ok-readme",
        README_CONFIG.as_bytes().to_vec(),
    );
    add("config_yaml", "ok-empty", Vec::new());
    add(
        "config_yaml",
        "ok-hosts-v6",
        b"interval: 2m\ntimeout: 30s\nhosts:\n  - address: \"[2001:db8::1]:1688\"\n    products: [windows, office-ltsc-2021]\nclock:\n  methods: [smb]\n  reference: [\"ntp.example.com:123\"]\n"
            .to_vec(),
    );
    // Every duration at its bound (the largest deadlines the scheduler computes), then each one
    // far beyond what a clock can hold: `interval: 400000000000y` passed validation before
    // issue 14 and panicked the scheduler.
    add(
        "config_yaml",
        "ok-every-duration-at-its-bound",
        b"interval: 24h\ntimeout: 5m\nactivation_interval: 7d\ndns:\n  keep_last_answer: 24h\n"
            .to_vec(),
    );
    for (name, text) in [
        ("absurd-interval", "interval: 400000000000y\n"),
        (
            "absurd-interval-seconds",
            "interval: 18446744073709551615s\n",
        ),
        ("absurd-timeout", "interval: 24h\ntimeout: 400000000000y\n"),
        (
            "absurd-activation-interval",
            "activation_interval: 400000000000y\n",
        ),
        (
            "absurd-keep-last-answer",
            "dns:\n  keep_last_answer: 400000000000y\n",
        ),
        (
            "absurd-everything",
            "interval: 400000000000y\ntimeout: 400000000000y\nactivation_interval: 400000000000y\ndns: {keep_last_answer: 400000000000y}\n",
        ),
    ] {
        add("config_yaml", name, text.as_bytes().to_vec());
    }
    add(
        "config_yaml",
        "anchors-and-tags",
        b"base: &b {interval: 1h}\n<<: *b\nclient: !!map {machine_id: 11111111-2222-4333-8444-555555555555}\n"
            .to_vec(),
    );

    for (name, text) in [
        ("ok-hex", "0xC004F074"),
        ("ok-bare-hex", "C004F074"),
        ("ok-negative", "-1073418124"),
        ("ok-decimal", "3221549172"),
        ("ok-short-hex", "6BA"),
        (
            "promql-alert",
            "min without (nameserver) (\n  max without (status) (kms_dns_srv_status{status=~\"nxdomain|nodata\"})\n) == 1",
        ),
        (
            "promql-name-matcher",
            "max_over_time({__name__=\"kms_exporter_build_info\"}[1d]) # kms_comment\nand rate(kms_x{k='v\\''}[5m])",
        ),
    ] {
        add("codes_parse", name, text.as_bytes().to_vec());
    }
    seeds
}
