//! An SNTP server double on 127.0.0.1, with a configurable clock offset and misbehaviours. Its
//! replies come from [`crate::encode::sntp`].

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use kms_exporter::clock::NtpTimestamp;
use kms_exporter::clock::sntp::SntpReply;
use tokio::net::UdpSocket;
use tokio::task::JoinHandle;

use crate::encode::sntp;

/// How the double answers a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SntpBehaviour {
    /// A correct stratum-2 reply.
    Answer,
    /// Kiss-o'-death "RATE" as ntpd sends it (LI 3, stratum 0), with otherwise plausible times.
    KissOfDeath,
    /// LI 3, stratum 3: the server's clock is not synchronised.
    Unsynchronised,
    /// A correct reply except that the originate timestamp does not echo the request.
    WrongOriginate,
    /// A correct reply sent from a different socket (another source port).
    ReplyFromOtherPort,
    /// Never answers.
    Silent,
}

/// A running SNTP double; stops when dropped.
pub struct SntpDouble {
    addr: SocketAddr,
    requests: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl SntpDouble {
    /// Binds 127.0.0.1:0 and serves with the server clock `offset_seconds` ahead of this machine's
    /// (negative: behind).
    pub async fn start(offset_seconds: f64, behaviour: SntpBehaviour) -> SntpDouble {
        Self::start_on("127.0.0.1:0".parse().unwrap(), offset_seconds, behaviour).await
    }

    /// Like [`Self::start`], on a given loopback address.
    pub async fn start_on(
        address: SocketAddr,
        offset_seconds: f64,
        behaviour: SntpBehaviour,
    ) -> SntpDouble {
        let socket = UdpSocket::bind(address).await.expect("bind SNTP double");
        let other = UdpSocket::bind(SocketAddr::new(address.ip(), 0))
            .await
            .expect("bind second socket");
        let addr = socket.local_addr().expect("local addr");
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&requests);
        let offset_nanos = (offset_seconds * 1e9) as i128;
        let task = tokio::spawn(async move {
            let mut buffer = [0u8; 512];
            loop {
                let Ok((len, client)) = socket.recv_from(&mut buffer).await else {
                    continue;
                };
                let received = server_time(offset_nanos);
                counter.fetch_add(1, Ordering::SeqCst);
                let Some(request) = buffer.get(..len).filter(|r| r.len() >= 48) else {
                    continue;
                };
                let Some(reply) = build_reply(request, received, offset_nanos, behaviour) else {
                    continue;
                };
                let sender = match behaviour {
                    SntpBehaviour::ReplyFromOtherPort => &other,
                    _ => &socket,
                };
                let _ = sender.send_to(&reply, client).await;
            }
        });
        SntpDouble {
            addr,
            requests,
            task,
        }
    }

    /// Where the double listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many datagrams the double has received.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for SntpDouble {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The double's clock as a raw NTP 32.32 timestamp (era 0: good until 2036).
fn server_time(offset_nanos: i128) -> u64 {
    const NTP_TO_UNIX_SECONDS: i128 = 2_208_988_800;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_nanos() as i128;
    let ntp_nanos = now + offset_nanos + NTP_TO_UNIX_SECONDS * 1_000_000_000;
    ((ntp_nanos << 32) / 1_000_000_000) as u64
}

fn build_reply(
    request: &[u8],
    received: u64,
    offset_nanos: i128,
    behaviour: SntpBehaviour,
) -> Option<[u8; 48]> {
    let (leap, stratum, reference_id) = match behaviour {
        SntpBehaviour::Silent => return None,
        SntpBehaviour::KissOfDeath => (3u8, 0u8, *b"RATE"),
        SntpBehaviour::Unsynchronised => (3, 3, [127, 0, 0, 1]),
        _ => (0, 2, [127, 0, 0, 1]),
    };
    let mut originate = u64::from_be_bytes(request.get(40..48)?.try_into().ok()?);
    if behaviour == SntpBehaviour::WrongOriginate {
        originate ^= 0x01;
    }
    Some(sntp::reply(&SntpReply {
        leap,
        version: (request[0] >> 3) & 0b111,
        mode: 4,
        stratum,
        poll: i8::from_be_bytes([request[2]]),
        precision: -20,
        root_delay: 0x0000_0100,
        root_dispersion: 0x0000_0080,
        reference_id,
        reference: NtpTimestamp(received - (16 << 32)),
        originate: NtpTimestamp(originate),
        receive: NtpTimestamp(received),
        transmit: NtpTimestamp(server_time(offset_nanos)),
    }))
}
