//! An SNTP server reply (RFC 4330 §4; `docs/protocol.md` §3.5).

use kms_exporter::clock::sntp::SntpReply;

/// The 48-byte packet carrying `reply`'s fields, mode included as given (a server sends 4).
pub fn reply(reply: &SntpReply) -> [u8; 48] {
    let mut packet = Vec::with_capacity(48);
    packet.push((reply.leap << 6) | (reply.version << 3) | reply.mode); // LI, VN, Mode
    packet.push(reply.stratum); // Stratum
    packet.extend_from_slice(&reply.poll.to_be_bytes()); // Poll
    packet.extend_from_slice(&reply.precision.to_be_bytes()); // Precision
    packet.extend_from_slice(&reply.root_delay.to_be_bytes()); // Root Delay
    packet.extend_from_slice(&reply.root_dispersion.to_be_bytes()); // Root Dispersion
    packet.extend_from_slice(&reply.reference_id); // Reference Identifier
    packet.extend_from_slice(&reply.reference.0.to_be_bytes()); // Reference Timestamp
    packet.extend_from_slice(&reply.originate.0.to_be_bytes()); // Originate Timestamp
    packet.extend_from_slice(&reply.receive.0.to_be_bytes()); // Receive Timestamp
    packet.extend_from_slice(&reply.transmit.0.to_be_bytes()); // Transmit Timestamp
    packet.try_into().expect("48 bytes of fields")
}
