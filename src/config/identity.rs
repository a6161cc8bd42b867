//! The identity this exporter presents to KMS hosts, derived from the machine it runs on.

use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The machine's hostname, as the kernel reports it.
pub fn local_hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned())
}

/// A stable client machine ID for a hostname: the same exporter host always presents the same
/// CMID, so it counts as one client on each KMS host across restarts (docs/architecture.md §5.1).
/// Shaped as a random (version 4) UUID like the CMIDs Windows generates.
pub fn machine_id_for_hostname(hostname: &str) -> Uuid {
    let digest = Sha256::digest(format!("kms_exporter client machine id\0{hostname}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// Cuts at a character boundary: a byte limit could split a multi-byte character of a
/// hostname.
pub(super) fn truncate_chars(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_id_is_stable_per_hostname() {
        let a = machine_id_for_hostname("probe01");
        assert_eq!(a, machine_id_for_hostname("probe01"));
        assert_ne!(a, machine_id_for_hostname("probe02"));
        assert_eq!(a.get_version_num(), 4);
    }
}
