//! The host clock families, per host name (a host listed with two ports has one clock).

use std::sync::LazyLock;

use super::text::{HostLabels, Out, b};
use crate::clock::ClockMethod;
use crate::snapshot::Snapshot;

/// HELP of `kms_host_clock_probe_success`: each method with the port it reads by default.
static CLOCK_PROBE_SUCCESS_HELP: LazyLock<String> = LazyLock::new(|| {
    let methods: Vec<String> = ClockMethod::ALL
        .iter()
        .map(|m| format!("{}: {}", m.as_label(), m.transport()))
        .collect();
    format!(
        "1 if the host's clock could be read with this method ({}).",
        methods.join(", ")
    )
});

/// `kms_host_clock_*`.
pub(super) fn encode(out: &mut Out, s: &Snapshot, labels: &[HostLabels]) {
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
    let mut f = out.family("kms_host_clock_probe_success", &CLOCK_PROBE_SUCCESS_HELP);
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
}
