//! A real NTP server for tests: chronyd on loopback.
//!
//! chronyd runs in the foreground with `-x`, so it never touches the system clock, serves on an
//! unprivileged loopback port, and claims `local stratum 8` so it answers as synchronised without
//! any upstream. It is the Debian package `chrony`; the project's test command installs it. When
//! it is missing this test fails rather than skipping, so a green run always means the client was
//! checked against a real server.

use std::fs;
use std::net::{SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kms_exporter::clock::sntp;
use tokio::time::Instant;

const CHRONYD_CANDIDATES: [&str; 2] = ["/usr/sbin/chronyd", "/sbin/chronyd"];
pub const STRATUM: u8 = 8;
/// How long chronyd may take to start answering as synchronised.
const STARTUP_BUDGET: Duration = Duration::from_secs(20);

/// A chronyd process and its scratch directory; both go away on drop.
pub struct Chronyd {
    child: Child,
    dir: PathBuf,
    pub addr: SocketAddr,
}

impl Chronyd {
    pub fn start() -> Chronyd {
        let binary = CHRONYD_CANDIDATES
            .iter()
            .map(Path::new)
            .find(|path| path.is_file())
            .unwrap_or_else(|| {
                panic!(
                    "chronyd not found at {CHRONYD_CANDIDATES:?}: install the Debian package \
                     `chrony` (apt-get install chrony); the project's test command installs it"
                )
            });
        let dir = scratch_dir();
        let port = free_udp_port();
        let config = dir.join("chrony.conf");
        fs::write(
            &config,
            format!(
                "port {port}\n\
                 bindaddress 127.0.0.1\n\
                 allow 127.0.0.1\n\
                 local stratum {STRATUM}\n\
                 cmdport 0\n\
                 bindcmdaddress /\n\
                 driftfile {dir}/chrony.drift\n\
                 pidfile {dir}/chronyd.pid\n",
                dir = dir.display(),
            ),
        )
        .expect("write chrony.conf");
        let log = fs::File::create(dir.join("chronyd.log")).expect("create chronyd.log");
        // -x: never adjust the system clock. -d: foreground, log to stderr. -u root: do not switch
        // to the _chrony user, who could not write the scratch directory (a no-op when not root).
        // -U: allow starting as a non-root developer; nothing in this configuration needs root.
        let child = Command::new(binary)
            .args(["-x", "-d", "-U", "-u", "root", "-f"])
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("clone log handle"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|error| panic!("failed to start {}: {error}", binary.display()));
        Chronyd {
            child,
            dir,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        }
    }

    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.join("chronyd.log")).unwrap_or_default()
    }

    /// Polls until chronyd answers as a synchronised server, failing with its log if it exits or
    /// never does.
    pub async fn wait_until_serving(&mut self) {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("chronyd exited with {status}; log:\n{}", self.log());
            }
            match sntp::measure(self.addr, 1, Duration::from_millis(300)).await {
                Ok(_) => return,
                Err(error) if started.elapsed() > STARTUP_BUDGET => panic!(
                    "chronyd did not serve time within {STARTUP_BUDGET:?} (last error: {error}); \
                     log:\n{}",
                    self.log()
                ),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }
}

impl Drop for Chronyd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn scratch_dir() -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|since| since.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!(
        "kms_exporter-chronyd-{}-{nanos}",
        std::process::id()
    ));
    fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// A loopback UDP port that was free a moment ago.
fn free_udp_port() -> u16 {
    let socket = UdpSocket::bind("127.0.0.1:0").expect("bind");
    socket.local_addr().expect("addr").port()
}
