//! The findings of one probe run: immutable, shared by `/metrics`, `/`, `/probe` and the `probe`
//! command's report, and swapped atomically when the next cycle ends.
//!
//! These types are the one-way boundary between probing and rendering (docs/architecture.md §2):
//! the prober and the DNS client fill them in, the scheduler stamps the [`Settings`] of the
//! configuration the cycle ran with; renderers read them, with at most one [`ExporterState`]
//! beside them, which holds nothing of a cycle, and nothing else. What the
//! prober remembers between runs (when to ask a host again, which protocol versions it learned) is
//! its own business and never appears here.

#![warn(missing_docs)]

use std::collections::{BTreeMap, BTreeSet};
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, SystemTime};

use crate::clock::{ClockError, ClockMeasurement, ClockMethod};
use crate::kms::{ActivationResponse, ClientError, Epid, Hresult, ProtocolVersion};

/// One run's findings; a completed cycle's when `cycle` is set.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// `None` until the first cycle completed (`/-/ready` answers 503 until then), and for the
    /// one-shot runs of `/probe` and the `probe` command.
    pub cycle: Option<CycleSummary>,
    /// The domains probed, in configuration order.
    pub domains: Vec<DomainReport>,
    /// The hosts probed, sorted by `(host, port)` so that [`Snapshot::host`] can search them.
    pub hosts: Vec<HostReport>,
    /// Cumulative probe outcomes since start, `(kind, result) → count`
    /// (`kms_exporter_probes_total`); empty outside the exporter's cycles.
    pub probe_counts: BTreeMap<(&'static str, &'static str), u64>,
    /// The exporter's own clock against each `clock.reference` server, by the name configured.
    pub reference_clocks: Vec<(String, Result<ClockMeasurement, ClockFailure>)>,
    /// Domains the configuration named (or resolv.conf supplied), for "nothing configured".
    pub configured_domains: usize,
    /// Static hosts the configuration named.
    pub configured_hosts: usize,
    /// The settings of the configuration the exporter's cycle ran with, so that `/metrics` and
    /// the landing page never show one configuration's settings beside another's targets; before
    /// the first cycle, the starting configuration's. `None` for the one-shot runs of `/probe`
    /// and the `probe` command.
    pub settings: Option<Settings>,
}

impl Snapshot {
    /// The report of `host:port`, if it was probed.
    pub fn host(&self, host: &str, port: u16) -> Option<&HostReport> {
        self.hosts
            .binary_search_by(|h| (h.host.as_str(), h.port).cmp(&(host, port)))
            .ok()
            .and_then(|i| self.hosts.get(i))
    }
}

/// When a cycle ended and how long it took.
#[derive(Clone, Copy, Debug)]
pub struct CycleSummary {
    /// End of the cycle (`kms_exporter_last_cycle_timestamp_seconds`).
    pub finished_at: SystemTime,
    /// `kms_exporter_cycle_duration_seconds`.
    pub duration: Duration,
}

/// What the renderers show of the configuration a cycle ran with: its pace, and the settings the
/// landing page lists. The scheduler stamps it on each cycle's snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// `interval` and `activation_interval`.
    pub cadence: Cadence,
    /// `timeout`: one host's whole probe.
    pub timeout: Duration,
    /// `concurrency`: host probes in flight at once.
    pub concurrency: usize,
    /// The `nameserver` labels of `dns.servers`, in configuration order; empty for the system
    /// resolver.
    pub dns_servers: Vec<String>,
    /// `client.machine_id` as sent (the CMID).
    pub machine_id: String,
    /// `client.workstation_name` as sent.
    pub workstation_name: String,
    /// The products the domains and hosts are asked for, each once, in configuration order.
    pub products: Vec<ProductSummary>,
}

/// A product the configuration asks the hosts for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductSummary {
    /// Its name in the configuration and the `product` label.
    pub name: String,
    /// What it is, in words (`Windows 10/11 Enterprise`).
    pub description: String,
    /// Its N: the count a host needs before it activates the product.
    pub required_count: u32,
}

/// The state of the exporter beside its snapshots, kept by the reload owner
/// ([`crate::reload::RunningConfig`]): where the configuration comes from and how its last
/// reload went. With a snapshot, it is the whole input of `/metrics` and the landing page; it
/// holds nothing of a cycle, so it cannot disagree with the snapshot shown beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExporterState {
    /// `--config.file` and `--dns.resolv-conf` as the landing page names them.
    pub config_source: String,
    /// `kms_exporter_config_last_reload_successful`.
    pub config_reload_successful: bool,
    /// `kms_exporter_config_last_reload_success_timestamp_seconds`.
    pub config_last_success: SystemTime,
}

/// The pace a configuration sets (`kms_exporter_probe_interval_seconds`,
/// `kms_exporter_activation_interval_seconds`); by default the configuration's defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cadence {
    /// `interval`: between the starts of probe cycles.
    pub interval: Duration,
    /// `activation_interval`: between activation requests to each host and product.
    pub activation_interval: Duration,
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            interval: crate::config::DEFAULT_INTERVAL,
            activation_interval: crate::config::DEFAULT_ACTIVATION_INTERVAL,
        }
    }
}

/// A domain's SRV lookups, with what the configuration expects of them.
#[derive(Clone, Debug)]
pub struct DomainReport {
    /// Lowercase, without trailing dot.
    pub name: String,
    /// `(nameserver label, answer)`, one per DNS server in configuration order.
    pub lookups: Vec<(String, SrvLookup)>,
    /// `expected_hosts` of the configuration, when given.
    pub expected_hosts: Option<BTreeSet<String>>,
    /// The products the domain's clients activate, from the configuration.
    pub products: Vec<String>,
    /// Distinct `(host, port)` published by any server, sorted; the "." target is not a host.
    /// While every server fails without authority, the hosts of the last successful lookup
    /// (for at most `dns.keep_last_answer`).
    pub hosts: Vec<(String, u16)>,
    /// When `hosts` come from an earlier lookup: the time of that lookup.
    pub kept_from: Option<SystemTime>,
    /// While `hosts` are kept: the records of that lookup's [`client_lookup`], with the
    /// priorities and weights clients choose by; empty otherwise.
    pub kept_records: Vec<SrvRecord>,
}

/// Everything learned about one host in a run.
#[derive(Clone, Debug)]
pub struct HostReport {
    /// SRV target or configured host name: lowercase, no trailing dot.
    pub host: String,
    /// The KMS port: the SRV record's, or the configured one (1688 by default).
    pub port: u16,
    /// Products asked for: the union over every domain or `hosts:` entry naming the host.
    pub products: Vec<String>,
    /// Domains publishing the host; empty for a host given directly.
    pub domains: Vec<String>,
    /// The A and AAAA lookup of `host`.
    pub address_lookup: AddressLookup,
    /// How the TCP connection to the KMS port went.
    pub connect: ConnectStatus,
    /// Time to the first accepted connection (the one used), or spent until every address
    /// failed.
    pub connect_duration: Duration,
    /// The address the probe used after connecting: the first to connect.
    pub connected_address: Option<SocketAddr>,
    /// How the connection to each address went (`kms_host_address_tcp_connect_success`), in
    /// the order they were tried (IPv6 and IPv4 interleaved, RFC 8305 §4), at most
    /// [`MAX_REPORTED_ADDRESSES`]. Only the first connection carries KMS traffic; the others are
    /// made to classify their address and closed unused.
    pub address_connects: Vec<(IpAddr, ConnectStatus)>,
    /// What the host's KMS service showed.
    pub kms: KmsFindings,
    /// One reading per configured clock method.
    pub clock: Vec<ClockReading>,
    /// The whole host probe.
    pub duration: Duration,
}

impl HostReport {
    /// `kms_host_up`: a verified KMS answer.
    pub fn is_up(&self) -> bool {
        self.kms.is_up()
    }
}

/// What a host's KMS service showed: this run's RPC bind, and the latest activation results,
/// which are refreshed only every `activation_interval` (docs/architecture.md §5.1) and reported in
/// between.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KmsFindings {
    /// This run's RPC bind: `None` when no TCP connection was made, else `Ok` or what failed.
    pub bind: Option<Result<(), BindFailure>>,
    /// Latest result per product, in configuration order.
    pub activations: Vec<ProductActivation>,
    /// Whether the activation requests behind `activations` went out in this run (false: they
    /// are an earlier run's results, kept until the next request is due).
    pub activations_sent: bool,
    /// Protocol versions as learned: supported or refused with 0x8007000D.
    pub versions: BTreeMap<ProtocolVersion, bool>,
    /// Latest identity per application.
    pub identities: Vec<HostIdentity>,
    /// Activation and renewal intervals of the latest success, in minutes.
    pub intervals: Option<(u32, u32)>,
}

impl KmsFindings {
    /// `kms_host_up`: the host bound the KMS interface in this run and its latest activation
    /// answers were verified (a success or a KMS refusal), none of them invalid.
    pub fn is_up(&self) -> bool {
        matches!(self.bind, Some(Ok(())))
            && self.activations.iter().any(|a| {
                matches!(
                    a.outcome.status(),
                    ActivationStatus::Ok | ActivationStatus::Refused
                )
            })
            && !self
                .activations
                .iter()
                .any(|a| a.outcome.status() == ActivationStatus::InvalidResponse)
    }

    /// The latest result for `product`.
    pub fn activation(&self, product: &str) -> Option<&ProductActivation> {
        self.activations.iter().find(|a| a.product == product)
    }
}

/// One product's latest result on one host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductActivation {
    /// The product's name in the configuration and the `product` label.
    pub product: String,
    /// The product's N, sent in the request and compared with the count.
    pub required_count: u32,
    /// The version the final request used.
    pub version: Option<ProtocolVersion>,
    /// What the host answered, or why there is no answer.
    pub outcome: ActivationOutcome,
    /// When the request went out.
    pub at: SystemTime,
}

/// The outcome of one product's activation request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActivationOutcome {
    /// A response that passed every check of `docs/protocol.md` §3.
    Granted(ActivationResponse),
    /// A verified refusal stub with the host's HRESULT.
    Refused(Hresult),
    /// No verified answer.
    Failed {
        /// Which kind of failure (never `Ok` or `Refused`).
        status: ActivationStatus,
        /// An RPC FAULT's status code, when that is what came back.
        fault: Option<u32>,
        /// What went wrong, in words.
        detail: String,
    },
}

impl ActivationOutcome {
    /// The finding for a request that ended in `error`.
    pub fn failed(error: &ClientError) -> Self {
        Self::Failed {
            status: ActivationStatus::from(error),
            fault: match error {
                ClientError::Fault(status) => Some(*status),
                _ => None,
            },
            detail: error.to_string(),
        }
    }

    /// `kms_activation_status`.
    pub fn status(&self) -> ActivationStatus {
        match self {
            Self::Granted(_) => ActivationStatus::Ok,
            Self::Refused(_) => ActivationStatus::Refused,
            Self::Failed { status, .. } => *status,
        }
    }

    /// The HRESULT the host returned (0 on success), or an RPC fault's status; `None` when the
    /// host gave no code at all.
    pub fn hresult(&self) -> Option<u32> {
        match self {
            Self::Granted(_) => Some(0),
            Self::Refused(h) => Some(h.0),
            Self::Failed { fault, .. } => *fault,
        }
    }
}

/// Why this run's RPC bind failed, kept as the text the landing page and the report show: the
/// [`ClientError`] itself holds an I/O error, which a snapshot cannot clone.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{detail}")]
pub struct BindFailure {
    detail: String,
}

impl From<&ClientError> for BindFailure {
    fn from(error: &ClientError) -> Self {
        Self {
            detail: error.to_string(),
        }
    }
}

/// `kms_activation_status` (README, "Metrics").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActivationStatus {
    /// A verified success response.
    Ok,
    /// A verified refusal stub with an HRESULT.
    Refused,
    /// The host answered, but the answer failed verification: broken or not a genuine host.
    InvalidResponse,
    /// RPC-level failure: bind rejected, FAULT PDU, malformed PDU.
    RpcError,
    /// No answer: connection refused, dropped, closed or timed out.
    Unreachable,
}

impl ActivationStatus {
    /// Every state, in the order the enum metric emits them.
    pub const ALL: [Self; 5] = [
        Self::Ok,
        Self::Refused,
        Self::InvalidResponse,
        Self::RpcError,
        Self::Unreachable,
    ];

    /// The `status` label.
    pub fn as_label(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Refused => "refused",
            Self::InvalidResponse => "invalid_response",
            Self::RpcError => "rpc_error",
            Self::Unreachable => "unreachable",
        }
    }

    /// Whether the host processed a request (and logged it): a later retry would be a new one.
    pub fn host_answered(self) -> bool {
        matches!(self, Self::Ok | Self::Refused | Self::InvalidResponse)
    }
}

impl From<&ClientError> for ActivationStatus {
    fn from(error: &ClientError) -> Self {
        match error {
            ClientError::Io(_) | ClientError::Timeout | ClientError::Closed => Self::Unreachable,
            ClientError::BindRejected(_) | ClientError::Fault(_) | ClientError::Protocol(_) => {
                Self::RpcError
            }
            ClientError::InvalidResponse(_) => Self::InvalidResponse,
        }
    }
}

/// Who answered for one application: its ePID and hardware ID (`docs/protocol.md` §6, §3.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostIdentity {
    /// `windows` or `office`: the application whose count the ePID belongs to.
    pub application: &'static str,
    /// The ePID as the host sent it.
    pub epid: String,
    /// The ePID decoded, when it is well-formed.
    pub decoded: Option<Epid>,
    /// The V6 hardware ID; V4 and V5 responses carry none.
    pub hwid: Option<[u8; 8]>,
}

impl HostIdentity {
    /// The hardware ID in upper-case hex, as `vlmcs` prints it; empty when there is none.
    pub fn hwid_hex(&self) -> String {
        self.hwid
            .map(|h| h.iter().map(|b| format!("{b:02X}")).collect())
            .unwrap_or_default()
    }
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
    /// Every state, in the order the enum metric emits them.
    pub const ALL: [Self; 6] = [
        Self::Ok,
        Self::Refused,
        Self::Timeout,
        Self::Unreachable,
        Self::NoAddress,
        Self::Error,
    ];

    /// The `status` label.
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
}

/// One clock reading of a host, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub struct ClockReading {
    /// SNTP or SMB2: the `method` label.
    pub method: ClockMethod,
    /// The measurement, or why there is none.
    pub outcome: Result<ClockMeasurement, ClockFailure>,
}

/// A clock probe that gave no offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockFailure {
    /// The `result` of `kms_exporter_probes_total`, e.g. `refused` or `timeout`.
    pub label: &'static str,
    /// What went wrong, in words.
    pub detail: String,
}

impl ClockFailure {
    /// No clock reading because the host (or reference server) has no address: the same
    /// `no_address` a TCP connection to it reports ([`ConnectStatus::NoAddress`]).
    pub fn no_address(detail: String) -> Self {
        Self {
            label: ConnectStatus::NoAddress.as_label(),
            detail,
        }
    }
}

impl From<&ClockError> for ClockFailure {
    fn from(error: &ClockError) -> Self {
        Self {
            label: error.as_metrics_label(),
            detail: error.to_string(),
        }
    }
}

/// The outcome of one DNS query, as the `status` label of `kms_dns_srv_status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LookupStatus {
    /// Records returned.
    Ok,
    /// The name does not exist (clients: 0x8007232B).
    NxDomain,
    /// The name exists without records of this type (clients: 0x8007232B / 0x8007251D).
    NoData,
    /// The server failed (clients: 0x8007232A).
    ServFail,
    /// The server refused to answer (ACL, not authoritative and no recursion).
    Refused,
    /// No answer within the budget.
    Timeout,
    /// Anything else: malformed answer, socket error, unusable resolver configuration.
    Error,
}

impl LookupStatus {
    /// Every state, in the order the enum metric emits them.
    pub const ALL: [Self; 7] = [
        Self::Ok,
        Self::NxDomain,
        Self::NoData,
        Self::ServFail,
        Self::Refused,
        Self::Timeout,
        Self::Error,
    ];

    /// The `status` label.
    pub fn as_label(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::NxDomain => "nxdomain",
            Self::NoData => "nodata",
            Self::ServFail => "servfail",
            Self::Refused => "refused",
            Self::Timeout => "timeout",
            Self::Error => "error",
        }
    }

    /// A failure that says nothing about the records: the server did not answer, or not with
    /// authority (timeout, SERVFAIL, REFUSED, a malformed answer). The hosts of the last
    /// successful lookup are kept through these; NXDOMAIN and NODATA withdraw them.
    pub fn is_non_authoritative_failure(self) -> bool {
        matches!(
            self,
            Self::ServFail | Self::Refused | Self::Timeout | Self::Error
        )
    }
}

/// One SRV record, target normalised (lowercase, no trailing dot; the root stays `"."`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SrvRecord {
    /// Lower is preferred (RFC 2782).
    pub priority: u16,
    /// Share among records of the same priority (RFC 2782).
    pub weight: u16,
    /// The host's name, or "." for "service not available".
    pub target: String,
    /// The KMS port the record names.
    pub port: u16,
}

impl SrvRecord {
    /// RFC 2782: a target of "." means the service is decidedly not available at this domain.
    pub fn is_service_unavailable(&self) -> bool {
        self.target == "."
    }
}

/// SRV records followed per domain and server; the rest are counted but not probed, so a zone
/// publishing thousands of records cannot make the exporter's memory grow without bound.
pub const MAX_SRV_RECORDS: usize = 256;

/// The answer to `_vlmcs._tcp.<domain>.` from one server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SrvLookup {
    /// How the query ended.
    pub status: LookupStatus,
    /// Records as returned (at most [`MAX_SRV_RECORDS`]), ordered
    /// by priority then weight.
    pub records: Vec<SrvRecord>,
    /// Records in the answer before the cap.
    pub total_records: usize,
    /// The answer was cut short even over TCP (or its TCP fallback failed): the records are
    /// those that arrived.
    pub truncated: bool,
    /// Time the lookup took.
    pub duration: Duration,
    /// What went wrong, for logs and the landing page.
    pub detail: Option<String>,
    /// When this server last answered with records for the domain: now for an `ok` lookup,
    /// else what the prober remembers (`None` if it never did since the exporter started).
    pub last_success: Option<SystemTime>,
}

/// Distinct `(host, port)` the lookups' records publish, sorted; the "." target is not a host.
pub fn published_hosts<'a>(lookups: impl IntoIterator<Item = &'a SrvLookup>) -> Vec<(String, u16)> {
    let mut hosts: Vec<(String, u16)> = lookups
        .into_iter()
        .flat_map(|lookup| lookup.records.iter())
        .filter(|r| !r.is_service_unavailable())
        .map(|r| (r.target.clone(), r.port))
        .collect();
    hosts.sort();
    hosts.dedup();
    hosts
}

/// The answer a client chooses its host from: that of the first server, in configuration
/// order, that answered with authority (records, NXDOMAIN, NODATA), the way a Windows client
/// asks its preferred DNS server and turns to the next only when that one gives no usable
/// answer. `None` when no server answered with authority.
pub fn client_lookup<'a>(
    mut lookups: impl Iterator<Item = &'a SrvLookup>,
) -> Option<&'a SrvLookup> {
    lookups.find(|lookup| !lookup.status.is_non_authoritative_failure())
}

impl SrvLookup {
    /// A lookup that ended without an answer to report.
    pub fn failed(status: LookupStatus, detail: String, duration: Duration) -> Self {
        Self {
            status,
            records: Vec::new(),
            total_records: 0,
            truncated: false,
            duration,
            detail: Some(detail),
            last_success: None,
        }
    }
}

/// Addresses reported per host (`kms_host_address_tcp_connect_success`), so that a name
/// with hundreds of addresses cannot grow the exposition without bound. A host is still
/// connected through any of its addresses; only the first this many tried are reported.
pub const MAX_REPORTED_ADDRESSES: usize = 8;

/// The addresses of one host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressLookup {
    /// How the A and AAAA queries ended.
    pub status: LookupStatus,
    /// Every address, sorted and deduplicated.
    pub addresses: Vec<IpAddr>,
    /// What went wrong, for logs and the landing page.
    pub detail: Option<String>,
}

impl AddressLookup {
    /// A host given as an IP address needs no lookup: the address itself.
    pub fn literal(host: &str) -> Option<Self> {
        host.parse::<IpAddr>().ok().map(|ip| Self {
            status: LookupStatus::Ok,
            addresses: vec![ip],
            detail: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_the_metric_contract() {
        let labels: Vec<_> = LookupStatus::ALL.iter().map(|s| s.as_label()).collect();
        assert_eq!(
            labels,
            [
                "ok", "nxdomain", "nodata", "servfail", "refused", "timeout", "error"
            ]
        );
    }

    #[test]
    fn records_sort_by_priority_then_weight() {
        let mut r = [
            SrvRecord {
                priority: 10,
                weight: 0,
                target: "b".into(),
                port: 1688,
            },
            SrvRecord {
                priority: 0,
                weight: 5,
                target: "c".into(),
                port: 1688,
            },
            SrvRecord {
                priority: 0,
                weight: 1,
                target: "a".into(),
                port: 1688,
            },
        ];
        r.sort();
        let order: Vec<_> = r.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(order, ["a", "c", "b"]);
    }

    fn activation(outcome: ActivationOutcome) -> ProductActivation {
        ProductActivation {
            product: "windows".into(),
            required_count: 25,
            version: Some(ProtocolVersion::V6),
            outcome,
            at: SystemTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn up_needs_a_bind_and_a_verified_answer() {
        let mut kms = KmsFindings {
            bind: Some(Ok(())),
            ..KmsFindings::default()
        };
        assert!(!kms.is_up());
        kms.activations = vec![activation(ActivationOutcome::Refused(
            Hresult::NOT_ACTIVATED,
        ))];
        assert!(kms.is_up());
        kms.bind = Some(Err(BindFailure::from(&ClientError::Timeout)));
        assert!(!kms.is_up());
    }

    #[test]
    fn client_errors_map_to_their_status() {
        for (error, status) in [
            (ClientError::Timeout, ActivationStatus::Unreachable),
            (ClientError::Closed, ActivationStatus::Unreachable),
            (ClientError::Fault(0x1c01_0003), ActivationStatus::RpcError),
        ] {
            assert_eq!(ActivationStatus::from(&error), status, "{error}");
        }
    }
}
