//! `--web.config.file` (TLS, basic auth) and `/probe` (issue: production packaging,
//! acceptance 1 and 2).

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};
use kms_exporter_testkit::net;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::exporter::{TestExporter, assert_series, get, value};

/// A throwaway CA and a server certificate for 127.0.0.1 signed by it, written as PEM files.
pub(crate) fn test_pki(dir: &Path) -> rustls::RootCertStore {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
    let server_key = rcgen::KeyPair::generate().unwrap();
    let server = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&server_key, &ca)
        .unwrap();
    std::fs::write(dir.join("tls.crt"), server.pem()).unwrap();
    std::fs::write(dir.join("tls.key"), server_key.serialize_pem()).unwrap();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(ca.der().clone()).unwrap();
    roots
}

/// GET over TLS trusting `roots`; returns the status code.
async fn https_get(address: SocketAddr, roots: rustls::RootCertStore, path: &str) -> u16 {
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tcp = TcpStream::connect(address).await.unwrap();
    let mut tls = connector
        .connect(ServerName::try_from("127.0.0.1").unwrap(), tcp)
        .await
        .expect("TLS handshake with the test CA");
    tls.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .await
    .unwrap();
    let mut raw = Vec::new();
    let _ = tls.read_to_end(&mut raw).await;
    String::from_utf8_lossy(&raw)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

const CONFIG: &str = "interval: 5s\ntimeout: 1s\nclock: {methods: []}\n";

#[tokio::test]
async fn https_with_a_test_ca_works_and_plain_http_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let roots = test_pki(dir.path());
    let web = dir.path().join("web.yml");
    std::fs::write(
        &web,
        "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n",
    )
    .unwrap();
    let exporter = TestExporter::start_with_web(CONFIG, Some(&web)).await;
    assert_eq!(
        https_get(exporter.address, roots.clone(), "/-/healthy").await,
        200
    );
    assert_eq!(https_get(exporter.address, roots, "/metrics").await, 200);
    // Plain HTTP gets no HTTP answer: the TLS handshake fails and the connection closes.
    if let Ok((status, _)) = get(exporter.address, "/-/healthy", &[]).await {
        assert_eq!(status, 0, "plain HTTP must not be served");
    }
    exporter.stop().await;
}

#[tokio::test]
async fn basic_auth_accepts_the_right_password_only() {
    let dir = tempfile::tempdir().unwrap();
    let web = dir.path().join("web.yml");
    let hash = bcrypt::hash("correct horse", 4).unwrap();
    std::fs::write(&web, format!("basic_auth_users:\n  prometheus: {hash}\n")).unwrap();
    let exporter = TestExporter::start_with_web(CONFIG, Some(&web)).await;
    let auth = |password: &str| {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("prometheus:{password}"))
        )
    };
    let right = auth("correct horse");
    let (status, body) = get(exporter.address, "/-/healthy", &[("Authorization", &right)])
        .await
        .unwrap();
    assert_eq!(status, 200, "{body}");
    let wrong = auth("battery staple");
    let (status, _) = get(exporter.address, "/metrics", &[("Authorization", &wrong)])
        .await
        .unwrap();
    assert_eq!(status, 401);
    let (status, _) = get(exporter.address, "/metrics", &[]).await.unwrap();
    assert_eq!(status, 401);

    // The file is read again when it changes: a new password takes over.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let hash = bcrypt::hash("new password", 4).unwrap();
    std::fs::write(&web, format!("basic_auth_users:\n  prometheus: {hash}\n")).unwrap();
    let (status, _) = get(exporter.address, "/-/healthy", &[("Authorization", &right)])
        .await
        .unwrap();
    assert_eq!(status, 401);
    let (status, _) = get(
        exporter.address,
        "/-/healthy",
        &[("Authorization", &auth("new password"))],
    )
    .await
    .unwrap();
    assert_eq!(status, 200);
    exporter.stop().await;
}

#[test]
fn an_invalid_web_config_is_a_clear_error_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let web = dir.path().join("web.yml");
    std::fs::write(&web, "basic_auth_users:\n  prometheus: plaintext\n").unwrap();
    let out = crate::support::binary::run(&[
        "--web.listen-address=127.0.0.1:0",
        &format!("--web.config.file={}", web.display()),
        "--dns.resolv-conf=/dev/null",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("web.yml: basic_auth_users.prometheus: not a bcrypt hash"),
        "{stderr}"
    );
}

#[tokio::test]
async fn probe_of_a_host_returns_probe_success_and_its_kms_series() {
    let host = KmsHostDouble::start(Behaviour {
        default_count: 30,
        ..Behaviour::default()
    })
    .await;
    let exporter = TestExporter::start(CONFIG).await;
    let (status, text) = get(
        exporter.address,
        &format!(
            "/probe?target={}&product=windows&product=office-2019",
            host.addr()
        ),
        &[],
    )
    .await
    .unwrap();
    assert_eq!(status, 200, "{text}");
    assert_series(&text, "probe_success", 1.0);
    assert!(value(&text, "probe_duration_seconds").is_some());
    let labels = format!("host=\"127.0.0.1\",port=\"{}\"", host.addr().port());
    assert_series(
        &text,
        &format!("kms_activation_current_clients{{{labels},product=\"windows\"}}"),
        30.0,
    );
    assert_series(
        &text,
        &format!("kms_activation_status{{{labels},product=\"office-2019\",status=\"ok\"}}"),
        1.0,
    );
    assert!(!text.contains("kms_exporter_build_info"), "{text}");

    // A second scrape binds again but does not send activation requests again.
    let before = host.requests().len();
    let (_, text) = get(
        exporter.address,
        &format!("/probe?target={}", host.addr()),
        &[],
    )
    .await
    .unwrap();
    assert_series(&text, "probe_success", 1.0);
    assert_eq!(
        host.requests().len(),
        before,
        "activation_interval applies to /probe"
    );
    exporter.stop().await;
}

#[tokio::test]
async fn an_unreachable_target_fails_within_the_scrape_timeout() {
    let hole = net::black_hole().await;
    let exporter = TestExporter::start("interval: 10s\ntimeout: 10s\nclock: {methods: []}\n").await;
    let started = std::time::Instant::now();
    let (status, text) = get(
        exporter.address,
        &format!("/probe?target={}", hole.address),
        &[("X-Prometheus-Scrape-Timeout-Seconds", "2")],
    )
    .await
    .unwrap();
    let took = started.elapsed();
    assert_eq!(status, 200, "{text}");
    assert_series(&text, "probe_success", 0.0);
    assert!(
        took < Duration::from_secs(2),
        "answered after {took:?}, beyond the 2 s scrape timeout"
    );
    let (status, _) = get(exporter.address, "/probe", &[]).await.unwrap();
    assert_eq!(status, 400);
    let (status, text) = get(
        exporter.address,
        "/probe?target=127.0.0.1&product=nope",
        &[],
    )
    .await
    .unwrap();
    assert_eq!(status, 400);
    assert!(text.contains("Unknown product \"nope\""), "{text}");
    exporter.stop().await;
}

fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Issue 14: with basic auth on, 12 clients guessing passwords for 10 s do not push an
/// authenticated scrape past 1 s, probe cycles keep their interval, and unknown-user and
/// wrong-password answers take the same time within a factor of 2 (medians).
///
/// The runtime has two workers, as the exporter has on a two-core machine; the hashes have cost
/// 10, what `htpasswd -nbBC 10` writes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn password_guessing_neither_delays_scrapes_nor_tells_user_names_apart() {
    const GUESSERS: usize = 12;
    const ATTACK: Duration = Duration::from_secs(10);
    const PAIRS: usize = 15;

    let host = KmsHostDouble::start(Behaviour::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let web = dir.path().join("web.yml");
    std::fs::write(
        &web,
        format!(
            "basic_auth_users:\n  prometheus: {}\n  grafana: {}\n",
            bcrypt::hash("scrape-password", 10).unwrap(),
            bcrypt::hash("late-password", 10).unwrap()
        ),
    )
    .unwrap();
    let config = format!(
        "interval: 1s\ntimeout: 1s\nclock: {{methods: []}}\nhosts: [{{address: \"{}\"}}]\n",
        host.addr()
    );
    let exporter = TestExporter::start_with_web(&config, Some(&web)).await;
    let address = exporter.address;
    let scrape_auth = basic("prometheus", "scrape-password");
    // Prometheus has scraped before the guessing starts: its credentials are in the cache.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let (status, text) = get(address, "/metrics", &[("Authorization", &scrape_auth)])
            .await
            .unwrap();
        assert_eq!(status, 200, "{text}");
        if value(&text, "kms_exporter_last_cycle_timestamp_seconds").is_some() {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "no probe cycle");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let attack_ends = tokio::time::Instant::now() + ATTACK;
    let mut guessers = tokio::task::JoinSet::new();
    for client in 0..GUESSERS {
        guessers.spawn(async move {
            let mut answers = Vec::new();
            let mut n = 0;
            while tokio::time::Instant::now() < attack_ends {
                // Half the guesses for the known user, half for names that do not exist;
                // every password is new, so none can come from the cache.
                let user = if (client + n) % 2 == 0 {
                    "prometheus".to_owned()
                } else {
                    format!("guess-{client}-{n}")
                };
                let auth = basic(&user, &format!("guess-{client}-{n}"));
                let (status, _) = get(address, "/metrics", &[("Authorization", &auth)])
                    .await
                    .unwrap();
                answers.push(status);
                n += 1;
            }
            answers
        });
    }

    // A login whose credentials are not cached yet, in the middle of the guessing.
    let late_login = tokio::spawn(async move {
        tokio::time::sleep(ATTACK / 2).await;
        let started = std::time::Instant::now();
        let (status, _) = get(
            address,
            "/-/healthy",
            &[("Authorization", &basic("grafana", "late-password"))],
        )
        .await
        .unwrap();
        (status, started.elapsed())
    });

    // Prometheus scraping every 100 ms meanwhile.
    let mut slowest = Duration::ZERO;
    let mut scrapes = 0;
    let mut cycle_ends = Vec::<f64>::new();
    while tokio::time::Instant::now() < attack_ends {
        let started = std::time::Instant::now();
        let (status, text) = get(address, "/metrics", &[("Authorization", &scrape_auth)])
            .await
            .unwrap();
        let took = started.elapsed();
        assert_eq!(status, 200, "{text}");
        assert!(
            took < Duration::from_secs(1),
            "an authenticated scrape took {took:?} while passwords were guessed"
        );
        slowest = slowest.max(took);
        scrapes += 1;
        let cycle_end = value(&text, "kms_exporter_last_cycle_timestamp_seconds").unwrap();
        if cycle_ends.last() != Some(&cycle_end) {
            cycle_ends.push(cycle_end);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut guesses = 0;
    while let Some(answers) = guessers.join_next().await {
        let answers = answers.unwrap();
        assert!(answers.iter().all(|&s| s == 401), "{answers:?}");
        guesses += answers.len();
    }
    let (late_status, late_took) = late_login.await.unwrap();
    // The last cycle seen before the guessing counts as the start of the window.
    let cycles = cycle_ends.len() - 1;
    let longest_gap = cycle_ends
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(0.0, f64::max);
    eprintln!(
        "{guesses} guesses by {GUESSERS} clients in {ATTACK:?}; {scrapes} authenticated scrapes, \
         slowest {slowest:?}; {cycles} probe cycles (interval 1s), longest gap {longest_gap:.2}s; \
         uncached login during the guessing: {late_took:?}"
    );
    assert_eq!(
        late_status, 200,
        "a login with new credentials still gets in"
    );
    // interval 1s plus up to 5% jitter: ten cycles in 10 s; a loaded machine may lose a few.
    assert!(
        cycles >= 7,
        "{cycles} probe cycles in {ATTACK:?}: {cycle_ends:?}"
    );
    assert!(
        longest_gap < 2.5,
        "{longest_gap:.2}s between probe cycles: {cycle_ends:?}"
    );

    // Unknown user and wrong password, one after the other, every password new.
    let mut unknown_user = Vec::new();
    let mut wrong_password = Vec::new();
    for n in 0..PAIRS {
        for (user, samples) in [
            (format!("nobody-{n}"), &mut unknown_user),
            ("prometheus".to_owned(), &mut wrong_password),
        ] {
            let auth = basic(&user, &format!("timing-{n}"));
            let started = std::time::Instant::now();
            let (status, _) = get(address, "/metrics", &[("Authorization", &auth)])
                .await
                .unwrap();
            samples.push(started.elapsed());
            assert_eq!(status, 401);
        }
    }
    let (unknown_user, wrong_password) = (median(unknown_user), median(wrong_password));
    eprintln!(
        "median 401 over {PAIRS} each: unknown user {unknown_user:?}, wrong password {wrong_password:?}"
    );
    assert!(
        unknown_user < wrong_password * 2 && wrong_password < unknown_user * 2,
        "unknown user {unknown_user:?} vs wrong password {wrong_password:?}: the time tells \
         which user names exist"
    );
    exporter.stop().await;
}

/// Issue 22, acceptance 3: Prometheus retries and replicas send several `/probe` requests for
/// one host at the same moment; the host still gets one round of activation requests.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_probes_of_one_host_send_one_round_of_requests() {
    let probe = |exporter: SocketAddr, host: SocketAddr| async move {
        let path = format!("/probe?target={host}&product=windows&product=office-2019");
        let (status, text) = get(exporter, &path, &[]).await.unwrap();
        assert_eq!(status, 200, "{text}");
        assert_series(&text, "probe_success", 1.0);
    };

    // What one /probe sends.
    let single = KmsHostDouble::start(Behaviour::default()).await;
    let exporter = TestExporter::start(CONFIG).await;
    probe(exporter.address, single.addr()).await;
    let per_probe = single.requests().len();
    assert_eq!(per_probe, 2, "one request per product");

    // Eight at once, against a host that takes 200 ms per answer so that they overlap, and
    // whose clock port never answers, so that each probe runs for its whole budget: a probe
    // waits for the host's activation answers, not for the other probe's clock readings.
    let host = KmsHostDouble::start(Behaviour {
        response_delay: Duration::from_millis(200),
        ..Behaviour::default()
    })
    .await;
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let exporter = TestExporter::start(&format!(
        "interval: 5s\ntimeout: 1s\nclock: {{methods: [ntp], ntp_port: {}}}\n",
        silent.local_addr().unwrap().port()
    ))
    .await;
    let probes: Vec<_> = (0..8)
        .map(|_| tokio::spawn(probe(exporter.address, host.addr())))
        .collect();
    for probe in probes {
        probe.await.unwrap();
    }
    assert_eq!(
        host.requests().len(),
        per_probe,
        "8 concurrent /probe requests sent {} activation requests",
        host.requests().len()
    );
    assert_eq!(
        host.connections(),
        8,
        "each request binds on its own connection"
    );
}
