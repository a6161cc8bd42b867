//! One domain's discovery: the `_vlmcs._tcp` SRV lookup on every DNS server, and the hosts to
//! probe that follow from the answers and the configuration.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::future::join_all;
use tokio::time::Instant;

use super::memory::{DomainMemory, Published};
use crate::config::{Domain, StaticHost};
use crate::dns::{Dns, MAX_SRV_RECORDS};
use crate::snapshot::{self, DomainReport, SrvLookup};

/// Looks up `_vlmcs._tcp.<domain>.` on every resolver at once.
pub(crate) async fn probe_domain<D: Dns>(
    resolvers: &[Arc<D>],
    domain: &Domain,
    budget: Duration,
) -> DomainReport {
    let name = domain.srv_name();
    let lookups = resolvers.iter().map(|dns| {
        let name = name.clone();
        async move { (dns.label().to_owned(), dns.lookup_srv(&name, budget).await) }
    });
    let lookups = join_all(lookups).await;
    DomainReport {
        name: domain.name.clone(),
        hosts: published_hosts(&lookups),
        expected_hosts: domain.expected_hosts.clone(),
        products: domain.products.clone(),
        lookups,
        kept_from: None,
        kept_records: Vec::new(),
    }
}

/// Learns from a domain's lookups of this run: each server's last success; the hosts of an
/// authoritative answer (records, NXDOMAIN, NODATA), which always decides; and, while every
/// server fails without authority (timeout, SERVFAIL, REFUSED, a malformed answer), forgets the
/// last published hosts once they were kept for `keep_for`. Logs an oversized answer once.
pub(crate) fn remember(
    memory: &mut DomainMemory,
    report: &DomainReport,
    keep_for: Duration,
    now: Instant,
) {
    for (server, lookup) in &report.lookups {
        if let Some(at) = lookup.last_success {
            memory.last_success.insert(server.clone(), at);
        }
    }
    if !no_authority(report) {
        memory.published = (!report.hosts.is_empty()).then(|| Published {
            hosts: report.hosts.clone(),
            records: snapshot::client_lookup(report.lookups.iter().map(|(_, l)| l))
                .map(|lookup| lookup.records.clone())
                .unwrap_or_default(),
            at: now,
            wall: SystemTime::now(),
        });
    } else if memory
        .published
        .as_ref()
        .is_some_and(|published| now.saturating_duration_since(published.at) >= keep_for)
    {
        tracing::warn!(
            domain = %report.name,
            "no DNS server answered for the domain for dns.keep_last_answer ({}); its hosts are no longer probed",
            humantime::format_duration(keep_for)
        );
        memory.published = None;
    }
    log_oversized(report, memory);
}

/// Completes a domain's report from what earlier runs learned ([`remember`] first): each server's
/// last success when it did not answer with records now, and, while every server fails without
/// authority, the hosts of the last lookup that published any, as Windows clients keep using the
/// host they found.
pub(crate) fn recall(report: &mut DomainReport, memory: &DomainMemory) {
    for (server, lookup) in &mut report.lookups {
        if lookup.last_success.is_none() {
            lookup.last_success = memory.last_success.get(server).copied();
        }
    }
    if no_authority(report)
        && let Some(published) = &memory.published
    {
        report.hosts.clone_from(&published.hosts);
        report.kept_from = Some(published.wall);
        report.kept_records.clone_from(&published.records);
    }
}

/// Every server failed without authority: the answers say nothing about the records.
fn no_authority(report: &DomainReport) -> bool {
    report
        .lookups
        .iter()
        .all(|(_, lookup)| lookup.status.is_non_authoritative_failure())
}

/// One warning when a domain's answer starts to be capped or cut short, none while it stays so.
fn log_oversized(report: &DomainReport, memory: &mut DomainMemory) {
    let oversized = report
        .lookups
        .iter()
        .find(|(_, l)| l.truncated || l.total_records > MAX_SRV_RECORDS);
    match oversized {
        Some((server, lookup)) if !memory.oversized_logged => {
            tracing::warn!(
                domain = %report.name,
                nameserver = %server,
                records = lookup.total_records,
                truncated = lookup.truncated,
                "SRV answer oversized: following the first {MAX_SRV_RECORDS} records{}",
                if lookup.truncated {
                    " of what arrived (the answer was cut short)"
                } else {
                    ""
                }
            );
            memory.oversized_logged = true;
        }
        Some(_) => {}
        None => memory.oversized_logged = false,
    }
}

/// The report of a domain whose lookups did not finish (their task failed).
pub(crate) fn lookups_failed(domain: &Domain) -> DomainReport {
    DomainReport {
        name: domain.name.clone(),
        lookups: Vec::new(),
        expected_hosts: domain.expected_hosts.clone(),
        products: domain.products.clone(),
        hosts: Vec::new(),
        kept_from: None,
        kept_records: Vec::new(),
    }
}

/// Distinct `(host, port)` published by any server; the "." target is not a host.
fn published_hosts(lookups: &[(String, SrvLookup)]) -> Vec<(String, u16)> {
    snapshot::published_hosts(lookups.iter().map(|(_, lookup)| lookup))
}

/// A host to probe in a run: SRV targets and static hosts merged by `host:port`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HostTarget {
    pub host: String,
    pub port: u16,
    /// Union of the products of every domain or `hosts:` entry naming this host.
    pub products: Vec<String>,
    /// Domains publishing this host.
    pub domains: Vec<String>,
}

/// Merges the hosts the domains publish with the static hosts, sorted by `(host, port)`.
/// `domains` and `reports` correspond one to one.
pub(crate) fn host_targets(
    domains: &[Domain],
    reports: &[DomainReport],
    hosts: &[StaticHost],
) -> Vec<HostTarget> {
    let mut targets: BTreeMap<(String, u16), HostTarget> = BTreeMap::new();
    let mut add = |host: &str, port: u16, products: &[String], domain: Option<&str>| {
        let target = targets
            .entry((host.to_owned(), port))
            .or_insert_with(|| HostTarget {
                host: host.to_owned(),
                port,
                products: Vec::new(),
                domains: Vec::new(),
            });
        for p in products {
            if !target.products.contains(p) {
                target.products.push(p.clone());
            }
        }
        if let Some(d) = domain
            && !target.domains.iter().any(|x| x == d)
        {
            target.domains.push(d.to_owned());
        }
    };
    for (domain, report) in domains.iter().zip(reports) {
        for (host, port) in &report.hosts {
            add(host, *port, &domain.products, Some(&domain.name));
        }
    }
    for host in hosts {
        add(&host.host, host.port, &host.products, None);
    }
    targets.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::snapshot::{LookupStatus, SrvRecord};
    use std::path::Path;

    fn lookup(records: &[(&str, u16)]) -> SrvLookup {
        SrvLookup {
            status: LookupStatus::Ok,
            records: records
                .iter()
                .map(|(t, p)| SrvRecord {
                    priority: 0,
                    weight: 0,
                    target: (*t).to_owned(),
                    port: *p,
                })
                .collect(),
            total_records: records.len(),
            truncated: false,
            duration: Duration::ZERO,
            detail: None,
            last_success: None,
        }
    }

    fn report(name: &str, lookups: Vec<(String, SrvLookup)>) -> DomainReport {
        DomainReport {
            name: name.into(),
            hosts: published_hosts(&lookups),
            expected_hosts: None,
            products: vec!["windows".into()],
            lookups,
            kept_from: None,
            kept_records: Vec::new(),
        }
    }

    #[test]
    fn hosts_are_merged_across_domains_servers_and_static_entries() {
        let config = Config::from_yaml(
            "domains:\n  - name: a.test\n  - name: b.test\n    products: [windows-server-2025]\n\
             hosts:\n  - address: kms1.a.test\n    products: [office-ltsc-2024]\n",
            Path::new("t.yml"),
        )
        .unwrap();
        let reports = vec![
            report(
                "a.test",
                vec![
                    (
                        "10.0.0.1:53".into(),
                        lookup(&[("kms1.a.test", 1688), (".", 0)]),
                    ),
                    ("10.0.0.2:53".into(), lookup(&[("kms1.a.test", 1688)])),
                ],
            ),
            report(
                "b.test",
                vec![("10.0.0.1:53".into(), lookup(&[("kms1.a.test", 1688)]))],
            ),
        ];
        let targets = host_targets(&config.domains, &reports, &config.hosts);
        assert_eq!(
            targets,
            vec![HostTarget {
                host: "kms1.a.test".into(),
                port: 1688,
                products: vec![
                    "windows".into(),
                    "windows-server-2025".into(),
                    "office-ltsc-2024".into()
                ],
                domains: vec!["a.test".into(), "b.test".into()],
            }]
        );
    }
}
