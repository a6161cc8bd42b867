//! KMS responses as a host builds them (`docs/protocol.md` §3).

use kms_exporter::kms::ProtocolVersion;
use kms_exporter::kms::crypto::{self, AesVariant, Block};
use uuid::Uuid;

/// The fields of a base response (docs/protocol.md §3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaseResponse<'a> {
    /// Echo of the request's version; the minor version is always 0.
    pub version: ProtocolVersion,
    /// The host's ePID. Encoded as given, so a test can send any length (P is its UTF-16 byte
    /// length plus the NUL).
    pub epid: &'a str,
    /// Echo of the request's CMID.
    pub client_machine_id: Uuid,
    /// Echo of the request's FILETIME, not the host's clock (docs/protocol.md §3.5).
    pub client_time: u64,
    /// The host's count for the product's family.
    pub current_count: u32,
    pub activation_interval_minutes: u32,
    pub renewal_interval_minutes: u32,
}

impl BaseResponse<'_> {
    /// The `44 + P` bytes of docs/protocol.md §3.1.
    pub fn encode(&self) -> Vec<u8> {
        let epid: Vec<u16> = self.epid.encode_utf16().chain([0]).collect();
        let epid_bytes = u32::try_from(2 * epid.len()).expect("an ePID fits a response");
        let mut base = Vec::with_capacity(44 + 2 * epid.len());
        base.extend_from_slice(&0u16.to_le_bytes()); // MinorVer
        base.extend_from_slice(&self.version.major().to_le_bytes()); // MajorVer
        base.extend_from_slice(&epid_bytes.to_le_bytes()); // PIDSize, NUL included
        for unit in epid {
            base.extend_from_slice(&unit.to_le_bytes()); // KmsPID, UTF-16LE
        }
        base.extend_from_slice(&self.client_machine_id.to_bytes_le()); // CMID
        base.extend_from_slice(&self.client_time.to_le_bytes()); // ClientTime
        base.extend_from_slice(&self.current_count.to_le_bytes()); // Count
        base.extend_from_slice(&self.activation_interval_minutes.to_le_bytes()); // VLActivationInterval
        base.extend_from_slice(&self.renewal_interval_minutes.to_le_bytes()); // VLRenewalInterval
        base
    }
}

/// A V4 response: the base response and its MAC (docs/protocol.md §3.2).
pub fn v4_response(base: &[u8]) -> Vec<u8> {
    let mut response = base.to_vec();
    response.extend_from_slice(&crypto::v4_mac(base)); // MAC over the base response
    response
}

/// The V5 plaintext after its first block: base response ‖ RandomXoredIVs ‖ Hash
/// (docs/protocol.md §3.3). `decrypted_request_iv` is `D_K(IV_req)`; `random` is the host's R.
pub fn v5_body(base: &[u8], decrypted_request_iv: Block, random: Block) -> Vec<u8> {
    let mut body = base.to_vec();
    for (r, d) in random.iter().zip(decrypted_request_iv) {
        body.push(r ^ d); // RandomXoredIVs = R ⊕ D_K(IV_req)
    }
    body.extend_from_slice(&crypto::sha256(&random)); // Hash = SHA-256(R)
    body
}

/// What a V6 host adds to the V5 body, and what its HMAC is keyed and computed with
/// (docs/protocol.md §3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct V6Trailer {
    /// The host's hardware ID.
    pub hwid: [u8; 8],
    /// The IV the response is encrypted with; its decryption starts the HMAC's input.
    pub response_iv: Block,
    /// Genuine hosts key it from the echoed time: `crypto::hmac_key(client_time)` (step 7).
    pub hmac_key: Block,
}

/// The V6 plaintext after its first block: the V5 body ‖ HwId ‖ XoredIVs ‖ HMAC
/// (docs/protocol.md §3.3).
pub fn v6_body(
    base: &[u8],
    decrypted_request_iv: Block,
    random: Block,
    trailer: &V6Trailer,
) -> Vec<u8> {
    let mut body = v5_body(base, decrypted_request_iv, random);
    body.extend_from_slice(&trailer.hwid); // HwId
    body.extend_from_slice(&decrypted_request_iv); // XoredIVs = D_K(IV_req)
    let hmac = v6_hmac(trailer.response_iv, &body, &trailer.hmac_key);
    body.extend_from_slice(&hmac); // HMAC
    body
}

/// The V6 HMAC field: the last 16 bytes of HMAC-SHA256(key, D_K6(IV_resp) ‖ `signed_body`),
/// where `signed_body` is the plaintext from the base response up to the HMAC field
/// (docs/protocol.md §3.3 step 7).
pub fn v6_hmac(response_iv: Block, signed_body: &[u8], key: &Block) -> Block {
    let mut signed = crypto::decrypt_block(AesVariant::V6, &response_iv).to_vec();
    signed.extend_from_slice(signed_body);
    crypto::v6_hmac(key, &signed)
}

/// A V5 or V6 response on the wire: Version ‖ IV_resp ‖ AES-CBC(IV_resp, `body` ‖ PKCS#7)
/// (docs/protocol.md §3.3). Decrypting everything after the version with a zero IV gives
/// `D_K(IV_resp) ‖ body`. A genuine V5 host uses the request's IV; a V6 host a fresh random one.
pub fn encrypt_response(variant: AesVariant, response_iv: Block, body: &[u8]) -> Vec<u8> {
    let major: u16 = match variant {
        AesVariant::V5 => 5,
        AesVariant::V6 => 6,
    };
    let ciphertext = crypto::cbc_encrypt(variant, &response_iv, &crypto::pkcs7_pad(body))
        .expect("PKCS#7 output is block-aligned");
    let mut response = Vec::with_capacity(4 + response_iv.len() + ciphertext.len());
    response.extend_from_slice(&0u16.to_le_bytes()); // MinorVer
    response.extend_from_slice(&major.to_le_bytes()); // MajorVer
    response.extend_from_slice(&response_iv); // IV_resp
    response.extend_from_slice(&ciphertext); // the encrypted body
    response
}
