//! Runs the real `kms_exporter` binary, as an operator would.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kms_exporter"))
}

/// Runs the binary to completion with `args`.
pub fn run(args: &[&str]) -> Output {
    binary().args(args).output().expect("run kms_exporter")
}

/// The name of [`Process::with_config`]'s config file, as its error messages show it.
const CONFIG_FILE: &str = "kms.yml";

/// A running exporter process; killed when dropped.
pub struct Process {
    pub child: Child,
    pub address: SocketAddr,
    pub log: mpsc::Receiver<String>,
    /// The log lines up to and including the first `listening` line.
    pub startup_log: Vec<String>,
    /// Holds the process's resolv.conf and config file for as long as it runs.
    dir: tempfile::TempDir,
}

impl Process {
    /// Starts the binary with `args` and a resolv.conf of `resolv_conf` (empty or loopback only:
    /// nothing here may reach the machine's real DNS), on a loopback port chosen by the kernel,
    /// and waits for its address.
    pub fn start(args: &[&str], resolv_conf: &str) -> Self {
        Self::start_in(tempfile::tempdir().unwrap(), args, resolv_conf)
    }

    /// Starts with `yaml` as `--config.file` ([`Process::config_path`]) and an empty resolv.conf.
    pub fn with_config(yaml: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join(CONFIG_FILE);
        std::fs::write(&config, yaml).unwrap();
        Self::start_in(dir, &["--config.file", config.to_str().unwrap()], "")
    }

    /// The `--config.file` of [`Process::with_config`], to rewrite before a reload.
    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join(CONFIG_FILE)
    }

    fn start_in(dir: tempfile::TempDir, args: &[&str], resolv_conf: &str) -> Self {
        let resolv_conf_path = dir.path().join("resolv.conf");
        std::fs::write(&resolv_conf_path, resolv_conf).unwrap();
        let mut child = binary()
            .args(args)
            .arg("--web.listen-address=127.0.0.1:0")
            .arg(format!("--dns.resolv-conf={}", resolv_conf_path.display()))
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start kms_exporter");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut startup_log = Vec::new();
        let address = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(30))
                .expect("the exporter logs its listen address at start");
            startup_log.push(line.clone());
            if line.contains("msg=listening") {
                let address = line
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("address="))
                    .expect("address field");
                break address.parse().unwrap();
            }
        };
        Self {
            child,
            address,
            log: rx,
            startup_log,
            dir,
        }
    }

    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for a log line containing `needle`.
    pub fn wait_log(&self, needle: &str, limit: Duration) -> String {
        let deadline = std::time::Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => panic!("no log line containing {needle:?} within {limit:?}"),
            }
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
