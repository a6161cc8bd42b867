//! `kms_exporter probe TARGET`: a one-shot diagnosis of a domain or a host, printed for a
//! person and summarised in the exit code (0 healthy, 1 problem) for scripts.
//!
//! It runs the same probe sequence as the exporter's cycles, once, with fresh state: the
//! activation requests it sends are real and are logged on the host like the exporter's.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use crate::config::{Config, parse_host_port};
use crate::dns::LookupStatus;
use crate::kms::Product;
use crate::probe::activation::{ActivationOutcome, KmsState};
use crate::probe::{
    self, ConnectStatus, DomainProbe, HostProbe, HostProbeSettings, HostTarget, Network,
};

/// What one `probe` run found.
#[derive(Debug)]
pub struct Diagnosis {
    pub target: String,
    /// The SRV lookups, when the target was tried as a domain.
    pub domain: Option<DomainProbe>,
    pub hosts: Vec<(HostTarget, HostProbe)>,
}

/// What earlier `/probe` requests learned about each host, so that activation requests go out
/// at most every `activation_interval` however often Prometheus probes (design §5).
#[derive(Debug, Default)]
pub struct ProbeMemory {
    states: std::sync::Mutex<std::collections::HashMap<(String, u16), KmsState>>,
}

/// Hosts remembered at most; beyond it the memory starts again rather than grow without bound.
const PROBE_MEMORY_HOSTS: usize = 10_000;

impl ProbeMemory {
    fn take(&self, target: &HostTarget) -> KmsState {
        self.states
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&(target.host.clone(), target.port))
            .unwrap_or_default()
    }

    fn keep(&self, host: &HostProbe) {
        let mut states = self.states.lock().unwrap_or_else(|e| e.into_inner());
        if states.len() >= PROBE_MEMORY_HOSTS {
            states.clear();
        }
        states.insert((host.host.clone(), host.port), host.kms.clone());
    }
}

/// Probes `target` — a domain (its `_vlmcs._tcp` records) or `host[:port]` — for `products`.
/// Without `memory` every product is asked now (the one-shot `probe` command); with it, the
/// configured `activation_interval` applies.
pub async fn diagnose<N: Network>(
    net: &N,
    config: &Config,
    target: &str,
    products: &[Product],
    memory: Option<&ProbeMemory>,
) -> Result<Diagnosis, String> {
    let resolvers = net.resolvers(config);
    let names: Vec<String> = products.iter().map(|p| p.name.clone()).collect();
    let explicit_host = target.contains(':') || target.parse::<std::net::IpAddr>().is_ok();
    let (host, port) = parse_host_port(target, crate::config::KMS_PORT)?;

    let mut domain = None;
    let mut targets = Vec::new();
    if !explicit_host {
        let as_domain = crate::config::Domain {
            name: host.clone(),
            products: names.clone(),
            expected_hosts: None,
        };
        let probe = probe::probe_domain(&resolvers, &as_domain, config.timeout).await;
        for (host, port) in probe.published_hosts() {
            targets.push(HostTarget {
                host,
                port,
                products: names.clone(),
                domains: vec![probe.name.clone()],
            });
        }
        domain = Some(probe);
    }
    if targets.is_empty() {
        // Not a domain with KMS records: treat the name as a host, as `slmgr /skms` would.
        targets.push(HostTarget {
            host,
            port,
            products: names,
            domains: Vec::new(),
        });
    }

    let settings = HostProbeSettings {
        activation_interval: match memory {
            Some(_) => config.activation_interval,
            None => Duration::ZERO,
        },
        ..HostProbeSettings::from_config(config)
    };
    let resolvers = Arc::new(resolvers);
    let probes = futures_util::future::join_all(targets.iter().map(|t| {
        let state = memory.map(|m| m.take(t)).unwrap_or_default();
        probe::probe_host(net, &resolvers, t, products, &settings, state)
    }))
    .await;
    if let Some(memory) = memory {
        for probe in &probes {
            memory.keep(probe);
        }
    }
    Ok(Diagnosis {
        target: target.to_owned(),
        domain,
        hosts: targets.into_iter().zip(probes).collect(),
    })
}

impl Diagnosis {
    /// The findings as a snapshot, for rendering as metrics (`/probe`).
    pub fn snapshot(&self) -> crate::snapshot::Snapshot {
        use crate::snapshot::{DomainReport, HostReport, Snapshot};
        let mut hosts: Vec<HostReport> = self
            .hosts
            .iter()
            .map(|(target, probe)| HostReport {
                target: target.clone(),
                probe: probe.clone(),
            })
            .collect();
        hosts.sort_by(|a, b| (&a.probe.host, a.probe.port).cmp(&(&b.probe.host, b.probe.port)));
        Snapshot {
            domains: self
                .domain
                .iter()
                .map(|d| DomainReport {
                    hosts: d.published_hosts(),
                    expected_hosts: None,
                    probe: d.clone(),
                })
                .collect(),
            hosts,
            ..Snapshot::default()
        }
    }

    /// Every host activates every product with a count at its threshold.
    pub fn healthy(&self) -> bool {
        !self.hosts.is_empty() && self.hosts.iter().all(|(_, h)| host_problems(h).is_empty())
    }

    /// The report printed by `kms_exporter probe`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if let Some(domain) = &self.domain {
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
            if domain.published_hosts().is_empty() {
                let _ = writeln!(
                    out,
                    "  no KMS host published; trying {} as a host name",
                    self.hosts
                        .first()
                        .map(|(t, _)| format!("{}:{}", t.host, t.port))
                        .unwrap_or_default()
                );
            }
            out.push('\n');
        }
        for (target, host) in &self.hosts {
            render_host(&mut out, target, host);
            out.push('\n');
        }
        let problems: usize = self
            .hosts
            .iter()
            .filter(|(_, h)| !host_problems(h).is_empty())
            .count();
        if self.healthy() {
            let _ = writeln!(
                out,
                "Result: OK — {} host(s) activate every product",
                self.hosts.len()
            );
        } else {
            let _ = writeln!(
                out,
                "Result: PROBLEM — {problems} of {} host(s) cannot serve every product",
                self.hosts.len()
            );
        }
        out
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
fn host_problems(host: &HostProbe) -> Vec<String> {
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

/// `0xC004F042 SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH` or just the hex code.
pub fn describe_hresult(code: u32) -> String {
    match crate::kms::Hresult(code).name() {
        Some(name) => format!("0x{code:08X} {name}"),
        None => format!("0x{code:08X}"),
    }
}

fn render_host(out: &mut String, target: &HostTarget, host: &HostProbe) {
    let _ = writeln!(out, "Host {}:{}", target.host, target.port);
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
                        describe_hresult(0xC004_F038)
                    )
                };
                format!(
                    "ok        count {}/{} {verdict}{version}",
                    r.current_count, a.required_count
                )
            }
            ActivationOutcome::Refused(h) => {
                format!("refused   {}{version}", describe_hresult(h.0))
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
                        describe_hresult(0xC004_F06C)
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
