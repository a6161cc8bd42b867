//! Snapshot → exposition text (docs/architecture.md §4.4), OpenMetrics or the classic Prometheus
//! format.
//!
//! Nothing here does I/O: a scrape renders the last completed cycle, so the probe rate never
//! depends on how many Prometheus servers scrape (docs/architecture.md §2).
//!
//! One module per section a reader looks for, each writing its families in contract order:
//! [`dns`], [`clients`], [`hosts`], [`clocks`], [`activation`], then the [`exporter`]'s own
//! families (or the `probe_*` pair of `/probe`); [`text`] is the writer they share. The client
//! libraries' [`process`] families close `/metrics`: they are read at each scrape, so they are
//! rendered apart from the cycle's text, which is rendered once per cycle.

mod activation;
mod clients;
mod clocks;
mod dns;
mod exporter;
mod hosts;
mod process;
mod text;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::process::ProcessStats;
use crate::snapshot::{ExporterState, Snapshot};
use text::Out;

/// Exposition format chosen by the scrape's `Accept` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    OpenMetrics,
    Prometheus,
}

impl Format {
    /// Picks OpenMetrics when the client lists it (as Prometheus does), else the classic text.
    pub fn negotiate(accept: Option<&str>) -> Self {
        match accept {
            Some(accept) if accept.contains("application/openmetrics-text") => Self::OpenMetrics,
            _ => Self::Prometheus,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
            Self::Prometheus => prometheus_client::encoding::prometheus_text::CONTENT_TYPE,
        }
    }
}

/// Build facts for `kms_exporter_build_info`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const REVISION: &str = env!("KMS_EXPORTER_REVISION");
pub const RUSTC_VERSION: &str = env!("KMS_EXPORTER_RUSTC_VERSION");

/// What a rendering is for.
#[derive(Clone, Debug)]
pub enum Scope {
    /// `/metrics`: the cycle's findings and the exporter's own families.
    Exporter(ExporterState),
    /// `/probe`: one target's findings with blackbox-style `probe_success` and
    /// `probe_duration_seconds`.
    Probe { success: bool, duration: Duration },
}

/// The closing line of an OpenMetrics exposition.
const EOF: &str = "# EOF\n";

/// Renders a snapshot and the exporter state: `/metrics` without the `process_*` families.
pub fn render(snapshot: &Arc<Snapshot>, state: &ExporterState, format: Format) -> String {
    render_scope(snapshot, Scope::Exporter(state.clone()), format)
}

/// The part of `/metrics` that changes once per cycle: [`render`] without the closing
/// `# EOF` of OpenMetrics, to be followed by [`render_process`].
pub fn render_cycle(snapshot: &Arc<Snapshot>, state: &ExporterState, format: Format) -> String {
    let mut text = render(snapshot, state, format);
    if format == Format::OpenMetrics && text.ends_with(EOF) {
        text.truncate(text.len() - EOF.len());
    }
    text
}

/// The end of `/metrics`, measured at each scrape: the `process_*` families of the client
/// libraries, then the closing `# EOF` of OpenMetrics.
pub fn render_process(stats: &ProcessStats, format: Format) -> String {
    let mut out = Out {
        buf: String::with_capacity(1024),
        format,
    };
    process::encode(&mut out, stats);
    if format == Format::OpenMetrics {
        out.buf.push_str(EOF);
    }
    out.buf
}

/// Size of the last rendering, so the next one allocates its buffer once instead of growing it
/// (and copying megabytes) several times.
static LAST_LEN: AtomicUsize = AtomicUsize::new(0);

/// Renders a snapshot for a scope.
///
/// The text is written straight into one buffer: a scrape of 1,000 hosts × 3 products is
/// about 50,000 samples and 5 MB, and the generic encoder of `prometheus-client` (a label vector
/// and a formatter call per label) spent most of its time on per-sample overhead. The layout
/// follows that encoder's (`# HELP`/`# TYPE` per family, escaping, number formatting, `_total`
/// placement, `# EOF`); `tests/golden/` pins it byte for byte and the integration tests run
/// `promtool check metrics` on it.
pub fn render_scope(snapshot: &Arc<Snapshot>, scope: Scope, format: Format) -> String {
    let estimate = 4096 + snapshot.hosts.len() * 1024;
    let capacity = estimate.max(LAST_LEN.load(Ordering::Relaxed) / 8 * 9);
    let mut out = Out {
        buf: String::with_capacity(capacity),
        format,
    };
    encode(&mut out, snapshot, &scope);
    if format == Format::OpenMetrics {
        out.buf.push_str(EOF);
    }
    LAST_LEN.store(out.buf.len(), Ordering::Relaxed);
    out.buf
}

/// Every family, section by section, in the order of docs/architecture.md §4.4.
fn encode(out: &mut Out, s: &Snapshot, scope: &Scope) {
    dns::encode(out, s);
    clients::encode(out, s);
    let labels = hosts::labels(s);
    hosts::encode(out, s, &labels);
    clocks::encode(out, s, &labels);
    activation::encode(out, s, &labels);
    match scope {
        Scope::Exporter(state) => exporter::encode(out, s, state),
        Scope::Probe { success, duration } => exporter::encode_probe(out, *success, *duration),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{
        AddressLookup, ConnectStatus, CycleSummary, DomainReport, HostReport, LookupStatus,
        Settings, SrvLookup, SrvRecord,
    };
    use std::time::{Duration, SystemTime};

    fn snapshot() -> Snapshot {
        let lookup = SrvLookup {
            status: LookupStatus::Ok,
            records: vec![SrvRecord {
                priority: 0,
                weight: 100,
                target: "kms1.corp.test".into(),
                port: 1688,
            }],
            total_records: 1,
            duration: Duration::from_millis(3),
            detail: None,
            truncated: false,
            last_success: None,
        };
        Snapshot {
            cycle: Some(CycleSummary {
                finished_at: SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
                duration: Duration::from_millis(120),
            }),
            domains: vec![DomainReport {
                name: "corp.test".into(),
                lookups: vec![(crate::dns::HickoryDns::SYSTEM_LABEL.into(), lookup)],
                expected_hosts: Some(["kms2.corp.test".to_owned()].into()),
                products: vec!["windows".into()],
                hosts: vec![("kms1.corp.test".into(), 1688)],
                kept_from: None,
                kept_records: Vec::new(),
            }],
            hosts: vec![HostReport {
                host: "kms1.corp.test".into(),
                port: 1688,
                products: vec!["windows".into()],
                domains: vec!["corp.test".into()],
                address_lookup: AddressLookup {
                    status: LookupStatus::Ok,
                    addresses: vec!["127.0.0.1".parse().unwrap()],
                    detail: None,
                },
                connect: ConnectStatus::Refused,
                connect_duration: Duration::from_millis(1),
                connected_address: None,
                address_connects: vec![("127.0.0.1".parse().unwrap(), ConnectStatus::Refused)],
                kms: Default::default(),
                clock: Vec::new(),
                duration: Duration::from_millis(2),
            }],
            probe_counts: [(("tcp", "refused"), 3)].into(),
            reference_clocks: Vec::new(),
            configured_domains: 1,
            configured_hosts: 0,
            settings: Some(Settings::default()),
        }
    }

    fn state() -> ExporterState {
        ExporterState {
            config_source: "default".into(),
            config_reload_successful: true,
            config_last_success: SystemTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn classic_text_has_the_contract_lines() {
        let text = render(&Arc::new(snapshot()), &state(), Format::Prometheus);
        for line in [
            "kms_dns_srv_status{domain=\"corp.test\",nameserver=\"system\",status=\"ok\"} 1",
            "kms_dns_srv_status{domain=\"corp.test\",nameserver=\"system\",status=\"nxdomain\"} 0",
            "kms_dns_srv_record_info{domain=\"corp.test\",nameserver=\"system\",host=\"kms1.corp.test\",port=\"1688\",priority=\"0\",weight=\"100\"} 1",
            "kms_dns_srv_record_expected{domain=\"corp.test\",host=\"kms1.corp.test\",port=\"1688\"} 0",
            "kms_dns_expected_host_published{domain=\"corp.test\",host=\"kms2.corp.test\"} 0",
            "kms_domain_hosts{domain=\"corp.test\"} 1",
            "kms_host_tcp_connect_success{host=\"kms1.corp.test\",port=\"1688\"} 0",
            "kms_host_tcp_connect_status{host=\"kms1.corp.test\",port=\"1688\",status=\"refused\"} 1",
            "kms_host_resolved_addresses{host=\"kms1.corp.test\",port=\"1688\"} 1",
            "kms_exporter_probes_total{kind=\"tcp\",result=\"refused\"} 3",
            "kms_exporter_last_cycle_timestamp_seconds 1700000000",
            "kms_exporter_probe_interval_seconds 60",
            "kms_exporter_activation_interval_seconds 900",
            "# TYPE kms_exporter_probes_total counter",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "missing {line:?} in\n{text}"
            );
        }
        assert!(!text.contains("# EOF"));
    }

    #[test]
    fn openmetrics_ends_with_eof_and_negotiates() {
        let text = render(&Arc::new(snapshot()), &state(), Format::OpenMetrics);
        assert!(text.ends_with("# EOF\n"), "{text}");
        assert!(text.contains("# TYPE kms_exporter_probes counter"));
        assert_eq!(
            Format::negotiate(Some(
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"
            )),
            Format::OpenMetrics
        );
        assert_eq!(Format::negotiate(Some("text/plain")), Format::Prometheus);
        assert_eq!(Format::negotiate(None), Format::Prometheus);
    }

    #[test]
    fn process_families_follow_the_cycle_as_the_client_libraries_write_them() {
        let stats = ProcessStats {
            cpu_seconds: Some(9.5),
            resident_memory_bytes: Some(25_436_160),
            virtual_memory_bytes: Some(1_270_444_032),
            open_fds: Some(11),
            max_fds: Some(65536.0),
            start_time_seconds: Some(1_733_001_234.56),
        };
        let snapshot = Arc::new(snapshot());
        let classic = render_cycle(&snapshot, &state(), Format::Prometheus)
            + &render_process(&stats, Format::Prometheus);
        assert!(
            classic.ends_with(
                "# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.\n\
                 # TYPE process_cpu_seconds_total counter\n\
                 process_cpu_seconds_total 9.5\n\
                 # HELP process_open_fds Number of open file descriptors.\n\
                 # TYPE process_open_fds gauge\n\
                 process_open_fds 11\n\
                 # HELP process_max_fds Maximum number of open file descriptors.\n\
                 # TYPE process_max_fds gauge\n\
                 process_max_fds 65536\n\
                 # HELP process_virtual_memory_bytes Virtual memory size in bytes.\n\
                 # TYPE process_virtual_memory_bytes gauge\n\
                 process_virtual_memory_bytes 1270444032\n\
                 # HELP process_resident_memory_bytes Resident memory size in bytes.\n\
                 # TYPE process_resident_memory_bytes gauge\n\
                 process_resident_memory_bytes 25436160\n\
                 # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.\n\
                 # TYPE process_start_time_seconds gauge\n\
                 process_start_time_seconds 1733001234.56\n"
            ),
            "{classic}"
        );
        let openmetrics = render_cycle(&snapshot, &state(), Format::OpenMetrics)
            + &render_process(&stats, Format::OpenMetrics);
        assert_eq!(openmetrics.matches("# EOF").count(), 1, "{openmetrics}");
        assert!(openmetrics.ends_with("process_start_time_seconds 1733001234.56\n# EOF\n"));
        assert!(
            openmetrics
                .contains("# TYPE process_cpu_seconds counter\nprocess_cpu_seconds_total 9.5\n")
        );
        // A value that could not be read is left out, not reported as 0.
        let partial = render_process(
            &ProcessStats {
                open_fds: Some(3),
                ..ProcessStats::default()
            },
            Format::Prometheus,
        );
        assert_eq!(
            partial,
            "# HELP process_open_fds Number of open file descriptors.\n\
             # TYPE process_open_fds gauge\n\
             process_open_fds 3\n"
        );
    }

    #[test]
    fn empty_snapshot_still_reports_the_exporter() {
        let text = render(&Arc::new(Snapshot::default()), &state(), Format::Prometheus);
        assert!(
            text.contains("kms_exporter_targets{kind=\"domain\"} 0"),
            "{text}"
        );
        assert!(!text.contains("kms_exporter_last_cycle_timestamp_seconds"));
    }
}
