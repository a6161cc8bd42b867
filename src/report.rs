//! The report of `kms_exporter probe TARGET`: a one-shot run's findings printed for a person
//! and summarised in the exit code (0 healthy, 1 problem) for scripts.
//!
//! The run itself is the same probe pipeline as the exporter's cycles, once, with fresh memory:
//! the activation requests it sends are real and are logged on the host like the exporter's.

use std::fmt::Write as _;
use std::time::Duration;

use crate::codes;
use crate::snapshot::{
    ActivationOutcome, ConnectStatus, DomainReport, HostReport, LookupStatus, Snapshot,
};

/// Every host activates every product with a count at its threshold: the exit code of the
/// `probe` command and `probe_success` of `/probe`.
pub fn healthy(snapshot: &Snapshot) -> bool {
    !snapshot.hosts.is_empty() && snapshot.hosts.iter().all(|h| host_problems(h).is_empty())
}

/// The report printed by `kms_exporter probe`.
pub fn render(snapshot: &Snapshot) -> String {
    let mut out = String::new();
    for domain in &snapshot.domains {
        render_domain(&mut out, domain, snapshot.hosts.first());
        out.push('\n');
    }
    for host in &snapshot.hosts {
        render_host(&mut out, host);
        out.push('\n');
    }
    let problems: usize = snapshot
        .hosts
        .iter()
        .filter(|h| !host_problems(h).is_empty())
        .count();
    if healthy(snapshot) {
        let _ = writeln!(
            out,
            "Result: OK — {} host(s) activate every product",
            snapshot.hosts.len()
        );
    } else {
        let _ = writeln!(
            out,
            "Result: PROBLEM — {problems} of {} host(s) cannot serve every product",
            snapshot.hosts.len()
        );
    }
    out
}

fn render_domain(out: &mut String, domain: &DomainReport, first_host: Option<&HostReport>) {
    let _ = writeln!(out, "Domain {}", domain.name);
    for (server, lookup) in &domain.lookups {
        let _ = writeln!(
            out,
            "  SRV _vlmcs._tcp.{}. via {server}: {} ({} records, {:.1} ms){}",
            domain.name,
            lookup.status.as_label(),
            lookup.total_records,
            lookup.duration.as_secs_f64() * 1000.0,
            dns_hint(lookup.status)
        );
        for r in &lookup.records {
            let _ = writeln!(
                out,
                "    {}:{}  priority {} weight {}{}",
                r.target,
                r.port,
                r.priority,
                r.weight,
                if r.is_service_unavailable() {
                    "  (\".\": service declared unavailable)"
                } else {
                    ""
                }
            );
        }
    }
    if domain.hosts.is_empty() {
        let _ = writeln!(
            out,
            "  no KMS host published; trying {} as a host name",
            first_host
                .map(|h| format!("{}:{}", h.host, h.port))
                .unwrap_or_default()
        );
    }
}

fn dns_hint(status: LookupStatus) -> &'static str {
    match status {
        LookupStatus::Ok => "",
        LookupStatus::NxDomain | LookupStatus::NoData => {
            " — clients report 0x8007232B: no _vlmcs SRV record"
        }
        LookupStatus::ServFail | LookupStatus::Refused | LookupStatus::Timeout => {
            " — clients report 0x8007232A: DNS server failure"
        }
        LookupStatus::Error => "",
    }
}

/// KMS hosts refuse requests whose time is further than this from their clock
/// (`kms-protocol.md` §4.5).
const KMS_CLOCK_TOLERANCE_SECONDS: f64 = 4.0 * 3600.0;

/// A duration in seconds as humantime text, to the second.
fn seconds(value: f64) -> String {
    humantime::format_duration(Duration::from_secs(value.max(0.0).round() as u64)).to_string()
}

/// Why a host is not fully healthy, one line per problem.
fn host_problems(host: &HostReport) -> Vec<String> {
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

fn render_host(out: &mut String, host: &HostReport) {
    let _ = writeln!(out, "Host {}:{}", host.host, host.port);
    let addresses = &host.address_lookup.addresses;
    let _ = writeln!(
        out,
        "  DNS       {}",
        if addresses.is_empty() {
            format!(
                "no address ({}) — a stale SRV target; clients report 0x800706BA",
                host.address_lookup.status.as_label()
            )
        } else {
            addresses
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    if !addresses.is_empty() {
        let _ = writeln!(
            out,
            "  TCP       {} ({:.1} ms){}",
            host.connect.as_label(),
            host.connect_duration.as_secs_f64() * 1000.0,
            match host.connect {
                ConnectStatus::Refused => " — nothing listens on the port (service stopped?)",
                ConnectStatus::Timeout =>
                    " — packets dropped (firewall?); clients report 0xC004F074",
                _ => "",
            }
        );
    }
    match &host.kms.bind {
        Some(Ok(())) => {
            let _ = writeln!(out, "  RPC       bind ok");
        }
        Some(Err(e)) => {
            let _ = writeln!(
                out,
                "  RPC       bind failed: {e} — the port does not answer as a KMS host"
            );
        }
        None => {}
    }
    for a in &host.kms.activations {
        let version = a
            .version
            .map(|v| format!(" [V{}]", v.major()))
            .unwrap_or_default();
        let line = match &a.outcome {
            ActivationOutcome::Granted(r) => {
                let verdict = if r.current_count >= a.required_count {
                    "threshold met".to_owned()
                } else {
                    format!(
                        "BELOW THRESHOLD: clients report {}",
                        codes::describe(0xC004_F038)
                    )
                };
                format!(
                    "ok        count {}/{} {verdict}{version}",
                    r.current_count, a.required_count
                )
            }
            ActivationOutcome::Refused(h) => {
                format!("refused   {}{version}", codes::describe(h.0))
            }
            ActivationOutcome::Failed { status, detail, .. } => {
                format!("{:<9} {detail}", status.as_label())
            }
        };
        let _ = writeln!(out, "  {:<20} {line}", a.product);
    }
    for id in &host.kms.identities {
        let _ = writeln!(out, "  ePID      {} ({})", id.epid, id.application);
        match &id.decoded {
            Some(e) => {
                let _ = writeln!(
                    out,
                    "            host OS {} (build {}), host key {}, language {} ({}), key installed day {} of {}",
                    e.host_os().unwrap_or("unknown"),
                    e.build,
                    e.csvlk()
                        .map(|c| format!("{c} CSVLK"))
                        .unwrap_or_else(|| "unknown".into()),
                    e.lcid_name().unwrap_or("unknown"),
                    e.lcid,
                    e.activation_day,
                    e.activation_year
                );
            }
            None => {
                let _ = writeln!(out, "            (not a well-formed ePID)");
            }
        }
        if id.hwid.is_some() {
            let _ = writeln!(out, "  HwId      {}", id.hwid_hex());
        }
    }
    if let Some((activation, renewal)) = host.kms.intervals {
        let _ = writeln!(
            out,
            "  Intervals activation {}, renewal {}",
            humantime::format_duration(Duration::from_secs(u64::from(activation) * 60)),
            humantime::format_duration(Duration::from_secs(u64::from(renewal) * 60))
        );
    }
    for reading in &host.clock {
        let method = reading.method.as_label();
        let line = match &reading.outcome {
            Ok(m) => {
                let margin = KMS_CLOCK_TOLERANCE_SECONDS - m.offset.abs();
                let position = if margin >= 0.0 {
                    format!("{} inside the 4-hour limit", seconds(margin))
                } else {
                    format!(
                        "OUTSIDE the 4-hour limit by {}: clients are refused with {}",
                        seconds(-margin),
                        codes::describe(0xC004_F06C)
                    )
                };
                format!(
                    "{method} {:+.3} s (rtt {:.1} ms), {position}",
                    m.offset,
                    m.rtt * 1000.0
                )
            }
            Err(failure) => format!("{method} not measured: {}", failure.detail),
        };
        let _ = writeln!(out, "  Clock     {line}");
    }
    if !host.kms.versions.is_empty() {
        let versions: Vec<String> = host
            .kms
            .versions
            .iter()
            .rev()
            .map(|(v, ok)| format!("V{} {}", v.major(), if *ok { "yes" } else { "no" }))
            .collect();
        let _ = writeln!(out, "  Versions  {}", versions.join(", "));
    }
    for problem in host_problems(host) {
        let _ = writeln!(out, "  PROBLEM   {problem}");
    }
}
