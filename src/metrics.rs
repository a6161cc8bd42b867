//! Snapshot → exposition text (design §4.4), OpenMetrics or the classic Prometheus format.
//!
//! Nothing here does I/O: a scrape renders the last completed cycle, so the probe rate never
//! depends on how many Prometheus servers scrape (design §2).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use crate::snapshot::{
    ActivationOutcome, ActivationStatus, ConnectStatus, LookupStatus, Snapshot, SrvLookup,
};

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

/// The exporter's own state that is not part of a probe cycle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExporterState {
    pub config_reload_successful: bool,
    pub config_last_success: SystemTime,
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

/// Renders a snapshot and the exporter state.
pub fn render(snapshot: &Arc<Snapshot>, state: &ExporterState, format: Format) -> String {
    render_scope(snapshot, Scope::Exporter(state.clone()), format)
}

/// Size of the last rendering, so the next one allocates its buffer once instead of growing it
/// (and copying megabytes) several times.
static LAST_LEN: AtomicUsize = AtomicUsize::new(0);

/// Renders a snapshot for a scope.
///
/// The text is written straight into one buffer: a scrape of 1,000 hosts × 3 products is
/// about 50,000 samples and 5 MB, and the generic encoder of `prometheus-client` (a label vector
/// and a formatter call per label) spent most of its time on per-sample overhead. The output is
/// byte for byte what that encoder wrote (`# HELP`/`# TYPE` per family, escaping, number
/// formatting, `_total` placement, `# EOF`).
pub fn render_scope(snapshot: &Arc<Snapshot>, scope: Scope, format: Format) -> String {
    let estimate = 4096 + snapshot.hosts.len() * 1024;
    let capacity = estimate.max(LAST_LEN.load(Ordering::Relaxed) / 8 * 9);
    let mut out = Out {
        buf: String::with_capacity(capacity),
        format,
    };
    encode(&mut out, snapshot, &scope);
    if format == Format::OpenMetrics {
        out.buf.push_str("# EOF\n");
    }
    LAST_LEN.store(out.buf.len(), Ordering::Relaxed);
    out.buf
}

/// The text being written, and its format.
struct Out {
    buf: String,
    format: Format,
}

/// A sample's value: gauges print integral values as integers ("1", not "1.0"): easier to read
/// and grep.
#[derive(Clone, Copy)]
enum Value {
    Gauge(f64),
    Counter(u64),
}

/// The extra labels of one sample, after its family's shared label prefix.
type Extra<'l> = [(&'static str, &'l str)];

impl Out {
    /// Starts a family: `# HELP` with the prefix of design §4.4, and `# TYPE`.
    fn header(&mut self, name: &str, help: &str, counter: bool) {
        let total = if counter && self.format == Format::Prometheus {
            "_total"
        } else {
            ""
        };
        let kind = if counter { "counter" } else { "gauge" };
        let b = &mut self.buf;
        b.push_str("# HELP ");
        b.push_str(name);
        b.push_str(total);
        b.push_str(" Microsoft KMS volume activation: ");
        match self.format {
            // The classic format escapes backslashes and newlines in HELP; OpenMetrics text as
            // prometheus-client writes it does not. Every help text here has neither.
            Format::Prometheus => escape_into(b, help, false),
            Format::OpenMetrics => b.push_str(help),
        }
        b.push_str("\n# TYPE ");
        b.push_str(name);
        b.push_str(total);
        b.push(' ');
        b.push_str(kind);
        b.push('\n');
    }

    /// One sample line: `name{prefix,extra…} value`. `prefix` is already escaped.
    fn sample(&mut self, name: &str, prefix: &str, extra: &Extra<'_>, value: Value) {
        let b = &mut self.buf;
        b.push_str(name);
        if matches!(value, Value::Counter(_)) {
            b.push_str("_total");
        }
        if !prefix.is_empty() || !extra.is_empty() {
            b.push('{');
            b.push_str(prefix);
            for (i, (key, value)) in extra.iter().enumerate() {
                if i > 0 || !prefix.is_empty() {
                    b.push(',');
                }
                push_label(b, key, value);
            }
            b.push('}');
        }
        b.push(' ');
        match value {
            Value::Counter(n) => b.push_str(itoa::Buffer::new().format(n)),
            // `(v as i64) as f64 == v` is `v.fract() == 0.0` for these magnitudes (NaN and the
            // infinities fail both), without a libm call per sample.
            Value::Gauge(v) if v.abs() < 9.0e15 && (v as i64) as f64 == v => {
                b.push_str(itoa::Buffer::new().format(v as i64))
            }
            Value::Gauge(v) => match self.format {
                Format::OpenMetrics => b.push_str(dtoa::Buffer::new().format(v)),
                Format::Prometheus if v.is_finite() => {
                    b.push_str(dtoa::Buffer::new().format_finite(v))
                }
                Format::Prometheus if v.is_nan() => b.push_str("NaN"),
                Format::Prometheus if v > 0.0 => b.push_str("+Inf"),
                Format::Prometheus => b.push_str("-Inf"),
            },
        }
        b.push('\n');
    }

    /// A family whose `# HELP` and `# TYPE` are written with its first sample: a family
    /// without samples is not emitted at all.
    fn family<'o>(&'o mut self, name: &'static str, help: &'static str) -> Family<'o> {
        Family {
            out: self,
            name,
            help,
            counter: false,
            started: false,
        }
    }
}

struct Family<'o> {
    out: &'o mut Out,
    name: &'static str,
    help: &'static str,
    counter: bool,
    started: bool,
}

impl Family<'_> {
    fn sample(&mut self, prefix: &str, extra: &Extra<'_>, value: Value) {
        if !self.started {
            self.out.header(self.name, self.help, self.counter);
            self.started = true;
        }
        self.out.sample(self.name, prefix, extra, value);
    }

    fn gauge(&mut self, prefix: &str, extra: &Extra<'_>, value: f64) {
        self.sample(prefix, extra, Value::Gauge(value));
    }
}

/// `key="value"` with the value escaped.
fn push_label(b: &mut String, key: &str, value: &str) {
    b.push_str(key);
    b.push_str("=\"");
    escape_into(b, value, true);
    b.push('"');
}

/// Escapes `\` and newline (and `"` in label values) as the exposition formats require.
fn escape_into(b: &mut String, text: &str, quotes: bool) {
    // A branch-free scan the compiler vectorises; it may flag a harmless byte below `"` (a
    // space, say), which only sends the text through the exact loop below.
    let suspect = text
        .bytes()
        .fold(false, |found, c| found | (c <= b'"') | (c == b'\\'));
    if !suspect {
        b.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '\\' => b.push_str("\\\\"),
            '\n' => b.push_str("\\n"),
            '"' if quotes => b.push_str("\\\""),
            c => b.push(c),
        }
    }
}

/// Upper-case hex of the hardware ID ([`HostIdentity::hwid_hex`](crate::snapshot::HostIdentity::hwid_hex)
/// without its allocations); empty when there is none.
fn hex<'b>(buf: &'b mut [u8; 16], hwid: Option<&[u8; 8]>) -> &'b str {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let Some(hwid) = hwid else {
        return "";
    };
    for (pair, byte) in buf.chunks_exact_mut(2).zip(hwid) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    std::str::from_utf8(buf).unwrap_or_default()
}

/// A label prefix written once and shared by many samples, e.g. `host="…",port="1688"`.
fn prefix(labels: &Extra<'_>) -> String {
    let mut b = String::with_capacity(64);
    for (i, (key, value)) in labels.iter().enumerate() {
        if i > 0 {
            b.push(',');
        }
        push_label(&mut b, key, value);
    }
    b
}

fn b(v: bool) -> f64 {
    if v { 1.0 } else { 0.0 }
}

fn unix_seconds(t: SystemTime) -> f64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// The label prefixes of one host, computed once per rendering.
struct HostLabels {
    /// `host="…",port="…"`.
    host_port: String,
    /// Length of the `host="…"` part.
    host_len: usize,
}

impl HostLabels {
    fn host(&self) -> &str {
        self.host_port.get(..self.host_len).unwrap_or_default()
    }
}

fn encode(out: &mut Out, s: &Snapshot, scope: &Scope) {
    // DNS, per domain and server.
    let lookups: Vec<(&str, String, &SrvLookup)> = s
        .domains
        .iter()
        .flat_map(|d| {
            d.lookups.iter().map(move |(ns, lookup)| {
                let domain = d.name.as_str();
                (
                    domain,
                    prefix(&[("domain", domain), ("nameserver", ns.as_str())]),
                    lookup,
                )
            })
        })
        .collect();
    let mut f = out.family(
        "kms_dns_srv_status",
        "outcome of the _vlmcs._tcp SRV lookup, one series per state with exactly one set to 1.",
    );
    for (_, labels, lookup) in &lookups {
        for status in LookupStatus::ALL {
            f.gauge(
                labels,
                &[("status", status.as_label())],
                b(lookup.status == status),
            );
        }
    }
    let mut f = out.family(
        "kms_dns_srv_lookup_duration_seconds",
        "time taken by the SRV lookup.",
    );
    for (_, labels, lookup) in &lookups {
        f.gauge(labels, &[], lookup.duration.as_secs_f64());
    }
    let mut f = out.family(
        "kms_dns_srv_records",
        "SRV records returned for the domain by this DNS server.",
    );
    for (_, labels, lookup) in &lookups {
        f.gauge(labels, &[], lookup.total_records as f64);
    }
    let mut f = out.family(
        "kms_dns_srv_record_info",
        "one series per SRV record; host \".\" means the service is declared unavailable.",
    );
    for (_, labels, lookup) in &lookups {
        for r in &lookup.records {
            let (mut port, mut priority, mut weight) = (
                itoa::Buffer::new(),
                itoa::Buffer::new(),
                itoa::Buffer::new(),
            );
            f.gauge(
                labels,
                &[
                    ("host", r.target.as_str()),
                    ("port", port.format(r.port)),
                    ("priority", priority.format(r.priority)),
                    ("weight", weight.format(r.weight)),
                ],
                1.0,
            );
        }
    }
    drop(lookups);
    let mut f = out.family(
        "kms_dns_srv_record_expected",
        "1 if the published host is in expected_hosts, 0 if not (an unknown KMS publisher).",
    );
    for d in &s.domains {
        let Some(expected) = &d.expected_hosts else {
            continue;
        };
        for (host, port) in &d.hosts {
            f.gauge(
                "",
                &[
                    ("domain", d.name.as_str()),
                    ("host", host.as_str()),
                    ("port", itoa::Buffer::new().format(*port)),
                ],
                b(expected.contains(host)),
            );
        }
    }
    let mut f = out.family(
        "kms_dns_expected_host_published",
        "1 if the expected host is published in the domain's SRV records by any DNS server.",
    );
    for d in &s.domains {
        let Some(expected) = &d.expected_hosts else {
            continue;
        };
        for host in expected {
            f.gauge(
                "",
                &[("domain", d.name.as_str()), ("host", host.as_str())],
                b(d.hosts.iter().any(|(h, _)| h == host)),
            );
        }
    }
    let mut f = out.family(
        "kms_domain_hosts",
        "distinct KMS hosts published for the domain.",
    );
    for d in &s.domains {
        f.gauge("", &[("domain", d.name.as_str())], d.hosts.len() as f64);
    }
    let mut f = out.family(
        "kms_domain_hosts_up",
        "published hosts of the domain that gave a verified KMS answer.",
    );
    for d in &s.domains {
        let up = d
            .hosts
            .iter()
            .filter(|(h, p)| s.host(h, *p).is_some_and(|r| r.is_up()))
            .count();
        f.gauge("", &[("domain", d.name.as_str())], up as f64);
    }
    let mut f = out.family(
        "kms_domain_host_info",
        "membership of a host in a domain's SRV records, for joins.",
    );
    for d in &s.domains {
        for (host, port) in &d.hosts {
            f.gauge(
                "",
                &[
                    ("domain", d.name.as_str()),
                    ("host", host.as_str()),
                    ("port", itoa::Buffer::new().format(*port)),
                ],
                1.0,
            );
        }
    }

    // Hosts.
    let labels: Vec<HostLabels> = s
        .hosts
        .iter()
        .map(|h| {
            let mut host_port = prefix(&[("host", h.host.as_str())]);
            let host_len = host_port.len();
            host_port.push(',');
            push_label(&mut host_port, "port", itoa::Buffer::new().format(h.port));
            HostLabels {
                host_port,
                host_len,
            }
        })
        .collect();
    let hosts = || s.hosts.iter().zip(&labels);
    let mut f = out.family(
        "kms_host_resolved_addresses",
        "A and AAAA addresses of the host; 0 means a stale SRV target.",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], h.address_lookup.addresses.len() as f64);
    }
    let mut f = out.family(
        "kms_host_tcp_connect_success",
        "1 if a TCP connection to the KMS port succeeded on any address.",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], b(h.connect == ConnectStatus::Ok));
    }
    let mut f = out.family(
        "kms_host_tcp_connect_status",
        "outcome of the TCP connection, one series per state with exactly one set to 1.",
    );
    for (h, l) in hosts() {
        for status in ConnectStatus::ALL {
            f.gauge(
                &l.host_port,
                &[("status", status.as_label())],
                b(h.connect == status),
            );
        }
    }
    let mut f = out.family(
        "kms_host_tcp_connect_duration_seconds",
        "time to the TCP connection, or spent until it failed.",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], h.connect_duration.as_secs_f64());
    }
    let mut f = out.family(
        "kms_host_probe_duration_seconds",
        "time taken by the host's whole probe.",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], h.duration.as_secs_f64());
    }
    let mut f = out.family(
        "kms_host_rpc_bind_success",
        "1 if the host accepted the KMS RPC interface bind this cycle; 0 with the port open means the port is not a KMS host.",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], b(matches!(h.kms.bind, Some(Ok(())))));
    }
    let mut f = out.family(
        "kms_host_up",
        "1 if the host gave a verified KMS answer (a success or a KMS refusal).",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], b(h.is_up()));
    }
    let mut f = out.family(
        "kms_host_protocol_version_supported",
        "1 if the host understands this KMS protocol version, 0 if it refused it with 0x8007000D.",
    );
    for (h, l) in hosts() {
        for (version, supported) in &h.kms.versions {
            f.gauge(
                &l.host_port,
                &[("version", itoa::Buffer::new().format(version.major()))],
                b(*supported),
            );
        }
    }
    let mut f = out.family(
        "kms_host_activation_interval_seconds",
        "how often the host tells unactivated clients to retry.",
    );
    for (h, l) in hosts() {
        if let Some((activation, _)) = h.kms.intervals {
            f.gauge(&l.host_port, &[], f64::from(activation) * 60.0);
        }
    }
    let mut f = out.family(
        "kms_host_renewal_interval_seconds",
        "how often the host tells activated clients to renew.",
    );
    for (h, l) in hosts() {
        if let Some((_, renewal)) = h.kms.intervals {
            f.gauge(&l.host_port, &[], f64::from(renewal) * 60.0);
        }
    }
    let mut f = out.family(
        "kms_host_info",
        "the host's identity per application, decoded from its ePID; value 1.",
    );
    for (h, l) in hosts() {
        for id in &h.kms.identities {
            let decoded = id.decoded.as_ref();
            let (mut build, mut lcid) = (itoa::Buffer::new(), itoa::Buffer::new());
            let mut hwid = [0u8; 16];
            f.gauge(
                &l.host_port,
                &[
                    ("application", id.application),
                    ("epid", id.epid.as_str()),
                    ("os_build", decoded.map_or("", |e| build.format(e.build))),
                    (
                        "host_os",
                        decoded.and_then(|e| e.host_os()).unwrap_or("unknown"),
                    ),
                    (
                        "csvlk",
                        decoded.and_then(|e| e.csvlk()).unwrap_or("unknown"),
                    ),
                    ("lcid", decoded.map_or("", |e| lcid.format(e.lcid))),
                    ("hwid", hex(&mut hwid, id.hwid.as_ref())),
                ],
                1.0,
            );
        }
    }

    // Clocks, per host name (a host listed with two ports has one clock).
    let clock_hosts: Vec<usize> = {
        let mut seen = std::collections::HashSet::new();
        (0..s.hosts.len())
            .filter(|&i| seen.insert(s.hosts[i].host.as_str()))
            .collect()
    };
    let readings = || {
        clock_hosts.iter().flat_map(|&i| {
            let host = labels[i].host();
            s.hosts[i].clock.iter().map(move |r| (host, r))
        })
    };
    let mut f = out.family(
        "kms_host_clock_offset_seconds",
        "host clock minus exporter clock; hosts refuse clients more than 4 hours (14400 s) off with 0xC004F06C. Absent when not measured.",
    );
    for (host, r) in readings() {
        if let Ok(m) = &r.outcome {
            f.gauge(host, &[("method", r.method.as_label())], m.offset);
        }
    }
    let mut f = out.family(
        "kms_host_clock_rtt_seconds",
        "round trip of the clock measurement; the offset is uncertain by half of it.",
    );
    for (host, r) in readings() {
        if let Ok(m) = &r.outcome {
            f.gauge(host, &[("method", r.method.as_label())], m.rtt);
        }
    }
    let mut f = out.family(
        "kms_host_clock_probe_success",
        "1 if the host's clock could be read with this method (ntp: SNTP on UDP 123, smb: SMB2 on TCP 445).",
    );
    for (host, r) in readings() {
        f.gauge(
            host,
            &[("method", r.method.as_label())],
            b(r.outcome.is_ok()),
        );
    }
    let mut f = out.family(
        "kms_host_clock_ntp_stratum",
        "NTP stratum the host's time server reports.",
    );
    for (host, r) in readings() {
        if let Some(stratum) = r.outcome.as_ref().ok().and_then(|m| m.stratum) {
            f.gauge(host, &[], f64::from(stratum));
        }
    }
    let mut f = out.family(
        "kms_host_clock_ntp_leap",
        "NTP leap indicator the host's time server reports (3 = unsynchronised, never counted as an offset).",
    );
    for (host, r) in readings() {
        if let Some(leap) = r.outcome.as_ref().ok().and_then(|m| m.leap) {
            f.gauge(host, &[], f64::from(leap));
        }
    }

    // Activation, per host and product.
    let activations = || {
        hosts().flat_map(|(h, l)| {
            h.kms
                .activations
                .iter()
                .map(move |a| (l.host_port.as_str(), a))
        })
    };
    let mut f = out.family(
        "kms_activation_status",
        "outcome of the latest activation request for the product, one series per state with exactly one set to 1.",
    );
    for (l, a) in activations() {
        let status = a.outcome.status();
        for state in ActivationStatus::ALL {
            f.gauge(
                l,
                &[
                    ("product", a.product.as_str()),
                    ("status", state.as_label()),
                ],
                b(status == state),
            );
        }
    }
    let mut f = out.family(
        "kms_activation_hresult",
        "HRESULT of the latest activation request: 0 on success, the host's refusal code (e.g. 3221549122 = 0xC004F042), or an RPC fault status.",
    );
    for (l, a) in activations() {
        if let Some(hresult) = a.outcome.hresult() {
            f.gauge(l, &[("product", a.product.as_str())], f64::from(hresult));
        }
    }
    let mut f = out.family(
        "kms_activation_current_clients",
        "the host's current activation count for the product's group (distinct clients in 30 days).",
    );
    for (l, a) in activations() {
        if let ActivationOutcome::Granted(r) = &a.outcome {
            f.gauge(
                l,
                &[("product", a.product.as_str())],
                f64::from(r.current_count),
            );
        }
    }
    let mut f = out.family(
        "kms_activation_required_clients",
        "the product's N policy: clients activate only once the count reaches it (25 Windows client, 5 Windows Server and Office).",
    );
    for (l, a) in activations() {
        f.gauge(
            l,
            &[("product", a.product.as_str())],
            f64::from(a.required_count),
        );
    }

    match scope {
        Scope::Exporter(state) => encode_exporter(out, s, state),
        Scope::Probe { success, duration } => {
            out.family(
                "probe_success",
                "1 if every host of the target grants every product at its threshold (blackbox_exporter compatible).",
            )
            .gauge("", &[], b(*success));
            out.family(
                "probe_duration_seconds",
                "time taken by the probe (blackbox_exporter compatible).",
            )
            .gauge("", &[], duration.as_secs_f64());
        }
    }
}

/// The exporter's own families, for `/metrics` only.
fn encode_exporter(out: &mut Out, s: &Snapshot, state: &ExporterState) {
    out.family("kms_exporter_build_info", "version of the exporter.")
        .gauge(
            "",
            &[
                ("version", VERSION),
                ("revision", REVISION),
                ("rustc_version", RUSTC_VERSION),
            ],
            1.0,
        );
    let mut f = out.family(
        "kms_exporter_targets",
        "domains and static hosts in the configuration; 0 domains and 0 hosts means nothing is probed.",
    );
    f.gauge("", &[("kind", "domain")], s.configured_domains as f64);
    f.gauge("", &[("kind", "host")], s.configured_hosts as f64);
    let mut f = out.family(
        "kms_exporter_clock_offset_seconds",
        "exporter clock against a reference NTP server (server clock minus exporter clock); every host offset is relative to the exporter's clock.",
    );
    for (server, outcome) in &s.reference_clocks {
        if let Ok(m) = outcome {
            f.gauge("", &[("server", server.as_str())], m.offset);
        }
    }
    let mut f = out.family(
        "kms_exporter_clock_probe_success",
        "1 if the reference NTP server answered.",
    );
    for (server, outcome) in &s.reference_clocks {
        f.gauge("", &[("server", server.as_str())], b(outcome.is_ok()));
    }
    out.family(
        "kms_exporter_config_last_reload_successful",
        "1 if the last configuration reload succeeded.",
    )
    .gauge("", &[], b(state.config_reload_successful));
    out.family(
        "kms_exporter_config_last_reload_success_timestamp_seconds",
        "time of the last successful configuration load.",
    )
    .gauge("", &[], unix_seconds(state.config_last_success));
    if let Some(cycle) = &s.cycle {
        out.family(
            "kms_exporter_last_cycle_timestamp_seconds",
            "end of the last completed probe cycle; the age of every kms_ series.",
        )
        .gauge("", &[], unix_seconds(cycle.finished_at));
        out.family(
            "kms_exporter_cycle_duration_seconds",
            "time taken by the last completed probe cycle.",
        )
        .gauge("", &[], cycle.duration.as_secs_f64());
    }
    let mut f = out.family(
        "kms_exporter_probes",
        "probes run since start, by kind and result.",
    );
    f.counter = true;
    for ((kind, result), n) in &s.probe_counts {
        f.sample(
            "",
            &[("kind", kind), ("result", result)],
            Value::Counter(*n),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{AddressLookup, CycleSummary, DomainReport, HostReport, SrvRecord};
    use std::time::Duration;

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
        };
        Snapshot {
            cycle: Some(CycleSummary {
                finished_at: SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
                duration: Duration::from_millis(120),
            }),
            domains: vec![DomainReport {
                name: "corp.test".into(),
                lookups: vec![("system".into(), lookup)],
                expected_hosts: Some(["kms2.corp.test".to_owned()].into()),
                hosts: vec![("kms1.corp.test".into(), 1688)],
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
                kms: Default::default(),
                clock: Vec::new(),
                duration: Duration::from_millis(2),
            }],
            probe_counts: [(("tcp", "refused"), 3)].into(),
            reference_clocks: Vec::new(),
            configured_domains: 1,
            configured_hosts: 0,
        }
    }

    fn state() -> ExporterState {
        ExporterState {
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
    fn label_values_are_escaped_and_numbers_formatted_as_before() {
        let mut b = String::new();
        push_label(&mut b, "host", "a\\b\"c\nd e!");
        assert_eq!(b, r#"host="a\\b\"c\nd e!""#);
        for (format, nan, inf) in [
            (Format::Prometheus, "m NaN\n", "m +Inf\n"),
            (Format::OpenMetrics, "m NaN\n", "m inf\n"),
        ] {
            let line = |value| {
                let mut out = Out {
                    buf: String::new(),
                    format,
                };
                out.sample("m", "", &[], value);
                out.buf
            };
            assert_eq!(line(Value::Gauge(f64::NAN)), nan);
            assert_eq!(line(Value::Gauge(f64::INFINITY)), inf);
            assert_eq!(line(Value::Gauge(3.0)), "m 3\n");
            assert_eq!(line(Value::Gauge(-0.25)), "m -0.25\n");
            assert_eq!(line(Value::Counter(7)), "m_total 7\n");
        }
        let mut hwid = [0u8; 16];
        assert_eq!(
            hex(
                &mut hwid,
                Some(&[0x3a, 0x1c, 0x04, 0x96, 0x00, 0xb6, 0x00, 0x76])
            ),
            "3A1C049600B60076"
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
