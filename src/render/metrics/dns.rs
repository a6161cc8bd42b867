//! The DNS families: each domain's SRV lookups per server, and the hosts they publish.

use std::sync::LazyLock;

use super::text::{Out, b, prefix, unix_seconds};
use crate::kms::SRV_SERVICE;
use crate::snapshot::{LookupStatus, Snapshot, SrvLookup};

/// HELP of `kms_dns_srv_status`.
static SRV_STATUS_HELP: LazyLock<String> = LazyLock::new(|| {
    format!(
        "outcome of the {SRV_SERVICE} SRV lookup, one series per state with exactly one set to 1."
    )
});

/// `kms_dns_*` and `kms_domain_*`.
pub(super) fn encode(out: &mut Out, s: &Snapshot) {
    lookups(out, s);
    domains(out, s);
}

/// Each domain's SRV answer per server: `kms_dns_srv_*`.
fn lookups(out: &mut Out, s: &Snapshot) {
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
    let mut f = out.family("kms_dns_srv_status", &SRV_STATUS_HELP);
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
        "kms_dns_srv_last_success_timestamp_seconds",
        "when this DNS server last answered the SRV lookup with records; while every server fails without authority, the hosts of that answer are kept (dns.keep_last_answer).",
    );
    for (_, labels, lookup) in &lookups {
        if let Some(at) = lookup.last_success {
            f.gauge(labels, &[], unix_seconds(at));
        }
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
}

/// What the answers mean per domain: expected hosts and membership, `kms_dns_*expected*` and
/// `kms_domain_*`.
fn domains(out: &mut Out, s: &Snapshot) {
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
}
