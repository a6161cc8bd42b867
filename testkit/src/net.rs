//! Loopback TCP endpoints in the states a KMS host's port can be in.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::{TcpListener, TcpSocket, TcpStream};

/// A port where something listens and accepts.
pub async fn listening() -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    (address, task)
}

/// A port where nothing listens: connections are refused with a reset.
pub async fn refused() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    address
}

/// A port that drops SYNs, like a firewall: a listener with backlog 0 whose accept queue is
/// filled by parked connections that are never accepted. Keep the returned value alive.
pub struct BlackHole {
    pub address: SocketAddr,
    _listener: TcpListener,
    _parked: Vec<TcpStream>,
}

pub async fn black_hole() -> BlackHole {
    black_hole_on("127.0.0.1:0".parse().unwrap()).await
}

/// [`black_hole`] on a given loopback address, IPv4 or IPv6.
pub async fn black_hole_on(address: SocketAddr) -> BlackHole {
    try_black_hole_on(address)
        .await
        .unwrap_or_else(|e| panic!("bind {address}: {e}"))
}

/// [`black_hole_on`], or the bind error when `address` is taken.
pub async fn try_black_hole_on(address: SocketAddr) -> std::io::Result<BlackHole> {
    let socket = if address.is_ipv6() {
        TcpSocket::new_v6()?
    } else {
        TcpSocket::new_v4()?
    };
    socket.bind(address)?;
    let listener = socket.listen(0)?;
    let address = listener.local_addr().unwrap();
    let mut parked = Vec::new();
    // Fill the queue until a connection attempt goes unanswered.
    for _ in 0..8 {
        match tokio::time::timeout(Duration::from_millis(300), TcpStream::connect(address)).await {
            Ok(Ok(stream)) => parked.push(stream),
            _ => {
                return Ok(BlackHole {
                    address,
                    _listener: listener,
                    _parked: parked,
                });
            }
        }
    }
    panic!("could not fill the accept queue of {address}");
}
