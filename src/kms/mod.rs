//! The KMS protocol client (placeholder until the codecs land).
pub mod products;
