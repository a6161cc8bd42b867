//! The results of one completed probe cycle: immutable, shared by `/metrics`, `/` and `/probe`,
//! and swapped atomically when the next cycle ends.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, SystemTime};

use crate::clock::ClockMeasurement;
use crate::probe::{ClockFailure, DomainProbe, HostProbe, HostTarget};

/// One cycle's findings.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// `None` until the first cycle completed (`/-/ready` answers 503 until then).
    pub cycle: Option<CycleSummary>,
    pub domains: Vec<DomainReport>,
    pub hosts: Vec<HostReport>,
    /// Cumulative probe outcomes since start, `(kind, result) → count`.
    pub probe_counts: BTreeMap<(&'static str, &'static str), u64>,
    /// The exporter's own clock against each `clock.reference` server, by the name configured.
    pub reference_clocks: Vec<(String, Result<ClockMeasurement, ClockFailure>)>,
    /// Domains and static hosts the configuration named, for "nothing configured" findings.
    pub configured_domains: usize,
    pub configured_hosts: usize,
}

/// When and how long.
#[derive(Clone, Copy, Debug)]
pub struct CycleSummary {
    pub finished_at: SystemTime,
    pub duration: Duration,
}

/// A domain's lookups with what the configuration expects of them.
#[derive(Clone, Debug)]
pub struct DomainReport {
    pub probe: DomainProbe,
    pub expected_hosts: Option<BTreeSet<String>>,
    /// Distinct hosts published by any server.
    pub hosts: Vec<(String, u16)>,
}

/// A host's probe with why it was probed.
#[derive(Clone, Debug)]
pub struct HostReport {
    pub target: HostTarget,
    pub probe: HostProbe,
}

impl HostReport {
    /// `kms_host_up`: a verified KMS answer.
    pub fn is_up(&self) -> bool {
        self.probe.kms.is_up()
    }
}

impl Snapshot {
    /// Host reports by `(host, port)`.
    pub fn host(&self, host: &str, port: u16) -> Option<&HostReport> {
        self.hosts
            .binary_search_by(|h| (h.probe.host.as_str(), h.probe.port).cmp(&(host, port)))
            .ok()
            .and_then(|i| self.hosts.get(i))
    }
}
