//! A probe scheduler that ends abnormally ends the exporter, non-zero and with an error in the
//! log, instead of leaving a process that answers `/-/healthy` without probing
//! (docs/architecture.md §10, issue 14).
//!
//! The failure comes from the network, the exporter's one seam: [`BrokenNetwork`] panics where
//! the scheduler builds its resolvers, at the start of every cycle. A panicking SRV lookup or
//! connection would not do: those run in per-domain and per-host tasks, whose panics the
//! prober already contains ("probe task failed").
//!
//! The process test runs this very test binary again as the exporter: its child
//! ([`failing_exporter_process`], ignored unless started so) calls `kms_exporter::serve`, the
//! body of the `kms_exporter` binary, over the broken network, and ends as `main` does. So the
//! test needs no second binary, and works wherever `cargo test` does.

use std::future::Future;
use std::io::Read as _;
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kms_exporter::clock::{ClockError, ClockMeasurement, ClockMethod};
use kms_exporter::config::{Config, ConfigSource};
use kms_exporter::net::Network;
use kms_exporter::{SchedulerEnded, ServeOptions};
use kms_exporter_testkit::fake::{FakeDns, FakeNetwork};

/// What [`BrokenNetwork`] panics with.
const PANIC_MESSAGE: &str = "scripted failure: no resolver can be built";

/// The error line `run_with` logs when the scheduler ends abnormally.
const ERROR_LOG: &str = "level=error target=kms_exporter \
     msg=\"probe scheduler ended abnormally; exiting so a supervisor restarts the exporter\"";

/// Set to the config file: the child process runs the exporter.
const CHILD_CONFIG: &str = "KMS_EXPORTER_TEST_FAILING_CHILD_CONFIG";

/// A config with one domain, and no clock probes to keep the child quiet.
const CONFIG: &str = "clock: {methods: []}\ndomains: [{name: corp.test}]\n";

/// The scripted network, except that building resolvers panics.
struct BrokenNetwork(FakeNetwork);

impl Network for BrokenNetwork {
    type Dns = FakeDns;
    type Stream = <FakeNetwork as Network>::Stream;

    fn resolvers(&self, _config: &Config) -> Vec<Arc<FakeDns>> {
        panic!("{PANIC_MESSAGE}");
    }

    fn connect(
        &self,
        address: SocketAddr,
    ) -> impl Future<Output = std::io::Result<Self::Stream>> + Send {
        self.0.connect(address)
    }

    fn measure_clock(
        &self,
        method: ClockMethod,
        address: SocketAddr,
        budget: Duration,
    ) -> impl Future<Output = Result<ClockMeasurement, ClockError>> + Send {
        self.0.measure_clock(method, address, budget)
    }
}

/// `CONFIG` as `--config.file`, and an empty resolv.conf, in `dir`.
fn config_source(dir: &tempfile::TempDir) -> ConfigSource {
    let file = dir.path().join("kms_exporter.yml");
    std::fs::write(&file, CONFIG).unwrap();
    let resolv_conf = dir.path().join("resolv.conf");
    std::fs::write(&resolv_conf, "").unwrap();
    ConfigSource {
        file: Some(file),
        resolv_conf,
    }
}

#[tokio::test]
async fn run_with_returns_the_schedulers_panic_and_stops_serving() {
    let dir = tempfile::tempdir().unwrap();
    let source = config_source(&dir);
    let config = source.load().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    // The shutdown never comes: only the scheduler's end can make run_with return.
    let outcome = tokio::time::timeout(
        Duration::from_secs(10),
        kms_exporter::run_with(
            BrokenNetwork(FakeNetwork::new()),
            vec![listener],
            source,
            config,
            None,
            std::future::pending(),
        ),
    )
    .await
    .expect("run_with returns once the scheduler has panicked");
    match outcome {
        Err(SchedulerEnded::Panicked(message)) => assert_eq!(message, PANIC_MESSAGE),
        other => panic!("expected the scheduler's panic, got {other:?}"),
    }
    assert_eq!(
        connect_outcome(address).await,
        "connection refused",
        "the HTTP server must not outlive the scheduler"
    );
}

/// What connecting to `address` gives, in words.
async fn connect_outcome(address: SocketAddr) -> &'static str {
    match tokio::net::TcpStream::connect(address).await {
        Ok(_) => "connected",
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => "connection refused",
        Err(_) => "other error",
    }
}

#[test]
fn a_failing_scheduler_ends_the_process_non_zero_with_an_error_log_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("kms_exporter.yml");
    std::fs::write(&config, CONFIG).unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "supervision::failing_exporter_process",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_CONFIG, &config)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the test binary as the exporter");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the exporter still runs 10 s after its scheduler failed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    // It did start serving, and then ended on its own.
    assert!(
        stderr.contains("msg=listening address=127.0.0.1:"),
        "{stderr}"
    );
    let error = stderr
        .lines()
        .find(|line| line.contains(ERROR_LOG))
        .unwrap_or_else(|| panic!("no line containing {ERROR_LOG:?} in:\n{stderr}"));
    assert!(
        error.ends_with(&format!(
            "error=\"probe scheduler panicked: {PANIC_MESSAGE}\""
        )),
        "{error}"
    );
    assert!(
        stderr.contains(&format!(
            "kms_exporter: probe scheduler panicked: {PANIC_MESSAGE}"
        )),
        "{stderr}"
    );
}

/// Not a test of its own: the exporter process of the test above, which starts it with
/// [`CHILD_CONFIG`] set. Runs the library's `serve` over [`BrokenNetwork`] and ends the process
/// exactly as `src/main.rs` ends it.
#[test]
#[ignore = "the child process of a_failing_scheduler_ends_the_process_non_zero_with_an_error_log_line"]
fn failing_exporter_process() {
    let Some(config) = std::env::var_os(CHILD_CONFIG) else {
        return;
    };
    kms_exporter::logging::init(
        kms_exporter::logging::LogLevel::Info,
        kms_exporter::logging::LogFormat::Logfmt,
    );
    let dir = tempfile::tempdir().unwrap();
    let resolv_conf = dir.path().join("resolv.conf");
    std::fs::write(&resolv_conf, "").unwrap();
    let options = ServeOptions {
        source: ConfigSource {
            file: Some(config.into()),
            resolv_conf,
        },
        listen_addresses: vec!["127.0.0.1:0".to_owned()],
        web_config_file: None,
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    // The shutdown never comes, as no signal is sent.
    let result = runtime.block_on(kms_exporter::serve(
        BrokenNetwork(FakeNetwork::new()),
        options,
        std::future::pending(),
    ));
    // As main() does with the result of serving.
    match result.map_err(anyhow::Error::from) {
        Ok(()) => std::process::exit(0),
        Err(e) => {
            tracing::error!(error = format!("{e:#}"), "exiting");
            eprintln!("kms_exporter: {e:#}");
            std::process::exit(1);
        }
    }
}
