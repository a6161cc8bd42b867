//! Probe cycles on the exporter's own timer (docs/architecture.md §2): every `interval` (jittered),
//! SRV lookups of every domain, then every host with at most `concurrency` probes in flight, each
//! bounded by `timeout`; the finished cycle is published as one immutable [`Snapshot`], stamped
//! with the intervals of the configuration it ran with.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::watch;
use tokio::time::Instant;

use crate::clock::{ClockMeasurement, ClockMethod};
use crate::config::Config;
use crate::deadline;
use crate::net::Network;
use crate::probe::{Plan, Prober};
use crate::snapshot::{
    Cadence, ClockFailure, ConnectStatus, CycleSummary, ProductSummary, Settings, Snapshot,
};

/// Runs probe cycles; owns the prober (and so what is remembered between cycles) and the
/// cumulative probe counts.
pub struct Scheduler<N: Network> {
    prober: Prober<N>,
    probe_counts: BTreeMap<(&'static str, &'static str), u64>,
}

impl<N: Network> Scheduler<N> {
    pub fn new(net: Arc<N>) -> Self {
        Self {
            prober: Prober::for_cycles(net),
            probe_counts: BTreeMap::new(),
        }
    }

    /// Probes everything the config names once and returns the findings.
    pub async fn run_cycle(&mut self, config: &Arc<Config>) -> Snapshot {
        let started = Instant::now();
        let mut snapshot = self.prober.run(config, &Plan::cycle(config)).await;
        self.count(&snapshot);
        snapshot.cycle = Some(CycleSummary {
            finished_at: SystemTime::now(),
            duration: started.elapsed(),
        });
        snapshot.probe_counts = self.probe_counts.clone();
        snapshot.configured_domains = config.domains.len();
        snapshot.configured_hosts = config.hosts.len();
        snapshot.settings = Some(settings(config));
        snapshot
    }

    /// Adds a run's probes to `kms_exporter_probes_total`.
    fn count(&mut self, snapshot: &Snapshot) {
        let mut add = |kind: &'static str, result: &'static str| {
            *self.probe_counts.entry((kind, result)).or_default() += 1;
        };
        for domain in &snapshot.domains {
            for (_, lookup) in &domain.lookups {
                add("dns_srv", lookup.status.as_label());
            }
        }
        for (_, outcome) in &snapshot.reference_clocks {
            add("clock_reference", clock_result(outcome));
        }
        for host in &snapshot.hosts {
            add("dns_address", host.address_lookup.status.as_label());
            if host.connect != ConnectStatus::NoAddress {
                add("tcp", host.connect.as_label());
            }
            match &host.kms.bind {
                Some(Ok(())) => add("rpc_bind", "ok"),
                Some(Err(_)) => add("rpc_bind", "failed"),
                None => {}
            }
            for reading in &host.clock {
                let kind = match reading.method {
                    ClockMethod::Ntp => "clock_ntp",
                    ClockMethod::Smb => "clock_smb",
                };
                add(kind, clock_result(&reading.outcome));
            }
            if host.kms.activations_sent {
                for activation in &host.kms.activations {
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
            let next = next_cycle_start(started, current.interval, jitter(current.interval));
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

/// What the exporter publishes before its first cycle ends: no findings, and the intervals of
/// the configuration it starts with.
pub fn before_first_cycle(config: &Config) -> Snapshot {
    Snapshot {
        settings: Some(settings(config)),
        ..Snapshot::default()
    }
}

/// What the renderers show of `config`, stamped on the snapshots of the cycles it runs.
fn settings(config: &Config) -> Settings {
    let mut names: Vec<&str> = Vec::new();
    let asked = config.domains.iter().map(|d| &d.products);
    for name in asked
        .chain(config.hosts.iter().map(|h| &h.products))
        .flatten()
    {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    Settings {
        cadence: Cadence {
            interval: config.interval,
            activation_interval: config.activation_interval,
        },
        timeout: config.timeout,
        concurrency: config.concurrency,
        dns_servers: config.dns_servers.iter().map(|s| s.label()).collect(),
        machine_id: config.client.machine_id.to_string(),
        workstation_name: config.client.workstation_name.clone(),
        products: names
            .iter()
            .filter_map(|name| config.product(name))
            .map(|p| ProductSummary {
                name: p.name.clone(),
                description: p.description.clone(),
                required_count: p.required_count.get(),
            })
            .collect(),
    }
}

fn clock_result(outcome: &Result<ClockMeasurement, ClockFailure>) -> &'static str {
    match outcome {
        Ok(_) => "ok",
        Err(failure) => failure.label,
    }
}

/// When the cycle after one that started at `started` begins: `interval` plus `jitter` later.
/// Total over every duration (docs/architecture.md §10): a sum no clock can hold is a start a
/// century ahead ([`deadline::after`]), not a panic that stops probing.
pub fn next_cycle_start(started: Instant, interval: Duration, jitter: Duration) -> Instant {
    deadline::after(started, interval.saturating_add(jitter))
}

/// Up to 5% of the interval, at random; zero when no randomness is available.
pub fn jitter(interval: Duration) -> Duration {
    let mut bytes = [0u8; 4];
    if getrandom::fill(&mut bytes).is_err() {
        return Duration::ZERO;
    }
    let fraction = f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX);
    // `try_from`, not `mul_f64`, which panics on a result it cannot represent.
    Duration::try_from_secs_f64(interval.as_secs_f64() * 0.05 * fraction).unwrap_or(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_stays_within_five_percent() {
        for _ in 0..100 {
            assert!(jitter(Duration::from_secs(60)) <= Duration::from_secs(3));
        }
        assert!(jitter(Duration::MAX) <= Duration::MAX / 20 + Duration::from_secs(1));
    }

    #[test]
    fn the_next_cycle_starts_an_interval_and_the_jitter_later() {
        let started = Instant::now();
        let next = next_cycle_start(started, Duration::from_secs(60), Duration::from_secs(2));
        assert_eq!(next.duration_since(started), Duration::from_secs(62));
    }

    #[test]
    fn an_interval_no_clock_can_hold_puts_the_next_cycle_a_century_ahead() {
        // `interval: 400000000000y` passed validation before issue 14 and panicked here.
        let started = Instant::now();
        let absurd = Duration::from_secs(400_000_000_000 * 31_557_600);
        for (interval, jitter) in [(absurd, absurd / 20), (Duration::MAX, Duration::MAX)] {
            let next = next_cycle_start(started, interval, jitter);
            assert_eq!(next.duration_since(started), crate::deadline::NEVER);
        }
    }
}
