//! One domain's discovery and one host's probe sequence, producing plain result structs.
//!
//! Network access goes through [`Network`] so the sequence is unit-tested with in-memory fakes;
//! [`SystemNetwork`] is the real thing (hickory and tokio sockets).

pub mod activation;

use std::collections::BTreeMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::join_all;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio::time::Instant;

use crate::clock::{self, ClockError, ClockMeasurement, ClockMethod};
use crate::config::{ClientIdentity, ClockConfig, Config, Domain};
use crate::dns::{AddressLookup, Dns, HickoryDns, LookupStatus, SrvLookup};
use crate::kms::Product;
use activation::{ActivationContext, KmsState};

/// Everything a probe needs from the network.
pub trait Network: Send + Sync + 'static {
    type Dns: Dns;
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

/// One clock reading of a host, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub struct ClockReading {
    pub method: ClockMethod,
    pub outcome: Result<ClockMeasurement, ClockFailure>,
}

/// A clock probe that gave no offset; `label` is the `result` of `kms_exporter_probes_total`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockFailure {
    pub label: &'static str,
    pub detail: String,
}

impl From<&ClockError> for ClockFailure {
    fn from(error: &ClockError) -> Self {
        Self {
            label: error.as_metrics_label(),
            detail: error.to_string(),
        }
    }
}

/// Reads the clock of `ip` with every configured method at once, within `budget`.
pub async fn measure_clocks<N: Network>(
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
                match tokio::time::timeout(budget, net.measure_clock(method, address, budget)).await
                {
                    Ok(result) => result.map_err(|e| ClockFailure::from(&e)),
                    Err(_) => Err(ClockFailure::from(&ClockError::Timeout(budget))),
                }
            }
        };
        ClockReading { method, outcome }
    }))
    .await
}

/// The SRV lookups of one domain, one per DNS server.
#[derive(Clone, Debug)]
pub struct DomainProbe {
    pub name: String,
    /// `(nameserver label, answer)` in configuration order.
    pub lookups: Vec<(String, SrvLookup)>,
}

impl DomainProbe {
    /// Distinct `(host, port)` published by any server; the "." target is not a host.
    pub fn published_hosts(&self) -> Vec<(String, u16)> {
        let mut hosts: Vec<(String, u16)> = self
            .lookups
            .iter()
            .flat_map(|(_, lookup)| lookup.records.iter())
            .filter(|r| !r.is_service_unavailable())
            .map(|r| (r.target.clone(), r.port))
            .collect();
        hosts.sort();
        hosts.dedup();
        hosts
    }
}

/// Looks up `_vlmcs._tcp.<domain>.` on every resolver.
pub async fn probe_domain<D: Dns>(
    resolvers: &[Arc<D>],
    domain: &Domain,
    budget: Duration,
) -> DomainProbe {
    let name = domain.srv_name();
    let lookups = resolvers.iter().map(|dns| {
        let name = name.clone();
        async move { (dns.label().to_owned(), dns.lookup_srv(&name, budget).await) }
    });
    DomainProbe {
        name: domain.name.clone(),
        lookups: join_all(lookups).await,
    }
}

/// A host to probe this cycle: SRV targets and static hosts merged by `host:port`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostTarget {
    pub host: String,
    pub port: u16,
    /// Union of the products of every domain or `hosts:` entry naming this host.
    pub products: Vec<String>,
    /// Domains publishing this host.
    pub domains: Vec<String>,
}

/// Merges the hosts published by the domains with the static hosts of the config.
pub fn host_targets(config: &Config, domains: &[DomainProbe]) -> Vec<HostTarget> {
    let mut targets: BTreeMap<(String, u16), HostTarget> = BTreeMap::new();
    let mut add = |host: &str, port: u16, products: &[String], domain: Option<&str>| {
        let target = targets
            .entry((host.to_owned(), port))
            .or_insert_with(|| HostTarget {
                host: host.to_owned(),
                port,
                products: Vec::new(),
                domains: Vec::new(),
            });
        for p in products {
            if !target.products.contains(p) {
                target.products.push(p.clone());
            }
        }
        if let Some(d) = domain
            && !target.domains.iter().any(|x| x == d)
        {
            target.domains.push(d.to_owned());
        }
    };
    for probe in domains {
        let products = config
            .domains
            .iter()
            .find(|d| d.name == probe.name)
            .map(|d| d.products.as_slice())
            .unwrap_or_default();
        for (host, port) in probe.published_hosts() {
            add(&host, port, products, Some(&probe.name));
        }
    }
    for host in &config.hosts {
        add(&host.host, host.port, &host.products, None);
    }
    targets.into_values().collect()
}

/// How the TCP connection to a host went (`kms_host_tcp_connect_status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConnectStatus {
    /// At least one address accepted the connection.
    Ok,
    /// Every address answered with a reset: nothing listens (service stopped).
    Refused,
    /// No answer within the budget: a firewall dropping packets, or the host is down.
    Timeout,
    /// The network said the host or network is unreachable.
    Unreachable,
    /// The name resolved to no address, so nothing was tried.
    NoAddress,
    /// Any other socket error.
    Error,
}

impl ConnectStatus {
    pub const ALL: [Self; 6] = [
        Self::Ok,
        Self::Refused,
        Self::Timeout,
        Self::Unreachable,
        Self::NoAddress,
        Self::Error,
    ];

    pub fn as_label(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Refused => "refused",
            Self::Timeout => "timeout",
            Self::Unreachable => "unreachable",
            Self::NoAddress => "no_address",
            Self::Error => "error",
        }
    }

    fn from_io(error: &io::Error) -> Self {
        match error.kind() {
            io::ErrorKind::ConnectionRefused => Self::Refused,
            io::ErrorKind::TimedOut => Self::Timeout,
            io::ErrorKind::HostUnreachable | io::ErrorKind::NetworkUnreachable => Self::Unreachable,
            _ => Self::Error,
        }
    }

    /// Which of two per-address outcomes describes the host: any success wins, then the
    /// outcome most telling for an operator (a silent drop over an active refusal).
    fn merge(self, other: Self) -> Self {
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
        if rank(other) < rank(self) {
            other
        } else {
            self
        }
    }
}

/// Everything learned about one host this cycle.
#[derive(Clone, Debug)]
pub struct HostProbe {
    pub host: String,
    pub port: u16,
    pub address_lookup: AddressLookup,
    pub connect: ConnectStatus,
    /// Time to the first accepted connection, or spent until every address failed.
    pub connect_duration: Duration,
    /// The address the probe used after connecting.
    pub connected_address: Option<SocketAddr>,
    /// The KMS findings: this cycle's bind, and activation results kept between cycles.
    pub kms: KmsState,
    /// One reading per configured clock method.
    pub clock: Vec<ClockReading>,
    /// Whole probe.
    pub duration: Duration,
}

/// What a host probe needs besides the network and the target.
#[derive(Clone, Debug)]
pub struct HostProbeSettings {
    /// Budget of the whole host probe.
    pub timeout: Duration,
    pub activation_interval: Duration,
    pub client: ClientIdentity,
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
    let deadline = Instant::now() + budget;
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
            Ok(Err(e)) => status = status.merge(ConnectStatus::from_io(&e)),
            Err(_) => status = status.merge(ConnectStatus::Timeout),
        }
    }
    (
        status,
        chosen_at.unwrap_or_else(|| started.elapsed()),
        chosen,
    )
}

/// Probes one host within its budget: resolve, connect, bind the KMS interface and, when due,
/// ask for each product's activation. `kms` is what earlier cycles learned about the host.
pub async fn probe_host<N: Network>(
    net: &N,
    resolvers: &[Arc<N::Dns>],
    target: &HostTarget,
    products: &[Product],
    settings: &HostProbeSettings,
    kms: KmsState,
) -> HostProbe {
    let started = Instant::now();
    let deadline = started + settings.timeout;
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
                activation::exchange(stream, kms, &cx).await
            }
            None => activation::unreachable(
                kms,
                products,
                &format!("TCP connection failed: {}", connect.as_label()),
            ),
        }
    };
    let (kms, clock) = tokio::join!(exchange, clocks);
    HostProbe {
        host: target.host.clone(),
        port: target.port,
        address_lookup,
        connect,
        connect_duration,
        connected_address,
        kms,
        clock,
        duration: started.elapsed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::SrvRecord;
    use std::path::Path;

    fn lookup(records: &[(&str, u16)]) -> SrvLookup {
        SrvLookup {
            status: LookupStatus::Ok,
            records: records
                .iter()
                .map(|(t, p)| SrvRecord {
                    priority: 0,
                    weight: 0,
                    target: (*t).to_owned(),
                    port: *p,
                })
                .collect(),
            total_records: records.len(),
            duration: Duration::ZERO,
            detail: None,
        }
    }

    #[test]
    fn hosts_are_merged_across_domains_servers_and_static_entries() {
        let config = Config::from_yaml(
            "domains:\n  - name: a.test\n  - name: b.test\n    products: [windows-server-2025]\n\
             hosts:\n  - address: kms1.a.test\n    products: [office-ltsc-2024]\n",
            Path::new("t.yml"),
        )
        .unwrap();
        let domains = vec![
            DomainProbe {
                name: "a.test".into(),
                lookups: vec![
                    (
                        "10.0.0.1:53".into(),
                        lookup(&[("kms1.a.test", 1688), (".", 0)]),
                    ),
                    ("10.0.0.2:53".into(), lookup(&[("kms1.a.test", 1688)])),
                ],
            },
            DomainProbe {
                name: "b.test".into(),
                lookups: vec![("10.0.0.1:53".into(), lookup(&[("kms1.a.test", 1688)]))],
            },
        ];
        let targets = host_targets(&config, &domains);
        assert_eq!(
            targets,
            vec![HostTarget {
                host: "kms1.a.test".into(),
                port: 1688,
                products: vec![
                    "windows".into(),
                    "windows-server-2025".into(),
                    "office-ltsc-2024".into()
                ],
                domains: vec!["a.test".into(), "b.test".into()],
            }]
        );
    }

    #[test]
    fn connect_status_prefers_success_then_silence() {
        use ConnectStatus::*;
        assert_eq!(Refused.merge(Ok), Ok);
        assert_eq!(Refused.merge(Timeout), Timeout);
        assert_eq!(NoAddress.merge(Refused), Refused);
    }
}
