//! Runs the real `kms_exporter` binary, as an operator would.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
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

/// A running exporter process; killed when dropped.
pub struct Process {
    pub child: Child,
    pub address: SocketAddr,
    pub log: mpsc::Receiver<String>,
}

impl Process {
    /// Starts the binary on a loopback port chosen by the kernel and waits for its address.
    pub fn start(args: &[&str], resolv_conf: &Path) -> Self {
        let mut child = binary()
            .args(args)
            .arg("--web.listen-address=127.0.0.1:0")
            .arg(format!("--dns.resolv-conf={}", resolv_conf.display()))
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
        let address = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(30))
                .expect("the exporter logs its listen address at start");
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
