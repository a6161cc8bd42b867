//! The families that are not findings of a probe: the exporter's own (`/metrics`) and
//! blackbox_exporter's `probe_*` pair (`/probe`).

use std::time::Duration;

use super::text::{Out, Value, b, unix_seconds};
use super::{REVISION, RUSTC_VERSION, VERSION};
use crate::snapshot::{ExporterState, Snapshot};

/// `probe_success` and `probe_duration_seconds`, blackbox_exporter compatible.
pub(super) fn encode_probe(out: &mut Out, success: bool, duration: Duration) {
    out.family(
        "probe_success",
        "1 if every host of the target grants every product at its threshold (blackbox_exporter compatible).",
    )
    .gauge("", &[], b(success));
    out.family(
        "probe_duration_seconds",
        "time taken by the probe (blackbox_exporter compatible).",
    )
    .gauge("", &[], duration.as_secs_f64());
}

/// The exporter's own families, for `/metrics` only.
pub(super) fn encode(out: &mut Out, s: &Snapshot, state: &ExporterState) {
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
    // The intervals of the configuration this cycle ran with, not of the one loaded since: a
    // staleness rule then compares the cycle's age with the interval that paced it.
    if let Some(cadence) = s.settings.as_ref().map(|settings| settings.cadence) {
        out.family(
            "kms_exporter_probe_interval_seconds",
            "the configured interval between probe cycles; staleness rules compare the last cycle's age with it.",
        )
        .gauge("", &[], cadence.interval.as_secs_f64());
        out.family(
            "kms_exporter_activation_interval_seconds",
            "the configured interval between activation requests to each host and product.",
        )
        .gauge("", &[], cadence.activation_interval.as_secs_f64());
    }
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
