//! Microsoft KMS volume-activation client (`docs/protocol.md`).
//!
//! - [`rpc`]: DCE/RPC v5 connection-oriented PDUs (BIND, BIND_ACK/NAK, REQUEST, RESPONSE, FAULT).
//! - [`crypto`]: V4 Rijndael-160 CBC-MAC, V5 AES-128, V6 modified AES-128, V6 HMAC.
//! - [`version`]: the protocol version, [`ProtocolVersion`].
//! - [`message`]: KMS request encoding and response verification, [`Hresult`], FILETIME.
//! - [`epid`]: ePID decoding (host build, CSVLK, language).
//! - [`products`]: the built-in product table.
//! - [`client`]: async I/O of one RPC association over any byte stream.

pub mod client;
pub mod crypto;
pub mod epid;
pub mod message;
pub mod products;
pub mod rpc;
pub mod version;

#[cfg(test)]
mod test_vectors;

pub use client::{Activation, BindInfo, ClientError, FallbackActivation, Session};
pub use epid::Epid;
pub use message::{
    ActivationRequest, ActivationResponse, EncodedRequest, Hresult, ResponseError, decode_response,
    encode_request,
};
pub use products::{Product, RequiredCount};

/// KMS hosts refuse requests whose time is further than this from their clock, with
/// 0xC004F06C (docs/protocol.md §4.5).
pub const CLOCK_TOLERANCE_SECONDS: u32 = 4 * 3600;

/// The service and protocol of the SRV records KMS hosts publish and clients look up
/// (docs/protocol.md §1.1).
pub const SRV_SERVICE: &str = "_vlmcs._tcp";

/// The SRV owner name of `domain` (lowercase, without trailing dot), absolute so that no
/// search-list expansion happens (docs/architecture.md §5.4): `_vlmcs._tcp.corp.example.com.`.
pub fn srv_name(domain: &str) -> String {
    format!("{SRV_SERVICE}.{domain}.")
}
pub use version::ProtocolVersion;
