//! A staged KMS world on loopback: two DNS servers, three domains and five KMS hosts, each on
//! its own 127.0.0.x address with SNTP and SMB2 responders, showing every condition the alert
//! pack knows — and one healthy domain that must raise nothing.
//!
//! | domain | what is staged |
//! |---|---|
//! | `good.test` | two healthy hosts, `kms.good.test` (127.0.0.2) and `kms2.good.test` (.7), clocks right, both in expected_hosts |
//! | `corp.test` | `kms-refuse` (.3) refuses office-ltsc-2024 with 0xC004F042; `kms-low` (.4) has count 3; `kms-hole` (.5) drops SYNs; `kms-skew` (.6) is 5 h ahead (SNTP and KMS clock); the secondary DNS server answers SERVFAIL; `kms-spare` is expected but not published |
//! | `missing.test` | no `_vlmcs._tcp` record on either server |
//!
//! [`World::outage_config`] probes other domains built from the same hosts, one outage each (the
//! paging test): `down.test` publishes only a black-holed host (`kms.down.test` → .5); `pair.test`
//! a healthy host and a black-holed one (`kms1.pair.test` → .2, `kms2.pair.test` → .5);
//! `skew.test` only the host 5 h ahead (`kms.skew.test` → .6); with `good.test` and
//! `missing.test`.

use std::net::{IpAddr, SocketAddr, UdpSocket};

use kms_exporter::clock::ClockMethod;
use kms_exporter::kms::{products, srv_name};
use kms_exporter_testkit::dns::{Answer, DnsDouble};
use kms_exporter_testkit::fake::{DnsAnswer, FakeClock, FakeNetwork, FakePort};
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};
use kms_exporter_testkit::net::{BlackHole, black_hole_on};
use kms_exporter_testkit::smb2::{Smb2Behaviour, Smb2Double};
use kms_exporter_testkit::sntp::{SntpBehaviour, SntpDouble};

/// How far the skewed host's clock runs ahead: beyond the 4-hour limit.
pub const SKEW_SECONDS: f64 = 5.0 * 3600.0;

/// Everything the staged world runs; dropping it stops every double. The doubles are kept
/// only to stay alive: tests read the world through the exporter.
pub struct World {
    pub primary: DnsDouble,
    pub secondary: DnsDouble,
    _good: KmsHostDouble,
    _good2: KmsHostDouble,
    _refusing: KmsHostDouble,
    _low_count: KmsHostDouble,
    _hole: BlackHole,
    _skewed: KmsHostDouble,
    _clocks: Vec<SntpDouble>,
    _smb: Smb2Double,
    pub reference: SocketAddr,
    ntp_port: u16,
    smb_port: u16,
}

/// `127.0.0.<last>`: the doubles of a staged world each get their own loopback address.
pub fn ip(last: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, last])
}

/// The scripted network (paused-time tests): `corp.test` publishing one host per entry, `kms<i>.corp.test` on 127.0.0.<last>:1688, each
/// clock right, behind whatever listens there.
pub fn scripted_corp(hosts: &[(u8, FakePort)]) -> FakeNetwork {
    let net = FakeNetwork::new();
    let names: Vec<String> = hosts
        .iter()
        .map(|(last, _)| format!("kms{last}.corp.test"))
        .collect();
    let records: Vec<(u16, u16, u16, &str)> =
        names.iter().map(|n| (0, 100, 1688, n.as_str())).collect();
    net.dns(&srv_name("corp.test"), DnsAnswer::srv(&records));
    for ((last, port), name) in hosts.iter().zip(&names) {
        net.dns(name, DnsAnswer::Addresses(vec![ip(*last)]));
        net.port(SocketAddr::new(ip(*last), 1688), port.clone());
        for method in [ClockMethod::Ntp, ClockMethod::Smb] {
            net.clock(method, ip(*last), FakeClock::Offset(0.0));
        }
    }
    net
}

/// A UDP port free on every given loopback address, so that SNTP doubles on several hosts can
/// share the one `clock.ntp_port` of the configuration.
pub fn common_udp_port(addresses: &[IpAddr]) -> u16 {
    'search: for _ in 0..50 {
        let first = UdpSocket::bind(SocketAddr::new(addresses[0], 0)).unwrap();
        let port = first.local_addr().unwrap().port();
        for address in &addresses[1..] {
            if UdpSocket::bind(SocketAddr::new(*address, port)).is_err() {
                continue 'search;
            }
        }
        return port;
    }
    panic!("no common free UDP port on {addresses:?}");
}

impl World {
    pub async fn start() -> Self {
        let office = products::lookup("office-ltsc-2024").unwrap();
        let good = KmsHostDouble::start_on(SocketAddr::new(ip(2), 0), Behaviour::default()).await;
        let good2 = KmsHostDouble::start_on(SocketAddr::new(ip(7), 0), Behaviour::default()).await;
        let refusing = KmsHostDouble::start_on(
            SocketAddr::new(ip(3), 0),
            Behaviour {
                refusals: [(office.kms_counted_id, 0xC004_F042)].into(),
                ..Behaviour::default()
            },
        )
        .await;
        let low_count = KmsHostDouble::start_on(
            SocketAddr::new(ip(4), 0),
            Behaviour {
                default_count: 3,
                ..Behaviour::default()
            },
        )
        .await;
        let hole = black_hole_on(SocketAddr::new(ip(5), 0)).await;
        let skewed = KmsHostDouble::start_on(
            SocketAddr::new(ip(6), 0),
            Behaviour {
                clock_offset_seconds: SKEW_SECONDS as i64,
                enforce_clock_window: true,
                ..Behaviour::default()
            },
        )
        .await;

        let ntp_port = common_udp_port(&[ip(2), ip(3), ip(4), ip(6), ip(7), ip(9)]);
        let mut clocks = Vec::new();
        for (last, offset) in [
            (2, 0.0),
            (3, 0.0),
            (4, 0.0),
            (6, SKEW_SECONDS),
            (7, 0.0),
            (9, 0.0),
        ] {
            clocks.push(
                SntpDouble::start_on(
                    SocketAddr::new(ip(last), ntp_port),
                    offset,
                    SntpBehaviour::Answer,
                )
                .await,
            );
        }
        let smb = Smb2Double::start_on(SocketAddr::new(ip(2), 0), 0.0, Smb2Behaviour::Answer).await;
        let smb_port = smb.addr().port();

        let primary = DnsDouble::start().await;
        let secondary = DnsDouble::start().await;
        let good_srv = Answer::srv(&[
            (0, 100, good.addr().port(), "kms.good.test."),
            (0, 100, good2.addr().port(), "kms2.good.test."),
        ]);
        let corp_srv = Answer::srv(&[
            (0, 100, refusing.addr().port(), "kms-refuse.corp.test."),
            (0, 100, low_count.addr().port(), "kms-low.corp.test."),
            (10, 0, hole.address.port(), "kms-hole.corp.test."),
            (0, 100, skewed.addr().port(), "kms-skew.corp.test."),
        ]);
        for server in [&primary, &secondary] {
            server.set(&srv_name("good.test"), good_srv.clone());
            server.set("kms.good.test", Answer::addresses(&["127.0.0.2"]));
            server.set("kms2.good.test", Answer::addresses(&["127.0.0.7"]));
            server.set("kms-refuse.corp.test", Answer::addresses(&["127.0.0.3"]));
            server.set("kms-low.corp.test", Answer::addresses(&["127.0.0.4"]));
            server.set("kms-hole.corp.test", Answer::addresses(&["127.0.0.5"]));
            server.set("kms-skew.corp.test", Answer::addresses(&["127.0.0.6"]));
        }
        primary.set(&srv_name("corp.test"), corp_srv);
        secondary.set(&srv_name("corp.test"), Answer::ServFail);
        // One outage per domain, on the same hosts under other names (outage_config).
        let outages = [
            (
                &srv_name("down.test"),
                Answer::srv(&[(0, 100, hole.address.port(), "kms.down.test.")]),
            ),
            (
                &srv_name("pair.test"),
                Answer::srv(&[
                    (0, 100, good.addr().port(), "kms1.pair.test."),
                    (0, 100, hole.address.port(), "kms2.pair.test."),
                ]),
            ),
            (
                &srv_name("skew.test"),
                Answer::srv(&[(0, 100, skewed.addr().port(), "kms.skew.test.")]),
            ),
        ];
        for server in [&primary, &secondary] {
            for (name, answer) in &outages {
                server.set(name, answer.clone());
            }
            server.set("kms.down.test", Answer::addresses(&["127.0.0.5"]));
            server.set("kms1.pair.test", Answer::addresses(&["127.0.0.2"]));
            server.set("kms2.pair.test", Answer::addresses(&["127.0.0.5"]));
            server.set("kms.skew.test", Answer::addresses(&["127.0.0.6"]));
        }

        Self {
            primary,
            secondary,
            _good: good,
            _good2: good2,
            _refusing: refusing,
            _low_count: low_count,
            _hole: hole,
            _skewed: skewed,
            _clocks: clocks,
            _smb: smb,
            reference: SocketAddr::new(ip(9), ntp_port),
            ntp_port,
            smb_port,
        }
    }

    /// The exporter configuration probing this world every `interval`.
    pub fn config(&self, interval: &str) -> String {
        self.configuration(
            interval,
            &[self.primary.address, self.secondary.address],
            "\x20 - name: good.test\n\
             \x20   expected_hosts: [kms.good.test, kms2.good.test]\n\
             \x20 - name: corp.test\n\
             \x20   products: [windows, office-ltsc-2024]\n\
             \x20   expected_hosts: [kms-refuse.corp.test, kms-low.corp.test, kms-hole.corp.test, kms-skew.corp.test, kms-spare.corp.test]\n\
             \x20 - name: missing.test\n",
        )
    }

    /// An exporter configuration with one outage per domain (see the module table): probing
    /// every `interval` (at least 2s, the probe timeout), reference clock and clock methods as
    /// in [`World::config`].
    pub fn outage_config(&self, interval: &str) -> String {
        self.configuration(
            interval,
            &[self.primary.address],
            "\x20 - name: good.test\n\
             \x20 - name: down.test\n\
             \x20 - name: pair.test\n\
             \x20 - name: skew.test\n\
             \x20 - name: missing.test\n",
        )
    }

    /// `outage_config` for an exporter that only serves `/probe` (`domains: []`, as
    /// `examples/prometheus/multi-target.yml` asks of a probe-only exporter): the same DNS servers,
    /// timeouts and clock settings, no cycle of its own.
    pub fn probe_only_config(&self, interval: &str) -> String {
        self.configuration(interval, &[self.primary.address], "")
            .replace("domains:\n", "domains: []\n")
    }

    /// The settings both configurations share (interval, a 1m activation interval, a 2s timeout,
    /// a fixed client ID, the clock methods and reference of this world) around the DNS servers
    /// and the `domains:` entries.
    fn configuration(&self, interval: &str, dns_servers: &[SocketAddr], domains: &str) -> String {
        let servers: Vec<String> = dns_servers.iter().map(|s| format!("\"{s}\"")).collect();
        format!(
            "interval: {interval}\n\
             activation_interval: 1m\n\
             timeout: 2s\n\
             client:\n  machine_id: 11111111-2222-4333-8444-555555555555\n\
             dns:\n  servers: [{}]\n\
             domains:\n\
             {domains}\
             clock:\n\
             \x20 methods: [ntp, smb]\n\
             \x20 reference: [\"{}\"]\n\
             \x20 ntp_port: {}\n\
             \x20 smb_port: {}\n",
            servers.join(", "),
            self.reference,
            self.ntp_port,
            self.smb_port,
        )
    }
}
