//! SNTP client (RFC 4330) for reading a host's clock over UDP 123 (`docs/protocol.md` §3.5).
//!
//! The codec is pure: [`encode_request`], [`decode_reply`], [`check_reply`] and
//! [`offset_and_delay`]. [`measure`] sends a few requests from a connected UDP socket and keeps
//! the lowest-delay sample.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::{Duration, SystemTime};

use tokio::net::UdpSocket;
use tokio::time::Instant;

use super::{ClockError, ClockMeasurement, DecodeError, KissCode, NtpTimestamp};
use crate::deadline;
use crate::wire::Reader;

/// Length of an SNTP packet without extension fields or MAC (RFC 4330 §4).
pub const PACKET_LEN: usize = 48;

/// Version we send (docs/protocol.md §3.5: first byte 0x23 = LI 0, VN 4, mode 3).
pub const NTP_VERSION: u8 = 4;

/// Samples [`measure`] takes when the caller has no better idea. Four exchanges ride out a lost
/// packet or a delayed one and cost the host next to nothing.
pub const DEFAULT_SAMPLES: usize = 4;

/// A sample whose round trip is at most this long ends a [`measure_until`] call early: its offset
/// is then known to within 25 ms, where the host clock findings are about minutes and hours (the
/// KMS window is 4 hours). On a LAN the first exchange qualifies, so a healthy host costs one
/// datagram each way instead of [`DEFAULT_SAMPLES`], and the probe ends without waiting out the
/// spacing between samples.
pub const GOOD_ENOUGH_DELAY: Duration = Duration::from_millis(50);

/// Upper bound on samples per [`measure`] call, so a configuration mistake cannot turn the
/// exporter into a load generator against a KMS host.
pub const MAX_SAMPLES: usize = 8;

/// Pause between samples. Short enough to stay well inside a scrape, long enough that the samples
/// do not all share one queueing delay.
const SAMPLE_SPACING: Duration = Duration::from_millis(20);

const MODE_CLIENT: u8 = 3;
const MODE_SERVER: u8 = 4;
const LEAP_UNSYNCHRONISED: u8 = 3;
/// RFC 5905 §7.3: stratum 16 means unsynchronised; 17–255 are reserved.
const STRATUM_UNSYNCHRONISED: u8 = 16;

/// Largest datagram we read. A reply is 48 bytes, plus extension fields or a MAC; anything past
/// the header is ignored, but the buffer must hold the header.
const RECEIVE_BUFFER_LEN: usize = 1024;

const ORIGINATE_OFFSET: usize = 24;
const RECEIVE_OFFSET: usize = 32;
const TRANSMIT_OFFSET: usize = 40;

/// A decoded SNTP server reply (RFC 4330 §4 field layout).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SntpReply {
    /// Leap indicator: 0 no warning, 1/2 leap second pending, 3 clock unsynchronised.
    pub leap: u8,
    /// Protocol version the server answered with (3 or 4).
    pub version: u8,
    /// Association mode; always 4 (server) after decoding.
    pub mode: u8,
    /// Distance from a reference clock; 0 marks a kiss-o'-death packet.
    pub stratum: u8,
    /// Poll interval, log2 seconds.
    pub poll: i8,
    /// Server clock precision, log2 seconds.
    pub precision: i8,
    /// Round-trip delay to the server's reference, NTP short format (16.16 seconds).
    pub root_delay: u32,
    /// Dispersion to the server's reference, NTP short format (16.16 seconds).
    pub root_dispersion: u32,
    /// Reference ID: upstream address, reference clock name, or kiss code when stratum is 0.
    pub reference_id: [u8; 4],
    /// When the server's clock was last set.
    pub reference: NtpTimestamp,
    /// Echo of our request's transmit timestamp; proves the reply answers our request.
    pub originate: NtpTimestamp,
    /// When the server received the request (T2).
    pub receive: NtpTimestamp,
    /// When the server sent the reply (T3).
    pub transmit: NtpTimestamp,
}

impl SntpReply {
    /// The kiss code, if this is a kiss-o'-death packet (stratum 0, RFC 4330 §8).
    pub fn kiss_code(&self) -> Option<KissCode> {
        (self.stratum == 0).then_some(KissCode(self.reference_id))
    }
}

/// Clock offset and round-trip delay from one exchange.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClockSample {
    /// θ, server clock − client clock, seconds.
    pub offset: f64,
    /// δ, round-trip delay excluding the server's processing time, seconds.
    pub delay: f64,
}

/// Encodes a client request: LI 0, VN 4, mode 3, every field zero except the transmit timestamp,
/// which the server echoes as the originate timestamp (docs/protocol.md §3.5, RFC 4330 §5).
pub fn encode_request(transmit: NtpTimestamp) -> [u8; PACKET_LEN] {
    let mut packet = [0u8; PACKET_LEN];
    packet[0] = (NTP_VERSION << 3) | MODE_CLIENT;
    packet[TRANSMIT_OFFSET..].copy_from_slice(&transmit.0.to_be_bytes());
    packet
}

/// Decodes the 48-byte header of a server reply. Checks only the framing (length, version, mode);
/// whether the reply answers our request and carries a usable time is [`check_reply`]'s job.
/// Extension fields and a MAC after the header are ignored.
pub fn decode_reply(datagram: &[u8]) -> Result<SntpReply, DecodeError> {
    // The header alone: a short datagram is reported with the header's length, and extension
    // fields after it are never read.
    let header = Reader::new(Reader::new(datagram).bytes(0, PACKET_LEN)?);
    let first = header.u8(0)?;
    let leap = first >> 6;
    let version = (first >> 3) & 0b111;
    let mode = first & 0b111;
    if mode != MODE_SERVER {
        return Err(DecodeError::WrongMode(mode));
    }
    // RFC 4330 §5: a server copies the request's version, but an NTPv3 server may answer with 3.
    if !(3..=NTP_VERSION).contains(&version) {
        return Err(DecodeError::WrongVersion(version));
    }
    let timestamp_at = |offset: usize| header.u64_be(offset).map(NtpTimestamp);
    Ok(SntpReply {
        leap,
        version,
        mode,
        stratum: header.u8(1)?,
        poll: i8::from_be_bytes(header.array(2)?),
        precision: i8::from_be_bytes(header.array(3)?),
        root_delay: header.u32_be(4)?,
        root_dispersion: header.u32_be(8)?,
        reference_id: header.array(12)?,
        reference: timestamp_at(16)?,
        originate: timestamp_at(ORIGINATE_OFFSET)?,
        receive: timestamp_at(RECEIVE_OFFSET)?,
        transmit: timestamp_at(TRANSMIT_OFFSET)?,
    })
}

/// Decides whether `reply` answers the request sent with `request_transmit` and carries a time we
/// may use (RFC 4330 §5, §8). The order matters: a packet that does not echo our timestamp could be
/// forged by anyone, so it is rejected before its kiss code or leap bits are believed.
pub fn check_reply(reply: &SntpReply, request_transmit: NtpTimestamp) -> Result<(), ClockError> {
    if reply.originate != request_transmit {
        return Err(DecodeError::OriginateMismatch {
            expected: request_transmit.0,
            got: reply.originate.0,
        }
        .into());
    }
    // Kiss-o'-death before the leap bits: ntpd sends its KoD packets with LI 3, and the kiss code
    // is the more useful thing to report.
    if let Some(code) = reply.kiss_code() {
        return Err(ClockError::KissOfDeath(code));
    }
    if reply.leap == LEAP_UNSYNCHRONISED || reply.stratum >= STRATUM_UNSYNCHRONISED {
        return Err(ClockError::Unsynchronised {
            leap: reply.leap,
            stratum: reply.stratum,
        });
    }
    if reply.transmit == NtpTimestamp::ZERO {
        return Err(DecodeError::ZeroTransmit.into());
    }
    if reply.receive == NtpTimestamp::ZERO {
        return Err(DecodeError::ZeroReceive.into());
    }
    Ok(())
}

/// Offset θ = ((T2 − T1) + (T3 − T4)) / 2 and delay δ = (T4 − T1) − (T3 − T2)
/// (docs/protocol.md §3.5, RFC 4330 §5). T1 request sent and T4 reply received are client times, T2
/// and T3 server times. Computed in integer 2^-32 s units, wrapping as NTP does, so nothing is lost
/// before the final conversion.
pub fn offset_and_delay(
    t1: NtpTimestamp,
    t2: NtpTimestamp,
    t3: NtpTimestamp,
    t4: NtpTimestamp,
) -> ClockSample {
    const UNITS_PER_SECOND: f64 = 4_294_967_296.0;
    let outbound = i128::from(t2.wrapping_sub(t1));
    let inbound = i128::from(t3.wrapping_sub(t4));
    let round_trip = i128::from(t4.wrapping_sub(t1));
    let server_hold = i128::from(t3.wrapping_sub(t2));
    // i128 → f64 rounds to 53 bits; the sums are at most 2^65 units, so the error is far below a
    // nanosecond for any plausible offset.
    ClockSample {
        offset: (outbound + inbound) as f64 / 2.0 / UNITS_PER_SECOND,
        delay: (round_trip - server_hold) as f64 / UNITS_PER_SECOND,
    }
}

/// A request on the wire that has not been answered yet.
#[derive(Debug, Clone, Copy)]
struct PendingRequest {
    /// What we put in the transmit field: the current second with a random fraction, so that only
    /// someone who saw the request can produce a matching originate timestamp.
    wire_transmit: NtpTimestamp,
    /// The true wall-clock send time, T1.
    sent_wall: NtpTimestamp,
    /// Monotonic send time; T4 is `sent_wall` plus the monotonic time elapsed, so a step of the
    /// local clock during the exchange cannot distort the sample.
    sent_at: Instant,
    answered: bool,
}

/// Outcome of one received datagram.
enum Datagram {
    /// Does not answer any request of ours (stray, late duplicate, or spoofed): ignored.
    Stray,
    /// A valid sample answering request number `request`.
    Sample {
        request: usize,
        sample: ClockSample,
        reply: SntpReply,
    },
}

fn classify(
    datagram: &[u8],
    pending: &mut [PendingRequest],
    arrived: Instant,
) -> Result<Datagram, ClockError> {
    // Match on the raw originate field before anything else: only a reply that echoes one of our
    // random transmit timestamps is allowed to end the measurement with an error.
    let Ok(originate) = Reader::new(datagram)
        .u64_be(ORIGINATE_OFFSET)
        .map(NtpTimestamp)
    else {
        return Ok(Datagram::Stray);
    };
    let Some((request, entry)) = pending
        .iter_mut()
        .enumerate()
        .find(|(_, entry)| !entry.answered && entry.wire_transmit == originate)
    else {
        return Ok(Datagram::Stray);
    };
    let reply = decode_reply(datagram)?;
    check_reply(&reply, entry.wire_transmit)?;
    entry.answered = true;
    let t4 = entry
        .sent_wall
        .wrapping_add(arrived.saturating_duration_since(entry.sent_at));
    let sample = offset_and_delay(entry.sent_wall, reply.receive, reply.transmit, t4);
    Ok(Datagram::Sample {
        request,
        sample,
        reply,
    })
}

/// Reads `server`'s clock with up to `samples` SNTP exchanges (clamped to 1..=[`MAX_SAMPLES`]),
/// returning the offset of the lowest-delay valid sample. The whole call takes at most `timeout`.
///
/// The socket is connected, so the kernel drops datagrams from any other address or port, and an
/// ICMP port unreachable surfaces as [`ClockError::Refused`]. Replies that do not echo an
/// outstanding request's transmit timestamp are ignored. A kiss-o'-death or unsynchronised reply
/// ends the call with that error: its timestamps are never turned into an offset, and RFC 4330 §8
/// says a kissed client stops sending.
pub async fn measure(
    server: SocketAddr,
    samples: usize,
    timeout: Duration,
) -> Result<ClockMeasurement, ClockError> {
    measure_until(server, samples, None, timeout).await
}

/// [`measure`], stopping after the first valid sample whose round trip is at most `good_enough`
/// (see [`GOOD_ENOUGH_DELAY`]); later samples could only lower an uncertainty that is already
/// negligible. With `None` every sample is taken.
pub async fn measure_until(
    server: SocketAddr,
    samples: usize,
    good_enough: Option<Duration>,
    timeout: Duration,
) -> Result<ClockMeasurement, ClockError> {
    let started = Instant::now();
    let deadline = deadline::after(started, timeout);
    let samples = samples.clamp(1, MAX_SAMPLES);
    // Each request gets an equal share of the budget before the next one is sent, so one lost
    // datagram costs one share, not the whole call.
    let share = timeout / u32::try_from(samples).unwrap_or(1);

    let local: SocketAddr = match server {
        SocketAddr::V4(_) => (Ipv4Addr::UNSPECIFIED, 0).into(),
        SocketAddr::V6(_) => (Ipv6Addr::UNSPECIFIED, 0).into(),
    };
    let socket = UdpSocket::bind(local).await?;
    socket.connect(server).await?;

    let mut pending: Vec<PendingRequest> = Vec::with_capacity(samples);
    let mut best: Option<(ClockSample, SntpReply)> = None;
    let mut buffer = [0u8; RECEIVE_BUFFER_LEN];
    let good_enough = good_enough.map(|d| d.as_secs_f64());
    for request in 0..samples {
        if let (Some(limit), Some((kept, _))) = (good_enough, &best)
            && kept.delay <= limit
        {
            break;
        }
        if request > 0 {
            tokio::time::sleep_until((Instant::now() + SAMPLE_SPACING).min(deadline)).await;
        }
        if Instant::now() >= deadline {
            break;
        }
        pending.push(send_request(&socket).await?);
        let share_deadline = deadline::after(Instant::now(), share).min(deadline);
        loop {
            let received =
                match tokio::time::timeout_at(share_deadline, socket.recv(&mut buffer)).await {
                    Ok(received) => received?,
                    Err(_elapsed) => break,
                };
            let arrived = Instant::now();
            let datagram = buffer.get(..received).unwrap_or_default();
            if let Datagram::Sample {
                request: answered,
                sample,
                reply,
            } = classify(datagram, &mut pending, arrived)?
            {
                if best.is_none_or(|(kept, _)| sample.delay < kept.delay) {
                    best = Some((sample, reply));
                }
                if answered == request {
                    break;
                }
            }
        }
    }
    let (sample, reply) = best.ok_or(ClockError::Timeout(timeout))?;
    Ok(ClockMeasurement {
        offset: sample.offset,
        // A negative delay only comes from clock granularity on a very short path.
        rtt: sample.delay.max(0.0),
        stratum: Some(reply.stratum),
        leap: Some(reply.leap),
    })
}

async fn send_request(socket: &UdpSocket) -> Result<PendingRequest, ClockError> {
    let fraction = getrandom::u32().map_err(std::io::Error::other)?;
    let sent_wall = NtpTimestamp::from_system_time(SystemTime::now());
    let sent_at = Instant::now();
    let wire_transmit = NtpTimestamp::from_parts(sent_wall.seconds(), fraction);
    socket.send(&encode_request(wire_transmit)).await?;
    Ok(PendingRequest {
        wire_transmit,
        sent_wall,
        sent_at,
        answered: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A reply as a server would build it, for the tests to tweak.
    fn reply_bytes() -> [u8; PACKET_LEN] {
        let mut packet = [0u8; PACKET_LEN];
        let fields: [&[u8]; 11] = [
            &[0x24],                                           // LI 0, VN 4, mode 4
            &[2],                                              // stratum
            &[6],                                              // poll 64 s
            &[0xEC],                                           // precision -20
            &[0x00, 0x00, 0x01, 0x00],                         // root delay 1/256 s
            &[0x00, 0x00, 0x00, 0x80],                         // root dispersion 1/512 s
            &[192, 0, 2, 1],                                   // reference id
            &[0xE9, 0x3C, 0x5A, 0x00, 0, 0, 0, 0],             // reference 3913046528 s
            &[0xE9, 0x3C, 0x7F, 0x80, 0x12, 0x34, 0x56, 0x78], // originate 3913056128.07
            &[0xE9, 0x3C, 0x9B, 0xA0, 0x80, 0, 0, 0],          // receive 3913063328.5
            &[0xE9, 0x3C, 0x9B, 0xA0, 0xC0, 0, 0, 0],          // transmit 3913063328.75
        ];
        let mut at = 0;
        for field in fields {
            packet[at..at + field.len()].copy_from_slice(field);
            at += field.len();
        }
        assert_eq!(at, PACKET_LEN);
        packet
    }

    const ORIGINATE: NtpTimestamp = NtpTimestamp(0xE93C_7F80_1234_5678);

    #[test]
    fn request_bytes() {
        let request = encode_request(NtpTimestamp(0xE93C_7F80_DEAD_BEEF));
        let mut expected = [0u8; 48];
        expected[0] = 0x23;
        expected[40..48].copy_from_slice(&[0xE9, 0x3C, 0x7F, 0x80, 0xDE, 0xAD, 0xBE, 0xEF]);
        assert_eq!(request, expected);
    }

    #[test]
    fn decodes_every_field() {
        let reply = decode_reply(&reply_bytes()).expect("valid reply");
        assert_eq!(
            reply,
            SntpReply {
                leap: 0,
                version: 4,
                mode: 4,
                stratum: 2,
                poll: 6,
                precision: -20,
                root_delay: 0x100,
                root_dispersion: 0x80,
                reference_id: [192, 0, 2, 1],
                reference: NtpTimestamp::from_parts(3_913_046_528, 0),
                originate: ORIGINATE,
                receive: NtpTimestamp::from_parts(3_913_063_328, 0x8000_0000),
                transmit: NtpTimestamp::from_parts(3_913_063_328, 0xC000_0000),
            }
        );
        assert_eq!(check_reply(&reply, ORIGINATE).ok(), Some(()));
    }

    #[test]
    fn accepts_trailing_extension_bytes_and_version_3() {
        let mut long = reply_bytes().to_vec();
        long.extend_from_slice(&[0xAA; 20]);
        long[0] = 0x1C; // LI 0, VN 3, mode 4
        let reply = decode_reply(&long).expect("valid reply");
        assert_eq!(reply.version, 3);
        assert_eq!(
            reply.transmit,
            NtpTimestamp::from_parts(3_913_063_328, 0xC000_0000)
        );
    }

    #[test]
    fn rejects_short_wrong_mode_wrong_version() {
        assert_eq!(
            decode_reply(&reply_bytes()[..47]),
            Err(DecodeError::Truncated {
                needed: 48,
                got: 47
            })
        );
        let mut client_mode = reply_bytes();
        client_mode[0] = 0x23;
        assert_eq!(decode_reply(&client_mode), Err(DecodeError::WrongMode(3)));
        let mut broadcast = reply_bytes();
        broadcast[0] = 0x25;
        assert_eq!(decode_reply(&broadcast), Err(DecodeError::WrongMode(5)));
        let mut version_7 = reply_bytes();
        version_7[0] = 0x3C;
        assert_eq!(decode_reply(&version_7), Err(DecodeError::WrongVersion(7)));
    }

    fn checked(packet: [u8; PACKET_LEN]) -> Result<(), ClockError> {
        check_reply(&decode_reply(&packet).expect("decodes"), ORIGINATE)
    }

    #[test]
    fn originate_mismatch_is_rejected() {
        let reply = decode_reply(&reply_bytes()).expect("decodes");
        let error = check_reply(&reply, NtpTimestamp(ORIGINATE.0 ^ 1)).expect_err("mismatch");
        assert!(
            matches!(error, ClockError::BadReply(DecodeError::OriginateMismatch { expected, got })
                if expected == ORIGINATE.0 ^ 1 && got == ORIGINATE.0),
            "{error:?}"
        );
    }

    #[test]
    fn kiss_of_death_is_reported_with_its_code() {
        let mut kod = reply_bytes();
        kod[0] = 0xE4; // LI 3 as ntpd sends it: the kiss code must still win
        kod[1] = 0;
        kod[12..16].copy_from_slice(b"RATE");
        let error = checked(kod).expect_err("KoD");
        assert_eq!(error.as_metrics_label(), "kiss_of_death");
        assert_eq!(error.to_string(), "NTP kiss-o'-death, code RATE");
    }

    #[test]
    fn unsynchronised_server_is_reported() {
        let mut leap3 = reply_bytes();
        leap3[0] = 0xE4;
        let error = checked(leap3).expect_err("leap 3");
        assert!(matches!(
            error,
            ClockError::Unsynchronised {
                leap: 3,
                stratum: 2
            }
        ));
        let mut stratum16 = reply_bytes();
        stratum16[1] = 16;
        let error = checked(stratum16).expect_err("stratum 16");
        assert!(matches!(
            error,
            ClockError::Unsynchronised {
                leap: 0,
                stratum: 16
            }
        ));
    }

    #[test]
    fn zero_timestamps_are_rejected() {
        let mut zero_transmit = reply_bytes();
        zero_transmit[40..48].fill(0);
        assert!(matches!(
            checked(zero_transmit),
            Err(ClockError::BadReply(DecodeError::ZeroTransmit))
        ));
        let mut zero_receive = reply_bytes();
        zero_receive[32..40].fill(0);
        assert!(matches!(
            checked(zero_receive),
            Err(ClockError::BadReply(DecodeError::ZeroReceive))
        ));
    }

    #[test]
    fn offset_and_delay_arithmetic() {
        // Client sends at 100.0, server (2 h ahead) receives at 7300.1 and answers at 7300.15,
        // client receives at 100.25: 0.1 s each way plus 0.05 s in the server.
        let t = |seconds: u32, fraction: u32| NtpTimestamp::from_parts(seconds, fraction);
        let sample = offset_and_delay(
            t(100, 0),
            t(7300, 0x1999_999A),
            t(7300, 0x2666_6666),
            t(100, 0x4000_0000),
        );
        assert!((sample.offset - 7200.0).abs() < 1e-9, "{sample:?}");
        assert!((sample.delay - 0.2).abs() < 1e-9, "{sample:?}");
        // Host behind by 30 min, asymmetric path: the offset error is half the asymmetry.
        let sample = offset_and_delay(t(5000, 0), t(3200, 0), t(3200, 0), t(5001, 0));
        assert_eq!(sample.offset, -1800.5);
        assert_eq!(sample.delay, 1.0);
    }

    #[test]
    fn offset_across_era_rollover() {
        // Client just before the 2036 rollover, server one second after it.
        let sample = offset_and_delay(
            NtpTimestamp::from_parts(u32::MAX, 0),
            NtpTimestamp::from_parts(0, 0),
            NtpTimestamp::from_parts(0, 0),
            NtpTimestamp::from_parts(u32::MAX, 0),
        );
        assert_eq!(sample.offset, 1.0);
        assert_eq!(sample.delay, 0.0);
    }

    fn pending_at(wire: NtpTimestamp, sent_at: Instant) -> PendingRequest {
        PendingRequest {
            wire_transmit: wire,
            sent_wall: NtpTimestamp::from_parts(3_913_063_328, 0),
            sent_at,
            answered: false,
        }
    }

    #[test]
    fn classify_ignores_strays_and_duplicates() {
        let sent_at = Instant::now();
        let mut pending = [pending_at(ORIGINATE, sent_at)];
        // Too short to carry an originate timestamp, and a reply to someone else's request.
        assert!(matches!(
            classify(&[0x24; 10], &mut pending, sent_at),
            Ok(Datagram::Stray)
        ));
        let mut foreign = reply_bytes();
        foreign[31] ^= 1;
        assert!(matches!(
            classify(&foreign, &mut pending, sent_at),
            Ok(Datagram::Stray)
        ));
        // A forged KoD that does not echo our timestamp must not end the measurement.
        foreign[1] = 0;
        assert!(matches!(
            classify(&foreign, &mut pending, sent_at),
            Ok(Datagram::Stray)
        ));

        let arrived = sent_at + Duration::from_millis(750);
        let first = classify(&reply_bytes(), &mut pending, arrived);
        let Ok(Datagram::Sample {
            request, sample, ..
        }) = first
        else {
            panic!("expected a sample");
        };
        assert_eq!(request, 0);
        // T1 = .0, T2 = .5, T3 = .75, T4 = .75 → θ = (0.5 + 0) / 2, δ = 0.75 − 0.25.
        assert!((sample.offset - 0.25).abs() < 1e-9, "{sample:?}");
        assert!((sample.delay - 0.5).abs() < 1e-9, "{sample:?}");
        // The same reply again (duplicate or replay) is no longer outstanding.
        assert!(matches!(
            classify(&reply_bytes(), &mut pending, arrived),
            Ok(Datagram::Stray)
        ));
    }

    #[test]
    fn classify_reports_matching_bad_replies() {
        let sent_at = Instant::now();
        let mut pending = [pending_at(ORIGINATE, sent_at)];
        let mut mode_3 = reply_bytes();
        mode_3[0] = 0x23;
        let error = classify(&mode_3, &mut pending, sent_at)
            .err()
            .expect("bad reply");
        assert_eq!(error.as_metrics_label(), "bad_reply");
    }

    proptest! {
        #[test]
        fn decode_reply_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..128)) {
            let _ = decode_reply(&bytes);
        }

        #[test]
        fn check_reply_never_panics_on_mutated_replies(
            flips in proptest::collection::vec((0usize..PACKET_LEN, any::<u8>()), 0..8),
        ) {
            let mut packet = reply_bytes();
            for (at, value) in flips {
                packet[at] = value;
            }
            if let Ok(reply) = decode_reply(&packet) {
                let _ = check_reply(&reply, ORIGINATE);
            }
            let mut pending = [pending_at(ORIGINATE, Instant::now())];
            let _ = classify(&packet, &mut pending, Instant::now());
        }

        #[test]
        fn offset_and_delay_never_panics(t in any::<[u64; 4]>()) {
            let sample = offset_and_delay(
                NtpTimestamp(t[0]), NtpTimestamp(t[1]), NtpTimestamp(t[2]), NtpTimestamp(t[3]),
            );
            prop_assert!(sample.offset.is_finite() && sample.delay.is_finite());
        }
    }
}
