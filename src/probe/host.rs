//! One host's probe within its budget: resolve, connect, bind the KMS interface and, when due,
//! ask for each product's activation, while the host's clock is read alongside.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::join_all;
use tokio::time::Instant;

use super::activation::{self, ActivationContext};
use super::domain::HostTarget;
use super::memory::HostMemory;
use crate::clock::ClockError;
use crate::clock::{ClockMeasurement, ClockMethod};
use crate::config::{ClientIdentity, ClockConfig, Config};
use crate::deadline;
use crate::dns::Dns;
use crate::kms::Product;
use crate::net::Network;
use crate::snapshot::{
    AddressLookup, ClockFailure, ClockReading, ConnectStatus, HostReport, LookupStatus,
};

/// What a host probe needs besides the network and the target.
#[derive(Clone, Debug)]
pub struct HostProbeSettings {
    /// Budget of the whole host probe.
    pub timeout: Duration,
    /// How often the host may receive activation requests.
    pub activation_interval: Duration,
    /// The CMID and workstation name sent in every request.
    pub client: ClientIdentity,
    /// Which clock methods to read, on which ports.
    pub clock: ClockConfig,
}

impl HostProbeSettings {
    pub fn from_config(config: &Config) -> Self {
        Self {
            timeout: config.timeout,
            activation_interval: config.activation_interval,
            client: config.client.clone(),
            clock: config.clock.clone(),
        }
    }
}

/// Resolves the host with the first resolver that gives a definite answer.
async fn resolve<D: Dns>(resolvers: &[Arc<D>], host: &str, budget: Duration) -> AddressLookup {
    let deadline = deadline::after(Instant::now(), budget);
    let mut last = AddressLookup {
        status: LookupStatus::Error,
        addresses: Vec::new(),
        detail: Some("no resolver configured".to_owned()),
    };
    for dns in resolvers {
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            break;
        }
        last = dns.lookup_addresses(host, remaining).await;
        if matches!(
            last.status,
            LookupStatus::Ok | LookupStatus::NxDomain | LookupStatus::NoData
        ) {
            break;
        }
    }
    last
}

/// The status of one address's failed connection attempt.
fn connect_status_of(error: &io::Error) -> ConnectStatus {
    match error.kind() {
        io::ErrorKind::ConnectionRefused => ConnectStatus::Refused,
        io::ErrorKind::TimedOut => ConnectStatus::Timeout,
        io::ErrorKind::HostUnreachable | io::ErrorKind::NetworkUnreachable => {
            ConnectStatus::Unreachable
        }
        _ => ConnectStatus::Error,
    }
}

/// Which of two per-address outcomes describes the host: any success wins, then the outcome
/// most telling for an operator (a silent drop over an active refusal).
fn most_telling(a: ConnectStatus, b: ConnectStatus) -> ConnectStatus {
    fn rank(s: ConnectStatus) -> u8 {
        match s {
            ConnectStatus::Ok => 0,
            ConnectStatus::Timeout => 1,
            ConnectStatus::Unreachable => 2,
            ConnectStatus::Refused => 3,
            ConnectStatus::Error => 4,
            ConnectStatus::NoAddress => 5,
        }
    }
    if rank(b) < rank(a) { b } else { a }
}

/// Connects to every address at once and keeps the first stream that connects.
async fn connect_any<N: Network>(
    net: &N,
    addresses: &[IpAddr],
    port: u16,
    budget: Duration,
) -> (ConnectStatus, Duration, Option<(SocketAddr, N::Stream)>) {
    let started = Instant::now();
    if addresses.is_empty() {
        return (ConnectStatus::NoAddress, Duration::ZERO, None);
    }
    let attempts = addresses.iter().map(|ip| {
        let address = SocketAddr::new(*ip, port);
        async move {
            let result = tokio::time::timeout(budget, net.connect(address)).await;
            (address, result)
        }
    });
    let mut status = ConnectStatus::NoAddress;
    let mut chosen = None;
    let mut chosen_at = None;
    for (address, result) in join_all(attempts).await {
        match result {
            Ok(Ok(stream)) => {
                status = ConnectStatus::Ok;
                if chosen.is_none() {
                    chosen = Some((address, stream));
                    chosen_at = Some(started.elapsed());
                }
            }
            Ok(Err(e)) => status = most_telling(status, connect_status_of(&e)),
            Err(_) => status = most_telling(status, ConnectStatus::Timeout),
        }
    }
    (
        status,
        chosen_at.unwrap_or_else(|| started.elapsed()),
        chosen,
    )
}

/// Reads the clock of `ip` with every configured method at once, within `budget`.
pub(crate) async fn measure_clocks<N: Network>(
    net: &N,
    clock: &ClockConfig,
    ip: Option<IpAddr>,
    budget: Duration,
) -> Vec<ClockReading> {
    join_all(clock.methods.iter().map(|&method| async move {
        let outcome = match ip {
            None => Err(ClockFailure {
                label: "no_address",
                detail: "the host has no address".to_owned(),
            }),
            Some(ip) => {
                let address = SocketAddr::new(ip, clock.port(method));
                measure_within(net, method, address, budget).await
            }
        };
        ClockReading { method, outcome }
    }))
    .await
}

/// One clock reading, ended at `budget` whatever the network does.
pub(crate) async fn measure_within<N: Network>(
    net: &N,
    method: ClockMethod,
    address: SocketAddr,
    budget: Duration,
) -> Result<ClockMeasurement, ClockFailure> {
    match tokio::time::timeout(budget, net.measure_clock(method, address, budget)).await {
        Ok(result) => result.map_err(|e| ClockFailure::from(&e)),
        Err(_) => Err(ClockFailure::from(&ClockError::Timeout(budget))),
    }
}

/// Probes one host within its budget. `memory` is what earlier runs learned about the host; it
/// comes back updated with this run's answers.
pub(crate) async fn probe_host<N: Network>(
    net: &N,
    resolvers: &[Arc<N::Dns>],
    target: &HostTarget,
    products: &[Product],
    settings: &HostProbeSettings,
    memory: &mut HostMemory,
) -> HostReport {
    let started = Instant::now();
    let deadline = deadline::after(started, settings.timeout);
    let address_lookup = resolve(resolvers, &target.host, settings.timeout).await;
    let remaining = deadline.saturating_duration_since(Instant::now());
    let (connect, connect_duration, stream) =
        connect_any(net, &address_lookup.addresses, target.port, remaining).await;
    let connected_address = stream.as_ref().map(|(address, _)| *address);
    let clock_ip = connected_address
        .map(|a| a.ip())
        .or_else(|| address_lookup.addresses.first().copied());
    // The clocks are read while the KMS exchange runs: a host whose 123/445 are closed or
    // silent costs no more than the host's budget and cannot hold up its KMS results.
    let clocks = measure_clocks(
        net,
        &settings.clock,
        clock_ip,
        deadline.saturating_duration_since(Instant::now()),
    );
    let exchange = async {
        match stream {
            Some((_, stream)) => {
                let cx = ActivationContext {
                    client: &settings.client,
                    products,
                    activation_interval: settings.activation_interval,
                    deadline,
                };
                activation::exchange(stream, memory, &cx).await
            }
            None => activation::unreachable(
                memory,
                products,
                &format!("TCP connection failed: {}", connect.as_label()),
            ),
        }
    };
    let (kms, clock) = tokio::join!(exchange, clocks);
    HostReport {
        host: target.host.clone(),
        port: target.port,
        products: target.products.clone(),
        domains: target.domains.clone(),
        address_lookup,
        connect,
        connect_duration,
        connected_address,
        kms,
        clock,
        duration: started.elapsed(),
    }
}

/// The report of a host whose probe overran its budget: the backstop that keeps one host from
/// holding the run whatever happens inside its probe.
pub(crate) fn timed_out(
    target: &HostTarget,
    products: &[Product],
    budget: Duration,
    memory: &mut HostMemory,
) -> HostReport {
    HostReport {
        host: target.host.clone(),
        port: target.port,
        products: target.products.clone(),
        domains: target.domains.clone(),
        address_lookup: AddressLookup {
            status: LookupStatus::Timeout,
            addresses: Vec::new(),
            detail: Some("host probe exceeded its timeout".to_owned()),
        },
        connect: ConnectStatus::Timeout,
        connect_duration: budget,
        connected_address: None,
        kms: activation::unreachable(memory, products, "host probe exceeded its timeout"),
        clock: Vec::new(),
        duration: budget,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_status_prefers_success_then_silence() {
        use ConnectStatus::*;
        assert_eq!(most_telling(Refused, Ok), Ok);
        assert_eq!(most_telling(Refused, Timeout), Timeout);
        assert_eq!(most_telling(NoAddress, Refused), Refused);
    }
}
