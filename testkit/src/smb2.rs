//! An SMB2 NEGOTIATE server double on 127.0.0.1, with a configurable clock offset and
//! misbehaviours. Its replies come from [`crate::encode::smb2`].

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::encode::smb2;

/// The start of a SPNEGO token, standing in for the security buffer; never looked at.
const SPNEGO_STAND_IN: [u8; 10] = [0x60, 0x28, 0x06, 0x06, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x02];

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
    let payload = match behaviour {
        Smb2Behaviour::Answer => smb2::NegotiateResponse {
            status: 0,
            server_guid: *b"double-smb2-guid",
            system_time: server_filetime(offset_nanos),
            security_blob: &SPNEGO_STAND_IN,
        }
        .encode(),
        Smb2Behaviour::ErrorStatus(status) => smb2::error_response(status),
        Smb2Behaviour::Smb1 => smb2::smb1_reply(),
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
