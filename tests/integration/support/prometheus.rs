//! Real Prometheus and Alertmanager (Debian packages) on loopback, and a webhook receiver that
//! records what Alertmanager delivers.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::exporter::get;

/// A loopback TCP port that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A child process killed on drop, with its log kept for failure messages.
pub struct Daemon {
    child: Child,
    log: PathBuf,
    pub address: SocketAddr,
}

impl Daemon {
    fn spawn(program: &str, args: &[String], dir: &Path, package: &str) -> Self {
        let log = dir.join(format!("{}.log", program.replace('/', "_")));
        let file = std::fs::File::create(&log).unwrap();
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run {program} ({e}): install Debian's `{package}` package (scripts/test.sh does)")
            });
        let address = args
            .iter()
            .find_map(|a| a.strip_prefix("--web.listen-address="))
            .and_then(|a| a.parse().ok())
            .expect("a --web.listen-address argument");
        Self {
            child,
            log,
            address,
        }
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until `path` answers 200.
    pub async fn wait_ready(&mut self, path: &str, limit: Duration) {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("{} exited with {status}:\n{}", self.address, self.log());
            }
            if let Ok((200, _)) = get(self.address, path, &[]).await {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{} not ready within {limit:?}:\n{}",
                self.address,
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Evaluates a PromQL expression now (`/api/v1/query`) and returns Prometheus' JSON answer.
    pub async fn query(&self, expr: &str) -> serde_json::Value {
        let encoded: String = form_urlencoded::byte_serialize(expr.as_bytes()).collect();
        self.api(&format!("/api/v1/query?query={encoded}")).await
    }

    /// GET a Prometheus/Alertmanager API path and parse the JSON answer.
    pub async fn api(&self, path: &str) -> serde_json::Value {
        let (status, body) = get(self.address, path, &[]).await.unwrap();
        let value: serde_json::Value = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("{path}: {e}: status {status}: {body}"));
        value
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts Prometheus with `config` (YAML) written into `dir`.
pub fn prometheus(dir: &Path, config: &str) -> Daemon {
    let config_path = dir.join("prometheus.yml");
    std::fs::write(&config_path, config).unwrap();
    let address = format!("127.0.0.1:{}", free_port());
    Daemon::spawn(
        "prometheus",
        &[
            format!("--config.file={}", config_path.display()),
            format!("--storage.tsdb.path={}", dir.join("tsdb").display()),
            format!("--web.listen-address={address}"),
            "--log.level=warn".to_owned(),
        ],
        dir,
        "prometheus",
    )
}

/// Starts Alertmanager (no clustering) with `config` written into `dir`.
pub fn alertmanager(dir: &Path, config: &str) -> Daemon {
    let config_path = dir.join("alertmanager.yml");
    std::fs::write(&config_path, config).unwrap();
    let address = format!("127.0.0.1:{}", free_port());
    Daemon::spawn(
        "prometheus-alertmanager",
        &[
            format!("--config.file={}", config_path.display()),
            format!("--storage.path={}", dir.join("am").display()),
            format!("--web.listen-address={address}"),
            "--cluster.listen-address=".to_owned(),
            "--log.level=warn".to_owned(),
        ],
        dir,
        "prometheus-alertmanager",
    )
}

/// An HTTP endpoint that records every POST body (Alertmanager's webhook notifications).
pub struct Webhook {
    pub address: SocketAddr,
    bodies: Arc<Mutex<Vec<serde_json::Value>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Webhook {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let bodies: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
        let store = bodies.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let mut raw = Vec::new();
                    let mut buf = [0u8; 8192];
                    // Headers, then Content-Length bytes of body.
                    loop {
                        let n = match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => n,
                        };
                        raw.extend_from_slice(&buf[..n]);
                        let text = String::from_utf8_lossy(&raw);
                        if let Some((head, body)) = text.split_once("\r\n\r\n") {
                            let length = head
                                .lines()
                                .find_map(|l| {
                                    let (k, v) = l.split_once(':')?;
                                    k.eq_ignore_ascii_case("content-length")
                                        .then(|| v.trim().parse::<usize>().ok())?
                                })
                                .unwrap_or(0);
                            if body.len() >= length {
                                if let Ok(value) = serde_json::from_str(body) {
                                    store.lock().unwrap().push(value);
                                }
                                let _ = stream
                                    .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                    .await;
                                return;
                            }
                        }
                    }
                });
            }
        });
        Self {
            address,
            bodies,
            task,
        }
    }

    /// Every notification delivered so far, as Alertmanager posted it (`receiver`, `groupKey`,
    /// `groupLabels`, `alerts`, ...).
    pub fn notifications(&self) -> Vec<serde_json::Value> {
        self.bodies.lock().unwrap().clone()
    }

    /// `(alertname, labels)` of every alert delivered so far.
    pub fn alerts(&self) -> Vec<serde_json::Value> {
        self.bodies
            .lock()
            .unwrap()
            .iter()
            .flat_map(|b| b["alerts"].as_array().cloned().unwrap_or_default())
            .collect()
    }
}

impl Drop for Webhook {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// An HTTP endpoint that answers every request with one fixed Prometheus text exposition: a
/// staged exporter's `/metrics`, for rules and inhibitions that need a state no test world
/// reaches (a stale cycle, a removed A record seen from every site).
pub struct StaticMetrics {
    pub address: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl StaticMetrics {
    pub async fn start(exposition: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let body: Arc<str> = exposition.into();
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let body = body.clone();
                tokio::spawn(async move {
                    let mut raw = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !raw.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => raw.extend_from_slice(&buf[..n]),
                        }
                    }
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes()).await;
                    let _ = stream.write_all(body.as_bytes()).await;
                });
            }
        });
        Self { address, task }
    }
}

impl Drop for StaticMetrics {
    fn drop(&mut self) {
        self.task.abort();
    }
}
