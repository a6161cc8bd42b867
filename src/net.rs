//! The network as the prober sees it: resolvers, TCP connections and clock readings behind one
//! trait, so that the probe pipeline, the scheduler and the HTTP layer run unchanged over the
//! real network ([`SystemNetwork`]) or over the scripted fakes of the paused-time tests.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use crate::clock::{self, ClockError, ClockMeasurement, ClockMethod};
use crate::config::Config;
use crate::dns::{Dns, HickoryDns};

/// Everything a probe needs from the network.
pub trait Network: Send + Sync + 'static {
    /// The resolver of one DNS server.
    type Dns: Dns;
    /// A connected byte stream to a KMS host.
    type Stream: AsyncRead + AsyncWrite + Unpin + Send + 'static;

    /// One resolver per configured DNS server, or the system resolver.
    fn resolvers(&self, config: &Config) -> Vec<Arc<Self::Dns>>;

    /// Opens a TCP connection (the caller bounds it with a timeout).
    fn connect(&self, address: SocketAddr)
    -> impl Future<Output = io::Result<Self::Stream>> + Send;

    /// Reads a host's clock with one method, within `budget`.
    fn measure_clock(
        &self,
        method: ClockMethod,
        address: SocketAddr,
        budget: Duration,
    ) -> impl Future<Output = Result<ClockMeasurement, ClockError>> + Send;
}

/// Real DNS, TCP, SNTP and SMB2.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemNetwork;

impl Network for SystemNetwork {
    type Dns = HickoryDns;
    type Stream = TcpStream;

    fn resolvers(&self, config: &Config) -> Vec<Arc<HickoryDns>> {
        if config.dns_servers.is_empty() {
            vec![Arc::new(HickoryDns::system(
                &config.resolv_conf,
                config.timeout,
            ))]
        } else {
            config
                .dns_servers
                .iter()
                .map(|s| Arc::new(HickoryDns::server(s.address, config.timeout)))
                .collect()
        }
    }

    async fn connect(&self, address: SocketAddr) -> io::Result<TcpStream> {
        let stream = TcpStream::connect(address).await?;
        stream.set_nodelay(true)?;
        Ok(stream)
    }

    async fn measure_clock(
        &self,
        method: ClockMethod,
        address: SocketAddr,
        budget: Duration,
    ) -> Result<ClockMeasurement, ClockError> {
        match method {
            ClockMethod::Ntp => {
                clock::sntp::measure_until(
                    address,
                    clock::sntp::DEFAULT_SAMPLES,
                    Some(clock::sntp::GOOD_ENOUGH_DELAY),
                    budget,
                )
                .await
            }
            ClockMethod::Smb => clock::smb2::measure(address, budget).await,
        }
    }
}
