//! KMS host double: the server side of `docs/protocol.md`, for tests only.
//!
//! Speaks BIND/BIND_ACK and REQUEST/RESPONSE, decrypts V4/V5/V6 requests and answers with
//! correctly MACed/encrypted/HMACed responses (docs/protocol.md §3) built by [`crate::encode`], or
//! with whatever misbehaviour the test configures. The behaviour can be changed while the double
//! runs; every request is recorded.
//!
//! One double serves any number of connections over any byte stream: TCP on loopback
//! ([`KmsHostDouble::start`]), in-memory pipes for fakes of the exporter's network seams
//! ([`KmsHostDouble::in_memory`], [`KmsHostDouble::connect`]), or a stream the test brings
//! ([`KmsHostDouble::serve`]). The same code answers on all of them; only
//! [`Misbehaviour::ResetMidResponse`] needs TCP to do what it says.

use std::collections::HashMap;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use kms_exporter::kms::ProtocolVersion;
use kms_exporter::kms::crypto::{self, AesVariant};
use kms_exporter::kms::message::filetime_from_system_time;
use kms_exporter::kms::rpc::ContextOutcome;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};
use uuid::Uuid;

use crate::encode;

/// The clock window a host enforces (docs/protocol.md §4.5), in FILETIME ticks.
const CLOCK_WINDOW: u64 = 4 * 3600 * 10_000_000;
const BASE_REQUEST_LEN: usize = 236;
const MAX_PDU_LEN: usize = 4096;

pub const INVALID_DATA: u32 = 0x8007_000D;
pub const INVALID_TIMESTAMP: u32 = 0xC004_F06C;

/// Ways the double can misbehave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misbehaviour {
    /// Answers REQUEST with bytes that are not DCE/RPC.
    Garbage,
    /// Sends half of a valid RESPONSE, then closes.
    Truncated,
    /// Accepts the connection and never answers anything.
    Stall,
    /// Answers BIND, then closes without reading the request.
    CloseAfterBind,
    /// Corrupts the V6 HMAC.
    WrongHmac,
    /// Echoes a different CMID.
    WrongCmid,
    /// Answers REQUEST with a FAULT PDU with this status, vlmcsd-style (static call_id 2).
    FaultPdu(u32),
    /// Answers BIND with BIND_NAK.
    RejectBind,
    /// Answers BIND with BIND_ACK rejecting every context (result 2, reason 1).
    RejectInterface,
    /// Answers REQUEST with a header announcing a 60,000-byte PDU, then waits.
    OversizedFragment,
    /// Sends a valid RESPONSE one byte per second.
    Dribble,
    /// Sends half of a valid RESPONSE, then resets the connection (RST, not FIN). TCP only: an
    /// in-memory connection has no reset and is closed instead, like [`Misbehaviour::Truncated`].
    ResetMidResponse,
    /// Answers REQUEST with a valid RESPONSE carrying another call_id.
    WrongCallId,
}

/// How the double answers. Defaults imitate vlmcsd in its default mode (docs/protocol.md §4.4).
#[derive(Debug, Clone)]
pub struct Behaviour {
    /// Current count per application ID.
    pub counts: HashMap<Uuid, u32>,
    /// Count for applications not in `counts`.
    pub default_count: u32,
    /// Refusal HRESULT per KMS counted ID.
    pub refusals: HashMap<Uuid, u32>,
    /// Major versions answered; others get the 0x8007000D refusal stub.
    pub versions: Vec<u16>,
    /// Host clock minus real time, in seconds.
    pub clock_offset_seconds: i64,
    /// Refuse requests more than 4 h from the host clock with 0xC004F06C.
    pub enforce_clock_window: bool,
    pub epid: String,
    pub hwid: [u8; 8],
    pub activation_interval_minutes: u32,
    pub renewal_interval_minutes: u32,
    pub misbehaviour: Option<Misbehaviour>,
    /// How long the host takes before it answers each activation request, like a busy host.
    pub response_delay: std::time::Duration,
}

impl Default for Behaviour {
    fn default() -> Self {
        Self {
            counts: HashMap::new(),
            default_count: 50,
            refusals: HashMap::new(),
            versions: vec![4, 5, 6],
            clock_offset_seconds: 0,
            enforce_clock_window: true,
            epid: "03612-00206-562-760142-03-1102-14393.0000-2812025".to_owned(),
            hwid: [0x3a, 0x1c, 0x04, 0x96, 0x00, 0xb6, 0x00, 0x76],
            activation_interval_minutes: 120,
            renewal_interval_minutes: 10_080,
            misbehaviour: None,
            response_delay: std::time::Duration::ZERO,
        }
    }
}

/// What the double decoded from one KMS request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedRequest {
    pub major_version: u16,
    pub minor_version: u16,
    pub client_machine_id: Uuid,
    pub required_count: u32,
    pub kms_counted_id: Uuid,
    pub application_id: Uuid,
    pub sku_id: Uuid,
    pub workstation_name: String,
    pub client_time: u64,
}

#[derive(Clone, Default)]
struct Shared {
    behaviour: Arc<Mutex<Behaviour>>,
    requests: Arc<Mutex<Vec<ReceivedRequest>>>,
    /// Major version of every KMS request, including those refused for their version.
    majors: Arc<Mutex<Vec<u16>>>,
    connections: Arc<AtomicUsize>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Size of each direction's buffer of an in-memory connection: a few of the largest PDUs
/// (docs/protocol.md §1.1).
const IN_MEMORY_BUFFER: usize = 4 * MAX_PDU_LEN;

/// A running host double; stops (with all its connections) when dropped.
pub struct KmsHostDouble {
    /// Where the TCP listener is bound; `None` for an in-memory double.
    addr: Option<SocketAddr>,
    shared: Shared,
    /// The TCP accept loop, which owns the tasks of the TCP connections.
    listener: Option<JoinHandle<()>>,
    /// Tasks serving the connections handed over by [`Self::serve`] and [`Self::connect`];
    /// dropping the set aborts them.
    streams: Mutex<JoinSet<()>>,
}

impl KmsHostDouble {
    /// Listens on 127.0.0.1 with a free port.
    pub async fn start(behaviour: Behaviour) -> Self {
        Self::start_on("127.0.0.1:0".parse().unwrap(), behaviour).await
    }

    /// Like [`Self::start`], on a given loopback address.
    pub async fn start_on(address: SocketAddr, behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind(address).await.expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let mut double = Self::in_memory(behaviour);
        double.addr = Some(addr);
        double.listener = Some(tokio::spawn(accept_loop(listener, double.shared.clone())));
        double
    }

    /// A double without a listener, reached through [`Self::connect`] (or [`Self::serve`]):
    /// for fakes of the exporter's network seams and paused-time tests.
    pub fn in_memory(behaviour: Behaviour) -> Self {
        Self {
            addr: None,
            shared: Shared {
                behaviour: Arc::new(Mutex::new(behaviour)),
                ..Shared::default()
            },
            listener: None,
            streams: Mutex::new(JoinSet::new()),
        }
    }

    /// The TCP address the double listens on.
    ///
    /// # Panics
    ///
    /// For a double made with [`Self::in_memory`], which has none.
    pub fn addr(&self) -> SocketAddr {
        self.addr
            .expect("an in-memory KMS host double has no address; use connect()")
    }

    /// Opens a new in-memory connection to the double: the client's end of a pipe whose other
    /// end is served like an accepted TCP connection (counted, requests recorded). Works on a
    /// double started on TCP as well. Must be called inside a Tokio runtime.
    pub fn connect(&self) -> DuplexStream {
        let (client, host) = tokio::io::duplex(IN_MEMORY_BUFFER);
        self.serve(host);
        client
    }

    /// Serves `stream` as one more connection, until the peer closes it or the double is
    /// dropped. Must be called inside a Tokio runtime.
    pub fn serve<S>(&self, stream: S)
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        self.shared.connections.fetch_add(1, Ordering::SeqCst);
        let shared = self.shared.clone();
        let mut streams = lock(&self.streams);
        streams.spawn(async move {
            let mut stream = stream;
            // Errors end the connection, as they would end a TCP one.
            let _ = serve(&mut stream, &shared).await;
        });
        while streams.try_join_next().is_some() {}
    }

    /// Changes the behaviour for requests arriving from now on.
    pub fn update(&self, change: impl FnOnce(&mut Behaviour)) {
        change(&mut lock(&self.shared.behaviour));
    }

    pub fn requests(&self) -> Vec<ReceivedRequest> {
        lock(&self.shared.requests).clone()
    }

    /// The major version of every KMS request received, refused ones included.
    pub fn versions_seen(&self) -> Vec<u16> {
        lock(&self.shared.majors).clone()
    }

    /// Connections accepted or handed over so far.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }
}

impl Drop for KmsHostDouble {
    fn drop(&mut self) {
        if let Some(listener) = &self.listener {
            listener.abort();
        }
    }
}

async fn accept_loop(listener: TcpListener, shared: Shared) {
    let mut connections = JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        shared.connections.fetch_add(1, Ordering::SeqCst);
        connections.spawn(serve_tcp(stream, shared.clone()));
        while connections.try_join_next().is_some() {}
    }
}

/// How a served connection is to end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Close it (FIN on TCP).
    Close,
    /// Reset it where the transport can (RST on TCP), else close it.
    Reset,
}

async fn serve_tcp(mut stream: TcpStream, shared: Shared) -> io::Result<()> {
    if serve(&mut stream, &shared).await? == Ending::Reset {
        // With a zero linger time, dropping the socket sends RST instead of FIN.
        stream.set_zero_linger()?;
    }
    Ok(())
}

fn behaviour(shared: &Shared) -> Behaviour {
    lock(&shared.behaviour).clone()
}

/// Answers the PDUs of one connection until the peer closes it or a misbehaviour ends it.
async fn serve<S>(stream: &mut S, shared: &Shared) -> io::Result<Ending>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    if behaviour(shared).misbehaviour == Some(Misbehaviour::Stall) {
        let mut sink = [0u8; 512];
        while stream.read(&mut sink).await? != 0 {}
        return Ok(Ending::Close);
    }
    while let Some(pdu) = read_pdu(stream).await? {
        let behaviour = behaviour(shared);
        let call_id = u32_at(&pdu, 12);
        match pdu.get(2) {
            Some(11) => {
                stream
                    .write_all(&bind_reply(&pdu, call_id, behaviour.misbehaviour))
                    .await?;
                if behaviour.misbehaviour == Some(Misbehaviour::CloseAfterBind) {
                    return Ok(Ending::Close);
                }
            }
            Some(0) => {
                if !behaviour.response_delay.is_zero() {
                    tokio::time::sleep(behaviour.response_delay).await;
                }
                let reply = match behaviour.misbehaviour {
                    Some(Misbehaviour::FaultPdu(status)) => {
                        encode::rpc::fault(VLMCSD_FAULT_CALL_ID, status)
                    }
                    Some(Misbehaviour::Garbage) => {
                        b"HTTP/1.1 400 Bad Request\r\n\r\nnot RPC".to_vec()
                    }
                    _ => request_reply(&pdu, call_id, &behaviour, shared),
                };
                match behaviour.misbehaviour {
                    Some(Misbehaviour::Truncated) => {
                        stream.write_all(&reply[..reply.len() / 2]).await?;
                        return Ok(Ending::Close);
                    }
                    Some(Misbehaviour::OversizedFragment) => {
                        let mut header = reply[..16].to_vec();
                        header[8..10].copy_from_slice(&60_000u16.to_le_bytes());
                        stream.write_all(&header).await?;
                        tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                        return Ok(Ending::Close);
                    }
                    Some(Misbehaviour::Dribble) => {
                        for byte in &reply {
                            stream.write_all(&[*byte]).await?;
                            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                        }
                    }
                    Some(Misbehaviour::ResetMidResponse) => {
                        stream.write_all(&reply[..reply.len() / 2]).await?;
                        return Ok(Ending::Reset);
                    }
                    Some(Misbehaviour::WrongCallId) => {
                        let mut reply = reply;
                        let wrong = call_id.wrapping_add(7).to_le_bytes();
                        reply[12..16].copy_from_slice(&wrong);
                        stream.write_all(&reply).await?;
                    }
                    _ => stream.write_all(&reply).await?,
                }
            }
            _ => return Ok(Ending::Close),
        }
    }
    Ok(Ending::Close)
}

async fn read_pdu(stream: &mut (impl AsyncRead + Unpin)) -> io::Result<Option<Vec<u8>>> {
    let mut header = [0u8; 16];
    match stream.read_exact(&mut header).await {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let len = usize::from(u16::from_le_bytes([header[8], header[9]]));
    if !(16..=MAX_PDU_LEN).contains(&len) {
        return Ok(None);
    }
    let mut pdu = header.to_vec();
    pdu.resize(len, 0);
    stream.read_exact(&mut pdu[16..]).await?;
    Ok(Some(pdu))
}

fn u16_at(buf: &[u8], at: usize) -> u16 {
    buf.get(at..at + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(buf: &[u8], at: usize) -> u32 {
    buf.get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(buf: &[u8], at: usize) -> u64 {
    buf.get(at..at + 8)
        .map_or(0, |b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
}

fn uuid_at(buf: &[u8], at: usize) -> Uuid {
    buf.get(at..at + 16).map_or(Uuid::nil(), |b| {
        Uuid::from_bytes_le(b.try_into().expect("16 bytes"))
    })
}

const NDR32: [u8; 16] = [
    0x04, 0x5d, 0x88, 0x8a, 0xeb, 0x1c, 0xc9, 0x11, 0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60,
];
const BTFN_PREFIX: [u8; 8] = [0x2c, 0x1c, 0xb7, 0x6c, 0x12, 0x98, 0x40, 0x45];
/// The association group py-kms always answers with (docs/protocol.md §1.4).
const ASSOC_GROUP: u32 = 0x1063_bf3f;
/// vlmcsd writes this call_id into its faults instead of echoing the request's
/// (docs/protocol.md §1.7).
const VLMCSD_FAULT_CALL_ID: u32 = 2;

/// BIND_ACK accepting NDR32, rejecting NDR64 and acknowledging BTFN like py-kms
/// (docs/protocol.md §1.4), or a rejection when configured.
fn bind_reply(bind: &[u8], call_id: u32, misbehaviour: Option<Misbehaviour>) -> Vec<u8> {
    if misbehaviour == Some(Misbehaviour::RejectBind) {
        // Reason 4: protocol version not supported; the value only needs to round-trip.
        return encode::rpc::bind_nak(call_id, 4);
    }
    let count = bind.get(24).copied().unwrap_or(0);
    let results: Vec<ContextOutcome> = (0..usize::from(count))
        .map(|index| {
            let syntax = bind
                .get(28 + 44 * index + 24..28 + 44 * index + 40)
                .unwrap_or(&[]);
            if misbehaviour == Some(Misbehaviour::RejectInterface) {
                ContextOutcome::ProviderRejection { reason: 1 }
            } else if syntax == NDR32 {
                ContextOutcome::Accepted {
                    transfer_syntax: NDR32,
                    version: 2,
                }
            } else if syntax.starts_with(&BTFN_PREFIX) {
                ContextOutcome::NegotiateAck { features: 3 }
            } else {
                ContextOutcome::ProviderRejection { reason: 2 }
            }
        })
        .collect();
    encode::rpc::bind_ack(call_id, ASSOC_GROUP, "1688", &results)
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("OS randomness");
    bytes
}

/// The base request and `D_K(IV)` (zero for V4), or `None` for an undecodable request.
fn open_request(major: u16, kms: &[u8]) -> Option<(Vec<u8>, [u8; 16])> {
    match major {
        4 => {
            let (base, mac) = kms.split_at_checked(BASE_REQUEST_LEN)?;
            (crypto::v4_mac(base)[..] == *mac).then(|| (base.to_vec(), [0; 16]))
        }
        5 | 6 => {
            let variant = if major == 5 {
                AesVariant::V5
            } else {
                AesVariant::V6
            };
            // Zero-IV decryption of IV ‖ ciphertext, as both emulators do (docs/protocol.md §2.3).
            let padded = crypto::cbc_decrypt(variant, &[0; 16], kms.get(4..)?).ok()?;
            let plain = crypto::pkcs7_unpad(&padded).ok()?;
            let (decrypted_iv, base) = plain.split_at_checked(16)?;
            (base.len() == BASE_REQUEST_LEN)
                .then(|| (base.to_vec(), decrypted_iv.try_into().expect("16 bytes")))
        }
        _ => None,
    }
}

fn record(base: &[u8]) -> ReceivedRequest {
    let name: Vec<u16> = base
        .get(108..236)
        .unwrap_or(&[])
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    ReceivedRequest {
        major_version: u16_at(base, 2),
        minor_version: u16_at(base, 0),
        application_id: uuid_at(base, 16),
        sku_id: uuid_at(base, 32),
        kms_counted_id: uuid_at(base, 48),
        client_machine_id: uuid_at(base, 64),
        required_count: u32_at(base, 80),
        client_time: u64_at(base, 84),
        workstation_name: String::from_utf16_lossy(&name),
    }
}

fn host_clock(offset_seconds: i64) -> u64 {
    let now = filetime_from_system_time(SystemTime::now());
    let offset = offset_seconds.unsigned_abs() * 10_000_000;
    if offset_seconds >= 0 {
        now + offset
    } else {
        now - offset
    }
}

fn request_reply(pdu: &[u8], call_id: u32, behaviour: &Behaviour, shared: &Shared) -> Vec<u8> {
    let context_id = u16_at(pdu, 20);
    let size = usize::try_from(u32_at(pdu, 24)).unwrap_or(0);
    let kms = pdu.get(32..32 + size).unwrap_or(&[]);
    let major = u16_at(kms, 2);
    lock(&shared.majors).push(major);
    if u16_at(kms, 0) != 0 || !behaviour.versions.contains(&major) {
        return encode::rpc::refusal(call_id, context_id, INVALID_DATA);
    }
    let Some((base, decrypted_iv)) = open_request(major, kms) else {
        return encode::rpc::refusal(call_id, context_id, INVALID_DATA);
    };
    let request = record(&base);
    lock(&shared.requests).push(request.clone());

    if behaviour.enforce_clock_window
        && request
            .client_time
            .abs_diff(host_clock(behaviour.clock_offset_seconds))
            > CLOCK_WINDOW
    {
        return encode::rpc::refusal(call_id, context_id, INVALID_TIMESTAMP);
    }
    if let Some(&hresult) = behaviour.refusals.get(&request.kms_counted_id) {
        return encode::rpc::refusal(call_id, context_id, hresult);
    }
    match build_response(kms, decrypted_iv, &request, behaviour) {
        Some(kms_response) => encode::rpc::response(call_id, context_id, &kms_response),
        None => encode::rpc::refusal(call_id, context_id, INVALID_DATA),
    }
}

/// Base response (docs/protocol.md §3.1) ‖ V4 MAC, or the V5/V6 encrypted response
/// (docs/protocol.md §3.3); `None` for a base request of a version the double cannot answer.
fn build_response(
    kms: &[u8],
    decrypted_request_iv: [u8; 16],
    request: &ReceivedRequest,
    behaviour: &Behaviour,
) -> Option<Vec<u8>> {
    let count = behaviour
        .counts
        .get(&request.application_id)
        .copied()
        .unwrap_or(behaviour.default_count);
    let mut cmid = request.client_machine_id;
    if behaviour.misbehaviour == Some(Misbehaviour::WrongCmid) {
        cmid = Uuid::from_u128(cmid.as_u128() ^ 1);
    }
    let version = ProtocolVersion::from_major(request.major_version)?;
    let base = encode::kms::BaseResponse {
        version,
        epid: &behaviour.epid,
        client_machine_id: cmid,
        client_time: request.client_time,
        current_count: count,
        activation_interval_minutes: behaviour.activation_interval_minutes,
        renewal_interval_minutes: behaviour.renewal_interval_minutes,
    }
    .encode();
    Some(match version {
        ProtocolVersion::V4 => encode::kms::v4_response(&base),
        ProtocolVersion::V5 => {
            // A V5 host answers with the request's IV (docs/protocol.md §3.3 step 5).
            let request_iv = kms
                .get(4..20)
                .and_then(|iv| iv.try_into().ok())
                .unwrap_or([0; 16]);
            let body = encode::kms::v5_body(&base, decrypted_request_iv, random());
            encode::kms::encrypt_response(AesVariant::V5, request_iv, &body)
        }
        ProtocolVersion::V6 => {
            let trailer = encode::kms::V6Trailer {
                hwid: behaviour.hwid,
                response_iv: random(),
                hmac_key: crypto::hmac_key(request.client_time),
            };
            let mut body = encode::kms::v6_body(&base, decrypted_request_iv, random(), &trailer);
            // The HMAC is the last field of the body (docs/protocol.md §3.3).
            if behaviour.misbehaviour == Some(Misbehaviour::WrongHmac)
                && let Some(last) = body.last_mut()
            {
                *last ^= 0x01;
            }
            encode::kms::encrypt_response(AesVariant::V6, trailer.response_iv, &body)
        }
    })
}
