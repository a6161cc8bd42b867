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

/// [`black_hole`] on a given loopback address.
pub async fn black_hole_on(address: SocketAddr) -> BlackHole {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(address).unwrap();
    let listener = socket.listen(0).unwrap();
    let address = listener.local_addr().unwrap();
    let mut parked = Vec::new();
    // Fill the queue until a connection attempt goes unanswered.
    for _ in 0..8 {
        match tokio::time::timeout(Duration::from_millis(300), TcpStream::connect(address)).await {
            Ok(Ok(stream)) => parked.push(stream),
            _ => {
                return BlackHole {
                    address,
                    _listener: listener,
                    _parked: parked,
                };
            }
        }
    }
    panic!("could not fill the accept queue of {address}");
}
