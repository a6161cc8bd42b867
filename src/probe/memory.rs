//! What the prober remembers between runs: per host, the latest activation results (reported
//! until the next request is due), when requests last went out, and the protocol versions the
//! host was found to speak (docs/architecture.md §5.1); per domain, the hosts of its last
//! successful SRV lookup, kept through DNS failures that say nothing about the records. Only the
//! prober reads or writes it; renderers see the [`KmsFindings`] copied out of it.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tokio::time::Instant;

use crate::kms::products::{Product, application_label};
use crate::kms::{Epid, ProtocolVersion};
use crate::snapshot::{
    ActivationOutcome, BindFailure, HostIdentity, KmsFindings, ProductActivation,
};

/// How long a learned set of protocol versions is trusted before a refused version is tried
/// again (docs/architecture.md §5.1: a refused version is tried again hourly).
pub const VERSION_RELEARN_INTERVAL: Duration = Duration::from_secs(3600);

/// One host's KMS memory.
#[derive(Clone, Debug, Default)]
pub(crate) struct HostMemory {
    /// Latest result per product name, in configuration order.
    pub activations: Vec<ProductActivation>,
    /// Latest identity per application.
    pub identities: Vec<HostIdentity>,
    /// Activation and renewal intervals of the latest success, in minutes.
    pub intervals: Option<(u32, u32)>,
    /// Supported protocol versions, as learned.
    pub versions: BTreeMap<ProtocolVersion, bool>,
    /// When activation requests last went out.
    pub last_round: Option<Instant>,
    /// When `versions` was last cleared to be learned afresh.
    pub versions_learned: Option<Instant>,
}

impl HostMemory {
    /// The findings to report after a run that bound (or failed to bind) with `bind`.
    pub fn findings(&self, bind: Option<Result<(), BindFailure>>, sent: bool) -> KmsFindings {
        KmsFindings {
            bind,
            activations: self.activations.clone(),
            activations_sent: sent,
            versions: self.versions.clone(),
            identities: self.identities.clone(),
            intervals: self.intervals,
        }
    }

    fn activation(&self, product: &str) -> Option<&ProductActivation> {
        self.activations.iter().find(|a| a.product == product)
    }

    /// Whether activation requests are due: some product lacks an answer the host processed,
    /// or `interval` has passed since the last round.
    pub fn round_due(&self, products: &[Product], interval: Duration, now: Instant) -> bool {
        let all_present = products.iter().all(|p| {
            self.activation(&p.name)
                .is_some_and(|a| a.outcome.status().host_answered())
        });
        !all_present
            || self
                .last_round
                .is_none_or(|t| now.duration_since(t) >= interval)
    }

    /// Whether the versions learned are older than [`VERSION_RELEARN_INTERVAL`].
    pub fn versions_stale(&self, now: Instant) -> bool {
        self.versions_learned
            .is_none_or(|t| now.duration_since(t) >= VERSION_RELEARN_INTERVAL)
    }

    /// The version to start a product's request with: its first version, lowered to the
    /// newest the host is known to support.
    pub fn start_version(&self, product: &Product) -> ProtocolVersion {
        let mut version = product.first_version;
        while self.versions.get(&version) == Some(&false) {
            match version.older() {
                Some(older) => version = older,
                None => break,
            }
        }
        version
    }

    /// Keeps a product's latest outcome, and the identity and intervals of a success.
    pub fn record(
        &mut self,
        product: &Product,
        version: ProtocolVersion,
        outcome: ActivationOutcome,
    ) {
        if let ActivationOutcome::Granted(response) = &outcome {
            let application = application_label(product.application_id);
            let identity = HostIdentity {
                application,
                epid: response.epid.clone(),
                decoded: Epid::parse(&response.epid).ok(),
                hwid: response.hwid,
            };
            match self
                .identities
                .iter_mut()
                .find(|i| i.application == application)
            {
                Some(slot) => *slot = identity,
                None => self.identities.push(identity),
            }
            self.intervals = Some((
                response.activation_interval_minutes,
                response.renewal_interval_minutes,
            ));
        }
        let entry = ProductActivation {
            product: product.name.clone(),
            required_count: product.required_count.get(),
            version: Some(version),
            outcome,
            at: SystemTime::now(),
        };
        match self
            .activations
            .iter_mut()
            .find(|a| a.product == product.name)
        {
            Some(slot) => *slot = entry,
            None => self.activations.push(entry),
        }
    }

    /// Marks every product without a fresh answer with a failure that happened before any
    /// request could go out (no TCP, failed bind, budget spent).
    pub fn fail_products(&mut self, products: &[Product], outcome: &ActivationOutcome) {
        for product in products {
            let version = self.start_version(product);
            self.record(product, version, outcome.clone());
        }
    }

    /// Keeps only the products still configured for the host, in configuration order.
    pub fn retain_products(&mut self, products: &[Product]) {
        self.activations
            .retain(|a| products.iter().any(|p| p.name == a.product));
        self.activations.sort_by_key(|a| {
            products
                .iter()
                .position(|p| p.name == a.product)
                .unwrap_or(usize::MAX)
        });
    }
}

/// Which hosts the memory keeps after a run.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Retention {
    /// Only the hosts of the latest run: a host no longer probed is forgotten with its series
    /// (the scheduler's cycles, which always probe everything configured).
    LatestRun,
    /// Every host probed, up to this many; beyond it the memory starts again rather than grow
    /// without bound (`/probe`, where each request names one target).
    Bounded(usize),
}

/// One domain's memory: the hosts of its last lookup that had any, and when each DNS server
/// last answered with records.
#[derive(Clone, Debug, Default)]
pub(crate) struct DomainMemory {
    /// The hosts of the latest lookup that published any; `None` once an authoritative answer
    /// withdrew them or they were kept for as long as allowed.
    pub published: Option<Published>,
    /// Per `nameserver` label: when it last answered with records.
    pub last_success: HashMap<String, SystemTime>,
    /// An oversized answer was logged and has not ended since: logged once, not every cycle.
    pub oversized_logged: bool,
}

/// Hosts a lookup published, and when.
#[derive(Clone, Debug)]
pub(crate) struct Published {
    pub hosts: Vec<(String, u16)>,
    /// The records clients chose from ([`crate::snapshot::client_lookup`]).
    pub records: Vec<crate::snapshot::SrvRecord>,
    pub at: Instant,
    pub wall: SystemTime,
}

/// One host's memory, locked by the run that probes the host: a second run for the same host
/// (concurrent `/probe` requests) waits until the first has put its answers back, and then
/// finds that no activation request is due.
pub(crate) type HostSlot = Arc<tokio::sync::Mutex<HostMemory>>;

/// Per-host and per-domain memory, keyed by `(host, port)` and by domain name.
#[derive(Debug)]
pub(crate) struct Memory {
    hosts: Mutex<HashMap<(String, u16), HostSlot>>,
    domains: Mutex<HashMap<String, DomainMemory>>,
    retention: Retention,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Memory {
    pub fn new(retention: Retention) -> Self {
        Self {
            hosts: Mutex::new(HashMap::new()),
            domains: Mutex::new(HashMap::new()),
            retention,
        }
    }

    fn hosts(&self) -> std::sync::MutexGuard<'_, HashMap<(String, u16), HostSlot>> {
        lock(&self.hosts)
    }

    /// A host's memory for a run (a fresh one when the host is new). It stays in the memory
    /// while the run holds it, so that every run of the host shares the one lock.
    pub fn slot(&self, host: &str, port: u16) -> HostSlot {
        self.hosts()
            .entry((host.to_owned(), port))
            .or_default()
            .clone()
    }

    /// Applies the retention after a run that probed `run`'s hosts.
    pub fn keep(&self, run: Vec<((String, u16), HostSlot)>) {
        self.retention.apply(&mut self.hosts(), run);
    }

    /// Takes a domain's memory out for a run (a fresh one when the domain is new).
    pub fn take_domain(&self, name: &str) -> DomainMemory {
        lock(&self.domains).remove(name).unwrap_or_default()
    }

    /// Puts back the domain memories of a finished run.
    pub fn keep_domains(&self, run: Vec<(String, DomainMemory)>) {
        self.retention.apply(&mut lock(&self.domains), run);
    }
}

impl Retention {
    fn apply<K: std::hash::Hash + Eq, V>(self, kept: &mut HashMap<K, V>, run: Vec<(K, V)>) {
        match self {
            Self::LatestRun => *kept = run.into_iter().collect(),
            Self::Bounded(limit) => {
                for (key, memory) in run {
                    if kept.len() >= limit && !kept.contains_key(&key) {
                        kept.clear();
                    }
                    kept.insert(key, memory);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kms::Hresult;
    use crate::kms::products;
    use crate::snapshot::ActivationStatus;

    fn product(name: &str) -> Product {
        products::lookup(name).unwrap()
    }

    #[test]
    fn start_version_steps_down_past_unsupported_versions() {
        let mut memory = HostMemory::default();
        assert_eq!(
            memory.start_version(&product("windows")),
            ProtocolVersion::V6
        );
        memory.versions.insert(ProtocolVersion::V6, false);
        memory.versions.insert(ProtocolVersion::V5, true);
        assert_eq!(
            memory.start_version(&product("windows")),
            ProtocolVersion::V5
        );
        assert_eq!(
            memory.start_version(&product("windows-7")),
            ProtocolVersion::V4
        );
    }

    #[test]
    fn rounds_are_due_by_interval_or_missing_answers() {
        let products = vec![product("windows")];
        let now = Instant::now();
        let mut memory = HostMemory::default();
        assert!(memory.round_due(&products, Duration::from_secs(900), now));
        memory.record(
            &products[0],
            ProtocolVersion::V6,
            ActivationOutcome::Refused(Hresult::KMS_ID_MISMATCH),
        );
        memory.last_round = Some(now);
        assert!(!memory.round_due(&products, Duration::from_secs(900), now));
        assert!(memory.round_due(
            &products,
            Duration::from_secs(900),
            now + Duration::from_secs(900)
        ));
        // A failure before any request reached the host is retried on the next cycle.
        memory.fail_products(
            &products,
            &ActivationOutcome::Failed {
                status: ActivationStatus::Unreachable,
                fault: None,
                detail: String::new(),
            },
        );
        assert!(memory.round_due(&products, Duration::from_secs(900), now));
    }

    #[test]
    fn the_latest_run_replaces_the_memory_and_a_bound_clears_it() {
        let key = |host: &str| ((host.to_owned(), 1688), HostSlot::default());
        let latest = Memory::new(Retention::LatestRun);
        latest.keep(vec![key("a"), key("b")]);
        latest.keep(vec![key("b")]);
        assert_eq!(latest.hosts().len(), 1);
        let bounded = Memory::new(Retention::Bounded(2));
        bounded.keep(vec![key("a"), key("b")]);
        assert_eq!(bounded.hosts().len(), 2);
        bounded.keep(vec![key("c")]);
        assert_eq!(bounded.hosts().len(), 1);
    }
}
