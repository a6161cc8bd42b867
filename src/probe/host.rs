//! One host's probe within its budget: resolve, connect, bind the KMS interface and, when due,
//! ask for each product's activation, while the host's clock is read alongside.

use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::ops::DerefMut;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use futures_util::future::join_all;
use futures_util::stream::FuturesUnordered;
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
    MAX_REPORTED_ADDRESSES,
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

/// RFC 8305 §5, "Connection Attempt Delay": how long an attempt runs alone before the next
/// address is tried as well (the RFC's recommended 250 ms).
pub const CONNECTION_ATTEMPT_DELAY: Duration = Duration::from_millis(250);

/// The order the addresses are tried in. The resolver's list is sorted (every IPv4 address
/// before every IPv6 one), so it carries no preference of its own; the families are interleaved
/// as RFC 8305 §4 does, IPv6 first as RFC 6724's default policy prefers it, so that a family
/// whose every address is filtered delays the other by one [`CONNECTION_ATTEMPT_DELAY`] at most.
fn attempt_order(addresses: &[IpAddr]) -> Vec<IpAddr> {
    let (v6, v4): (Vec<IpAddr>, Vec<IpAddr>) = addresses.iter().partition(|ip| ip.is_ipv6());
    let mut order = Vec::with_capacity(addresses.len());
    let (mut v6, mut v4) = (v6.into_iter(), v4.into_iter());
    loop {
        let (a, b) = (v6.next(), v4.next());
        if a.is_none() && b.is_none() {
            return order;
        }
        order.extend(a.into_iter().chain(b));
    }
}

/// One connection attempt, ended at the host's deadline: the address's index and outcome.
type Attempt<'a, S> = Pin<Box<dyn Future<Output = (usize, Result<S, ConnectStatus>)> + Send + 'a>>;

/// Happy Eyeballs (RFC 8305 §5) over one host's addresses: attempts start
/// [`CONNECTION_ATTEMPT_DELAY`] apart, or at once when the previous one failed, and every
/// attempt ends at the host's deadline. The race goes on after the first connection, only to
/// learn how each address fares; the connections it makes then are closed unused.
struct ConnectRace<'a, N: Network> {
    net: &'a N,
    port: u16,
    deadline: Instant,
    /// The addresses in the order they are tried.
    order: Vec<IpAddr>,
    /// Each address's outcome; `None` while its attempt runs or before it starts.
    outcomes: Vec<Option<ConnectStatus>>,
    /// Index in `order` of the next attempt to start.
    next: usize,
    /// When the next attempt starts if nothing fails before.
    next_start: Instant,
    running: FuturesUnordered<Attempt<'a, N::Stream>>,
    /// Whether a connection was made: attempts beyond [`MAX_REPORTED_ADDRESSES`] are then not
    /// started, since nothing would report them.
    connected: bool,
}

impl<'a, N: Network> ConnectRace<'a, N> {
    fn new(net: &'a N, addresses: &[IpAddr], port: u16, deadline: Instant) -> Self {
        let order = attempt_order(addresses);
        Self {
            net,
            port,
            deadline,
            outcomes: vec![None; order.len()],
            order,
            next: 0,
            next_start: Instant::now(),
            running: FuturesUnordered::new(),
            connected: false,
        }
    }

    /// Whether another attempt may start now.
    fn may_start(&self) -> bool {
        let limit = if self.connected {
            self.order.len().min(MAX_REPORTED_ADDRESSES)
        } else {
            self.order.len()
        };
        self.next < limit && Instant::now() < self.deadline
    }

    fn start_next(&mut self) {
        let index = self.next;
        let address = SocketAddr::new(self.order[index], self.port);
        let connect = self.net.connect(address);
        let deadline = self.deadline;
        self.running.push(Box::pin(async move {
            let outcome = match tokio::time::timeout_at(deadline, connect).await {
                Ok(Ok(stream)) => Ok(stream),
                Ok(Err(e)) => Err(connect_status_of(&e)),
                Err(_) => Err(ConnectStatus::Timeout),
            };
            (index, outcome)
        }));
        self.next += 1;
        self.next_start = Instant::now() + CONNECTION_ATTEMPT_DELAY;
    }

    /// The next connection made, `None` once every attempt has ended.
    async fn next_connection(&mut self) -> Option<(SocketAddr, N::Stream)> {
        loop {
            if self.running.is_empty() {
                if !self.may_start() {
                    return None;
                }
                self.start_next();
                continue;
            }
            let wait = self.may_start() && self.next_start < self.deadline;
            tokio::select! {
                Some((index, outcome)) = self.running.next() => match outcome {
                    Ok(stream) => {
                        self.outcomes[index] = Some(ConnectStatus::Ok);
                        self.connected = true;
                        return Some((SocketAddr::new(self.order[index], self.port), stream));
                    }
                    Err(status) => {
                        self.outcomes[index] = Some(status);
                        if self.may_start() {
                            self.start_next();
                        }
                    }
                },
                () = tokio::time::sleep_until(self.next_start), if wait => self.start_next(),
            }
        }
    }

    /// Each address's outcome in the order tried, at most [`MAX_REPORTED_ADDRESSES`]; an
    /// address whose attempt never started within the budget counts as a timeout.
    fn outcomes(&self) -> Vec<(IpAddr, ConnectStatus)> {
        self.order
            .iter()
            .zip(&self.outcomes)
            .take(MAX_REPORTED_ADDRESSES)
            .map(|(ip, outcome)| (*ip, outcome.unwrap_or(ConnectStatus::Timeout)))
            .collect()
    }

    /// The host's status once no attempt connected: the most telling failure.
    fn failure(&self) -> ConnectStatus {
        self.outcomes
            .iter()
            .map(|o| o.unwrap_or(ConnectStatus::Timeout))
            .fold(ConnectStatus::NoAddress, most_telling)
    }

    /// Lets the remaining attempts end, closing any connection they make unused, and returns
    /// each address's outcome.
    async fn finish(mut self) -> Vec<(IpAddr, ConnectStatus)> {
        while let Some((_, late)) = self.next_connection().await {
            drop(late);
        }
        self.outcomes()
    }
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
            None => Err(ClockFailure::no_address(
                "the host has no address".to_owned(),
            )),
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

/// Probes one host within its budget. `memory` is what earlier runs learned about the host (or
/// a lock on it); it is updated with this run's answers and let go as soon as the KMS exchange
/// ends, so that another run of the host need not wait for this run's clock readings and
/// address checks.
pub(crate) async fn probe_host<N: Network>(
    net: &N,
    resolvers: &[Arc<N::Dns>],
    target: &HostTarget,
    products: &[Product],
    settings: &HostProbeSettings,
    mut memory: impl DerefMut<Target = HostMemory>,
) -> HostReport {
    let started = Instant::now();
    let deadline = deadline::after(started, settings.timeout);
    let address_lookup = resolve(resolvers, &target.host, settings.timeout).await;
    let connect_started = Instant::now();
    let mut race = ConnectRace::new(net, &address_lookup.addresses, target.port, deadline);
    let stream = race.next_connection().await;
    let connect_duration = connect_started.elapsed();
    let connect = match (&stream, address_lookup.addresses.is_empty()) {
        (Some(_), _) => ConnectStatus::Ok,
        (None, true) => ConnectStatus::NoAddress,
        (None, false) => race.failure(),
    };
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
    let exchange = async move {
        let memory = &mut *memory;
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
    // The other addresses' attempts go on beside the exchange, within the same deadline, only
    // to report each address; the exchange never waits for them.
    let (kms, clock, address_connects) = tokio::join!(exchange, clocks, race.finish());
    HostReport {
        host: target.host.clone(),
        port: target.port,
        products: target.products.clone(),
        domains: target.domains.clone(),
        address_lookup,
        connect,
        connect_duration,
        connected_address,
        address_connects,
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
        address_connects: Vec::new(),
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

    #[test]
    fn families_are_interleaved_ipv6_first() {
        let ips =
            |list: &[&str]| -> Vec<IpAddr> { list.iter().map(|a| a.parse().unwrap()).collect() };
        assert_eq!(
            attempt_order(&ips(&["127.0.0.2", "127.0.0.3", "127.0.0.4", "::1", "::2"])),
            ips(&["::1", "127.0.0.2", "::2", "127.0.0.3", "127.0.0.4"])
        );
        assert_eq!(attempt_order(&ips(&["127.0.0.2"])), ips(&["127.0.0.2"]));
    }
}
