//! The probe pipeline, one for the scheduler's cycles, `/probe` and the `probe` command:
//! a [`Plan`] (domains, hosts, reference clocks) goes in, a [`Snapshot`] of findings comes out.
//!
//! - [`domain`]: SRV lookups and the hosts they publish.
//! - [`host`]: one host's probe (addresses, TCP, KMS, clocks).
//! - [`activation`]: the KMS bind and the activation requests, with their etiquette.
//! - [`memory`]: what the [`Prober`] remembers per host between runs; nothing outside the prober
//!   sees it.
//!
//! Network access goes through [`Network`], so the whole pipeline runs over the real network
//! or over the scripted fakes of the paused-time tests.

mod activation;
mod domain;
mod host;
mod memory;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::clock::ClockMethod;
use crate::config::{
    AddressError, Config, Domain, KMS_PORT, ReferenceServer, StaticHost, parse_host_port,
};
use crate::deadline;
use crate::dns::Dns;
use crate::kms::Product;
use crate::net::Network;
use crate::snapshot::{AddressLookup, ClockFailure, LookupStatus, Snapshot};
use domain::HostTarget;
pub use host::{CONNECTION_ATTEMPT_DELAY, HostProbeSettings};
pub use memory::VERSION_RELEARN_INTERVAL;
use memory::{Memory, Retention};

/// How long a host's probe may overrun its own deadlines before the pipeline gives up on it.
const BACKSTOP: Duration = Duration::from_millis(250);

/// Hosts `/probe` remembers at most; beyond it the memory starts again.
const PROBE_MEMORY_HOSTS: usize = 10_000;

/// What one run probes.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Domains whose `_vlmcs._tcp` records are followed.
    pub domains: Vec<Domain>,
    /// Hosts probed without DNS discovery.
    pub hosts: Vec<StaticHost>,
    /// A host probed when no domain publishes any: a `probe` target that is not a KMS domain
    /// is tried as a host name, as `slmgr /skms` would use it.
    pub fallback: Option<StaticHost>,
    /// NTP servers that check the exporter's own clock.
    pub reference: Vec<ReferenceServer>,
}

impl Plan {
    /// Everything the configuration names: a cycle of the exporter.
    pub fn cycle(config: &Config) -> Self {
        Self {
            domains: config.domains.clone(),
            hosts: config.hosts.clone(),
            fallback: None,
            reference: config.clock.reference.clone(),
        }
    }

    /// One target of `/probe` or the `probe` command: `host:port` or an IP address is a host;
    /// any other name is followed as a domain, and tried as a host when it publishes none.
    pub fn target(target: &str, products: Vec<String>) -> Result<Self, AddressError> {
        let explicit_host = target.contains(':') || target.parse::<std::net::IpAddr>().is_ok();
        let (host, port) = parse_host_port(target, KMS_PORT)?;
        let as_host = StaticHost {
            host: host.clone(),
            port,
            products: products.clone(),
        };
        Ok(if explicit_host {
            Self {
                hosts: vec![as_host],
                ..Self::default()
            }
        } else {
            Self {
                domains: vec![Domain {
                    name: host,
                    products,
                    expected_hosts: None,
                }],
                fallback: Some(as_host),
                ..Self::default()
            }
        })
    }
}

/// The resolvers of one configuration, one per DNS server.
type Resolvers<N> = Arc<Vec<Arc<<N as Network>::Dns>>>;

/// Resolvers with the configuration and the timeout they were built for.
type CachedResolvers<N> = (Arc<Config>, Duration, Resolvers<N>);

/// Runs plans over a network, remembering per host what the etiquette of docs/architecture.md §5.1
/// needs.
pub struct Prober<N: Network> {
    net: Arc<N>,
    /// Resolvers built for the configuration they belong to and the timeout they were built
    /// with; rebuilt when either changes.
    resolvers: Mutex<Option<CachedResolvers<N>>>,
    memory: Memory,
}

impl<N: Network> Prober<N> {
    /// A prober for the scheduler's cycles: a host no longer probed is forgotten.
    pub fn for_cycles(net: Arc<N>) -> Self {
        Self::new(net, Retention::LatestRun)
    }

    /// A prober for on-demand runs (`/probe`, the `probe` command): every host probed is
    /// remembered, up to a bound, so that activation requests respect `activation_interval`
    /// however often a target is asked for.
    pub fn on_demand(net: Arc<N>) -> Self {
        Self::new(net, Retention::Bounded(PROBE_MEMORY_HOSTS))
    }

    fn new(net: Arc<N>, retention: Retention) -> Self {
        Self {
            net,
            resolvers: Mutex::new(None),
            memory: Memory::new(retention),
        }
    }

    /// The resolvers of `base` built for `run`'s timeout (`run` is `base`, or `base` with
    /// another timeout), kept while both stay the same.
    fn resolvers_for(&self, base: &Arc<Config>, run: &Config) -> Resolvers<N> {
        let mut cached = self.resolvers.lock().unwrap_or_else(|e| e.into_inner());
        match &*cached {
            Some((for_config, timeout, resolvers))
                if Arc::ptr_eq(for_config, base) && *timeout == run.timeout =>
            {
                resolvers.clone()
            }
            _ => {
                let resolvers = Arc::new(self.net.resolvers(run));
                *cached = Some((base.clone(), run.timeout, resolvers.clone()));
                resolvers
            }
        }
    }

    /// [`Prober::run`] with another `timeout` than `config`'s (`/probe` fits the scrape
    /// timeout), reusing the resolvers built for it by earlier runs with the same timeout.
    pub async fn run_with_timeout(
        &self,
        config: &Arc<Config>,
        timeout: Duration,
        plan: &Plan,
    ) -> Snapshot {
        if timeout == config.timeout {
            return self.run(config, plan).await;
        }
        let run = Arc::new(Config {
            timeout,
            ..Config::clone(config)
        });
        let resolvers = self.resolvers_for(config, &run);
        self.run_on(&run, resolvers, plan).await
    }

    /// Probes `plan` once: SRV lookups of every domain (and the reference clocks) first, then
    /// every host found, at most `concurrency` at once, each within `timeout`. The snapshot
    /// has no cycle summary and no probe counts; the scheduler adds those.
    pub async fn run(&self, config: &Arc<Config>, plan: &Plan) -> Snapshot {
        let resolvers = self.resolvers_for(config, config);
        self.run_on(config, resolvers, plan).await
    }

    async fn run_on(&self, config: &Arc<Config>, resolvers: Resolvers<N>, plan: &Plan) -> Snapshot {
        let budget = config.timeout;

        let domain_lookups = {
            let resolvers = resolvers.clone();
            run_bounded(plan.domains.clone(), config.concurrency, move |domain| {
                let resolvers = resolvers.clone();
                async move { domain::probe_domain(&resolvers, &domain, budget).await }
            })
        };
        let (domain_lookups, reference_clocks) = tokio::join!(
            domain_lookups,
            reference_clocks(&*self.net, &resolvers, &plan.reference, budget)
        );
        let now = Instant::now();
        let mut memories = Vec::with_capacity(plan.domains.len());
        let domains: Vec<_> = domain_lookups
            .into_iter()
            .zip(&plan.domains)
            .map(|(report, domain)| {
                let mut report = report.unwrap_or_else(|| domain::lookups_failed(domain));
                let mut memory = self.memory.take_domain(&report.name);
                domain::remember(&mut memory, &report, config.dns_keep_last_answer, now);
                domain::recall(&mut report, &memory);
                memories.push((report.name.clone(), memory));
                report
            })
            .collect();
        self.memory.keep_domains(memories);

        let mut targets = domain::host_targets(&plan.domains, &domains, &plan.hosts);
        if targets.is_empty()
            && let Some(fallback) = &plan.fallback
        {
            targets = domain::host_targets(&[], &[], std::slice::from_ref(fallback));
        }
        let hosts = self.probe_hosts(config, &resolvers, targets).await;

        Snapshot {
            domains,
            hosts,
            reference_clocks,
            ..Snapshot::default()
        }
    }

    /// Probes every target with its memory, and keeps the memories for the next run.
    async fn probe_hosts(
        &self,
        config: &Config,
        resolvers: &Resolvers<N>,
        targets: Vec<HostTarget>,
    ) -> Vec<crate::snapshot::HostReport> {
        let settings = Arc::new(HostProbeSettings::from_config(config));
        let jobs: Vec<_> = targets
            .into_iter()
            .map(|target| {
                let products: Vec<Product> = target
                    .products
                    .iter()
                    .filter_map(|name| config.product(name).cloned())
                    .collect();
                let slot = self.memory.slot(&target.host, target.port);
                (target, products, slot)
            })
            .collect();
        let keys: Vec<_> = jobs
            .iter()
            .map(|(target, _, slot)| (target.clone(), slot.clone()))
            .collect();
        let net = self.net.clone();
        let resolvers = resolvers.clone();
        let results = run_bounded(jobs, config.concurrency, move |(target, products, slot)| {
            let net = net.clone();
            let resolvers = resolvers.clone();
            let settings = settings.clone();
            async move { probe_locked(&*net, &resolvers, &target, &products, &settings, slot).await }
        })
        .await;

        let mut reports = Vec::with_capacity(results.len());
        let mut slots = Vec::with_capacity(results.len());
        for ((target, slot), result) in keys.into_iter().zip(results) {
            reports.push(result.unwrap_or_else(|| {
                let mut untouched = memory::HostMemory::default();
                host::timed_out(&target, &[], config.timeout, &mut untouched)
            }));
            slots.push(((target.host, target.port), slot));
        }
        self.memory.keep(slots);
        reports
    }
}

/// Probes one host holding its memory: a run that finds the host being probed by another run
/// (concurrent `/probe` requests) waits for it within its budget, and then sees the answers
/// that run kept, so a host never gets more activation requests than `activation_interval`
/// allows however many runs ask for it.
async fn probe_locked<N: Network>(
    net: &N,
    resolvers: &[Arc<N::Dns>],
    target: &HostTarget,
    products: &[Product],
    settings: &Arc<HostProbeSettings>,
    slot: memory::HostSlot,
) -> crate::snapshot::HostReport {
    let started = Instant::now();
    let Ok(memory) = tokio::time::timeout(settings.timeout, slot.clone().lock_owned()).await else {
        // Another run held the host for this run's whole budget: it is still waiting for the
        // host, and so would this one.
        let mut untouched = memory::HostMemory::default();
        return host::timed_out(target, products, settings.timeout, &mut untouched);
    };
    let waited = started.elapsed();
    let settings = if waited < Duration::from_millis(1) {
        settings.clone()
    } else {
        Arc::new(HostProbeSettings {
            timeout: settings.timeout.saturating_sub(waited),
            ..HostProbeSettings::clone(settings)
        })
    };
    let mut kept = memory.clone();
    // The probe keeps its own deadlines; this is the backstop that keeps one host from holding
    // the run whatever happens inside.
    let probe = host::probe_host(net, resolvers, target, products, &settings, memory);
    match tokio::time::timeout(settings.timeout + BACKSTOP, probe).await {
        Ok(report) => report,
        Err(_) => {
            let report = host::timed_out(target, products, settings.timeout, &mut kept);
            // The probe let go of the memory when it was dropped; a run that took it since
            // has the fresher word.
            if let Ok(mut memory) = slot.try_lock() {
                *memory = kept;
            }
            report
        }
    }
}

/// The exporter's own clock against every `clock.reference` server: every host offset is
/// relative to the exporter's clock, so it must be known to be right.
async fn reference_clocks<N: Network>(
    net: &N,
    resolvers: &[Arc<N::Dns>],
    servers: &[ReferenceServer],
    budget: Duration,
) -> Vec<(String, Result<crate::clock::ClockMeasurement, ClockFailure>)> {
    futures_util::future::join_all(servers.iter().map(|server| async move {
        let deadline = deadline::after(Instant::now(), budget);
        let addresses = match resolvers.first() {
            Some(dns) => dns.lookup_addresses(&server.host, budget).await,
            None => AddressLookup {
                status: LookupStatus::Error,
                addresses: Vec::new(),
                detail: None,
            },
        };
        let outcome = match addresses.addresses.first() {
            None => Err(ClockFailure::no_address(format!(
                "{} did not resolve",
                server.host
            ))),
            Some(ip) => {
                let remaining = deadline.saturating_duration_since(Instant::now());
                let address = SocketAddr::new(*ip, server.port);
                host::measure_within(net, ClockMethod::Ntp, address, remaining).await
            }
        };
        (server.name.clone(), outcome)
    }))
    .await
}

/// Runs `f` on every item as separate tasks, at most `limit` at once, returning outputs in input
/// order (`None` for a task that panicked, which is logged).
pub async fn run_bounded<T, R, F, Fut>(items: Vec<T>, limit: usize, f: F) -> Vec<Option<R>>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
    R: Send + 'static,
{
    let mut results: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let mut pending = items.into_iter().enumerate();
    let mut tasks = JoinSet::new();
    loop {
        while tasks.len() < limit.max(1) {
            let Some((index, item)) = pending.next() else {
                break;
            };
            let future = f(item);
            tasks.spawn(async move { (index, future.await) });
        }
        match tasks.join_next().await {
            Some(Ok((index, output))) => {
                if let Some(slot) = results.get_mut(index) {
                    *slot = Some(output);
                }
            }
            Some(Err(e)) => tracing::error!(error = %e, "probe task failed"),
            None => break,
        }
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn run_bounded_keeps_order_and_limit() {
        let in_flight = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let peak = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let out = run_bounded((0..20u64).collect(), 3, |i| {
            let in_flight = in_flight.clone();
            let peak = peak.clone();
            async move {
                use std::sync::atomic::Ordering::SeqCst;
                let now = in_flight.fetch_add(1, SeqCst) + 1;
                peak.fetch_max(now, SeqCst);
                tokio::time::sleep(Duration::from_millis(2 * (20 - i))).await;
                in_flight.fetch_sub(1, SeqCst);
                i * 2
            }
        })
        .await;
        assert_eq!(out, (0..20u64).map(|i| Some(i * 2)).collect::<Vec<_>>());
        assert_eq!(peak.load(std::sync::atomic::Ordering::SeqCst), 3);
    }

    #[test]
    fn a_target_is_a_host_or_a_domain_tried_as_a_host() {
        let products = vec!["windows".to_owned()];
        let host = Plan::target("kms1.corp.test:1689", products.clone()).unwrap();
        assert!(host.domains.is_empty() && host.fallback.is_none());
        assert_eq!(
            (host.hosts[0].host.as_str(), host.hosts[0].port),
            ("kms1.corp.test", 1689)
        );
        let domain = Plan::target("Corp.Test", products).unwrap();
        assert_eq!(domain.domains[0].name, "corp.test");
        assert_eq!(domain.fallback.as_ref().map(|h| h.port), Some(KMS_PORT));
        assert_eq!(
            Plan::target("kms1:0", Vec::new()).unwrap_err().to_string(),
            "\"kms1:0\": port \"0\" is not a number from 1 to 65535"
        );
    }
}
