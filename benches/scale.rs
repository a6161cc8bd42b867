//! Scale harness for the budgets of docs/architecture.md §9 (figures in docs/performance.md):
//!
//! ```sh
//! cargo bench --bench scale                       # 1,000 and 10,000 hosts, 1% black-holed
//! cargo bench --bench scale -- --hosts 1000,10000 --runs 3
//! ```
//!
//! For each host count N it stages, on loopback only: a DNS double publishing `_vlmcs._tcp`
//! SRV records for N/10 domains (10 records each) and an A record per host; one KMS host double
//! and one SNTP double serving every host on 127.0.0.1; and a black hole on 127.0.0.2 (a listener
//! whose accept queue is full, so SYNs are dropped) behind the black-holed share of the hosts.
//! Every host has its own name, so the exporter sees N distinct `host:port` keys.
//!
//! It then runs the real `kms_exporter` binary as its own process, so that the CPU time
//! (sum of its threads' `/proc/<pid>/task/*/schedstat`, nanoseconds) and the peak RSS
//! (`VmHWM`) are the exporter's alone, and reports: the first cycle (which also sends an
//! activation request per product) and the median of the later cycles (RPC bind only), CPU per
//! host probe for both, peak RSS, and `/metrics` latency under concurrent keep-alive scrapers.
//!
//! Side by side, in the same run, Debian's `prometheus-blackbox-exporter` does the DNS and TCP
//! part of the same work — one SRV lookup per domain (dns prober against the DNS double) and one
//! TCP connect per host (tcp prober) — driven the way Prometheus drives it (`/probe` requests,
//! as concurrently as the exporter probes); its CPU per host is measured the same way.
//!
//! Nothing here sends a packet outside 127.0.0.0/8: the exporter gets an empty resolv.conf and
//! only the DNS double as `dns.servers`, every address published is 127.0.0.1 or 127.0.0.2, and
//! blackbox_exporter is given IP literals only, so it never consults the system resolver.
//! Every loop is bounded in time; every process started is killed by its id at the end.
#![allow(clippy::disallowed_types, clippy::disallowed_methods)] // a harness timing real work, with std's clock

use std::fmt::Write as _;
use std::io::{self, BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use kms_exporter::kms::{SRV_SERVICE, srv_name};
use kms_exporter_testkit::{dns, kms_host, net, sntp};

#[path = "scale/floor.rs"]
mod floor;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const HOSTS_PER_DOMAIN: usize = 10;
const PRODUCTS: &str = "[windows, office-ltsc-2024, windows-server-2025]";
const BLACKBOX: &str = "/usr/bin/prometheus-blackbox-exporter";
/// What Prometheus 2.x/3.x sends, so the exporter answers in OpenMetrics as it would in production.
const PROMETHEUS_ACCEPT: &str = "application/openmetrics-text;version=1.0.0;q=0.5,\
    application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.1";

#[derive(Clone, Debug)]
struct Options {
    hosts: Vec<usize>,
    black_holed: f64,
    runs: usize,
    cycles: usize,
    concurrency: usize,
    timeout: Duration,
    interval: Option<Duration>,
    scrapers: usize,
    scrape_for: Duration,
    blackbox: bool,
    activation: ActivationMode,
    floor: bool,
}

/// Which cycles send the activation requests (`--activation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ActivationMode {
    /// Cycle 1 only (`activation_interval: 1h`), as in production.
    First,
    /// Cycles 1, 3, 5, … (`activation_interval` 1.5 × `interval`): bind-only and full cycles
    /// alternate in one process, so both are measured in the same run.
    Alternate,
    /// Every cycle (`activation_interval: 1ms`).
    Every,
}

impl ActivationMode {
    fn activation_interval(self, interval: Duration) -> Duration {
        match self {
            Self::First => Duration::from_secs(3600),
            Self::Alternate => interval * 3 / 2,
            Self::Every => Duration::from_millis(1),
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Self {
            hosts: vec![1_000, 10_000],
            black_holed: 0.01,
            runs: 1,
            cycles: 5,
            concurrency: 128,
            timeout: Duration::from_secs(3),
            interval: None,
            scrapers: 4,
            scrape_for: Duration::from_secs(5),
            blackbox: true,
            activation: ActivationMode::Alternate,
            floor: true,
        }
    }
}

const USAGE: &str = "usage: cargo bench --bench scale -- [--hosts 1000,10000] [--black-holed 0.01] \
[--runs 1] [--cycles 5] [--concurrency 128] [--timeout 3s] [--interval auto] [--scrapers 4] \
[--scrape-for 5s] [--activation alternate|first|every] [--no-blackbox] [--no-floor]";

fn parse_args() -> Options {
    let mut options = Options::default();
    let mut args = std::env::args().skip(1).peekable();
    while let Some(arg) = args.next() {
        // `cargo bench` passes --bench to harness = false targets.
        if arg == "--bench" {
            continue;
        }
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .unwrap_or_else(|| fail(&format!("{key} needs a value")))
        };
        match key.as_str() {
            "--hosts" => {
                options.hosts = value()
                    .split(',')
                    .map(|n| {
                        n.trim()
                            .replace('_', "")
                            .parse()
                            .unwrap_or_else(|_| fail("bad --hosts"))
                    })
                    .collect();
            }
            "--black-holed" => {
                options.black_holed = value()
                    .parse()
                    .unwrap_or_else(|_| fail("bad --black-holed"));
                if !(0.0..=1.0).contains(&options.black_holed) {
                    fail("--black-holed is a share between 0 and 1");
                }
            }
            "--runs" => options.runs = value().parse().unwrap_or_else(|_| fail("bad --runs")),
            "--cycles" => {
                options.cycles = value().parse().unwrap_or_else(|_| fail("bad --cycles"));
                if options.cycles < 2 {
                    fail("--cycles must be at least 2");
                }
            }
            "--concurrency" => {
                options.concurrency = value()
                    .parse()
                    .unwrap_or_else(|_| fail("bad --concurrency"))
            }
            "--timeout" => options.timeout = duration(&value()),
            "--interval" => {
                let v = value();
                options.interval = (v != "auto").then(|| duration(&v));
            }
            "--scrapers" => {
                options.scrapers = value().parse().unwrap_or_else(|_| fail("bad --scrapers"))
            }
            "--scrape-for" => options.scrape_for = duration(&value()),
            "--no-blackbox" => options.blackbox = false,
            "--no-floor" => options.floor = false,
            "--activation" => {
                options.activation = match value().as_str() {
                    "first" => ActivationMode::First,
                    "alternate" => ActivationMode::Alternate,
                    "every" => ActivationMode::Every,
                    _ => fail("--activation is first, alternate or every"),
                }
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }
    options.runs = options.runs.max(1);
    options
}

fn duration(text: &str) -> Duration {
    humantime::parse_duration(text).unwrap_or_else(|_| fail(&format!("bad duration {text}")))
}

fn fail(message: &str) -> ! {
    eprintln!("{message}\n{USAGE}");
    std::process::exit(2);
}

/// CPU time of a process in nanoseconds: the sum of its threads' time on CPU
/// (`/proc/<pid>/task/*/schedstat`), which is exact where `utime`/`stime` count 10 ms ticks.
/// Falls back to the ticks when schedstat is not available.
fn cpu_ns(pid: u32) -> u64 {
    let mut total = 0u64;
    let mut any = false;
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for task in tasks.flatten() {
            let path = task.path().join("schedstat");
            if let Some(ns) = std::fs::read_to_string(path)
                .ok()
                .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
            {
                total += ns;
                any = true;
            }
        }
    }
    let ticks = stat_ticks(pid).unwrap_or(0) * 10_000_000;
    // Threads that exited are gone from task/ but counted in stat: keep the larger.
    if any { total.max(ticks) } else { ticks }
}

/// utime + stime of `/proc/<pid>/stat` in clock ticks (100 per second on Linux).
fn stat_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the ")" that ends the command name; utime and stime are fields 14 and 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// A `/proc/<pid>/status` field in kB.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| {
        line.strip_prefix(field)?
            .strip_prefix(':')?
            .trim()
            .strip_suffix("kB")?
            .trim()
            .parse()
            .ok()
    })
}

fn median(values: &[f64]) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Whether host `i` of `n` is black-holed: `round(n × share)` hosts spread evenly.
fn black_holed(i: usize, n: usize, count: usize) -> bool {
    count > 0 && (i * count) / n != ((i + 1) * count) / n
}

fn host_name(i: usize) -> String {
    format!("kms{i:05}.d{:04}.bench.test", i / HOSTS_PER_DOMAIN)
}

fn domain_name(d: usize) -> String {
    format!("d{d:04}.bench.test")
}

/// The loopback world one run probes.
struct World {
    dns: dns::DnsDouble,
    kms: kms_host::KmsHostDouble,
    sntp: sntp::SntpDouble,
    black_hole: net::BlackHole,
    hosts: usize,
    domains: usize,
    black_holed: usize,
}

/// A DNS double with its TCP listener. Ten SRV records do not fit the double's 512-byte UDP
/// answers (it sends no EDNS), so the exporter retries those lookups over TCP on the same port;
/// the double binds TCP only if that port is free for TCP too (a recent run's connections in
/// TIME_WAIT may hold it), and without it every SRV lookup fails as "truncated". Bounded retries.
async fn dns_double_with_tcp() -> dns::DnsDouble {
    for _ in 0..20 {
        let dns = dns::DnsDouble::start().await;
        if TcpStream::connect(dns.address).await.is_ok() {
            return dns;
        }
    }
    panic!("no DNS double with a TCP listener after 20 tries");
}

async fn stage(n: usize, share: f64) -> World {
    let dns = dns_double_with_tcp().await;
    let kms = kms_host::KmsHostDouble::start(kms_host::Behaviour::default()).await;
    let sntp = sntp::SntpDouble::start(0.25, sntp::SntpBehaviour::Answer).await;
    let black_hole = net::black_hole_on("127.0.0.2:0".parse().expect("loopback")).await;
    let count = (n as f64 * share).round() as usize;
    let domains = n.div_ceil(HOSTS_PER_DOMAIN);
    for d in 0..domains {
        let members = d * HOSTS_PER_DOMAIN..((d + 1) * HOSTS_PER_DOMAIN).min(n);
        let names: Vec<(String, bool)> = members
            .map(|i| (format!("{}.", host_name(i)), black_holed(i, n, count)))
            .collect();
        let records: Vec<(u16, u16, u16, &str)> = names
            .iter()
            .map(|(name, holed)| {
                let port = if *holed {
                    black_hole.address.port()
                } else {
                    kms.addr().port()
                };
                (0, 100, port, name.as_str())
            })
            .collect();
        dns.set(&srv_name(&domain_name(d)), dns::Answer::srv(&records));
        for (name, holed) in &names {
            let address = if *holed { "127.0.0.2" } else { "127.0.0.1" };
            dns.set(name, dns::Answer::addresses(&[address]));
        }
    }
    World {
        dns,
        kms,
        sntp,
        black_hole,
        hosts: n,
        domains,
        black_holed: count,
    }
}

/// One run's figures.
#[derive(Clone, Debug, Default)]
struct RunResult {
    hosts: usize,
    black_holed: usize,
    interval: Duration,
    first_cycle: f64,
    later_cycles: Vec<f64>,
    /// µs of exporter CPU per host, first cycle (from process start: includes start-up).
    first_cpu_per_host_us: f64,
    /// µs per host for each later bind-only cycle (CPU between two cycle ends).
    later_cpu_per_host_us: Vec<f64>,
    /// µs per host for each later cycle that sent the activation requests.
    activation_cpu_per_host_us: Vec<f64>,
    /// KMS requests the double received per reachable host in each activation cycle.
    requests_per_host: Vec<f64>,
    /// The floor client's CPU per probe against the same doubles, measured after the exporter.
    floor: Option<floor::Floor>,
    rss_after_cycles_mib: f64,
    /// `VmHWM` before the scrapes: the peak of the probe cycles alone.
    peak_rss_cycles_mib: f64,
    peak_rss_mib: f64,
    scrapes: usize,
    scrape_errors: usize,
    scrape_p50_ms: f64,
    scrape_p99_ms: f64,
    scrape_bytes: usize,
    hosts_up: usize,
    activations_ok: usize,
    /// `kms_dns_srv_status` states set to 1, with their counts, from the last scrape.
    srv_statuses: Vec<(String, usize)>,
    /// SNTP datagrams the double received, per reachable host and cycle.
    sntp_per_host_cycle: f64,
    exporter_warnings: Vec<String>,
    blackbox: Option<BlackboxResult>,
}

#[derive(Clone, Debug, Default)]
struct BlackboxResult {
    /// µs of blackbox_exporter CPU per host for each pass (SRV probes + TCP probes) ÷ hosts.
    cpu_per_host_us: Vec<f64>,
    /// µs per probe (SRV and TCP probes together) for each pass.
    cpu_per_probe_us: Vec<f64>,
    pass_seconds: Vec<f64>,
    successes: usize,
    probes: usize,
}

enum Event {
    Listening(SocketAddr),
    Cycle { cpu_ns: u64, duration: f64 },
    Warning(String),
}

/// The exporter as a child process; killed (by its pid) when dropped.
struct ExporterProcess {
    child: Child,
    events: mpsc::Receiver<Event>,
}

impl Drop for ExporterProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn_exporter(config: &Path, resolv_conf: &Path) -> ExporterProcess {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kms_exporter"))
        .arg(format!("--config.file={}", config.display()))
        .arg(format!("--dns.resolv-conf={}", resolv_conf.display()))
        .arg("--web.listen-address=127.0.0.1:0")
        .arg("--log.level=info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start kms_exporter");
    let pid = child.id();
    let stderr = child.stderr.take().expect("piped stderr");
    let (tx, events) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let event = if line.contains("probe cycle completed") {
                // Read the CPU first: the line was written at the cycle's end.
                let cpu_ns = cpu_ns(pid);
                let duration = line
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("duration_seconds="))
                    .and_then(|v| v.trim_matches('"').parse().ok())
                    .unwrap_or(f64::NAN);
                Event::Cycle { cpu_ns, duration }
            } else if line.contains("msg=listening") {
                match line
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("address="))
                    .and_then(|a| a.trim_matches('"').parse().ok())
                {
                    Some(address) => Event::Listening(address),
                    None => continue,
                }
            } else if line.contains("level=warn") || line.contains("level=error") {
                Event::Warning(line)
            } else {
                continue;
            };
            if tx.send(event).is_err() {
                break;
            }
        }
    });
    ExporterProcess { child, events }
}

fn write_config(path: &Path, world: &World, options: &Options, interval: Duration) {
    let mut yaml = String::new();
    let _ = writeln!(yaml, "interval: {}", humantime::format_duration(interval));
    // `--activation`: cycle 1 only (the production pattern), every other cycle, or every cycle.
    let _ = writeln!(
        yaml,
        "activation_interval: {}",
        humantime::format_duration(options.activation.activation_interval(interval))
    );
    let _ = writeln!(
        yaml,
        "timeout: {}",
        humantime::format_duration(options.timeout)
    );
    let _ = writeln!(yaml, "concurrency: {}", options.concurrency);
    let _ = writeln!(yaml, "dns:\n  servers: [\"{}\"]", world.dns.address);
    let _ = writeln!(
        yaml,
        "clock:\n  methods: [ntp]\n  ntp_port: {}",
        world.sntp.addr().port()
    );
    let _ = writeln!(yaml, "domains:");
    for d in 0..world.domains {
        let _ = writeln!(
            yaml,
            "  - name: {}\n    products: {PRODUCTS}",
            domain_name(d)
        );
    }
    std::fs::write(path, yaml).expect("write config");
}

/// A minimal HTTP/1.1 keep-alive client, as a Prometheus scrape loop keeps its connection.
struct Http {
    address: SocketAddr,
    stream: Option<tokio::io::BufReader<TcpStream>>,
}

impl Http {
    fn new(address: SocketAddr) -> Self {
        Self {
            address,
            stream: None,
        }
    }

    /// GET `path`; returns the status and the body.
    async fn get(&mut self, path: &str, headers: &str) -> io::Result<(u16, Vec<u8>)> {
        let mut last = io::Error::other("not tried");
        for _ in 0..2 {
            if self.stream.is_none() {
                let stream = TcpStream::connect(self.address).await?;
                stream.set_nodelay(true)?;
                self.stream = Some(tokio::io::BufReader::new(stream));
            }
            let Some(stream) = self.stream.as_mut() else {
                continue;
            };
            let request = format!(
                "GET {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: kms-exporter-scale\r\n{headers}\r\n",
                self.address
            );
            let result = async {
                stream.get_mut().write_all(request.as_bytes()).await?;
                read_response(stream).await
            }
            .await;
            match result {
                Ok((status, body, keep)) => {
                    if !keep {
                        self.stream = None;
                    }
                    return Ok((status, body));
                }
                Err(e) => {
                    // A server may close an idle keep-alive connection: retry once on a new one.
                    self.stream = None;
                    last = e;
                }
            }
        }
        Err(last)
    }
}

async fn read_response(
    stream: &mut tokio::io::BufReader<TcpStream>,
) -> io::Result<(u16, Vec<u8>, bool)> {
    let mut line = String::new();
    if stream.read_line(&mut line).await? == 0 {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = None;
    let mut chunked = false;
    let mut keep = true;
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            continue;
        };
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        match name.as_str() {
            "content-length" => length = value.parse::<usize>().ok(),
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "connection" => keep = !value.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            stream.read_line(&mut line).await?;
            let size = usize::from_str_radix(line.trim(), 16)
                .map_err(|_| io::Error::other("bad chunk size"))?;
            let start = body.len();
            body.resize(start + size, 0);
            stream.read_exact(&mut body[start..]).await?;
            line.clear();
            stream.read_line(&mut line).await?;
            if size == 0 {
                break;
            }
        }
    } else if let Some(length) = length {
        body.resize(length, 0);
        stream.read_exact(&mut body).await?;
    } else {
        stream.read_to_end(&mut body).await?;
        keep = false;
    }
    Ok((status, body, keep))
}

/// Counts sample lines of `family` with the given label fragment and value.
fn count_samples(text: &str, family: &str, fragment: &str, value: &str) -> usize {
    text.lines()
        .filter(|l| {
            l.strip_prefix(family)
                .is_some_and(|rest| rest.starts_with('{'))
                && l.contains(fragment)
                && l.rsplit(' ').next() == Some(value)
        })
        .count()
}

fn auto_interval(options: &Options, n: usize) -> Duration {
    options.interval.unwrap_or_else(|| {
        // Long enough for a cycle with room to spare, short enough to see a few quickly.
        (options.timeout + Duration::from_secs(2)).max(Duration::from_millis(2_000 + n as u64))
    })
}

async fn run_exporter(world: &World, options: &Options, dir: &Path) -> RunResult {
    let n = world.hosts;
    let interval = auto_interval(options, n);
    let config = dir.join("kms_exporter.yml");
    let resolv_conf = dir.join("resolv.conf");
    std::fs::write(&resolv_conf, "").expect("write resolv.conf");
    write_config(&config, world, options, interval);

    let mut result = RunResult {
        hosts: n,
        black_holed: world.black_holed,
        interval,
        ..RunResult::default()
    };
    let exporter = spawn_exporter(&config, &resolv_conf);
    let pid = exporter.child.id();
    let limit = Instant::now() + interval * (options.cycles as u32 + 2) + Duration::from_secs(60);
    let mut address = None;
    // (CPU ns, duration, KMS requests the double had received) at each cycle's end.
    let mut cycles: Vec<(u64, f64, usize)> = Vec::new();
    while cycles.len() < options.cycles {
        let event = match exporter.events.try_recv() {
            Err(mpsc::TryRecvError::Empty) if Instant::now() < limit => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
            other => other,
        };
        match event {
            Ok(Event::Listening(a)) => address = Some(a),
            Ok(Event::Cycle { cpu_ns, duration }) => {
                println!(
                    "    cycle {}: {:.3} s, exporter CPU so far {:.3} s",
                    cycles.len() + 1,
                    duration,
                    cpu_ns as f64 / 1e9
                );
                cycles.push((cpu_ns, duration, world.kms.versions_seen().len()));
            }
            Ok(Event::Warning(line)) => {
                if result.exporter_warnings.len() < 5 {
                    result.exporter_warnings.push(line);
                }
            }
            Err(_) => panic!(
                "the exporter completed {} of {} cycles within the time limit",
                cycles.len(),
                options.cycles
            ),
        }
    }
    let address = address.expect("the exporter logs its listen address before a cycle ends");
    result.first_cycle = cycles[0].1;
    result.first_cpu_per_host_us = cycles[0].0 as f64 / 1e3 / n as f64;
    let reachable = (n - world.black_holed).max(1) as f64;
    for pair in cycles.windows(2) {
        result.later_cycles.push(pair[1].1);
        let cpu = (pair[1].0 - pair[0].0) as f64 / 1e3 / n as f64;
        // A cycle sent the activation requests if the double received at least one per
        // reachable host during it.
        let requests = (pair[1].2 - pair[0].2) as f64 / reachable;
        if requests >= 1.0 {
            result.activation_cpu_per_host_us.push(cpu);
            result.requests_per_host.push(requests);
        } else {
            result.later_cpu_per_host_us.push(cpu);
        }
    }
    result.rss_after_cycles_mib = status_kb(pid, "VmRSS").unwrap_or(0) as f64 / 1024.0;
    result.peak_rss_cycles_mib = status_kb(pid, "VmHWM").unwrap_or(0) as f64 / 1024.0;

    // Concurrent scrapers, each a keep-alive loop like Prometheus' scrape loop, for a bounded
    // time and a bounded count.
    let deadline = Instant::now() + options.scrape_for;
    let scrapers: Vec<_> = (0..options.scrapers.max(1))
        .map(|_| {
            tokio::spawn(async move {
                let mut http = Http::new(address);
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                let mut last_body = Vec::new();
                let headers = format!("Accept: {PROMETHEUS_ACCEPT}\r\n");
                while Instant::now() < deadline && latencies.len() + errors < 100_000 {
                    let started = Instant::now();
                    match http.get("/metrics", &headers).await {
                        Ok((200, body)) => {
                            latencies.push(started.elapsed());
                            last_body = body;
                        }
                        _ => errors += 1,
                    }
                }
                (latencies, errors, last_body)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut body = Vec::new();
    for scraper in scrapers {
        let (mut l, errors, b) = scraper.await.expect("scraper task");
        latencies.append(&mut l);
        result.scrape_errors += errors;
        if !b.is_empty() {
            body = b;
        }
    }
    latencies.sort();
    result.scrapes = latencies.len();
    result.scrape_p50_ms = percentile(&latencies, 50.0).as_secs_f64() * 1e3;
    result.scrape_p99_ms = percentile(&latencies, 99.0).as_secs_f64() * 1e3;
    result.scrape_bytes = body.len();
    let text = String::from_utf8_lossy(&body);
    result.hosts_up = count_samples(&text, "kms_host_up", "host=", "1");
    result.activations_ok = count_samples(&text, "kms_activation_status", "status=\"ok\"", "1");
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("kms_dns_srv_status{")
            && rest.ends_with(" 1")
            && let Some(status) = rest
                .split("status=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
        {
            match result.srv_statuses.iter_mut().find(|(s, _)| s == status) {
                Some((_, n)) => *n += 1,
                None => result.srv_statuses.push((status.to_owned(), 1)),
            }
        }
    }
    result.peak_rss_mib = status_kb(pid, "VmHWM").unwrap_or(0) as f64 / 1024.0;
    if result.hosts_up + world.black_holed < n
        && let Ok((_, page)) = Http::new(address).get("/", "").await
    {
        let page = String::from_utf8_lossy(&page);
        // The first rows that are not ok, with the exporter's detail, tags stripped.
        let rows: Vec<String> = page
            .split("<tr>")
            .filter(|row| row.contains("error") || row.contains("timeout"))
            .take(3)
            .map(|row| {
                row.split(['<', '>'])
                    .step_by(2)
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect();
        println!("    landing page: {rows:?}");
    }
    drop(exporter);
    // Cycles that ended during the scrapes are counted too: that is at most one more.
    result.sntp_per_host_cycle =
        world.sntp.requests() as f64 / ((n - world.black_holed) as f64 * options.cycles as f64);
    result
}

/// blackbox_exporter doing the DNS (SRV per domain) and TCP (per host) part of the same work.
async fn run_blackbox(world: &World, options: &Options, dir: &Path) -> Option<BlackboxResult> {
    if !options.blackbox {
        return None;
    }
    if !Path::new(BLACKBOX).exists() {
        println!("    {BLACKBOX} missing (apt-get install prometheus-blackbox-exporter): skipped");
        return None;
    }
    let timeout = humantime::format_duration(options.timeout).to_string();
    let mut yaml = String::from("modules:\n");
    let _ = writeln!(
        yaml,
        "  tcp:\n    prober: tcp\n    timeout: {timeout}\n    tcp:\n      preferred_ip_protocol: ip4\n      ip_protocol_fallback: false"
    );
    for d in 0..world.domains {
        let _ = writeln!(
            yaml,
            "  srv_{d}:\n    prober: dns\n    timeout: {timeout}\n    dns:\n      query_name: \"{SRV_SERVICE}.{}\"\n      query_type: SRV\n      transport_protocol: udp\n      preferred_ip_protocol: ip4\n      ip_protocol_fallback: false",
            domain_name(d)
        );
    }
    let config = dir.join("blackbox.yml");
    std::fs::write(&config, yaml).expect("write blackbox config");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free loopback port")
        .port();
    let address: SocketAddr = ([127, 0, 0, 1], port).into();
    let log = std::fs::File::create(dir.join("blackbox.log")).expect("blackbox log");
    let mut child = KillOnDrop(
        Command::new(BLACKBOX)
            .arg(format!("--config.file={}", config.display()))
            .arg(format!("--web.listen-address={address}"))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start blackbox_exporter"),
    );
    let pid = child.0.id();
    let ready_by = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok((200, _)) = Http::new(address).get("/-/healthy", "").await {
            break;
        }
        if Instant::now() > ready_by || child.0.try_wait().ok().flatten().is_some() {
            println!(
                "    blackbox_exporter did not start; see {}",
                dir.join("blackbox.log").display()
            );
            return None;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Every domain's SRV lookup and every host's TCP connect, as Prometheus would scrape them.
    let mut targets: Vec<String> = (0..world.domains)
        .map(|d| format!("/probe?module=srv_{d}&target={}", world.dns.address))
        .collect();
    let holed = world.black_holed;
    for i in 0..world.hosts {
        let target = if black_holed(i, world.hosts, holed) {
            world.black_hole.address
        } else {
            world.kms.addr()
        };
        targets.push(format!("/probe?module=tcp&target={target}"));
    }
    let targets = Arc::new(targets);
    let scrape_timeout = options.timeout.as_secs_f64() + 1.0;
    let mut result = BlackboxResult {
        probes: targets.len(),
        ..BlackboxResult::default()
    };
    // Two passes: the first warms blackbox_exporter up, as the exporter's first cycle does.
    for _pass in 0..2 {
        let next = Arc::new(AtomicUsize::new(0));
        let successes = Arc::new(AtomicUsize::new(0));
        let cpu_before = cpu_ns(pid);
        let started = Instant::now();
        let workers: Vec<_> = (0..options.concurrency.max(1))
            .map(|_| {
                let (next, successes, targets) = (next.clone(), successes.clone(), targets.clone());
                tokio::spawn(async move {
                    let mut http = Http::new(address);
                    let headers = format!(
                        "Accept: {PROMETHEUS_ACCEPT}\r\nX-Prometheus-Scrape-Timeout-Seconds: {scrape_timeout}\r\n"
                    );
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = targets.get(index) else {
                            break;
                        };
                        if let Ok((200, body)) = http.get(path, &headers).await
                            && body
                                .split(|&b| b == b'\n')
                                .any(|l| l == b"probe_success 1")
                        {
                            successes.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.await.expect("blackbox driver task");
        }
        let cpu = cpu_ns(pid) - cpu_before;
        result.pass_seconds.push(started.elapsed().as_secs_f64());
        result
            .cpu_per_host_us
            .push(cpu as f64 / 1e3 / world.hosts as f64);
        result
            .cpu_per_probe_us
            .push(cpu as f64 / 1e3 / targets.len() as f64);
        result.successes = successes.load(Ordering::Relaxed);
    }
    drop(child);
    Some(result)
}

/// The floor client (benches/scale/floor.rs) against the same doubles, on a thread of its own,
/// once the exporter is gone: every reachable host once per phase, 3 V6 requests per host in
/// the activation phase (one per product, as the exporter's full probe sends).
async fn run_floor(world: &World) -> floor::Floor {
    let n = world.hosts;
    let targets = floor::Targets {
        dns: world.dns.address,
        kms_port: world.kms.addr().port(),
        sntp: world.sntp.addr(),
        names: (0..n)
            .filter(|&i| !black_holed(i, n, world.black_holed))
            .map(|i| format!("{}.", host_name(i)))
            .collect(),
    };
    tokio::task::spawn_blocking(move || floor::measure(targets, 3))
        .await
        .unwrap_or_default()
}

struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn scale_run(n: usize, options: &Options) -> RunResult {
    let dir = tempfile::tempdir().expect("temporary directory");
    let world = stage(n, options.black_holed).await;
    println!(
        "  {n} hosts behind {} domains, {} black-holed; DNS {} KMS {} SNTP {} black hole {}",
        world.domains,
        world.black_holed,
        world.dns.address,
        world.kms.addr(),
        world.sntp.addr(),
        world.black_hole.address
    );
    let mut result = run_exporter(&world, options, dir.path()).await;
    if options.floor {
        result.floor = Some(run_floor(&world).await);
    }
    result.blackbox = run_blackbox(&world, options, dir.path()).await;
    print_run(&result);
    drop(world);
    result
}

/// V6 requests per host in a full probe (one per product of [`PRODUCTS`]).
const REQUESTS_PER_HOST: usize = 3;

impl RunResult {
    /// Exporter µs per host in a bind-only cycle (median of this run's), if there was one.
    fn bind_only_us(&self) -> Option<f64> {
        Some(median(&self.later_cpu_per_host_us)).filter(|v| !v.is_nan())
    }

    /// Exporter µs per host in a later cycle with the activation requests, if there was one.
    fn full_us(&self) -> Option<f64> {
        Some(median(&self.activation_cpu_per_host_us)).filter(|v| !v.is_nan())
    }

    /// Exporter µs per activation request: what a full cycle costs over a bind-only one, per
    /// request.
    fn per_request_us(&self) -> Option<f64> {
        Some((self.full_us()? - self.bind_only_us()?) / REQUESTS_PER_HOST as f64)
    }
}

fn print_run(r: &RunResult) {
    println!(
        "    interval {}; cycles: first {:.3} s, later median {:.3} s; CPU/host first {:.1} µs, \
         bind-only cycles {:?} µs, activation cycles {:?} µs ({:?} KMS requests per host)",
        humantime::format_duration(r.interval),
        r.first_cycle,
        median(&r.later_cycles),
        r.first_cpu_per_host_us,
        r.later_cpu_per_host_us
            .iter()
            .map(|u| (u * 10.0).round() / 10.0)
            .collect::<Vec<_>>(),
        r.activation_cpu_per_host_us
            .iter()
            .map(|u| (u * 10.0).round() / 10.0)
            .collect::<Vec<_>>(),
        r.requests_per_host
            .iter()
            .map(|u| (u * 100.0).round() / 100.0)
            .collect::<Vec<_>>(),
    );
    if let Some(f) = &r.floor {
        let ratio = |exporter: Option<f64>, floor: f64| {
            exporter.map_or_else(
                || "—".to_owned(),
                |e| format!("{e:.1} µs, {:.2}×", e / floor),
            )
        };
        println!(
            "    floor: bind {:.1} µs + clock {:.1} µs = bind-only probe {:.1} µs (exporter {}); \
             V6 request {:.1} µs (exporter {}); full probe {:.1} µs (exporter {}); {} failures",
            f.bind_us,
            f.clock_us,
            f.bind_only_probe_us(),
            ratio(r.bind_only_us(), f.bind_only_probe_us()),
            f.activation_us,
            r.per_request_us().map_or_else(
                || "—".to_owned(),
                |e| format!("{e:.1} µs, {:+.1} µs above", e - f.activation_us)
            ),
            f.full_probe_us(REQUESTS_PER_HOST),
            ratio(r.full_us(), f.full_probe_us(REQUESTS_PER_HOST)),
            f.failures
        );
    }
    println!(
        "    RSS after cycles {:.1} MiB (peak so far {:.1} MiB), peak (VmHWM) {:.1} MiB; /metrics {} scrapes, {} errors, \
         p50 {:.2} ms p99 {:.2} ms, {} bytes; hosts up {}/{}, activations ok {}, \
         SNTP requests per host and cycle {:.2}; SRV lookups {:?}",
        r.rss_after_cycles_mib,
        r.peak_rss_cycles_mib,
        r.peak_rss_mib,
        r.scrapes,
        r.scrape_errors,
        r.scrape_p50_ms,
        r.scrape_p99_ms,
        r.scrape_bytes,
        r.hosts_up,
        r.hosts - r.black_holed,
        r.activations_ok,
        r.sntp_per_host_cycle,
        r.srv_statuses
    );
    if r.hosts_up != r.hosts - r.black_holed {
        println!(
            "    WARNING: {} of {} reachable hosts up: this run's figures do not describe a healthy cycle",
            r.hosts_up,
            r.hosts - r.black_holed
        );
    }
    for warning in &r.exporter_warnings {
        println!("    exporter: {warning}");
    }
    if let Some(b) = &r.blackbox {
        println!(
            "    blackbox_exporter: {} probes/pass, {} succeeded; pass {:?} s; CPU/host {:?} µs",
            b.probes,
            b.successes,
            b.pass_seconds
                .iter()
                .map(|s| (s * 1e3).round() / 1e3)
                .collect::<Vec<_>>(),
            b.cpu_per_host_us
                .iter()
                .map(|u| u.round())
                .collect::<Vec<_>>()
        );
    }
}

fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines().find_map(|l| {
                l.strip_prefix("model name")?
                    .split_once(':')
                    .map(|(_, m)| m.trim().to_owned())
            })
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines().find_map(|l| {
                l.strip_prefix("MemTotal:")?
                    .trim()
                    .strip_suffix("kB")?
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
        })
        .map_or_else(
            || "?".to_owned(),
            |kb| format!("{:.1} GiB", kb as f64 / 1048576.0),
        );
    format!("{cpus} CPUs ({model}), {memory} RAM")
}

fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

fn summary(options: &Options, results: &[RunResult]) {
    println!();
    println!("Summary (median over {} run(s)):", options.runs);
    println!(
        "| hosts | black-holed | first cycle s | later cycle s | CPU/host first µs | CPU/host later bind-only µs | CPU/host later with requests µs | peak RSS MiB | /metrics p50 ms | /metrics p99 ms | blackbox CPU/host µs | ratio (bind-only) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for &n in &options.hosts {
        let runs: Vec<&RunResult> = results.iter().filter(|r| r.hosts == n).collect();
        let m =
            |f: &dyn Fn(&RunResult) -> f64| median(&runs.iter().map(|r| f(r)).collect::<Vec<_>>());
        let later = m(&|r| median(&r.later_cpu_per_host_us));
        let with_requests = m(&|r| median(&r.activation_cpu_per_host_us));
        let cell = |v: f64| {
            if v.is_nan() {
                "—".to_owned()
            } else {
                format!("{v:.1}")
            }
        };
        let blackbox = m(&|r| {
            r.blackbox
                .as_ref()
                .and_then(|b| b.cpu_per_host_us.last().copied())
                .unwrap_or(f64::NAN)
        });
        // Without blackbox_exporter (`--no-blackbox`, or not installed) the two columns say so.
        let (blackbox, ratio) = if blackbox.is_nan() {
            ("—".to_owned(), "—".to_owned())
        } else {
            // `--activation every` has no bind-only cycle to compare with.
            let ratio = if later.is_nan() {
                "—".to_owned()
            } else {
                format!("{:.1}×", blackbox / later)
            };
            (format!("{blackbox:.0}"), ratio)
        };
        println!(
            "| {n} | {} | {:.2} | {:.2} | {:.1} | {} | {} | {:.1} | {:.2} | {:.2} | {blackbox} | {ratio} |",
            runs.first().map_or(0, |r| r.black_holed),
            m(&|r| r.first_cycle),
            m(&|r| median(&r.later_cycles)),
            m(&|r| r.first_cpu_per_host_us),
            cell(later),
            cell(with_requests),
            m(&|r| r.peak_rss_mib),
            m(&|r| r.scrape_p50_ms),
            m(&|r| r.scrape_p99_ms),
        );
    }
}

/// The floor table: the exporter's CPU per probe against the floor client's, medians over runs.
fn floor_summary(options: &Options, results: &[RunResult]) {
    if !options.floor {
        return;
    }
    println!();
    println!(
        "Against the floor (median over {} run(s); floor = minimal blocking std-socket client, \
         same doubles, same run):",
        options.runs
    );
    println!(
        "| hosts | floor bind-only µs | exporter bind-only µs | ratio | floor V6 request µs | exporter V6 request µs | above floor µs | floor full µs | exporter full µs | ratio (full) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let cell = |v: f64, digits: usize| {
        if v.is_nan() {
            "—".to_owned()
        } else {
            format!("{v:.digits$}")
        }
    };
    for &n in &options.hosts {
        let runs: Vec<(&RunResult, &floor::Floor)> = results
            .iter()
            .filter(|r| r.hosts == n)
            .filter_map(|r| Some((r, r.floor.as_ref()?)))
            .collect();
        if runs.is_empty() {
            continue;
        }
        let m = |f: &dyn Fn(&RunResult, &floor::Floor) -> Option<f64>| {
            median(
                &runs
                    .iter()
                    .filter_map(|(r, fl)| f(r, fl))
                    .collect::<Vec<_>>(),
            )
        };
        let floor_bind = m(&|_, f| Some(f.bind_only_probe_us()));
        let floor_request = m(&|_, f| Some(f.activation_us));
        let floor_full = m(&|_, f| Some(f.full_probe_us(REQUESTS_PER_HOST)));
        println!(
            "| {n} | {} | {} | {}× | {} | {} | {} | {} | {} | {}× |",
            cell(floor_bind, 1),
            cell(m(&|r, _| r.bind_only_us()), 1),
            cell(
                m(&|r, f| Some(r.bind_only_us()? / f.bind_only_probe_us())),
                2
            ),
            cell(floor_request, 1),
            cell(m(&|r, _| r.per_request_us()), 1),
            cell(m(&|r, f| Some(r.per_request_us()? - f.activation_us)), 1),
            cell(floor_full, 1),
            cell(m(&|r, _| r.full_us()), 1),
            cell(
                m(&|r, f| Some(r.full_us()? / f.full_probe_us(REQUESTS_PER_HOST))),
                2
            ),
        );
    }
}

fn main() {
    let options = parse_args();
    // The doubles' own warnings (hickory-server's, say) go to standard error.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("warn"))
        .with_writer(std::io::stderr)
        .try_init();
    println!("kms_exporter scale harness — {}", machine());
    println!(
        "settings: concurrency {}, timeout {}, interval {}, {} cycles, black-holed share {}, \
         products {PRODUCTS}, clock methods [ntp] ({} SNTP samples per host), {} scrapers for {}",
        options.concurrency,
        humantime::format_duration(options.timeout),
        options.interval.map_or_else(
            || "auto".to_owned(),
            |i| humantime::format_duration(i).to_string()
        ),
        options.cycles,
        options.black_holed,
        kms_exporter::clock::sntp::DEFAULT_SAMPLES,
        options.scrapers,
        humantime::format_duration(options.scrape_for),
    );
    if let Some(limit) = open_files_limit() {
        let needed = (options.concurrency as u64) * 8 + 1024;
        if limit < needed {
            println!(
                "warning: open files limit {limit} < {needed}; raise it (`ulimit -n {}`) before the run",
                needed.next_power_of_two()
            );
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    let mut results = Vec::new();
    for run in 0..options.runs {
        for &n in &options.hosts {
            println!("run {}/{}:", run + 1, options.runs);
            results.push(runtime.block_on(scale_run(n, &options)));
        }
    }
    summary(&options, &results);
    floor_summary(&options, &results);
}
