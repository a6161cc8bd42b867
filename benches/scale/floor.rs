//! The floor: what a probe's network exchanges cost at minimum, for the ratio in the summary.
//!
//! A minimal blocking client on std sockets (no tokio, no hickory) does, host after host on one
//! thread, exactly the exchanges of a probe against the same doubles as the exporter:
//!
//! - **bind-only probe**: an A and an AAAA query over one connected UDP socket to the DNS double,
//!   TCP connect (with `TCP_NODELAY`, as the exporter sets it), the 116-byte RPC BIND and its
//!   BIND_ACK, close;
//! - **clock probe**: one SNTP exchange with the SNTP double on a fresh UDP socket;
//! - **activation request**: one V6 request and its response on a bound connection, encoded and
//!   verified with the exporter's own codec (`kms_exporter::kms`), so that the floor includes the
//!   codec and "µs above the floor" is what the exporter adds around it.
//!
//! Its CPU is this thread's own `/proc/thread-self/schedstat` (ns, as the exporter's is summed
//! over its threads), read once before and once after each phase, so a phase's CPU ÷ hosts is
//! per probe. On loopback the kernel runs the receiving side's protocol work in the sender's
//! context, as it does for the exporter, so the two are billed alike. Every socket has a timeout;
//! a failed exchange is counted and its host skipped.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream, UdpSocket};
use std::time::{Duration, SystemTime};

use kms_exporter::clock::NtpTimestamp;
use kms_exporter::clock::sntp;
use kms_exporter::kms::message::{self, ActivationRequest, filetime_from_system_time};
use kms_exporter::kms::products;
use kms_exporter::kms::rpc::{self, BindOffer, BindReply, CallReply};
use uuid::Uuid;

const IO_TIMEOUT: Duration = Duration::from_secs(3);
/// The V6 product of the harness' three (its first version is 6).
const PRODUCT: &str = "windows";

/// Per-probe CPU of the floor client, µs.
#[derive(Clone, Debug, Default)]
pub struct Floor {
    /// A+AAAA over one UDP socket, TCP connect, BIND/BIND_ACK, close.
    pub bind_us: f64,
    /// One SNTP exchange on its own UDP socket.
    pub clock_us: f64,
    /// One V6 request/response on a bound connection, codec included.
    pub activation_us: f64,
    pub failures: usize,
}

impl Floor {
    /// A bind-only probe of the exporter: bind-only exchanges plus the clock probe.
    pub fn bind_only_probe_us(&self) -> f64 {
        self.bind_us + self.clock_us
    }

    /// A full probe: bind-only plus `requests` activation requests.
    pub fn full_probe_us(&self, requests: usize) -> f64 {
        self.bind_only_probe_us() + requests as f64 * self.activation_us
    }
}

/// Where the floor client sends its exchanges.
#[derive(Clone, Debug)]
pub struct Targets {
    pub dns: SocketAddr,
    pub kms_port: u16,
    pub sntp: SocketAddr,
    /// The reachable hosts' names (the floor does not wait out black holes).
    pub names: Vec<String>,
}

/// Runs the three phases on a thread of its own, host after host; `requests` activation
/// requests per host in the activation phase.
pub fn measure(targets: Targets, requests: usize) -> Floor {
    std::thread::spawn(move || run(&targets, requests))
        .join()
        .unwrap_or_default()
}

fn run(targets: &Targets, requests: usize) -> Floor {
    let mut floor = Floor::default();
    let hosts = targets.names.len().max(1) as f64;
    let Some(product) = products::lookup(PRODUCT) else {
        return floor;
    };
    let machine_id = Uuid::from_u128(0x5ca1_ab1e);

    // Phase 1: bind-only probes.
    let before = thread_cpu_ns();
    for name in &targets.names {
        if bind_probe(targets, name, |_, _| Ok(())).is_err() {
            floor.failures += 1;
        }
    }
    let bind_ns = thread_cpu_ns().saturating_sub(before);
    floor.bind_us = bind_ns as f64 / 1e3 / hosts;

    // Phase 2: clock probes.
    let before = thread_cpu_ns();
    for _ in &targets.names {
        if clock_probe(targets.sntp).is_err() {
            floor.failures += 1;
        }
    }
    floor.clock_us = (thread_cpu_ns().saturating_sub(before)) as f64 / 1e3 / hosts;

    // Phase 3: the bind-only exchanges again, with `requests` activation requests on each
    // connection; the difference to phase 1 is the requests' share.
    if requests > 0 {
        let before = thread_cpu_ns();
        for name in &targets.names {
            let activate = |stream: &mut TcpStream, context: u16| {
                for call in 0..requests {
                    activation(stream, &product, machine_id, context, 3 + call as u32)?;
                }
                Ok(())
            };
            if bind_probe(targets, name, activate).is_err() {
                floor.failures += 1;
            }
        }
        let full_ns = thread_cpu_ns().saturating_sub(before);
        floor.activation_us =
            full_ns.saturating_sub(bind_ns) as f64 / 1e3 / hosts / requests as f64;
    }
    floor
}

/// This thread's time on CPU in ns (`/proc/thread-self/schedstat`, first field).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn bind_probe(
    targets: &Targets,
    name: &str,
    then: impl FnOnce(&mut TcpStream, u16) -> io::Result<()>,
) -> io::Result<()> {
    let address = resolve(targets.dns, name)?;
    let mut stream = TcpStream::connect_timeout(&(address, targets.kms_port).into(), IO_TIMEOUT)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.write_all(&rpc::encode_bind(2, BindOffer::Ndr32Btfn))?;
    let reply = read_pdu(&mut stream)?;
    let context =
        match rpc::decode_bind_reply(&reply, 2, BindOffer::Ndr32Btfn).map_err(io::Error::other)? {
            BindReply::Ack(ack) => ack.ndr32_context(),
            BindReply::Nak { .. } => None,
        };
    then(
        &mut stream,
        context.ok_or_else(|| io::Error::other("bind not acknowledged"))?,
    )
}

fn read_pdu(stream: &mut TcpStream) -> io::Result<Vec<u8>> {
    let mut header = [0u8; rpc::HEADER_LEN];
    stream.read_exact(&mut header)?;
    let length = rpc::pdu_length(&header).map_err(io::Error::other)?;
    let mut pdu = vec![0u8; length];
    pdu[..rpc::HEADER_LEN].copy_from_slice(&header);
    stream.read_exact(&mut pdu[rpc::HEADER_LEN..])?;
    Ok(pdu)
}

fn activation(
    stream: &mut TcpStream,
    product: &products::Product,
    machine_id: Uuid,
    context: u16,
    call_id: u32,
) -> io::Result<()> {
    let request = ActivationRequest::for_product(
        product,
        machine_id,
        "floor",
        filetime_from_system_time(SystemTime::now()),
    );
    let mut iv = [0u8; 16];
    getrandom::fill(&mut iv).map_err(io::Error::other)?;
    let encoded = message::encode_request(&request, iv);
    let pdu = rpc::encode_request(call_id, context, encoded.bytes()).map_err(io::Error::other)?;
    stream.write_all(&pdu)?;
    let reply = read_pdu(stream)?;
    match rpc::decode_call_reply(&reply, call_id, context).map_err(io::Error::other)? {
        CallReply::Success(kms) => {
            message::decode_response(&encoded, kms).map_err(io::Error::other)?;
            Ok(())
        }
        _ => Err(io::Error::other("activation not granted")),
    }
}

fn clock_probe(server: SocketAddr) -> io::Result<()> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))?;
    socket.connect(server)?;
    socket.set_read_timeout(Some(IO_TIMEOUT))?;
    let wall = NtpTimestamp::from_system_time(SystemTime::now());
    let transmit = NtpTimestamp::from_parts(wall.seconds(), getrandom::u32().unwrap_or(0));
    socket.send(&sntp::encode_request(transmit))?;
    let mut buffer = [0u8; 512];
    let received = socket.recv(&mut buffer)?;
    let reply = sntp::decode_reply(&buffer[..received]).map_err(io::Error::other)?;
    sntp::check_reply(&reply, transmit).map_err(io::Error::other)?;
    Ok(())
}

/// A and AAAA for `name` over one connected UDP socket; the first A record's address.
fn resolve(server: SocketAddr, name: &str) -> io::Result<IpAddr> {
    let socket = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))?;
    socket.connect(server)?;
    socket.set_read_timeout(Some(IO_TIMEOUT))?;
    let id = getrandom::u32().unwrap_or(0) as u16;
    let (id_a, id_aaaa) = (id, id.wrapping_add(1));
    socket.send(&query(id_a, name, 1)?)?;
    socket.send(&query(id_aaaa, name, 28)?)?;
    let mut address = None;
    let (mut seen_a, mut seen_aaaa) = (false, false);
    let mut buffer = [0u8; 1232];
    // Both answers, in whatever order; bounded by the read timeout and a datagram count.
    for _ in 0..8 {
        if seen_a && seen_aaaa {
            break;
        }
        let received = socket.recv(&mut buffer)?;
        let answer = &buffer[..received];
        match answer_id(answer) {
            Some(got) if got == id_a && !seen_a => {
                seen_a = true;
                address = first_a(answer);
            }
            Some(got) if got == id_aaaa => seen_aaaa = true,
            _ => {}
        }
    }
    address.ok_or_else(|| io::Error::other("no A record"))
}

/// A recursion-desired query for `name` and `qtype`, class IN.
fn query(id: u16, name: &str, qtype: u16) -> io::Result<Vec<u8>> {
    let mut packet = Vec::with_capacity(18 + name.len());
    packet.extend_from_slice(&id.to_be_bytes());
    packet.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]);
    for label in name.trim_end_matches('.').split('.') {
        let len = u8::try_from(label.len())
            .ok()
            .filter(|l| (1..64).contains(l))
            .ok_or_else(|| io::Error::other("bad label"))?;
        packet.push(len);
        packet.extend_from_slice(label.as_bytes());
    }
    packet.push(0);
    packet.extend_from_slice(&qtype.to_be_bytes());
    packet.extend_from_slice(&1u16.to_be_bytes());
    Ok(packet)
}

fn answer_id(answer: &[u8]) -> Option<u16> {
    let id = u16::from_be_bytes([*answer.first()?, *answer.get(1)?]);
    // A response (QR set) with RCODE 0 or 3.
    let (flags, rcode) = (*answer.get(2)?, *answer.get(3)? & 0x0f);
    (flags & 0x80 != 0 && (rcode == 0 || rcode == 3)).then_some(id)
}

/// The first A record of an answer with one question.
fn first_a(answer: &[u8]) -> Option<IpAddr> {
    let count = |at: usize| Some(u16::from_be_bytes([*answer.get(at)?, *answer.get(at + 1)?]));
    let (questions, answers) = (count(4)?, count(6)?);
    let mut at = 12;
    for _ in 0..questions {
        at = skip_name(answer, at)? + 4;
    }
    for _ in 0..answers {
        at = skip_name(answer, at)?;
        let (rtype, length) = (count(at)?, usize::from(count(at + 8)?));
        let data = answer.get(at + 10..at + 10 + length)?;
        if rtype == 1 && length == 4 {
            return Some(IpAddr::from([data[0], data[1], data[2], data[3]]));
        }
        at += 10 + length;
    }
    None
}

fn skip_name(packet: &[u8], mut at: usize) -> Option<usize> {
    for _ in 0..128 {
        let len = *packet.get(at)?;
        if len == 0 {
            return Some(at + 1);
        }
        if len & 0xc0 == 0xc0 {
            return Some(at + 2);
        }
        at += 1 + usize::from(len);
    }
    None
}
