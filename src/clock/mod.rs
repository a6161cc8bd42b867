//! Host clock measurement.
//!
//! A KMS host refuses activation requests whose `ClientTime` is more than 4 hours away from its own
//! clock (0xC004F06C, `docs/protocol.md` §3.5), and the KMS exchange itself carries no server time:
//! the response echoes the request's timestamp. So the exporter asks the host's clock over a
//! different protocol:
//!
//! * [`smb2`] — one unauthenticated SMB2 NEGOTIATE on TCP 445; the response carries the server's
//!   `SystemTime` as a FILETIME. Recommended: every Windows host has it (docs/protocol.md §3.5).
//! * [`sntp`] — SNTP on UDP 123 (RFC 4330). Better resolution, but Windows serves NTP only where the
//!   W32Time NtpServer provider is enabled (domain controllers by default).
//!
//! Both codecs are pure functions over byte slices; the `measure` functions only do the I/O and the
//! timing around them. Offsets are *host clock − local clock*, in seconds.

pub mod smb2;
pub mod sntp;

use std::fmt;
use std::io;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::wire::Truncated;

/// UDP port of SNTP: of the hosts' clocks (`clock.ntp_port`) and of `clock.reference` servers
/// given without a port.
pub const NTP_PORT: u16 = 123;
/// TCP port of SMB, where a host's clock is read with SMB2 NEGOTIATE (`clock.smb_port`).
pub const SMB_PORT: u16 = 445;

/// How a host's clock was read; the `method` label of the clock metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClockMethod {
    /// SNTP on UDP [`NTP_PORT`] (`docs/protocol.md` §3.5, RFC 4330).
    Ntp,
    /// SMB2 NEGOTIATE on TCP [`SMB_PORT`] (`docs/protocol.md` §3.5).
    Smb,
}

impl ClockMethod {
    /// Every method, in the order of the default `clock.methods`.
    pub const ALL: [ClockMethod; 2] = [ClockMethod::Ntp, ClockMethod::Smb];

    /// Stable label value for metrics, and the method's name in `clock.methods`.
    pub fn as_label(self) -> &'static str {
        match self {
            ClockMethod::Ntp => "ntp",
            ClockMethod::Smb => "smb",
        }
    }

    /// The method `clock.methods` names `label`, if any.
    pub fn from_label(label: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_label() == label)
    }

    /// How the method travels, for people: `SNTP on UDP 123`, `SMB2 on TCP 445`.
    pub fn transport(self) -> String {
        match self {
            ClockMethod::Ntp => format!("SNTP on UDP {NTP_PORT}"),
            ClockMethod::Smb => format!("SMB2 on TCP {SMB_PORT}"),
        }
    }
}

/// One reading of a host's clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClockMeasurement {
    /// Host clock − local clock, in seconds. Positive means the host is ahead. This is the number to
    /// compare with the KMS 4-hour window.
    pub offset: f64,
    /// Round-trip time of the exchange the offset came from, in seconds. The offset is uncertain by
    /// up to half of it.
    pub rtt: f64,
    /// NTP stratum of the host; `None` for SMB, which has no such notion.
    pub stratum: Option<u8>,
    /// NTP leap indicator (0–2 here; 3 is reported as [`ClockError::Unsynchronised`]); `None` for
    /// SMB.
    pub leap: Option<u8>,
}

/// Why a host's clock could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ClockError {
    /// TCP RST, or for UDP an ICMP port unreachable: nothing listens on the port.
    #[error("connection refused")]
    Refused,
    /// Any other socket error.
    #[error("I/O error: {0}")]
    Io(#[source] io::Error),
    /// No acceptable answer within the time budget.
    #[error("no answer within {}", humantime::format_duration(*.0))]
    Timeout(Duration),
    /// The NTP server told us to go away (stratum 0, RFC 4330 §8). Its timestamps are not used.
    #[error("NTP kiss-o'-death, code {0}")]
    KissOfDeath(KissCode),
    /// The NTP server says its own clock is not synchronised (leap indicator 3, or stratum 16 and
    /// above), so its time says nothing about the time the host's KMS uses.
    #[error("NTP server is unsynchronised (leap indicator {leap}, stratum {stratum})")]
    Unsynchronised {
        /// Leap indicator from the reply.
        leap: u8,
        /// Stratum from the reply.
        stratum: u8,
    },
    /// The peer answered, but not with something we can take a time from.
    #[error("bad reply: {0}")]
    BadReply(#[from] DecodeError),
}

impl ClockError {
    /// Stable label value for the error metric.
    pub fn as_metrics_label(&self) -> &'static str {
        match self {
            ClockError::Refused => "refused",
            ClockError::Io(_) => "io_error",
            ClockError::Timeout(_) => "timeout",
            ClockError::KissOfDeath(_) => "kiss_of_death",
            ClockError::Unsynchronised { .. } => "unsynchronised",
            ClockError::BadReply(_) => "bad_reply",
        }
    }
}

impl From<io::Error> for ClockError {
    fn from(error: io::Error) -> Self {
        // A refusal is a distinct, common operational state (SMB or NTP not offered on the host), so
        // it gets its own label instead of hiding among other I/O errors.
        if error.kind() == io::ErrorKind::ConnectionRefused {
            ClockError::Refused
        } else {
            ClockError::Io(error)
        }
    }
}

/// Why a reply could not be decoded or was not acceptable. One enum for both clock codecs, because
/// to the caller they mean the same thing: the peer answered with something that is not a usable
/// time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Fewer bytes than the format needs.
    #[error("truncated: needed {needed} bytes, got {got}")]
    Truncated {
        /// Bytes the format needs at this point.
        needed: usize,
        /// Bytes available.
        got: usize,
    },
    /// SNTP mode other than 4 (server).
    #[error("NTP mode {0}, expected 4 (server)")]
    WrongMode(u8),
    /// SNTP version other than 3 or 4.
    #[error("NTP version {0}, expected 3 or 4")]
    WrongVersion(u8),
    /// The reply's originate timestamp is not the transmit timestamp of our request: a stray or
    /// spoofed packet (RFC 4330 §5).
    #[error("originate timestamp {got:#018x} does not match request {expected:#018x}")]
    OriginateMismatch {
        /// Transmit timestamp of the request, raw 32.32.
        expected: u64,
        /// Originate timestamp of the reply, raw 32.32.
        got: u64,
    },
    /// A server reply with a zero transmit timestamp (RFC 4330 §5: must be discarded).
    #[error("zero transmit timestamp")]
    ZeroTransmit,
    /// A server reply with a zero receive timestamp: no time to compute an offset from.
    #[error("zero receive timestamp")]
    ZeroReceive,
    /// First byte of the TCP payload is not a NetBIOS session message (type 0x00).
    #[error("not a NetBIOS session message (type {0:#04x})")]
    NotNetBiosSession(u8),
    /// The NetBIOS length is larger than any NEGOTIATE response we are willing to read.
    #[error("message of {len} bytes exceeds the {max}-byte limit")]
    MessageTooLarge {
        /// Length announced by the NetBIOS header.
        len: usize,
        /// Our limit.
        max: usize,
    },
    /// The NetBIOS length does not match the bytes given.
    #[error("NetBIOS header announces {declared} bytes, message has {actual}")]
    LengthMismatch {
        /// Length announced by the NetBIOS header.
        declared: usize,
        /// Bytes after the header.
        actual: usize,
    },
    /// The peer answered in SMB1 (`FF 'S' 'M' 'B'`): an SMB1-only server, which has no SMB2
    /// `SystemTime` field to read.
    #[error("peer answered SMB1, not SMB2")]
    Smb1Reply,
    /// The message does not start with the SMB2 protocol id `FE 'S' 'M' 'B'`.
    #[error("not SMB2 (protocol id {0:02x?})")]
    NotSmb2([u8; 4]),
    /// A StructureSize field with the wrong value.
    #[error("{structure} StructureSize {got}, expected {expected}")]
    BadStructureSize {
        /// Which structure.
        structure: &'static str,
        /// Value required by MS-SMB2.
        expected: u16,
        /// Value received.
        got: u16,
    },
    /// An SMB2 response to a command other than NEGOTIATE.
    #[error("SMB2 command {0:#06x}, expected NEGOTIATE (0)")]
    UnexpectedCommand(u16),
    /// The SMB2 header lacks SMB2_FLAGS_SERVER_TO_REDIR: it is a request, not a response.
    #[error("SMB2 message is not a response")]
    NotAResponse,
    /// The server refused the NEGOTIATE with this NTSTATUS.
    #[error("SMB2 error status {0:#010x}")]
    ErrorStatus(u32),
    /// A NEGOTIATE response whose SystemTime is 0: no clock to read.
    #[error("zero SMB2 SystemTime")]
    ZeroSystemTime,
}

impl From<Truncated> for DecodeError {
    fn from(Truncated { needed, available }: Truncated) -> Self {
        Self::Truncated {
            needed,
            got: available,
        }
    }
}

/// The 4-byte ASCII code of an NTP kiss-o'-death packet ("RATE", "DENY", "RSTR", "INIT", …), taken
/// from the reference ID field (RFC 4330 §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KissCode(pub [u8; 4]);

impl fmt::Display for KissCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The code comes off the network: escape anything that is not printable ASCII.
        write!(f, "{}", self.0.escape_ascii())
    }
}

const NANOS_PER_SECOND: i128 = 1_000_000_000;

/// Nanoseconds since the Unix epoch, negative before it. Exact for every `SystemTime`.
pub fn unix_nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => duration_nanos(after),
        Err(before) => -duration_nanos(before.duration()),
    }
}

/// The `SystemTime` `nanos` nanoseconds after the Unix epoch, or `None` where the platform's
/// `SystemTime` cannot represent it.
pub fn system_time_from_unix_nanos(nanos: i128) -> Option<SystemTime> {
    let magnitude = nanos.unsigned_abs();
    let seconds = u64::try_from(magnitude / NANOS_PER_SECOND.unsigned_abs()).ok()?;
    let subsec = u32::try_from(magnitude % NANOS_PER_SECOND.unsigned_abs()).ok()?;
    let distance = Duration::new(seconds, subsec);
    if nanos >= 0 {
        UNIX_EPOCH.checked_add(distance)
    } else {
        UNIX_EPOCH.checked_sub(distance)
    }
}

fn duration_nanos(duration: Duration) -> i128 {
    // A Duration holds at most u64::MAX seconds, about 2^94 ns, far inside i128.
    i128::from(duration.as_secs()) * NANOS_PER_SECOND + i128::from(duration.subsec_nanos())
}

/// Windows FILETIME: 100-ns intervals since 1601-01-01 00:00 UTC, as carried in SMB2 `SystemTime`
/// (`docs/protocol.md` §3.5) and the KMS `ClientTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileTime(pub u64);

impl FileTime {
    /// 100-ns ticks from 1601-01-01 to 1970-01-01 (11 644 473 600 s).
    const UNIX_EPOCH_TICKS: i128 = 116_444_736_000_000_000;
    const NANOS_PER_TICK: i128 = 100;

    /// Nanoseconds since the Unix epoch. Exact and total: every u64 fits in i128.
    pub fn unix_nanos(self) -> i128 {
        (i128::from(self.0) - Self::UNIX_EPOCH_TICKS) * Self::NANOS_PER_TICK
    }

    /// The instant this FILETIME denotes, or `None` where `SystemTime` cannot represent it (the
    /// u64 range reaches the year 60056).
    pub fn to_system_time(self) -> Option<SystemTime> {
        system_time_from_unix_nanos(self.unix_nanos())
    }

    /// The FILETIME of `time`, truncated to the 100-ns tick at or before it; `None` before 1601 or
    /// beyond the u64 range.
    pub fn from_system_time(time: SystemTime) -> Option<FileTime> {
        let ticks = unix_nanos(time).div_euclid(Self::NANOS_PER_TICK) + Self::UNIX_EPOCH_TICKS;
        u64::try_from(ticks).ok().map(FileTime)
    }
}

/// NTP timestamp: 32-bit seconds since 1900-01-01 00:00 UTC and 32-bit binary fraction, as carried
/// in SNTP packets (`docs/protocol.md` §3.5, RFC 4330 §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NtpTimestamp(pub u64);

impl NtpTimestamp {
    /// Seconds from 1900-01-01 (NTP era 0) to 1970-01-01.
    const UNIX_EPOCH_SECONDS: i128 = 2_208_988_800;
    const ERA_SECONDS: i128 = 1 << 32;
    const FRACTION_SCALE: i128 = 1 << 32;

    /// "Unset" in every timestamp field of an NTP packet.
    pub const ZERO: NtpTimestamp = NtpTimestamp(0);

    /// Builds a timestamp from its seconds and fraction halves.
    pub fn from_parts(seconds: u32, fraction: u32) -> NtpTimestamp {
        NtpTimestamp((u64::from(seconds) << 32) | u64::from(fraction))
    }

    /// Whole seconds since the start of the era.
    pub fn seconds(self) -> u32 {
        // Shifting a u64 right by 32 leaves at most 32 significant bits.
        u32::try_from(self.0 >> 32).unwrap_or(u32::MAX)
    }

    /// Fraction of a second, in units of 2^-32 s.
    pub fn fraction(self) -> u32 {
        u32::try_from(self.0 & u64::from(u32::MAX)).unwrap_or(u32::MAX)
    }

    /// Nanoseconds since the Unix epoch, rounded down. Total over u64.
    ///
    /// Era by RFC 4330 §3: with the most significant seconds bit set the timestamp is in era 0
    /// (1968-01-20 … 2036-02-07), otherwise in era 1 (2036-02-07 … 2104-02-26). That keeps the
    /// conversion right across the 2036 rollover; dates before 1968 cannot be expressed, and an
    /// NTP server will never send one.
    pub fn unix_nanos(self) -> i128 {
        let seconds = i128::from(self.seconds());
        let era_start = if seconds >= Self::ERA_SECONDS / 2 {
            0
        } else {
            Self::ERA_SECONDS
        };
        let fraction_nanos = (i128::from(self.fraction()) * NANOS_PER_SECOND) >> 32;
        (era_start + seconds - Self::UNIX_EPOCH_SECONDS) * NANOS_PER_SECOND + fraction_nanos
    }

    /// The instant this timestamp denotes (see [`NtpTimestamp::unix_nanos`] for the era).
    pub fn to_system_time(self) -> Option<SystemTime> {
        system_time_from_unix_nanos(self.unix_nanos())
    }

    /// The timestamp of `time`. Seconds wrap modulo 2^32 as NTP's do, so this is total; within
    /// 1968–2104, `to_system_time` gives back exactly the same nanosecond.
    pub fn from_system_time(time: SystemTime) -> NtpTimestamp {
        let ntp_nanos = unix_nanos(time) + Self::UNIX_EPOCH_SECONDS * NANOS_PER_SECOND;
        let seconds = ntp_nanos
            .div_euclid(NANOS_PER_SECOND)
            .rem_euclid(Self::ERA_SECONDS);
        let subsec = ntp_nanos.rem_euclid(NANOS_PER_SECOND);
        // Round the fraction up so that rounding down in `unix_nanos` lands on the same nanosecond;
        // the largest subsec (10^9 − 1) gives 2^32 − 4, so there is no carry into the seconds.
        let fraction = (subsec * Self::FRACTION_SCALE + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
        let seconds = u32::try_from(seconds).unwrap_or(0);
        let fraction = u32::try_from(fraction).unwrap_or(u32::MAX);
        NtpTimestamp::from_parts(seconds, fraction)
    }

    /// This timestamp plus `duration`, wrapping like NTP arithmetic (RFC 5905 §6).
    pub fn wrapping_add(self, duration: Duration) -> NtpTimestamp {
        let fraction = (i128::from(duration.subsec_nanos()) * Self::FRACTION_SCALE)
            .div_euclid(NANOS_PER_SECOND);
        let units = (i128::from(duration.as_secs()) << 32) + fraction;
        let low_bits = units.rem_euclid(1 << 64);
        NtpTimestamp(
            self.0
                .wrapping_add(u64::try_from(low_bits).unwrap_or_default()),
        )
    }

    /// `self − earlier` in units of 2^-32 s, taken modulo 2^64 so that two timestamps on either
    /// side of an era boundary still subtract correctly (RFC 5905 §6: valid while they are less
    /// than 68 years apart).
    pub fn wrapping_sub(self, earlier: NtpTimestamp) -> i64 {
        self.0.wrapping_sub(earlier.0).cast_signed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// 2024-01-01 00:00:00 UTC.
    const JAN_2024_UNIX: u64 = 1_704_067_200;

    #[test]
    fn method_labels_and_ports() {
        assert_eq!(ClockMethod::Ntp.as_label(), "ntp");
        assert_eq!(ClockMethod::Smb.as_label(), "smb");
        for method in ClockMethod::ALL {
            assert_eq!(ClockMethod::from_label(method.as_label()), Some(method));
        }
        assert_eq!(ClockMethod::from_label("ptp"), None);
        assert_eq!(ClockMethod::Smb.transport(), "SMB2 on TCP 445");
    }

    #[test]
    fn error_labels() {
        let cases = [
            (ClockError::Refused, "refused"),
            (ClockError::Io(io::Error::other("x")), "io_error"),
            (ClockError::Timeout(Duration::from_secs(1)), "timeout"),
            (ClockError::KissOfDeath(KissCode(*b"RATE")), "kiss_of_death"),
            (
                ClockError::Unsynchronised {
                    leap: 3,
                    stratum: 2,
                },
                "unsynchronised",
            ),
            (ClockError::BadReply(DecodeError::Smb1Reply), "bad_reply"),
        ];
        for (error, label) in cases {
            assert_eq!(error.as_metrics_label(), label, "{error}");
        }
    }

    #[test]
    fn refused_io_error_becomes_refused() {
        let refused = ClockError::from(io::Error::from(io::ErrorKind::ConnectionRefused));
        assert_eq!(refused.as_metrics_label(), "refused");
        let reset = ClockError::from(io::Error::from(io::ErrorKind::ConnectionReset));
        assert_eq!(reset.as_metrics_label(), "io_error");
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            ClockError::KissOfDeath(KissCode(*b"RATE")).to_string(),
            "NTP kiss-o'-death, code RATE"
        );
        assert_eq!(
            ClockError::KissOfDeath(KissCode([b'R', 0, 0xff, b'\n'])).to_string(),
            "NTP kiss-o'-death, code R\\x00\\xff\\n"
        );
        assert_eq!(
            ClockError::BadReply(DecodeError::ErrorStatus(0xC000_00BB)).to_string(),
            "bad reply: SMB2 error status 0xc00000bb"
        );
    }

    #[test]
    fn filetime_known_values() {
        // 1970-01-01 is 116444736000000000 ticks (docs/protocol.md §3.5 FILETIME).
        assert_eq!(
            FileTime(116_444_736_000_000_000).to_system_time(),
            Some(UNIX_EPOCH)
        );
        // 2024-01-01 00:00:00 UTC = 133485408000000000.
        let jan_2024 = UNIX_EPOCH + Duration::from_secs(JAN_2024_UNIX);
        assert_eq!(
            FileTime::from_system_time(jan_2024),
            Some(FileTime(133_485_408_000_000_000))
        );
        // Sub-tick nanoseconds are truncated.
        assert_eq!(
            FileTime::from_system_time(jan_2024 + Duration::from_nanos(199)),
            Some(FileTime(133_485_408_000_000_001))
        );
        assert_eq!(FileTime(0).unix_nanos(), -11_644_473_600 * NANOS_PER_SECOND);
        assert_eq!(
            FileTime::from_system_time(UNIX_EPOCH - Duration::from_secs(11_644_473_601)),
            None
        );
    }

    #[test]
    fn ntp_known_values() {
        // 1970-01-01 is NTP second 2208988800 (0x83AA7E80).
        assert_eq!(
            NtpTimestamp::from_system_time(UNIX_EPOCH),
            NtpTimestamp(0x83AA_7E80_0000_0000)
        );
        // Half a second is fraction 2^31.
        let jan_2024 = UNIX_EPOCH + Duration::from_secs(JAN_2024_UNIX);
        let half = NtpTimestamp::from_system_time(jan_2024 + Duration::from_millis(500));
        assert_eq!(half.seconds(), 3_913_056_000);
        assert_eq!(half.fraction(), 0x8000_0000);
        assert_eq!(
            half.to_system_time(),
            Some(jan_2024 + Duration::from_millis(500))
        );
    }

    #[test]
    fn ntp_era_rollover() {
        // Era 1 starts 2036-02-07 06:28:16 UTC = Unix 2085978496 with NTP seconds 0.
        let rollover = UNIX_EPOCH + Duration::from_secs(2_085_978_496);
        assert_eq!(NtpTimestamp::from_system_time(rollover), NtpTimestamp(0));
        assert_eq!(NtpTimestamp(0).to_system_time(), Some(rollover));
        let before = NtpTimestamp::from_system_time(rollover - Duration::from_secs(1));
        assert_eq!(before, NtpTimestamp::from_parts(u32::MAX, 0));
        // One second across the boundary is still one second.
        assert_eq!(NtpTimestamp(0).wrapping_sub(before), 1 << 32);
        assert_eq!(before.wrapping_add(Duration::from_secs(1)), NtpTimestamp(0));
    }

    #[test]
    fn ntp_wrapping_add_fraction() {
        let start = NtpTimestamp::from_parts(10, 0);
        assert_eq!(
            start.wrapping_add(Duration::from_millis(250)),
            NtpTimestamp::from_parts(10, 0x4000_0000)
        );
    }

    proptest! {
        #[test]
        fn filetime_conversion_total(raw in any::<u64>()) {
            let time = FileTime(raw);
            if let Some(system) = time.to_system_time() {
                prop_assert_eq!(FileTime::from_system_time(system), Some(time));
            }
        }

        #[test]
        fn ntp_conversion_total(raw in any::<u64>()) {
            let time = NtpTimestamp(raw);
            let system = time.to_system_time();
            prop_assert!(system.is_some());
            if let Some(system) = system {
                // 1 ns is coarser than 2^-32 s: going back may land up to 4 units lower.
                let back = NtpTimestamp::from_system_time(system);
                prop_assert!(time.wrapping_sub(back) >= 0 && time.wrapping_sub(back) <= 4);
            }
        }

        #[test]
        fn ntp_round_trips_system_time(
            // Unix seconds -61505152 (1968-01-20) up to 4233462144 (2104-02-26): the window the
            // RFC 4330 era rule covers.
            nanos in -61_505_152 * NANOS_PER_SECOND..4_233_462_144 * NANOS_PER_SECOND,
        ) {
            let system = system_time_from_unix_nanos(nanos).expect("representable");
            let ntp = NtpTimestamp::from_system_time(system);
            prop_assert_eq!(ntp.to_system_time(), Some(system));
        }

        #[test]
        fn ntp_wrapping_add_matches_nanos(raw in any::<u64>(), millis in 0u64..10_000_000) {
            let start = NtpTimestamp(raw);
            let later = start.wrapping_add(Duration::from_millis(millis));
            prop_assert_eq!(later.wrapping_sub(start), ((i128::from(millis) << 32) / 1000) as i64);
        }
    }
}
