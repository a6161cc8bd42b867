//! Host clock measurement methods.

/// How a host's clock is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClockMethod {
    /// SNTP on UDP 123.
    Ntp,
    /// SMB2 NEGOTIATE `SystemTime` on TCP 445.
    Smb,
}

impl ClockMethod {
    pub fn as_label(self) -> &'static str {
        match self {
            Self::Ntp => "ntp",
            Self::Smb => "smb",
        }
    }
}
