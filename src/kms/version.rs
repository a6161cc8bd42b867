//! The License Manager protocol version a request and its response carry (`docs/protocol.md` §2.1,
//! §4.6).

use std::fmt;

use super::crypto::AesVariant;

/// The License Manager protocol version; always minor 0 (docs/protocol.md §2.1, §4.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProtocolVersion {
    V4,
    V5,
    V6,
}

impl ProtocolVersion {
    pub fn major(self) -> u16 {
        match self {
            Self::V4 => 4,
            Self::V5 => 5,
            Self::V6 => 6,
        }
    }

    pub fn from_major(major: u16) -> Option<Self> {
        match major {
            4 => Some(Self::V4),
            5 => Some(Self::V5),
            6 => Some(Self::V6),
            _ => None,
        }
    }

    /// The next older version, for stepping down on 0x8007000D (docs/protocol.md §4.6).
    pub fn older(self) -> Option<Self> {
        match self {
            Self::V6 => Some(Self::V5),
            Self::V5 => Some(Self::V4),
            Self::V4 => None,
        }
    }

    /// MinorVer ‖ MajorVer as they start every request and response.
    pub(super) fn wire(self) -> [u8; 4] {
        let [lo, hi] = self.major().to_le_bytes();
        [0, 0, lo, hi]
    }

    /// The cipher of the V5/V6 wrapping; V4 has none (docs/protocol.md §2.2, §2.3).
    pub(super) fn aes_variant(self) -> Option<AesVariant> {
        match self {
            Self::V4 => None,
            Self::V5 => Some(AesVariant::V5),
            Self::V6 => Some(AesVariant::V6),
        }
    }
}

impl fmt::Display for ProtocolVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.0", self.major())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_helpers() {
        assert_eq!(ProtocolVersion::V6.older(), Some(ProtocolVersion::V5));
        assert_eq!(ProtocolVersion::V4.older(), None);
        assert_eq!(ProtocolVersion::from_major(5), Some(ProtocolVersion::V5));
        assert_eq!(ProtocolVersion::from_major(7), None);
        assert_eq!(ProtocolVersion::V6.to_string(), "6.0");
    }
}
