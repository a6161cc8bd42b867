//! `--web.listen-address` → bound listeners, written the way Prometheus exporters write them.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use tokio::net::TcpListener;

/// A listen address that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ListenError {
    /// `:PORT` with something other than a port number.
    #[error("invalid port in listen address {text:?}")]
    Port {
        /// The address as written.
        text: String,
        #[source]
        source: std::num::ParseIntError,
    },
    /// Neither `:PORT` nor a socket address.
    #[error("invalid listen address {text:?}: use HOST:PORT, [V6]:PORT or :PORT")]
    Syntax {
        /// The address as written.
        text: String,
        #[source]
        source: std::net::AddrParseError,
    },
    /// The address is well formed but cannot be bound (in use, not local, no permission).
    #[error("cannot listen on {address}")]
    Bind {
        /// The last address tried.
        address: SocketAddr,
        #[source]
        source: std::io::Error,
    },
}

/// `--web.listen-address` when none is given: every interface, port 9688 (the port registered
/// for this exporter in Prometheus' default port allocations).
pub const DEFAULT_LISTEN_ADDRESS: &str = ":9688";

/// Parses a listen address the way Prometheus exporters do: `:9688` is every interface, `[::]`
/// first and `0.0.0.0` where IPv6 is off.
fn listen_addresses(text: &str) -> Result<(SocketAddr, Option<SocketAddr>), ListenError> {
    if let Some(port) = text.strip_prefix(':') {
        let port: u16 = port.parse().map_err(|source| ListenError::Port {
            text: text.to_owned(),
            source,
        })?;
        return Ok((
            SocketAddr::from(([0u16; 8], port)),
            Some(SocketAddr::from(([0u8; 4], port))),
        ));
    }
    let address = text.parse().map_err(|source| ListenError::Syntax {
        text: text.to_owned(),
        source,
    })?;
    Ok((address, None))
}

/// Where a client on this machine reaches a listen address: `:PORT` and the unspecified
/// addresses (`0.0.0.0`, `[::]`) through loopback, any other address as written.
pub fn local_address(text: &str) -> Result<SocketAddr, ListenError> {
    let (first, fallback) = listen_addresses(text)?;
    let address = match (first.ip(), fallback) {
        // `:PORT`: bound on `[::]` dual-stack or on `0.0.0.0`; 127.0.0.1 reaches both.
        (_, Some(v4)) => SocketAddr::from(([127, 0, 0, 1], v4.port())),
        (IpAddr::V4(ip), None) if ip.is_unspecified() => {
            SocketAddr::from(([127, 0, 0, 1], first.port()))
        }
        (IpAddr::V6(ip), None) if ip.is_unspecified() => {
            SocketAddr::from((Ipv6Addr::LOCALHOST, first.port()))
        }
        _ => first,
    };
    Ok(address)
}

/// Binds `:PORT` dual-stack on `[::]`, falling back to `0.0.0.0` where IPv6 is off.
pub async fn bind(text: &str) -> Result<TcpListener, ListenError> {
    let (first, fallback) = listen_addresses(text)?;
    let bind = |address| async move {
        TcpListener::bind(address)
            .await
            .map_err(|source| ListenError::Bind { address, source })
    };
    match (bind(first).await, fallback) {
        (Err(_), Some(fallback)) => bind(fallback).await,
        (result, _) => result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_client_reaches_unspecified_addresses_through_loopback() {
        let local = |text| local_address(text).unwrap().to_string();
        assert_eq!(local(":9688"), "127.0.0.1:9688");
        assert_eq!(local("0.0.0.0:9688"), "127.0.0.1:9688");
        assert_eq!(local("[::]:9688"), "[::1]:9688");
        assert_eq!(local("10.0.0.5:9100"), "10.0.0.5:9100");
        assert_eq!(local("[2001:db8::5]:9688"), "[2001:db8::5]:9688");
        assert!(local_address("localhost:9688").is_err());
        assert!(local_address(":http").is_err());
    }
}
