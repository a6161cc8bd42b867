//! An SMB2 NEGOTIATE server double on 127.0.0.1, with a configurable clock offset and
//! misbehaviours.
//!
//! Responses are built byte by byte here, not with the crate's codec, so a mistake shared by the
//! crate's encoder and decoder cannot hide.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// How the double answers a NEGOTIATE request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Smb2Behaviour {
    /// A correct NEGOTIATE response choosing SMB 3.0.2.
    Answer,
    /// An SMB1 (`FF 'S' 'M' 'B'`) message, as an SMB1-only server would send.
    Smb1,
    /// Something else entirely on the port: an HTTP error, then close.
    Garbage,
    /// An SMB2 ERROR response with this NTSTATUS.
    ErrorStatus(u32),
    /// Reads the request and never answers, keeping the connection open.
    Stall,
}

/// A running SMB2 double; stops when dropped.
pub struct Smb2Double {
    addr: SocketAddr,
    requests: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl Smb2Double {
    /// Binds 127.0.0.1:0 and serves with the server clock `offset_seconds` ahead of this machine's
    /// (negative: behind).
    pub async fn start(offset_seconds: f64, behaviour: Smb2Behaviour) -> Smb2Double {
        Self::start_on("127.0.0.1:0".parse().unwrap(), offset_seconds, behaviour).await
    }

    /// Like [`Self::start`], on a given loopback address.
    pub async fn start_on(
        address: SocketAddr,
        offset_seconds: f64,
        behaviour: Smb2Behaviour,
    ) -> Smb2Double {
        let listener = TcpListener::bind(address).await.expect("bind SMB2 double");
        let addr = listener.local_addr().expect("local addr");
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&requests);
        let offset_nanos = (offset_seconds * 1e9) as i128;
        // Connections are served one at a time inside this task, so aborting it closes them all.
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                serve(stream, offset_nanos, behaviour, &counter).await;
            }
        });
        Smb2Double {
            addr,
            requests,
            task,
        }
    }

    /// Where the double listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many well-formed NEGOTIATE requests the double has received.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Smb2Double {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    mut stream: TcpStream,
    offset_nanos: i128,
    behaviour: Smb2Behaviour,
    counter: &AtomicUsize,
) {
    let mut header = [0u8; 4];
    if stream.read_exact(&mut header).await.is_err() || header[0] != 0 {
        return;
    }
    let len = usize::from(header[1]) << 16 | usize::from(header[2]) << 8 | usize::from(header[3]);
    if len > 4096 {
        return;
    }
    let mut request = vec![0u8; len];
    if stream.read_exact(&mut request).await.is_err() {
        return;
    }
    // Only a NEGOTIATE request (protocol id, command 0) counts; anything else is dropped, which
    // the client would see as a truncated reply and the test as a failure.
    if request.get(..4) != Some(&[0xFE, b'S', b'M', b'B'][..])
        || request.get(12..14) != Some(&[0, 0][..])
    {
        return;
    }
    counter.fetch_add(1, Ordering::SeqCst);
    let smb = match behaviour {
        Smb2Behaviour::Answer => negotiate_response(server_filetime(offset_nanos)),
        Smb2Behaviour::ErrorStatus(status) => error_response(status),
        Smb2Behaviour::Smb1 => smb1_response(),
        Smb2Behaviour::Garbage => {
            let _ = stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                .await;
            return;
        }
        Smb2Behaviour::Stall => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            return;
        }
    };
    let mut payload = vec![0x00];
    payload.extend_from_slice(&(smb.len() as u32).to_be_bytes()[1..]);
    payload.extend_from_slice(&smb);
    let _ = stream.write_all(&payload).await;
}

/// The double's clock as a FILETIME.
fn server_filetime(offset_nanos: i128) -> u64 {
    const FILETIME_TO_UNIX_SECONDS: i128 = 11_644_473_600;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_nanos() as i128;
    ((now + offset_nanos) / 100 + FILETIME_TO_UNIX_SECONDS * 10_000_000) as u64
}

fn smb2_header(status: u32) -> Vec<u8> {
    let mut header = Vec::with_capacity(64);
    header.extend_from_slice(&[0xFE, b'S', b'M', b'B']);
    header.extend_from_slice(&64u16.to_le_bytes());
    header.extend_from_slice(&1u16.to_le_bytes()); // CreditCharge
    header.extend_from_slice(&status.to_le_bytes());
    header.extend_from_slice(&0u16.to_le_bytes()); // NEGOTIATE
    header.extend_from_slice(&1u16.to_le_bytes()); // CreditResponse
    header.extend_from_slice(&1u32.to_le_bytes()); // SERVER_TO_REDIR
    header.extend_from_slice(&[0u8; 44]); // NextCommand .. Signature
    header
}

fn negotiate_response(system_time: u64) -> Vec<u8> {
    let blob = [0x60, 0x28, 0x06, 0x06, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x02]; // SPNEGO stand-in
    let mut smb = smb2_header(0);
    smb.extend_from_slice(&65u16.to_le_bytes());
    smb.extend_from_slice(&1u16.to_le_bytes()); // SecurityMode
    smb.extend_from_slice(&0x0302u16.to_le_bytes()); // DialectRevision
    smb.extend_from_slice(&0u16.to_le_bytes()); // NegotiateContextCount
    smb.extend_from_slice(b"double-smb2-guid"); // ServerGuid
    smb.extend_from_slice(&0x2Fu32.to_le_bytes()); // Capabilities
    smb.extend_from_slice(&[0x00, 0x00, 0x80, 0x00].repeat(3)); // Max transact/read/write
    smb.extend_from_slice(&system_time.to_le_bytes());
    smb.extend_from_slice(&0u64.to_le_bytes()); // ServerStartTime
    smb.extend_from_slice(&128u16.to_le_bytes()); // SecurityBufferOffset
    smb.extend_from_slice(&(blob.len() as u16).to_le_bytes());
    smb.extend_from_slice(&0u32.to_le_bytes()); // NegotiateContextOffset
    smb.extend_from_slice(&blob);
    smb
}

fn error_response(status: u32) -> Vec<u8> {
    let mut smb = smb2_header(status);
    // SMB2 ERROR response body: StructureSize 9, ErrorContextCount, Reserved, ByteCount, one byte.
    smb.extend_from_slice(&[0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
    smb
}

fn smb1_response() -> Vec<u8> {
    // SMB1 header (32 bytes): NEGOTIATE (0x72) failing with STATUS_NOT_SUPPORTED, no words/bytes.
    let mut smb = vec![0xFF, b'S', b'M', b'B', 0x72];
    smb.extend_from_slice(&0xC000_00BBu32.to_le_bytes());
    smb.push(0x98); // Flags: reply
    smb.extend_from_slice(&0xC853u16.to_le_bytes()); // Flags2
    smb.extend_from_slice(&[0u8; 20]); // PIDHigh .. MID
    smb.extend_from_slice(&[0x00, 0x00, 0x00]); // WordCount 0, ByteCount 0
    smb
}
