//! The exporter's own resource use, read from Linux's `/proc` for the `process_*` families that
//! every Prometheus client library exports, with their names and meanings (client_golang's
//! process collector, which reads the same files).
//!
//! Reading is one small function per file; parsing is pure, on the files' text, so it is unit
//! tested with captured contents. A file that cannot be read or parsed (another OS, a kernel
//! that hides it) leaves its values out: the exporter never fails a scrape over them.

use std::path::Path;

/// Clock ticks per second in `/proc` (`USER_HZ`): 100 on every Linux architecture this is built
/// for. It is part of the kernel's user-space ABI, fixed whatever the kernel's internal `HZ`;
/// client_golang's procfs assumes the same value.
const USER_HZ: f64 = 100.0;

/// One reading of the process's resource use; `None` where the value could not be read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProcessStats {
    /// User plus system CPU time, in seconds (`process_cpu_seconds_total`).
    pub cpu_seconds: Option<f64>,
    /// Resident set size in bytes (`process_resident_memory_bytes`).
    pub resident_memory_bytes: Option<u64>,
    /// Virtual memory size in bytes (`process_virtual_memory_bytes`).
    pub virtual_memory_bytes: Option<u64>,
    /// Open file descriptors (`process_open_fds`).
    pub open_fds: Option<u64>,
    /// The soft limit on open file descriptors; infinite when unlimited (`process_max_fds`).
    pub max_fds: Option<f64>,
    /// Start of the process, seconds since the Unix epoch (`process_start_time_seconds`).
    pub start_time_seconds: Option<f64>,
}

impl ProcessStats {
    /// Reads the current values of this process.
    pub fn read() -> Self {
        let read = |path: &str| std::fs::read_to_string(path).ok();
        let stat = read("/proc/self/stat").as_deref().and_then(parse_stat);
        let boot_time = read("/proc/stat").as_deref().and_then(parse_boot_time);
        Self {
            cpu_seconds: stat.as_ref().map(|s| (s.utime + s.stime) as f64 / USER_HZ),
            resident_memory_bytes: read("/proc/self/status")
                .as_deref()
                .and_then(parse_resident_bytes),
            virtual_memory_bytes: stat.as_ref().map(|s| s.vsize),
            open_fds: count_entries(Path::new("/proc/self/fd")),
            max_fds: read("/proc/self/limits")
                .as_deref()
                .and_then(parse_max_open_files),
            start_time_seconds: stat
                .zip(boot_time)
                .map(|(s, boot)| boot as f64 + s.starttime as f64 / USER_HZ),
        }
    }
}

/// The fields of `/proc/self/stat` used here (proc(5) numbering in brackets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stat {
    /// [14] user-mode CPU time, in clock ticks.
    utime: u64,
    /// [15] kernel-mode CPU time, in clock ticks.
    stime: u64,
    /// [22] start time after boot, in clock ticks.
    starttime: u64,
    /// [23] virtual memory size, in bytes.
    vsize: u64,
}

/// Parses `/proc/PID/stat`. The command name (field 2) is in parentheses and may itself hold
/// spaces and parentheses, so the fields are counted from the last `)`.
fn parse_stat(text: &str) -> Option<Stat> {
    let (_, rest) = text.rsplit_once(')')?;
    // `rest` starts at field 3 (state).
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |n: usize| -> Option<u64> { fields.get(n.checked_sub(3)?)?.parse().ok() };
    Some(Stat {
        utime: field(14)?,
        stime: field(15)?,
        starttime: field(22)?,
        vsize: field(23)?,
    })
}

/// `btime` of `/proc/stat`: the boot time, seconds since the Unix epoch.
fn parse_boot_time(text: &str) -> Option<u64> {
    text.lines()
        .find_map(|line| line.strip_prefix("btime "))
        .and_then(|value| value.trim().parse().ok())
}

/// `VmRSS` of `/proc/PID/status` in bytes: the resident set, as `rss` of the stat file times
/// the page size, without needing the page size.
fn parse_resident_bytes(text: &str) -> Option<u64> {
    let value = text.lines().find_map(|line| line.strip_prefix("VmRSS:"))?;
    let kib: u64 = value.trim().strip_suffix("kB")?.trim().parse().ok()?;
    kib.checked_mul(1024)
}

/// The soft limit of the `Max open files` line of `/proc/PID/limits`.
fn parse_max_open_files(text: &str) -> Option<f64> {
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    let soft = line
        .strip_prefix("Max open files")?
        .split_whitespace()
        .next()?;
    if soft == "unlimited" {
        return Some(f64::INFINITY);
    }
    soft.parse::<u64>().ok().map(|n| n as f64)
}

/// Entries of a directory: the open descriptors in `/proc/self/fd`, counting the one that
/// reads it, as client_golang does.
fn count_entries(dir: &Path) -> Option<u64> {
    let entries = std::fs::read_dir(dir).ok()?;
    Some(entries.filter(|e| e.is_ok()).count() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of `/proc/self/stat` whose command name holds a space and a parenthesis.
    const STAT: &str = "4242 (kms) exporter) S 1 4242 4242 0 -1 4194560 2675 0 0 0 \
                        731 219 0 0 20 0 5 0 123456 1270444032 6210 18446744073709551615 1 1 0 0 \
                        0 0 0 4096 17920 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    #[test]
    fn stat_fields_are_counted_from_the_last_parenthesis() {
        assert_eq!(
            parse_stat(STAT),
            Some(Stat {
                utime: 731,
                stime: 219,
                starttime: 123456,
                vsize: 1270444032,
            })
        );
        assert_eq!(parse_stat("4242 (kms) S 1 2 3"), None);
        assert_eq!(parse_stat("no parenthesis at all"), None);
        assert_eq!(parse_stat(""), None);
    }

    #[test]
    fn boot_time_and_resident_memory_come_from_their_lines() {
        let proc_stat = "cpu  1 2 3 4\nintr 5\nctxt 6\nbtime 1733000000\nprocesses 7\n";
        assert_eq!(parse_boot_time(proc_stat), Some(1_733_000_000));
        assert_eq!(parse_boot_time("cpu 1 2 3\n"), None);
        let status =
            "Name:\tkms_exporter\nVmSize:\t 1240668 kB\nVmRSS:\t   24840 kB\nThreads:\t5\n";
        assert_eq!(parse_resident_bytes(status), Some(24840 * 1024));
        assert_eq!(parse_resident_bytes("VmRSS:\t 12 pages\n"), None);
        assert_eq!(parse_resident_bytes("Name:\tkthreadd\n"), None);
    }

    #[test]
    fn the_max_open_files_is_the_soft_limit() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units     \n\
                      Max processes             95232                95232                processes \n\
                      Max open files            1024                 524288               files     \n";
        assert_eq!(parse_max_open_files(limits), Some(1024.0));
        let unlimited =
            "Max open files            unlimited            unlimited            files     \n";
        assert_eq!(parse_max_open_files(unlimited), Some(f64::INFINITY));
        assert_eq!(parse_max_open_files("Max processes 1 1 processes\n"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_reads_every_value() {
        let stats = ProcessStats::read();
        let start = stats.start_time_seconds.expect("start time");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        // Started before now, and not before 2020.
        assert!(
            start <= now + 1.0 && start > 1_577_836_800.0,
            "{start} vs {now}"
        );
        assert!(stats.cpu_seconds.expect("cpu") >= 0.0);
        let rss = stats.resident_memory_bytes.expect("rss");
        let vsize = stats.virtual_memory_bytes.expect("vsize");
        assert!(rss > 0 && rss <= vsize, "rss {rss}, vsize {vsize}");
        // At least the directory being read.
        let open = stats.open_fds.expect("fds");
        assert!(open >= 1, "{open}");
        assert!(stats.max_fds.expect("max fds") >= open as f64);
    }
}
