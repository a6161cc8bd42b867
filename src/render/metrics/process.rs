//! The `process_*` families of the Prometheus client libraries, for `/metrics` only: names,
//! types and HELP texts as client_golang's process collector writes them, so that dashboards
//! and alerts written for any exporter work here too.

use super::text::{Out, Value};
use crate::process::ProcessStats;

/// Every family whose value could be read, in client_golang's order.
pub(super) fn encode(out: &mut Out, stats: &ProcessStats) {
    if let Some(seconds) = stats.cpu_seconds {
        let mut f = out.family(
            "process_cpu_seconds",
            "Total user and system CPU time spent in seconds.",
        );
        f.counter = true;
        f.standard = true;
        f.sample("", &[], Value::FloatCounter(seconds));
    }
    let gauges = [
        (
            "process_open_fds",
            "Number of open file descriptors.",
            stats.open_fds.map(|n| n as f64),
        ),
        (
            "process_max_fds",
            "Maximum number of open file descriptors.",
            stats.max_fds,
        ),
        (
            "process_virtual_memory_bytes",
            "Virtual memory size in bytes.",
            stats.virtual_memory_bytes.map(|n| n as f64),
        ),
        (
            "process_resident_memory_bytes",
            "Resident memory size in bytes.",
            stats.resident_memory_bytes.map(|n| n as f64),
        ),
        (
            "process_start_time_seconds",
            "Start time of the process since unix epoch in seconds.",
            stats.start_time_seconds,
        ),
    ];
    for (name, help, value) in gauges {
        if let Some(value) = value {
            let mut f = out.family(name, help);
            f.standard = true;
            f.gauge("", &[], value);
        }
    }
}
