//! Probe cycles on the exporter's own timer (design §2): every `interval` (jittered), SRV
//! lookups of every domain, then every host with at most `concurrency` probes in flight, each
//! bounded by `timeout`; the finished cycle is published as one immutable [`Snapshot`].

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::watch;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::clock::{ClockError, ClockMeasurement, ClockMethod};
use crate::config::Config;
use crate::dns::Dns;
use crate::dns::{AddressLookup, LookupStatus};
use crate::kms::Product;
use crate::probe::activation::{self, KmsState};
use crate::probe::{
    self, ClockFailure, ConnectStatus, DomainProbe, HostProbe, HostProbeSettings, HostTarget,
    Network, host_targets,
};
use crate::snapshot::{CycleSummary, DomainReport, HostReport, Snapshot};

/// The resolvers of one configuration, one per DNS server.
type Resolvers<N> = Arc<Vec<Arc<<N as Network>::Dns>>>;

/// Runs probe cycles; owns what is remembered between them.
pub struct Scheduler<N: Network> {
    net: Arc<N>,
    /// Resolvers built for the config they belong to; rebuilt when the config changes.
    resolvers: Option<(Arc<Config>, Resolvers<N>)>,
    probe_counts: BTreeMap<(&'static str, &'static str), u64>,
    /// What each host's KMS service showed so far, kept between cycles (activation results
    /// are refreshed only every `activation_interval`).
    kms: HashMap<(String, u16), KmsState>,
}

impl<N: Network> Scheduler<N> {
    pub fn new(net: Arc<N>) -> Self {
        Self {
            net,
            resolvers: None,
            probe_counts: BTreeMap::new(),
            kms: HashMap::new(),
        }
    }

    fn resolvers_for(&mut self, config: &Arc<Config>) -> Resolvers<N> {
        match &self.resolvers {
            Some((for_config, resolvers)) if Arc::ptr_eq(for_config, config) => resolvers.clone(),
            _ => {
                let resolvers = Arc::new(self.net.resolvers(config));
                self.resolvers = Some((config.clone(), resolvers.clone()));
                resolvers
            }
        }
    }

    /// Probes everything the config names once and returns the findings.
    pub async fn run_cycle(&mut self, config: &Arc<Config>) -> Snapshot {
        let started = Instant::now();
        let resolvers = self.resolvers_for(config);
        let budget = config.timeout;

        let domain_lookups = {
            let resolvers = resolvers.clone();
            run_bounded(config.domains.clone(), config.concurrency, move |domain| {
                let resolvers = resolvers.clone();
                async move { probe::probe_domain(&resolvers, &domain, budget).await }
            })
        };
        let (domain_lookups, reference_clocks) = tokio::join!(
            domain_lookups,
            reference_clocks(&*self.net, &resolvers, config)
        );
        let domain_probes: Vec<DomainProbe> = domain_lookups
            .into_iter()
            .zip(&config.domains)
            .map(|(probe, domain)| {
                probe.unwrap_or_else(|| DomainProbe {
                    name: domain.name.clone(),
                    lookups: Vec::new(),
                })
            })
            .collect();

        let targets = host_targets(config, &domain_probes);
        let settings = Arc::new(HostProbeSettings::from_config(config));
        let jobs: Vec<(HostTarget, Vec<Product>, KmsState)> = targets
            .iter()
            .map(|target| {
                let products = target
                    .products
                    .iter()
                    .filter_map(|name| config.product(name).cloned())
                    .collect();
                let state = self
                    .kms
                    .remove(&(target.host.clone(), target.port))
                    .unwrap_or_default();
                (target.clone(), products, state)
            })
            .collect();
        // Hosts no longer probed are forgotten with their series.
        self.kms.clear();
        let host_probes = {
            let net = self.net.clone();
            let resolvers = resolvers.clone();
            run_bounded(
                jobs,
                config.concurrency,
                move |(target, products, state)| {
                    let net = net.clone();
                    let resolvers = resolvers.clone();
                    let settings = settings.clone();
                    async move {
                        let fallback = state.clone();
                        // The probe keeps its own deadlines; this is the backstop that keeps one
                        // host from holding the cycle whatever happens inside.
                        match tokio::time::timeout(
                            settings.timeout + Duration::from_millis(250),
                            probe::probe_host(
                                &*net, &resolvers, &target, &products, &settings, state,
                            ),
                        )
                        .await
                        {
                            Ok(probe) => probe,
                            Err(_) => timed_out(&target, &products, settings.timeout, fallback),
                        }
                    }
                },
            )
            .await
        };

        let hosts: Vec<HostReport> = targets
            .into_iter()
            .zip(host_probes)
            .map(|(target, probe)| {
                let probe =
                    probe.unwrap_or_else(|| timed_out(&target, &[], budget, KmsState::default()));
                self.kms
                    .insert((probe.host.clone(), probe.port), probe.kms.clone());
                HostReport { target, probe }
            })
            .collect();

        let domains: Vec<DomainReport> = domain_probes
            .into_iter()
            .zip(&config.domains)
            .map(|(probe, domain)| DomainReport {
                hosts: probe.published_hosts(),
                expected_hosts: domain.expected_hosts.clone(),
                probe,
            })
            .collect();

        self.count(&domains, &hosts, &reference_clocks, started);
        Snapshot {
            cycle: Some(CycleSummary {
                finished_at: SystemTime::now(),
                duration: started.elapsed(),
            }),
            domains,
            hosts,
            probe_counts: self.probe_counts.clone(),
            reference_clocks,
            configured_domains: config.domains.len(),
            configured_hosts: config.hosts.len(),
        }
    }

    fn count(
        &mut self,
        domains: &[DomainReport],
        hosts: &[HostReport],
        reference_clocks: &[(String, Result<ClockMeasurement, ClockFailure>)],
        cycle_start: Instant,
    ) {
        let mut add = |kind: &'static str, result: &'static str| {
            *self.probe_counts.entry((kind, result)).or_default() += 1;
        };
        for domain in domains {
            for (_, lookup) in &domain.probe.lookups {
                add("dns_srv", lookup.status.as_label());
            }
        }
        for (_, outcome) in reference_clocks {
            add("clock_reference", clock_result(outcome));
        }
        for host in hosts {
            let probe = &host.probe;
            add("dns_address", probe.address_lookup.status.as_label());
            if probe.connect != ConnectStatus::NoAddress {
                add("tcp", probe.connect.as_label());
            }
            match &probe.kms.bind {
                Some(Ok(())) => add("rpc_bind", "ok"),
                Some(Err(_)) => add("rpc_bind", "failed"),
                None => {}
            }
            for reading in &probe.clock {
                let kind = match reading.method {
                    ClockMethod::Ntp => "clock_ntp",
                    ClockMethod::Smb => "clock_smb",
                };
                add(kind, clock_result(&reading.outcome));
            }
            if let Some(round) = probe.kms.last_round
                && round >= cycle_start
            {
                for activation in &probe.kms.activations {
                    add("activation", activation.outcome.status().as_label());
                }
            }
        }
    }

    /// Runs cycles until `shutdown` turns true. A config change starts a new cycle at once;
    /// otherwise cycles start every `interval` plus up to 5% jitter, so exporters started
    /// together drift apart instead of probing the same hosts in lockstep.
    pub async fn run(
        mut self,
        mut config: watch::Receiver<Arc<Config>>,
        snapshots: watch::Sender<Arc<Snapshot>>,
        mut shutdown: watch::Receiver<bool>,
    ) {
        loop {
            let current = config.borrow_and_update().clone();
            let started = Instant::now();
            let snapshot = tokio::select! {
                snapshot = self.run_cycle(&current) => snapshot,
                _ = shutdown.wait_for(|stop| *stop) => return,
            };
            if let Some(cycle) = &snapshot.cycle {
                tracing::info!(
                    duration_seconds = cycle.duration.as_secs_f64(),
                    domains = snapshot.domains.len(),
                    hosts = snapshot.hosts.len(),
                    "probe cycle completed"
                );
            }
            snapshots.send_replace(Arc::new(snapshot));
            let next = started + current.interval + jitter(current.interval);
            tokio::select! {
                _ = tokio::time::sleep_until(next) => {}
                changed = config.changed() => {
                    if changed.is_err() {
                        return;
                    }
                }
                _ = shutdown.wait_for(|stop| *stop) => return,
            }
        }
    }
}

fn clock_result(outcome: &Result<ClockMeasurement, ClockFailure>) -> &'static str {
    match outcome {
        Ok(_) => "ok",
        Err(failure) => failure.label,
    }
}

/// The exporter's own clock against every `clock.reference` server: every host offset is
/// relative to the exporter's clock, so it must be known to be right.
async fn reference_clocks<N: Network>(
    net: &N,
    resolvers: &[Arc<N::Dns>],
    config: &Config,
) -> Vec<(String, Result<ClockMeasurement, ClockFailure>)> {
    let budget = config.timeout;
    futures_util::future::join_all(config.clock.reference.iter().map(|server| async move {
        let deadline = Instant::now() + budget;
        let addresses = match resolvers.first() {
            Some(dns) => dns.lookup_addresses(&server.host, budget).await,
            None => AddressLookup {
                status: LookupStatus::Error,
                addresses: Vec::new(),
                detail: None,
            },
        };
        let outcome = match addresses.addresses.first() {
            None => Err(ClockFailure {
                label: "no_address",
                detail: format!("{} did not resolve", server.host),
            }),
            Some(ip) => {
                let remaining = deadline.saturating_duration_since(Instant::now());
                let address = std::net::SocketAddr::new(*ip, server.port);
                match tokio::time::timeout(
                    remaining,
                    net.measure_clock(ClockMethod::Ntp, address, remaining),
                )
                .await
                {
                    Ok(result) => result.map_err(|e| ClockFailure::from(&e)),
                    Err(_) => Err(ClockFailure::from(&ClockError::Timeout(remaining))),
                }
            }
        };
        (server.name.clone(), outcome)
    }))
    .await
}

/// The result recorded for a host whose probe overran its budget.
fn timed_out(
    target: &HostTarget,
    products: &[Product],
    budget: Duration,
    kms: KmsState,
) -> HostProbe {
    HostProbe {
        host: target.host.clone(),
        port: target.port,
        address_lookup: AddressLookup {
            status: LookupStatus::Timeout,
            addresses: Vec::new(),
            detail: Some("host probe exceeded its timeout".to_owned()),
        },
        connect: ConnectStatus::Timeout,
        connect_duration: budget,
        connected_address: None,
        kms: activation::unreachable(kms, products, "host probe exceeded its timeout"),
        clock: Vec::new(),
        duration: budget,
    }
}

/// Up to 5% of the interval.
fn jitter(interval: Duration) -> Duration {
    let mut bytes = [0u8; 4];
    if getrandom::fill(&mut bytes).is_err() {
        return Duration::ZERO;
    }
    let fraction = f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX);
    interval.mul_f64(0.05 * fraction)
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
    fn jitter_stays_within_five_percent() {
        for _ in 0..100 {
            assert!(jitter(Duration::from_secs(60)) <= Duration::from_secs(3));
        }
    }
}
