//! KMS request encoding and response verification (`docs/protocol.md` §2, §3).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use uuid::Uuid;

use super::crypto::{self, AesVariant, BLOCK_LEN, Block, CryptoError};
use super::products::{Product, RequiredCount};
use super::version::ProtocolVersion;
use crate::clock::FileTime;
use crate::wire::{Reader, Truncated};

/// Base request length, identical for V4/V5/V6 (docs/protocol.md §2.1).
pub const BASE_REQUEST_LEN: usize = 236;
/// V4 request: base ‖ MAC (docs/protocol.md §2.2).
pub const V4_REQUEST_LEN: usize = BASE_REQUEST_LEN + BLOCK_LEN;
/// V5/V6 request: version ‖ IV ‖ CBC(base ‖ 04 04 04 04) (docs/protocol.md §2.3).
pub const V5_V6_REQUEST_LEN: usize = 4 + BLOCK_LEN + BASE_REQUEST_LEN + 4;

/// WorkstationName holds at most 63 UTF-16 units plus the NUL, in 64 WCHARs
/// (docs/protocol.md §2.1).
const WORKSTATION_NAME_UNITS: usize = 64;
/// vlmcs limit on the ePID byte length including its NUL (docs/protocol.md §3.1).
const MAX_EPID_BYTES: usize = 128;
/// Base response bytes besides the ePID (docs/protocol.md §3.1).
const BASE_RESPONSE_FIXED_LEN: usize = 44;
/// Bytes the V5 plaintext adds around the base response: decrypted IV, RandomXoredIVs, hash.
const V5_EXTRA_LEN: usize = BLOCK_LEN + BLOCK_LEN + 32;
/// V6 adds HwId, XoredIVs and the HMAC (docs/protocol.md §3.3).
const V6_EXTRA_LEN: usize = V5_EXTRA_LEN + 8 + BLOCK_LEN + BLOCK_LEN;

/// An HRESULT as a host returns it in the refusal stub (docs/protocol.md §4.2). The protocol code
/// carries only the numbers it acts on; their names, meanings and fixes live in the catalog
/// ([`crate::codes`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hresult(pub u32);

impl Hresult {
    /// Success.
    pub const S_OK: Self = Self(0);
    /// Protocol version not supported, or a garbled request: the cue to step down
    /// (docs/protocol.md §4.6).
    pub const INVALID_DATA: Self = Self(0x8007_000D);
    /// The host cannot activate this KMS counted ID.
    pub const KMS_ID_MISMATCH: Self = Self(0xC004_F042);
    /// The host's own KMS key is not activated.
    pub const NOT_ACTIVATED: Self = Self(0xC004_F041);
    /// The request's time is more than 4 h from the host clock.
    pub const INVALID_TIMESTAMP: Self = Self(0xC004_F06C);
    /// The host is overcharged (docs/protocol.md §4.5).
    pub const OVERCHARGED: Self = Self(0xC004_D104);
    /// Computed by clients (and the probe) when the count is below N.
    pub const NOT_ENOUGH_COUNT: Self = Self(0xC004_F038);

    pub fn is_success(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for Hresult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08X}", self.0)
    }
}

impl fmt::Debug for Hresult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hresult(0x{:08X})", self.0)
    }
}

/// FILETIME (100 ns ticks since 1601-01-01 UTC) of a system time; saturates outside the
/// representable range.
pub fn filetime_from_system_time(time: SystemTime) -> u64 {
    FileTime::from_system_time(time).map_or(if time < UNIX_EPOCH { 0 } else { u64::MAX }, |f| f.0)
}

/// The system time of a FILETIME, if the platform can represent it.
pub fn system_time_from_filetime(filetime: u64) -> Option<SystemTime> {
    FileTime(filetime).to_system_time()
}

/// The fields of a KMS base request (docs/protocol.md §2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationRequest {
    /// Selects the wrapping (docs/protocol.md §2.2, §2.3) and is echoed by the host.
    pub version: ProtocolVersion,
    /// VMInfo; hosts keep separate statistics for VMs.
    pub is_virtual_machine: bool,
    /// 0 unlicensed … 6 extended grace; clients and emulator tools send 2 (OOB grace).
    pub license_status: u32,
    /// Minutes left in the current licence state; clients send 43200 (30 days).
    pub grace_minutes: u32,
    /// Selects the host's count (Windows vs Office).
    pub application_id: Uuid,
    /// Sent for realism; not checked by genuine hosts.
    pub sku_id: Uuid,
    /// What the host grants or refuses.
    pub kms_counted_id: Uuid,
    /// Counted by the host for 30 days; keep it fixed per probe (docs/protocol.md §8).
    pub client_machine_id: Uuid,
    /// N policy: 25 or 5, never larger (docs/protocol.md §4.5).
    pub required_count: RequiredCount,
    /// FILETIME; the host refuses it when more than 4 h off its own clock and echoes it back.
    pub client_time: u64,
    /// Zero unless the CMID changed.
    pub previous_client_machine_id: Uuid,
    /// Shown in the host's event log (event 12290); truncated to 63 UTF-16 units.
    pub workstation_name: String,
}

impl ActivationRequest {
    /// A realistic request for `product` (license status 2, grace 43200, physical machine,
    /// docs/protocol.md §2.1, §8), using the product's first protocol version.
    pub fn for_product(
        product: &Product,
        client_machine_id: Uuid,
        workstation_name: impl Into<String>,
        client_time: u64,
    ) -> Self {
        Self {
            version: product.first_version,
            is_virtual_machine: false,
            license_status: 2,
            grace_minutes: 43_200,
            application_id: product.application_id,
            sku_id: product.sku_id,
            kms_counted_id: product.kms_counted_id,
            client_machine_id,
            required_count: product.required_count,
            client_time,
            previous_client_machine_id: Uuid::nil(),
            workstation_name: workstation_name.into(),
        }
    }

    fn encode_base(&self) -> [u8; BASE_REQUEST_LEN] {
        let mut base = [0u8; BASE_REQUEST_LEN];
        let mut fields: Vec<u8> = Vec::with_capacity(BASE_REQUEST_LEN);
        fields.extend_from_slice(&self.version.wire());
        fields.extend_from_slice(&u32::from(self.is_virtual_machine).to_le_bytes());
        fields.extend_from_slice(&self.license_status.to_le_bytes());
        fields.extend_from_slice(&self.grace_minutes.to_le_bytes());
        fields.extend_from_slice(&self.application_id.to_bytes_le());
        fields.extend_from_slice(&self.sku_id.to_bytes_le());
        fields.extend_from_slice(&self.kms_counted_id.to_bytes_le());
        fields.extend_from_slice(&self.client_machine_id.to_bytes_le());
        fields.extend_from_slice(&self.required_count.get().to_le_bytes());
        fields.extend_from_slice(&self.client_time.to_le_bytes());
        fields.extend_from_slice(&self.previous_client_machine_id.to_bytes_le());
        for unit in workstation_name_units(&self.workstation_name) {
            fields.extend_from_slice(&unit.to_le_bytes());
        }
        for (b, f) in base.iter_mut().zip(&fields) {
            *b = *f;
        }
        base
    }
}

/// UTF-16 units of the name, at most 63 so a NUL always fits, never ending in half a
/// surrogate pair.
fn workstation_name_units(name: &str) -> Vec<u16> {
    let mut units: Vec<u16> = name.encode_utf16().take(WORKSTATION_NAME_UNITS).collect();
    if units.len() >= WORKSTATION_NAME_UNITS {
        units.truncate(WORKSTATION_NAME_UNITS - 1);
        if units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            units.pop();
        }
    }
    units
}

/// A request ready to send, with what verifying its response needs (docs/protocol.md §3.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedRequest {
    bytes: Vec<u8>,
    version: ProtocolVersion,
    client_machine_id: Uuid,
    client_time: u64,
    iv: Block,
    decrypted_iv: Block,
}

impl EncodedRequest {
    /// The KMS request: 252 bytes for V4, 260 for V5/V6.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn version(&self) -> ProtocolVersion {
        self.version
    }

    pub fn client_machine_id(&self) -> Uuid {
        self.client_machine_id
    }

    pub fn client_time(&self) -> u64 {
        self.client_time
    }

    /// The request IV (V5/V6; ignored for V4).
    pub fn iv(&self) -> Block {
        self.iv
    }

    /// `D_K(IV)`, which the V5/V6 response checks refer to (docs/protocol.md §2.3); zero for V4.
    pub fn decrypted_iv(&self) -> Block {
        self.decrypted_iv
    }
}

/// Encodes `request`; `iv` must be random for V5/V6 and is ignored for V4
/// (docs/protocol.md §2.2, §2.3).
pub fn encode_request(request: &ActivationRequest, iv: Block) -> EncodedRequest {
    let base = request.encode_base();
    let (bytes, decrypted_iv) = match request.version.aes_variant() {
        None => {
            let mut bytes = base.to_vec();
            bytes.extend_from_slice(&crypto::v4_mac(&base));
            (bytes, [0u8; BLOCK_LEN])
        }
        Some(variant) => {
            let mut bytes = Vec::with_capacity(V5_V6_REQUEST_LEN);
            bytes.extend_from_slice(&request.version.wire());
            bytes.extend_from_slice(&iv);
            let ciphertext = crypto::cbc_encrypt(variant, &iv, &crypto::pkcs7_pad(&base))
                .expect("PKCS#7 output is block-aligned");
            bytes.extend_from_slice(&ciphertext);
            (bytes, crypto::decrypt_block(variant, &iv))
        }
    };
    EncodedRequest {
        bytes,
        version: request.version,
        client_machine_id: request.client_machine_id,
        client_time: request.client_time,
        iv,
        decrypted_iv,
    }
}

/// A verified activation answer (docs/protocol.md §3.1, §3.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationResponse {
    pub version: ProtocolVersion,
    /// The host's ePID for this application's CSVLK (docs/protocol.md §6).
    pub epid: String,
    /// Echo of the request's CMID (verified).
    pub client_machine_id: Uuid,
    /// Echo of the request's FILETIME (verified); says nothing about the host clock
    /// (docs/protocol.md §3.5).
    pub client_time: u64,
    /// Distinct CMIDs the host saw for this product family in 30 days; below N, real clients
    /// report 0xC004F038 themselves (docs/protocol.md §4.2).
    pub current_count: u32,
    /// Retry interval for unactivated clients, minutes.
    pub activation_interval_minutes: u32,
    /// Renewal interval for activated clients, minutes.
    pub renewal_interval_minutes: u32,
    /// Host hardware ID, V6 only; a stable host fingerprint (docs/protocol.md §3.3 step 8).
    pub hwid: Option<[u8; 8]>,
    /// V6 only: the HMAC time slot that verified, relative to the echoed time
    /// (docs/protocol.md §3.3 step 7). Non-zero would hint that the host keyed the HMAC from its
    /// own clock.
    pub hmac_slot: Option<i8>,
}

/// Why a KMS response failed verification (docs/protocol.md §3.2, §3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ResponseError {
    #[error("response length {0} does not fit the protocol version")]
    Length(usize),
    #[error("decryption failed: {0}")]
    Decryption(#[from] CryptoError),
    #[error("response version {major}.{minor} does not match the request's {expected}")]
    Version {
        expected: ProtocolVersion,
        major: u16,
        minor: u16,
    },
    #[error("ePID length {0} is invalid (even, 2..=128 bytes, §3.1)")]
    EpidLength(u32),
    #[error("ePID is not NUL-terminated or contains an embedded NUL (§3.1)")]
    EpidTermination,
    #[error("ePID is not valid UTF-16")]
    EpidEncoding,
    #[error("V4 response MAC is wrong (§3.2)")]
    Mac,
    #[error("echoed client machine ID {got} differs from {sent}")]
    ClientMachineId { sent: Uuid, got: Uuid },
    #[error("echoed client time {got} differs from {sent} (§3.5)")]
    ClientTime { sent: u64, got: u64 },
    #[error("SHA-256 of RandomXoredIVs xor D_K(IV) does not match the hash (§3.3 step 4)")]
    Hash,
    #[error("V5 response IV differs from the request IV (§3.3 step 5)")]
    IvMismatch,
    #[error("V6 XoredIVs differ from D_K(request IV) (§3.3 step 6)")]
    XoredIvs,
    #[error("V6 HMAC does not verify in the echoed time slot or its neighbours (§3.3 step 7)")]
    Hmac,
    #[error("V6 response reuses the request IV: an emulator following KMSv5 rules (§3.3 step 6)")]
    IvReused,
}

/// A field outside the buffer means a length the earlier checks should have rejected; it is
/// reported as the length of the buffer read.
impl From<Truncated> for ResponseError {
    fn from(truncated: Truncated) -> Self {
        Self::Length(truncated.available)
    }
}

/// ePID byte length P read from offset 4 of a base response, validated (docs/protocol.md §3.1).
fn epid_len(base: &[u8]) -> Result<usize, ResponseError> {
    let raw = Reader::new(base).u32_le(4)?;
    let len = usize::try_from(raw).map_err(|_| ResponseError::EpidLength(raw))?;
    if !(2..=MAX_EPID_BYTES).contains(&len) || !len.is_multiple_of(2) {
        return Err(ResponseError::EpidLength(raw));
    }
    Ok(len)
}

fn check_version(expected: ProtocolVersion, wire: [u8; 4]) -> Result<(), ResponseError> {
    if wire == expected.wire() {
        Ok(())
    } else {
        Err(ResponseError::Version {
            expected,
            minor: u16::from_le_bytes([wire[0], wire[1]]),
            major: u16::from_le_bytes([wire[2], wire[3]]),
        })
    }
}

/// Parses and checks the base response (docs/protocol.md §3.1): version, ePID, CMID and time
/// echoes.
fn parse_base(request: &EncodedRequest, base: &[u8]) -> Result<ActivationResponse, ResponseError> {
    let fields = Reader::new(base);
    check_version(request.version, fields.array(0)?)?;
    let p = epid_len(base)?;
    let epid_bytes = fields.bytes(8, p)?;
    let units: Vec<u16> = epid_bytes
        .as_chunks::<2>()
        .0
        .iter()
        .map(|pair| u16::from_le_bytes(*pair))
        .collect();
    let Some((&0, text)) = units.split_last() else {
        return Err(ResponseError::EpidTermination);
    };
    if text.contains(&0) {
        return Err(ResponseError::EpidTermination);
    }
    let epid = String::from_utf16(text).map_err(|_| ResponseError::EpidEncoding)?;

    let client_machine_id = fields.guid(8 + p)?;
    if client_machine_id != request.client_machine_id {
        return Err(ResponseError::ClientMachineId {
            sent: request.client_machine_id,
            got: client_machine_id,
        });
    }
    let client_time = fields.u64_le(24 + p)?;
    if client_time != request.client_time {
        return Err(ResponseError::ClientTime {
            sent: request.client_time,
            got: client_time,
        });
    }
    Ok(ActivationResponse {
        version: request.version,
        epid,
        client_machine_id,
        client_time,
        current_count: fields.u32_le(32 + p)?,
        activation_interval_minutes: fields.u32_le(36 + p)?,
        renewal_interval_minutes: fields.u32_le(40 + p)?,
        hwid: None,
        hmac_slot: None,
    })
}

/// Verifies a KMS response against the request it answers and extracts its fields
/// (docs/protocol.md §3.2, §3.3).
pub fn decode_response(
    request: &EncodedRequest,
    response: &[u8],
) -> Result<ActivationResponse, ResponseError> {
    match request.version.aes_variant() {
        None => decode_v4(request, response),
        Some(variant) => decode_v5_v6(request, variant, response),
    }
}

fn decode_v4(
    request: &EncodedRequest,
    response: &[u8],
) -> Result<ActivationResponse, ResponseError> {
    let p = epid_len(response)?;
    let base_len = BASE_RESPONSE_FIXED_LEN + p;
    if response.len() != base_len + BLOCK_LEN {
        return Err(ResponseError::Length(response.len()));
    }
    let (base, mac) = response
        .split_at_checked(base_len)
        .ok_or(ResponseError::Length(response.len()))?;
    if crypto::v4_mac(base) != mac {
        return Err(ResponseError::Mac);
    }
    parse_base(request, base)
}

fn decode_v5_v6(
    request: &EncodedRequest,
    variant: AesVariant,
    response: &[u8],
) -> Result<ActivationResponse, ResponseError> {
    let (outer_version, encrypted) = response
        .split_first_chunk::<4>()
        .ok_or(ResponseError::Length(response.len()))?;
    check_version(request.version, *outer_version)?;
    if encrypted.len() < 2 * BLOCK_LEN || !encrypted.len().is_multiple_of(BLOCK_LEN) {
        return Err(ResponseError::Length(response.len()));
    }
    let response_iv: Block = Reader::new(encrypted).array(0)?;
    // Zero-IV decryption of IV ‖ ciphertext: block 0 becomes D_K(IV_resp), the rest the
    // response body (docs/protocol.md §2.3, §3.3).
    let padded = crypto::cbc_decrypt(variant, &[0; BLOCK_LEN], encrypted)?;
    let plaintext = crypto::pkcs7_unpad(&padded)?;
    let body = plaintext
        .get(BLOCK_LEN..)
        .ok_or(ResponseError::Length(response.len()))?;
    let p = epid_len(body).map_err(|e| match e {
        ResponseError::Length(_) => ResponseError::Length(response.len()),
        other => other,
    })?;
    let extra = match variant {
        AesVariant::V5 => V5_EXTRA_LEN,
        AesVariant::V6 => V6_EXTRA_LEN,
    };
    if plaintext.len() != BASE_RESPONSE_FIXED_LEN + p + extra {
        return Err(ResponseError::Length(response.len()));
    }
    let fields = Reader::new(plaintext);
    let base_end = BLOCK_LEN + BASE_RESPONSE_FIXED_LEN + p;
    let mut parsed = parse_base(
        request,
        fields.bytes(BLOCK_LEN, BASE_RESPONSE_FIXED_LEN + p)?,
    )?;

    let random_xored_ivs: Block = fields.array(base_end)?;
    let hash: [u8; 32] = fields.array(base_end + BLOCK_LEN)?;
    let mut random = random_xored_ivs;
    for (r, d) in random.iter_mut().zip(request.decrypted_iv) {
        *r ^= d;
    }
    if crypto::sha256(&random) != hash {
        return Err(ResponseError::Hash);
    }

    if variant == AesVariant::V5 {
        if response_iv != request.iv {
            return Err(ResponseError::IvMismatch);
        }
        return Ok(parsed);
    }

    let v6_start = base_end + BLOCK_LEN + 32;
    let hwid: [u8; 8] = fields.array(v6_start)?;
    let xored_ivs: Block = fields.array(v6_start + 8)?;
    if xored_ivs != request.decrypted_iv {
        return Err(ResponseError::XoredIvs);
    }
    let hmac_start = v6_start + 8 + BLOCK_LEN;
    let hmac: Block = fields.array(hmac_start)?;
    let signed = fields.bytes(0, hmac_start)?;
    let slot = verify_hmac(parsed.client_time, signed, &hmac).ok_or(ResponseError::Hmac)?;
    // Checked last so that this variant means "otherwise valid, but an emulator" (vlmcs warns).
    if response_iv == request.iv {
        return Err(ResponseError::IvReused);
    }
    parsed.hwid = Some(hwid);
    parsed.hmac_slot = Some(slot);
    Ok(parsed)
}

/// Tries the HMAC slot of the echoed time, then the true neighbouring slots −1 and +1
/// (docs/protocol.md §3.3 step 7); returns the offset that verified.
fn verify_hmac(client_time: u64, signed: &[u8], hmac: &Block) -> Option<i8> {
    let slot = crypto::hmac_slot(client_time);
    [
        (0i8, Some(slot)),
        (-1, slot.checked_sub(1)),
        (1, slot.checked_add(1)),
    ]
    .into_iter()
    .find_map(|(offset, candidate)| {
        let key = crypto::hmac_key_for_slot(candidate?);
        (crypto::v6_hmac(&key, signed) == *hmac).then_some(offset)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// FILETIME of 1970-01-01T00:00:00Z.
    const FILETIME_UNIX_EPOCH: u64 = 116_444_736_000_000_000;
    use crate::kms::rpc::{self, CallReply};
    use crate::kms::test_vectors::{self as v, bytes, hex};
    use proptest::prelude::*;

    fn encoded(version: ProtocolVersion) -> EncodedRequest {
        encode_request(&v::request(version), v::REQUEST_IV)
    }

    fn kms_response_of(pdu_lines: &[&str]) -> Vec<u8> {
        let pdu = bytes(pdu_lines);
        match rpc::decode_call_reply(&pdu, v::REQUEST_CALL_ID, 0).unwrap() {
            CallReply::Success(kms) => kms.to_vec(),
            other => panic!("expected success, got {other:?}"),
        }
    }

    #[test]
    fn v4_request_pdu_matches_vector() {
        let request = encoded(ProtocolVersion::V4);
        assert_eq!(request.bytes().len(), V4_REQUEST_LEN);
        let pdu = rpc::encode_request(v::REQUEST_CALL_ID, 0, request.bytes()).unwrap();
        assert_eq!(pdu.len(), 284);
        assert_eq!(pdu, bytes(v::V4_REQUEST_PDU));
        assert_eq!(&pdu[268..], hex("6ed27d58fd5c506b2baa6e2dedd59332"));
    }

    #[test]
    fn v6_request_pdu_matches_vector() {
        let request = encoded(ProtocolVersion::V6);
        assert_eq!(request.bytes().len(), V5_V6_REQUEST_LEN);
        let pdu = rpc::encode_request(v::REQUEST_CALL_ID, 0, request.bytes()).unwrap();
        assert_eq!(pdu.len(), 292);
        assert_eq!(pdu, bytes(v::V6_REQUEST_PDU));
        assert_eq!(
            request.decrypted_iv().to_vec(),
            hex("7c49a81964119e65c24b99a098afe453")
        );
    }

    #[test]
    fn v5_request_decrypts_to_the_v4_base() {
        let request = encoded(ProtocolVersion::V5);
        let pdu = rpc::encode_request(v::REQUEST_CALL_ID, 0, request.bytes()).unwrap();
        assert_eq!(pdu.len(), 292);
        let plain =
            crypto::cbc_decrypt(AesVariant::V5, &v::REQUEST_IV, &request.bytes()[20..]).unwrap();
        let mut expected_base = encoded(ProtocolVersion::V4).bytes()[..BASE_REQUEST_LEN].to_vec();
        expected_base[2] = 5;
        assert_eq!(crypto::pkcs7_unpad(&plain).unwrap(), expected_base);
    }

    #[test]
    fn v4_response_vector_verifies() {
        let kms = kms_response_of(v::V4_RESPONSE_PDU);
        assert_eq!(kms.len(), 160);
        assert_eq!(&kms[144..], hex("2cad654f918be6149fb9ee86b1eab606"));
        let response = decode_response(&encoded(ProtocolVersion::V4), &kms).unwrap();
        assert_eq!(
            response,
            ActivationResponse {
                version: ProtocolVersion::V4,
                epid: v::EPID.to_owned(),
                client_machine_id: v::CLIENT_MACHINE_ID,
                client_time: v::CLIENT_TIME,
                current_count: 50,
                activation_interval_minutes: 120,
                renewal_interval_minutes: 10_080,
                hwid: None,
                hmac_slot: None,
            }
        );
    }

    #[test]
    fn v6_response_vector_verifies() {
        let kms = kms_response_of(v::V6_RESPONSE_PDU);
        let response = decode_response(&encoded(ProtocolVersion::V6), &kms).unwrap();
        assert_eq!(
            response,
            ActivationResponse {
                version: ProtocolVersion::V6,
                epid: v::EPID.to_owned(),
                client_machine_id: v::CLIENT_MACHINE_ID,
                client_time: v::CLIENT_TIME,
                current_count: 50,
                activation_interval_minutes: 120,
                renewal_interval_minutes: 10_080,
                hwid: Some(v::HWID),
                hmac_slot: Some(0),
            }
        );
    }

    #[test]
    fn v6_response_intermediate_values() {
        let kms = kms_response_of(v::V6_RESPONSE_PDU);
        let plain = crypto::cbc_decrypt(AesVariant::V6, &[0; 16], &kms[4..]).unwrap();
        assert_eq!(plain, bytes(v::V6_RESPONSE_PLAINTEXT));
        let p = 100;
        let decrypted_iv = encoded(ProtocolVersion::V6).decrypted_iv();
        let random: Vec<u8> = plain[60 + p..76 + p]
            .iter()
            .zip(decrypted_iv)
            .map(|(a, b)| a ^ b)
            .collect();
        assert_eq!(random, hex("e5854c6f247c45bd88ed8466c610741a"));
        assert_eq!(crypto::sha256(&random).to_vec(), &plain[76 + p..108 + p]);
        assert_eq!(&plain[116 + p..132 + p], decrypted_iv);
        let key = crypto::hmac_key(v::CLIENT_TIME);
        assert_eq!(
            crypto::v6_hmac(&key, &plain[..132 + p]).to_vec(),
            hex("bf7d1e988ecda4f7d453b6353ffbc62c")
        );
    }

    #[test]
    fn v6_response_to_a_different_request_fails() {
        let kms = kms_response_of(v::V6_RESPONSE_PDU);
        let mut other_cmid = v::request(ProtocolVersion::V6);
        other_cmid.client_machine_id = Uuid::from_u128(1);
        assert!(matches!(
            decode_response(&encode_request(&other_cmid, v::REQUEST_IV), &kms),
            Err(ResponseError::ClientMachineId { .. })
        ));
        let mut other_time = v::request(ProtocolVersion::V6);
        other_time.client_time += 1;
        assert_eq!(
            decode_response(&encode_request(&other_time, v::REQUEST_IV), &kms),
            Err(ResponseError::ClientTime {
                sent: v::CLIENT_TIME + 1,
                got: v::CLIENT_TIME
            })
        );
        assert_eq!(
            decode_response(
                &encode_request(&v::request(ProtocolVersion::V6), [9; 16]),
                &kms
            ),
            Err(ResponseError::Hash)
        );
        assert!(matches!(
            decode_response(&encoded(ProtocolVersion::V5), &kms),
            Err(ResponseError::Version { major: 6, .. })
        ));
    }

    #[test]
    fn workstation_name_is_truncated_to_63_units() {
        let mut request = v::request(ProtocolVersion::V4);
        request.workstation_name = "x".repeat(100);
        let base = encode_request(&request, [0; 16]).bytes()[..BASE_REQUEST_LEN].to_vec();
        assert!(base[108..108 + 126].chunks(2).all(|c| c == [b'x', 0]));
        assert_eq!(&base[234..236], &[0, 0]);
        // 62 ASCII units then an emoji (a surrogate pair) that would straddle the limit.
        request.workstation_name = format!("{}\u{1F600}", "y".repeat(62));
        let base = encode_request(&request, [0; 16]).bytes()[..BASE_REQUEST_LEN].to_vec();
        assert_eq!(&base[108 + 124..236], &[0; 4]);
        request.workstation_name = format!("{}\u{1F600}", "y".repeat(61));
        let base = encode_request(&request, [0; 16]).bytes()[..BASE_REQUEST_LEN].to_vec();
        assert_eq!(&base[108 + 122..108 + 126], &[0x3d, 0xd8, 0x00, 0xde]);
    }

    #[test]
    fn hresult_display() {
        assert_eq!(Hresult::KMS_ID_MISMATCH.to_string(), "0xC004F042");
        assert_eq!(Hresult(0x0d).to_string(), "0x0000000D");
        assert_eq!(
            format!("{:?}", Hresult::INVALID_DATA),
            "Hresult(0x8007000D)"
        );
        assert!(Hresult::S_OK.is_success());
        assert!(!Hresult::NOT_ENOUGH_COUNT.is_success());
    }

    #[test]
    fn filetime_conversions() {
        let time = UNIX_EPOCH + Duration::from_secs(1_795_453_200);
        assert_eq!(filetime_from_system_time(time), v::CLIENT_TIME);
        assert_eq!(system_time_from_filetime(v::CLIENT_TIME), Some(time));
        assert_eq!(filetime_from_system_time(UNIX_EPOCH), FILETIME_UNIX_EPOCH);
        let before = UNIX_EPOCH - Duration::from_secs(1);
        assert_eq!(
            filetime_from_system_time(before),
            FILETIME_UNIX_EPOCH - 10_000_000
        );
        assert_eq!(
            system_time_from_filetime(FILETIME_UNIX_EPOCH - 10_000_000),
            Some(before)
        );
        assert_eq!(
            system_time_from_filetime(FILETIME_UNIX_EPOCH + 15),
            Some(UNIX_EPOCH + Duration::from_nanos(1_500))
        );
    }

    #[test]
    fn every_single_bit_flip_of_the_v6_response_fails() {
        let kms = kms_response_of(v::V6_RESPONSE_PDU);
        let request = encoded(ProtocolVersion::V6);
        for index in 0..kms.len() {
            for bit in 0..8 {
                let mut flipped = kms.clone();
                flipped[index] ^= 1 << bit;
                assert!(
                    decode_response(&request, &flipped).is_err(),
                    "flip of bit {bit} in byte {index} verified"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn any_byte_change_of_the_v6_response_fails(index in 0usize..260, mask in 1u8..=255) {
            let kms = kms_response_of(v::V6_RESPONSE_PDU);
            let mut flipped = kms.clone();
            flipped[index] ^= mask;
            prop_assert!(decode_response(&encoded(ProtocolVersion::V6), &flipped).is_err());
        }

        #[test]
        fn decode_response_never_panics(data in proptest::collection::vec(any::<u8>(), 0..400)) {
            for version in [ProtocolVersion::V4, ProtocolVersion::V5, ProtocolVersion::V6] {
                let _ = decode_response(&encoded(version), &data);
            }
        }

        #[test]
        fn decode_response_never_panics_on_framed_input(
            p in prop_oneof![0u32..300, any::<u32>()],
            tail in proptest::collection::vec(any::<u8>(), 0..300),
        ) {
            // Valid version and a chosen P reach the deeper parsing paths.
            let mut v4 = vec![0, 0, 4, 0];
            v4.extend_from_slice(&p.to_le_bytes());
            v4.extend_from_slice(&tail);
            let _ = decode_response(&encoded(ProtocolVersion::V4), &v4);
            for version in [ProtocolVersion::V5, ProtocolVersion::V6] {
                let request = encoded(version);
                let variant = version.aes_variant().unwrap();
                let mut body = version.wire().to_vec();
                body.extend_from_slice(&p.to_le_bytes());
                body.extend_from_slice(&tail);
                let mut kms = version.wire().to_vec();
                kms.extend_from_slice(&[3; 16]);
                kms.extend(crypto::cbc_encrypt(variant, &[3; 16], &crypto::pkcs7_pad(&body)).unwrap());
                let _ = decode_response(&request, &kms);
            }
        }
    }
}
