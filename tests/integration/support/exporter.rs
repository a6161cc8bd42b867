//! Runs the exporter in-process on a loopback port with a given YAML config, and reads its
//! endpoints the way Prometheus would.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use kms_exporter::config::ConfigSource;
use kms_exporter::render::metrics::{Format, Scope, render_scope};
use kms_exporter::snapshot::Snapshot;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

pub struct TestExporter {
    pub address: SocketAddr,
    pub config_path: PathBuf,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<Result<(), kms_exporter::SchedulerEnded>>>,
    _dir: tempfile::TempDir,
}

impl TestExporter {
    /// Starts with `yaml` as the config file and waits until the first cycle completed.
    pub async fn start(yaml: &str) -> Self {
        let exporter = Self::start_with_web(yaml, None).await;
        exporter.wait_ready(Duration::from_secs(30)).await;
        exporter
    }

    /// Starts with a `--web.config.file`; readiness is the caller's to check (over TLS, say).
    pub async fn start_with_web(yaml: &str, web: Option<&std::path::Path>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config_path = dir.path().join("kms_exporter.yml");
        std::fs::write(&config_path, yaml).unwrap();
        // An empty resolv.conf: nothing in these tests may reach the machine's real DNS.
        let resolv_conf = dir.path().join("resolv.conf");
        std::fs::write(&resolv_conf, "").unwrap();
        let source = ConfigSource {
            file: Some(config_path.clone()),
            resolv_conf,
        };
        let config = source.load().expect("test config must be valid");
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let web = web.map(|path| kms_exporter::web::WebConfigFile::open(path).unwrap());
        let task = tokio::spawn(kms_exporter::run_with(
            kms_exporter::net::SystemNetwork,
            vec![listener],
            source,
            config,
            web,
            async {
                let _ = stopped.await;
            },
        ));
        Self {
            address,
            config_path,
            stop: Some(stop),
            task: Some(task),
            _dir: dir,
        }
    }

    pub async fn wait_ready(&self, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Ok((200, _)) = get(self.address, "/-/ready", &[]).await {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "exporter not ready within {limit:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// `/metrics` in the classic text format.
    pub async fn metrics(&self) -> String {
        let (status, body) = get(self.address, "/metrics", &[]).await.unwrap();
        assert_eq!(status, 200);
        body
    }

    /// Waits for a cycle that ended after this call, and returns its metrics.
    pub async fn next_cycle(&self, limit: Duration) -> String {
        let before = value(
            &self.metrics().await,
            "kms_exporter_last_cycle_timestamp_seconds",
        );
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let text = self.metrics().await;
            if value(&text, "kms_exporter_last_cycle_timestamp_seconds") != before {
                return text;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no new cycle within {limit:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            tokio::time::timeout(Duration::from_secs(10), task)
                .await
                .expect("exporter did not shut down within 10s")
                .unwrap()
                .expect("a clean shutdown");
        }
    }
}

impl Drop for TestExporter {
    fn drop(&mut self) {
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}

/// A minimal HTTP/1.1 GET; returns status and body.
pub async fn get(
    address: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
) -> std::io::Result<(u16, String)> {
    request(address, "GET", path, headers).await
}

pub async fn request(
    address: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(address).await?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("Content-Length: 0\r\n\r\n");
    stream.write_all(head.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let chunked = head.lines().any(|l| {
        l.to_ascii_lowercase()
            .starts_with("transfer-encoding: chunked")
    });
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Ok((status, body))
}

/// Decodes an HTTP/1.1 chunked body (Go servers such as Prometheus send one).
fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || rest.len() < size {
            break;
        }
        out.push_str(&rest[..size]);
        body = rest[size..].trim_start_matches("\r\n");
    }
    out
}

/// The value of one series, given as it appears in the exposition (`name{labels}`).
pub fn value(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(series)?;
        rest.strip_prefix(' ')?.trim().parse().ok()
    })
}

/// Asserts a series has the given value, showing the exposition when it does not.
#[track_caller]
pub fn assert_series(text: &str, series: &str, expected: f64) {
    match value(text, series) {
        Some(v) if v == expected => {}
        other => panic!("{series}: expected {expected}, got {other:?} in\n{text}"),
    }
}

/// Lines of a metric family (samples only).
pub fn samples<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|l| {
            l.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('{') || rest.starts_with(' '))
        })
        .collect()
}

/// `(hresult, share)` of one domain and product in `kms_domain_activation_result_ratio`, in the
/// order the exposition lists them.
pub fn client_shares(text: &str, domain: &str, product: &str) -> Vec<(String, f64)> {
    let prefix = format!(
        "kms_domain_activation_result_ratio{{domain=\"{domain}\",product=\"{product}\",hresult=\""
    );
    samples(text, "kms_domain_activation_result_ratio")
        .into_iter()
        .filter_map(|line| {
            let (code, value) = line.strip_prefix(&prefix)?.split_once("\"} ")?;
            Some((code.to_owned(), value.parse().ok()?))
        })
        .collect()
}

/// What `/metrics` shows of a cycle's findings (the paused-time tests' cycles run without a
/// server).
pub fn scrape(snapshot: Snapshot) -> String {
    render_scope(
        &std::sync::Arc::new(snapshot),
        Scope::Probe {
            success: true,
            duration: Duration::ZERO,
        },
        Format::Prometheus,
    )
}
