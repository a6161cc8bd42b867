//! The report of `kms_exporter probe TARGET`: a one-shot run's findings printed for a person
//! and summarised in the exit code (0 healthy, 1 problem) for scripts.
//!
//! The run itself is the same probe pipeline as the exporter's cycles, once, with fresh memory:
//! the activation requests it sends are real and are logged on the host like the exporter's.
//! The sentences come from [`findings`], as the landing page's do.

use std::fmt::Write as _;
use std::time::Duration;

use crate::kms;
use crate::render::clients;
use crate::render::findings::{self, healthy};
use crate::snapshot::{DomainReport, HostReport, Snapshot};

/// The report printed by `kms_exporter probe`.
pub fn render(snapshot: &Snapshot) -> String {
    let mut out = String::new();
    for domain in &snapshot.domains {
        render_domain(&mut out, snapshot, domain);
        out.push('\n');
    }
    for host in &snapshot.hosts {
        render_host(&mut out, host);
        out.push('\n');
    }
    let problems: usize = snapshot
        .hosts
        .iter()
        .filter(|h| !findings::problems(h).is_empty())
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

fn render_domain(out: &mut String, snapshot: &Snapshot, domain: &DomainReport) {
    let first_host = snapshot.hosts.first();
    let _ = writeln!(out, "Domain {}", domain.name);
    for (server, lookup) in &domain.lookups {
        let _ = writeln!(
            out,
            "  SRV {} via {server}: {}",
            kms::srv_name(&domain.name),
            findings::srv_lookup(lookup).text
        );
        for record in &lookup.records {
            let _ = writeln!(out, "    {}", findings::srv_record(record));
        }
    }
    if let Some(statement) = findings::kept_hosts(domain) {
        let _ = writeln!(out, "  {}", statement.text);
    }
    for result in clients::for_domain(snapshot, domain) {
        let _ = writeln!(out, "  Clients   {}", findings::clients(&result).text);
    }
    if let Some(statement) = findings::nothing_published(domain) {
        let _ = write!(out, "  {}", statement.text);
        if domain.hosts.is_empty()
            && let Some(host) = first_host
        {
            let _ = write!(out, "; trying {}:{} as a host name", host.host, host.port);
        }
        out.push('\n');
    }
}

fn render_host(out: &mut String, host: &HostReport) {
    let _ = writeln!(out, "Host {}:{}", host.host, host.port);
    let _ = writeln!(out, "  DNS       {}", findings::addresses(host).text);
    if let Some(tcp) = findings::tcp(host) {
        let _ = writeln!(out, "  TCP       {}", tcp.text);
    }
    for address in findings::failed_addresses(host) {
        let _ = writeln!(out, "            {}", address.text);
    }
    if let Some(bind) = findings::rpc_bind(host) {
        let _ = writeln!(out, "  RPC       {}", bind.text);
    }
    for a in &host.kms.activations {
        let line = findings::activation(a);
        let mut text = format!("  {:<20} {:<9}", line.product, line.state);
        if let Some((count, required)) = line.count {
            let _ = write!(text, " count {count}/{required}");
        }
        let _ = write!(text, " {}", line.verdict);
        if let Some(version) = line.version {
            let _ = write!(text, " [V{version}]");
        }
        let _ = writeln!(out, "{text}");
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
        let _ = writeln!(out, "  Clock     {}", findings::clock(reading).text);
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
    for problem in findings::problems(host) {
        let _ = writeln!(out, "  PROBLEM   {problem}");
    }
}
