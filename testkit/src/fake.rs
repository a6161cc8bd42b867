//! A scripted network behind the exporter's [`Network`] and [`Dns`] seams: DNS answers from a
//! table, KMS hosts served in memory by [`KmsHostDouble`], ports that refuse or drop, and clock
//! readings given by the test. Nothing leaves the process, and nothing here reads the wall clock:
//! waits are `tokio::time` sleeps, so tests run it in paused time
//! (`#[tokio::test(start_paused = true)]`) and deadlines of minutes pass in microseconds.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use kms_exporter::clock::{ClockError, ClockMeasurement, ClockMethod};
use kms_exporter::config::Config;
use kms_exporter::dns::{Dns, HickoryDns, MAX_SRV_RECORDS, normalize_target};
use kms_exporter::net::Network;
use kms_exporter::snapshot::{AddressLookup, LookupStatus, SrvLookup, SrvRecord};
use tokio::io::DuplexStream;
use tokio::time::Instant;

use crate::kms_host::KmsHostDouble;

/// How a scripted DNS server answers one name.
#[derive(Clone, Debug)]
pub enum DnsAnswer {
    /// SRV records `(priority, weight, port, target)`.
    Srv(Vec<(u16, u16, u16, String)>),
    /// A and AAAA records.
    Addresses(Vec<IpAddr>),
    /// An answer without records: NXDOMAIN, NODATA, SERVFAIL, REFUSED or an error.
    Status(LookupStatus),
    /// No answer at all: the lookup runs into its budget.
    Silent,
}

impl DnsAnswer {
    /// SRV records from `(priority, weight, port, target)`.
    pub fn srv(records: &[(u16, u16, u16, &str)]) -> Self {
        Self::Srv(
            records
                .iter()
                .map(|&(p, w, port, t)| (p, w, port, t.to_owned()))
                .collect(),
        )
    }

    /// One address per text, e.g. `"127.0.0.2"`.
    pub fn addresses(addresses: &[&str]) -> Self {
        Self::Addresses(
            addresses
                .iter()
                .map(|a| a.parse().expect("an IP address"))
                .collect(),
        )
    }
}

/// What listens on a scripted `address:port`.
#[derive(Clone)]
pub enum FakePort {
    /// A KMS host double, served in memory.
    Kms(Arc<KmsHostDouble>),
    /// Nothing listens: the connection is refused.
    Refused,
    /// Packets are dropped: the connection never completes.
    BlackHole,
}

/// How a scripted host's clock answers one method.
#[derive(Clone, Copy, Debug)]
pub enum FakeClock {
    /// The host's clock is this many seconds ahead (negative: behind).
    Offset(f64),
    /// Nothing listens on the clock port.
    Refused,
    /// No answer: the reading runs into its budget.
    Silent,
}

/// The scripted world, shared by the network and its resolvers.
#[derive(Default)]
struct Script {
    /// Answers by `(nameserver label, absolute lowercase name)`; the label `*` answers for
    /// every server without an entry of its own.
    dns: HashMap<(String, String), DnsAnswer>,
    ports: HashMap<SocketAddr, FakePort>,
    clocks: HashMap<(ClockMethod, IpAddr), FakeClock>,
    /// Every SRV query, as `(nameserver label, name)`.
    srv_queries: Vec<(String, String)>,
    /// Connection attempts per address.
    connects: HashMap<SocketAddr, usize>,
    /// How often a prober built its resolvers.
    resolver_builds: usize,
}

/// The scripted network. Clones share one script.
#[derive(Clone, Default)]
pub struct FakeNetwork {
    script: Arc<Mutex<Script>>,
}

/// A name as the exporter asks for it: lowercase with one trailing dot.
fn absolute(name: &str) -> String {
    format!("{}.", name.trim_end_matches('.').to_ascii_lowercase())
}

impl FakeNetwork {
    pub fn new() -> Self {
        Self::default()
    }

    fn script(&self) -> MutexGuard<'_, Script> {
        self.script.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sets how every DNS server answers `name`.
    pub fn dns(&self, name: &str, answer: DnsAnswer) -> &Self {
        self.dns_on("*", name, answer)
    }

    /// Sets how the server labelled `server` (`system`, or `address:port` as configured)
    /// answers `name`, overriding [`Self::dns`].
    pub fn dns_on(&self, server: &str, name: &str, answer: DnsAnswer) -> &Self {
        self.script()
            .dns
            .insert((server.to_owned(), absolute(name)), answer);
        self
    }

    /// Sets what listens on `address`.
    pub fn port(&self, address: SocketAddr, port: FakePort) -> &Self {
        self.script().ports.insert(address, port);
        self
    }

    /// Sets how `ip` answers clock readings with `method`.
    pub fn clock(&self, method: ClockMethod, ip: IpAddr, clock: FakeClock) -> &Self {
        self.script().clocks.insert((method, ip), clock);
        self
    }

    /// Every SRV query so far, as `(nameserver label, absolute name)`.
    pub fn srv_queries(&self) -> Vec<(String, String)> {
        self.script().srv_queries.clone()
    }

    /// How often a prober built its resolvers so far.
    pub fn resolver_builds(&self) -> usize {
        self.script().resolver_builds
    }

    /// Connection attempts to `address` so far.
    pub fn connects(&self, address: SocketAddr) -> usize {
        self.script().connects.get(&address).copied().unwrap_or(0)
    }

    fn answer(&self, server: &str, name: &str) -> Option<DnsAnswer> {
        let script = self.script();
        let name = absolute(name);
        script
            .dns
            .get(&(server.to_owned(), name.clone()))
            .or_else(|| script.dns.get(&("*".to_owned(), name)))
            .cloned()
    }
}

/// One scripted DNS server.
pub struct FakeDns {
    label: String,
    network: FakeNetwork,
}

/// Waits out `budget`, as a server that never answers makes a resolver do.
async fn silence(budget: Duration) -> String {
    tokio::time::sleep(budget).await;
    format!("no answer within {} s", budget.as_secs_f64())
}

impl Dns for FakeDns {
    fn label(&self) -> &str {
        &self.label
    }

    async fn lookup_srv(&self, name: &str, budget: Duration) -> SrvLookup {
        let started = Instant::now();
        self.network
            .script()
            .srv_queries
            .push((self.label.clone(), absolute(name)));
        let lookup = |status, records: Vec<SrvRecord>, total, detail| SrvLookup {
            status,
            records,
            total_records: total,
            truncated: false,
            duration: started.elapsed(),
            detail,
            last_success: (status == LookupStatus::Ok).then(SystemTime::now),
        };
        match self
            .network
            .answer(&self.label, name)
            .unwrap_or(DnsAnswer::Status(LookupStatus::NxDomain))
        {
            DnsAnswer::Srv(records) => {
                let mut records: Vec<SrvRecord> = records
                    .into_iter()
                    .map(|(priority, weight, port, target)| SrvRecord {
                        priority,
                        weight,
                        target: normalize_target(&target),
                        port,
                    })
                    .collect();
                records.sort();
                records.dedup();
                let total = records.len();
                records.truncate(MAX_SRV_RECORDS);
                lookup(LookupStatus::Ok, records, total, None)
            }
            DnsAnswer::Addresses(_) => lookup(LookupStatus::NoData, Vec::new(), 0, None),
            DnsAnswer::Status(status) => lookup(status, Vec::new(), 0, None),
            DnsAnswer::Silent => {
                let detail = silence(budget).await;
                lookup(LookupStatus::Timeout, Vec::new(), 0, Some(detail))
            }
        }
    }

    async fn lookup_addresses(&self, host: &str, budget: Duration) -> AddressLookup {
        if let Some(literal) = AddressLookup::literal(host) {
            return literal;
        }
        let (status, addresses, detail) = match self
            .network
            .answer(&self.label, host)
            .unwrap_or(DnsAnswer::Status(LookupStatus::NxDomain))
        {
            DnsAnswer::Addresses(mut addresses) => {
                addresses.sort();
                addresses.dedup();
                (LookupStatus::Ok, addresses, None)
            }
            DnsAnswer::Srv(_) => (LookupStatus::NoData, Vec::new(), None),
            DnsAnswer::Status(status) => (status, Vec::new(), None),
            DnsAnswer::Silent => (
                LookupStatus::Timeout,
                Vec::new(),
                Some(silence(budget).await),
            ),
        };
        AddressLookup {
            status,
            addresses,
            detail,
        }
    }
}

impl Network for FakeNetwork {
    type Dns = FakeDns;
    type Stream = DuplexStream;

    fn resolvers(&self, config: &Config) -> Vec<Arc<FakeDns>> {
        self.script().resolver_builds += 1;
        let labels: Vec<String> = if config.dns_servers.is_empty() {
            vec![HickoryDns::SYSTEM_LABEL.to_owned()]
        } else {
            config.dns_servers.iter().map(|s| s.label()).collect()
        };
        labels
            .into_iter()
            .map(|label| {
                Arc::new(FakeDns {
                    label,
                    network: self.clone(),
                })
            })
            .collect()
    }

    fn connect(
        &self,
        address: SocketAddr,
    ) -> impl Future<Output = io::Result<DuplexStream>> + Send {
        let port = {
            let mut script = self.script();
            *script.connects.entry(address).or_default() += 1;
            script.ports.get(&address).cloned()
        };
        async move {
            match port {
                Some(FakePort::Kms(host)) => Ok(host.connect()),
                Some(FakePort::BlackHole) => std::future::pending().await,
                Some(FakePort::Refused) | None => {
                    Err(io::Error::from(io::ErrorKind::ConnectionRefused))
                }
            }
        }
    }

    fn measure_clock(
        &self,
        method: ClockMethod,
        address: SocketAddr,
        budget: Duration,
    ) -> impl Future<Output = Result<ClockMeasurement, ClockError>> + Send {
        let clock = self.script().clocks.get(&(method, address.ip())).copied();
        async move {
            match clock {
                Some(FakeClock::Offset(offset)) => Ok(ClockMeasurement {
                    offset,
                    rtt: 0.0,
                    stratum: (method == ClockMethod::Ntp).then_some(2),
                    leap: (method == ClockMethod::Ntp).then_some(0),
                }),
                Some(FakeClock::Silent) => {
                    tokio::time::sleep(budget).await;
                    Err(ClockError::Timeout(budget))
                }
                Some(FakeClock::Refused) | None => Err(ClockError::Refused),
            }
        }
    }
}
