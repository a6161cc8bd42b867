//! Findings in words: each thing a run found, stated once, in the words a Windows admin reads,
//! with whether it is a problem. The landing page and the `probe` command's report both take
//! their sentences from here, so a finding reads the same wherever it is shown; the codes and
//! their names come from the catalog ([`codes::Condition`], [`codes::describe`]).

use std::fmt::Write as _;
use std::time::Duration;

use crate::codes::{self, Condition};
use crate::render::clients::{self, ClientResult};
use crate::snapshot::{
    ActivationOutcome, ClockReading, ConnectStatus, DomainReport, HostReport, LookupStatus,
    MAX_SRV_RECORDS, ProductActivation, Snapshot, SrvLookup, SrvRecord,
};

/// [`crate::kms::CLOCK_TOLERANCE_SECONDS`] as the offsets are measured.
const KMS_CLOCK_TOLERANCE_SECONDS: f64 = crate::kms::CLOCK_TOLERANCE_SECONDS as f64;

/// One finding as a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// What was found and, for a problem, what clients will see.
    pub text: String,
    /// Whether the finding keeps clients from activating (marked on the page, counted in the
    /// report).
    pub problem: bool,
}

impl Statement {
    fn fine(text: String) -> Self {
        Self {
            text,
            problem: false,
        }
    }

    fn problem(text: String) -> Self {
        Self {
            text,
            problem: true,
        }
    }
}

/// `the hint; clients report 0x… NAME`.
fn consequence(condition: Condition) -> String {
    format!("{}; {}", condition.hint(), condition.clients_report())
}

/// One server's SRV answer: `nxdomain (0 records, 1.2 ms) — no _vlmcs SRV record; clients
/// report 0x8007232B` and the code's name.
pub fn srv_lookup(lookup: &SrvLookup) -> Statement {
    let mut text = format!(
        "{} ({} records, {:.1} ms)",
        lookup.status.as_label(),
        lookup.total_records,
        lookup.duration.as_secs_f64() * 1000.0
    );
    let condition = match lookup.status {
        LookupStatus::Ok => {
            if lookup.truncated {
                text.push_str("; the answer was cut short: these are the records that arrived");
            }
            if lookup.total_records > MAX_SRV_RECORDS {
                let _ = write!(text, "; the first {MAX_SRV_RECORDS} are followed");
            }
            return Statement::fine(text);
        }
        LookupStatus::NxDomain | LookupStatus::NoData => Some(Condition::SrvRecordMissing),
        LookupStatus::ServFail | LookupStatus::Refused | LookupStatus::Timeout => {
            Some(Condition::DnsServerFailing)
        }
        LookupStatus::Error => None,
    };
    match condition {
        Some(condition) => {
            let _ = write!(text, " — {}", consequence(condition));
        }
        // Only an answer the resolver could not classify has words of its own worth showing.
        None => {
            if let Some(detail) = &lookup.detail {
                let _ = write!(text, " — {detail}");
            }
        }
    }
    Statement::problem(text)
}

/// One SRV record: `kms1.corp.example.com:1688  priority 0 weight 100`.
pub fn srv_record(record: &SrvRecord) -> String {
    format!(
        "{}:{}  priority {} weight {}{}",
        record.target,
        record.port,
        record.priority,
        record.weight,
        if record.is_service_unavailable() {
            "  (\".\": service declared unavailable)"
        } else {
            ""
        }
    )
}

/// A domain whose clients find no KMS host through DNS, with the code the client's-eye result
/// gives them ([`clients::dns_condition`]); `None` when they find hosts.
pub fn nothing_published(domain: &DomainReport) -> Option<Statement> {
    let condition = clients::dns_condition(domain)?;
    let what = match condition {
        Condition::DnsServerFailing => format!(
            "no DNS server answered for {} with authority and no earlier answer is kept",
            domain.name
        ),
        _ if !domain.hosts.is_empty() => format!(
            "the first DNS server that answered for {} publishes no KMS host, and clients ask it first",
            domain.name
        ),
        _ => format!("no KMS host published for {}", domain.name),
    };
    Some(Statement::problem(format!(
        "{what}; {}",
        condition.clients_report()
    )))
}

/// What a domain's clients would get for one product: `windows: 50% activate; 50% 0xC004F038`
/// followed by the code's catalog name.
pub fn clients(result: &ClientResult) -> Statement {
    let mut text = format!(
        "{}: {:.0}% activate",
        result.product,
        result.activated() * 100.0
    );
    for (code, share) in &result.shares {
        if *code != 0 && *share > 0.0 {
            let _ = write!(text, "; {:.0}% {}", share * 100.0, codes::describe(*code));
        }
    }
    if result.activated() < 1.0 {
        Statement::problem(text)
    } else {
        Statement::fine(text)
    }
}

/// A domain whose hosts come from an earlier answer because no DNS server answered with
/// authority; `None` when this run's answer decided.
pub fn kept_hosts(domain: &DomainReport) -> Option<Statement> {
    domain.kept_from.map(|at| {
        Statement::problem(format!(
            "no DNS server answered for {} with authority; still probing the {} host(s) of the answer of {} (dns.keep_last_answer)",
            domain.name,
            domain.hosts.len(),
            humantime::format_rfc3339_seconds(at)
        ))
    })
}

/// The host's addresses, or the stale SRV target it is.
pub fn addresses(host: &HostReport) -> Statement {
    let addresses = &host.address_lookup.addresses;
    if addresses.is_empty() {
        Statement::problem(format!(
            "no address ({}) — {}",
            host.address_lookup.status.as_label(),
            consequence(Condition::StaleSrvTarget)
        ))
    } else {
        Statement::fine(
            addresses
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

/// The TCP connection: `ok (0.4 ms)`; `None` when there was no address to connect to.
pub fn tcp(host: &HostReport) -> Option<Statement> {
    if host.connect == ConnectStatus::NoAddress {
        return None;
    }
    let text = format!(
        "{} ({:.1} ms)",
        host.connect.as_label(),
        host.connect_duration.as_secs_f64() * 1000.0
    );
    Some(match host.connect {
        ConnectStatus::Ok => Statement::fine(text),
        ConnectStatus::Refused => {
            Statement::problem(format!("{text} — {}", consequence(Condition::PortClosed)))
        }
        ConnectStatus::Timeout => Statement::problem(format!(
            "{text} — {}",
            consequence(Condition::PortDropsPackets)
        )),
        ConnectStatus::Unreachable | ConnectStatus::NoAddress | ConnectStatus::Error => {
            Statement::problem(text)
        }
    })
}

/// Each address that failed while the host connected through another: `IPv6 address ::1
/// unreachable (timeout): clients that prefer IPv6 wait before falling back`. Clients still
/// activate, after that wait, so this is worth a ticket (`KmsHostAddressUnreachable`) but is not
/// a problem that keeps them out.
pub fn failed_addresses(host: &HostReport) -> Vec<Statement> {
    if host.connect != ConnectStatus::Ok {
        return Vec::new();
    }
    host.address_connects
        .iter()
        .filter(|(_, status)| *status != ConnectStatus::Ok)
        .map(|(ip, status)| {
            let family = if ip.is_ipv6() { "IPv6" } else { "IPv4" };
            Statement::fine(format!(
                "{family} address {ip} unreachable ({}): clients that prefer {family} wait before falling back",
                status.as_label()
            ))
        })
        .collect()
}

/// The RPC bind; `None` when no TCP connection was made.
pub fn rpc_bind(host: &HostReport) -> Option<Statement> {
    match &host.kms.bind {
        None => None,
        Some(Ok(())) => Some(Statement::fine("bind ok".to_owned())),
        Some(Err(e)) => Some(Statement::problem(format!(
            "bind failed: {e} — {}",
            consequence(Condition::NotKmsHost)
        ))),
    }
}

/// Whether a verified KMS answer came back: `yes` or `no`.
pub fn kms_up(host: &HostReport) -> Statement {
    if host.is_up() {
        Statement::fine("yes".to_owned())
    } else {
        Statement::problem("no".to_owned())
    }
}

/// One product's latest result, in parts that the page writes on one line
/// (`windows: ok 50/25 threshold met`) and the report in columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivationLine {
    /// The product's name.
    pub product: String,
    /// `ok`, `refused`, `unreachable`, …: the `kms_activation_status`.
    pub state: &'static str,
    /// `(count, N)` of a granted request.
    pub count: Option<(u32, u32)>,
    /// What the result means: `threshold met`, `BELOW THRESHOLD: clients report …`, the refusal
    /// code and its name, or what failed.
    pub verdict: String,
    /// The protocol version the host answered in; `None` without a verified answer.
    pub version: Option<u16>,
    /// Whether clients of this product cannot activate on this host.
    pub problem: bool,
}

impl ActivationLine {
    /// `windows: ok 50/25 threshold met`.
    pub fn inline(&self) -> String {
        let mut text = format!("{}: {}", self.product, self.state);
        if let Some((count, required)) = self.count {
            let _ = write!(text, " {count}/{required}");
        }
        let _ = write!(text, " {}", self.verdict);
        text
    }
}

/// One product's latest result.
pub fn activation(a: &ProductActivation) -> ActivationLine {
    let answered = matches!(
        a.outcome,
        ActivationOutcome::Granted(_) | ActivationOutcome::Refused(_)
    );
    let (count, verdict, problem) = match &a.outcome {
        ActivationOutcome::Granted(r) if r.current_count >= a.required_count => (
            Some((r.current_count, a.required_count)),
            "threshold met".to_owned(),
            false,
        ),
        ActivationOutcome::Granted(r) => (
            Some((r.current_count, a.required_count)),
            format!(
                "{}: {}",
                Condition::CountBelowThreshold.hint(),
                Condition::CountBelowThreshold.clients_report()
            ),
            true,
        ),
        ActivationOutcome::Refused(h) => (None, codes::describe(h.0), true),
        ActivationOutcome::Failed { detail, .. } => (None, detail.clone(), true),
    };
    ActivationLine {
        product: a.product.clone(),
        state: a.outcome.status().as_label(),
        count,
        verdict,
        version: a.version.filter(|_| answered).map(|v| v.major()),
        problem,
    }
}

/// A duration in seconds as humantime text, to the second.
fn seconds(value: f64) -> String {
    humantime::format_duration(Duration::from_secs(value.max(0.0).round() as u64)).to_string()
}

/// One clock reading against the 4-hour limit: `ntp +0.002 s (rtt 0.3 ms), 3h 59m 59s inside
/// the 4-hour limit`.
pub fn clock(reading: &ClockReading) -> Statement {
    let method = reading.method.as_label();
    match &reading.outcome {
        Ok(m) => {
            let measured = format!("{method} {:+.3} s (rtt {:.1} ms)", m.offset, m.rtt * 1000.0);
            let margin = KMS_CLOCK_TOLERANCE_SECONDS - m.offset.abs();
            if margin >= 0.0 {
                Statement::fine(format!(
                    "{measured}, {} inside the 4-hour limit",
                    seconds(margin)
                ))
            } else {
                let condition = Condition::ClockOutsideWindow;
                Statement::problem(format!(
                    "{measured}, {} by {}: clients are refused with {}",
                    condition.hint(),
                    seconds(-margin),
                    codes::describe(condition.code())
                ))
            }
        }
        // An unreadable clock is worth knowing, but clients are not refused for it.
        Err(failure) => Statement::fine(format!("{method} not measured: {}", failure.detail)),
    }
}

/// Why a host is not fully healthy, one short line per problem.
pub fn problems(host: &HostReport) -> Vec<String> {
    let mut problems = Vec::new();
    for reading in &host.clock {
        if let Ok(m) = &reading.outcome
            && m.offset.abs() > KMS_CLOCK_TOLERANCE_SECONDS
        {
            problems.push(format!(
                "clock ({}) {:+.0} s off, beyond the 4-hour limit",
                reading.method.as_label(),
                m.offset
            ));
        }
    }
    if host.connect != ConnectStatus::Ok {
        problems.push(format!("TCP {}", host.connect.as_label()));
    }
    for a in &host.kms.activations {
        match &a.outcome {
            ActivationOutcome::Granted(r) if r.current_count < a.required_count => {
                problems.push(format!(
                    "{}: count {} below {}",
                    a.product, r.current_count, a.required_count
                ))
            }
            ActivationOutcome::Granted(_) => {}
            other => problems.push(format!("{}: {}", a.product, other.status().as_label())),
        }
    }
    problems
}

/// Every host activates every product with a count at its threshold: the exit code of the
/// `probe` command and `probe_success` of `/probe`.
pub fn healthy(snapshot: &Snapshot) -> bool {
    !snapshot.hosts.is_empty() && snapshot.hosts.iter().all(|h| problems(h).is_empty())
}
