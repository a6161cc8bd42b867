//! The server side of each protocol kms_exporter probes, one encoder per message: pure functions
//! from fields to bytes, with every random value (IVs, R) passed in by the caller.
//!
//! Messages are built byte by byte here, field by field as the specification's tables list them,
//! not with the crate's codec, so a mistake shared by the crate's encoder and decoder cannot hide.
//! Only the cryptographic primitives (Rijndael/AES, the V4 MAC, SHA-256, the V6 HMAC) come from
//! the crate, as a host has no choice in them either.
//!
//! - [`rpc`]: BIND_ACK, BIND_NAK, RESPONSE (success and refusal stubs) and FAULT PDUs.
//! - [`kms`]: the base response and the V4 MAC'd, V5 and V6 encrypted responses.
//! - [`smb2`]: the NEGOTIATE response, the SMB2 ERROR response and an SMB1 reply.
//! - [`sntp`]: the server reply.

pub mod kms;
pub mod rpc;
pub mod smb2;
pub mod sntp;
