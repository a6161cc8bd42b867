//! A real DNS server for tests: dnsmasq on a loopback address of its own.
//!
//! dnsmasq runs in the foreground (`--no-daemon`), reads no resolv.conf and no hosts file,
//! answers only from the records it is given, and is authoritative for `test.` (`local=/test/`),
//! so an unknown name is NXDOMAIN. It serves TCP inline in that mode: while it answers one TCP
//! client it answers nobody else, which is what made a resolver that keeps TCP connections open
//! stall every other lookup (issue 14, fault 2). It is the Debian package `dnsmasq-base` (the
//! binary without the system service); the project's test command installs it. When it is
//! missing the test fails rather than skipping.

use std::fs;
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BINARY: &str = "/usr/sbin/dnsmasq";
/// Below the kernel's ephemeral range; the address is the test's own, so nothing else holds it.
const PORT: u16 = 10053;

/// A dnsmasq process; killed on drop.
pub struct Dnsmasq {
    child: Child,
    pub address: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Dnsmasq {
    /// Serves `records` (dnsmasq configuration lines such as `srv-host=…` and `host-record=…`)
    /// on `ip`, port 10053, and waits until it accepts connections.
    pub fn start(ip: IpAddr, records: &str) -> Self {
        assert!(
            fs::metadata(BINARY).is_ok(),
            "{BINARY} not found: install the Debian package `dnsmasq-base`; the project's \
             test command installs it"
        );
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("zone.conf");
        fs::write(&conf, format!("local=/test/\n{records}")).unwrap();
        let log = fs::File::create(dir.path().join("dnsmasq.log")).unwrap();
        let child = Command::new(BINARY)
            .args([
                "--no-daemon",
                "--no-resolv",
                "--no-hosts",
                "--bind-interfaces",
                "--user=root",
                "--pid-file",
            ])
            .arg(format!("--listen-address={ip}"))
            .arg(format!("--port={PORT}"))
            .arg(format!("--conf-file={}", conf.display()))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start dnsmasq");
        let mut dnsmasq = Self {
            child,
            address: SocketAddr::new(ip, PORT),
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect_timeout(&dnsmasq.address, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = dnsmasq.child.try_wait() {
                let log = fs::read_to_string(dnsmasq._dir.path().join("dnsmasq.log"));
                panic!("dnsmasq exited with {status}: {log:?}");
            }
            assert!(
                Instant::now() < deadline,
                "dnsmasq did not listen within 10 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        dnsmasq
    }
}

impl Drop for Dnsmasq {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
