//! The HTTP side under hostile or heavy clients (issue: reliability): header-read timeout,
//! the connection cap, slow clients next to scrapes, concurrent scrapes, reloads under load.

use std::time::{Duration, Instant};

use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::binary::Process;
use crate::support::exporter::{TestExporter, get, request, samples};

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_dropped() {
    let exporter = TestExporter::start("interval: 30s\ntimeout: 1s\nclock: {methods: []}\n").await;
    let mut slow = TcpStream::connect(exporter.address).await.unwrap();
    slow.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 256];
    // The server answers 408 or just closes; either way the connection ends.
    let ended = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match slow.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the connection is still open after 20 s");
    let took = started.elapsed();
    assert!(
        (Duration::from_secs(9)..Duration::from_secs(13)).contains(&took),
        "closed after {took:?}, expected the 10 s header-read timeout"
    );
    exporter.stop().await;
}

#[tokio::test]
async fn slow_clients_do_not_stall_scrapes() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let exporter = TestExporter::start(&format!(
        "interval: 30s\ntimeout: 1s\nclock: {{methods: []}}\nhosts: [{{address: \"{}\"}}]\n",
        host.addr()
    ))
    .await;
    let mut slow = Vec::new();
    for _ in 0..200 {
        let mut stream = TcpStream::connect(exporter.address).await.unwrap();
        stream
            .write_all(b"GET /metrics HTTP/1.1\r\n")
            .await
            .unwrap();
        slow.push(stream);
    }
    let started = Instant::now();
    let (status, text) = get(exporter.address, "/metrics", &[]).await.unwrap();
    assert_eq!(status, 200);
    assert!(!samples(&text, "kms_activation_status").is_empty());
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "a scrape next to 200 slow clients took {:?}",
        started.elapsed()
    );
    drop(slow);
    exporter.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_scrapes_all_get_the_whole_exposition() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let exporter = TestExporter::start(&format!(
        "interval: 1s\ntimeout: 1s\nclock: {{methods: []}}\nhosts: [{{address: \"{}\"}}]\n",
        host.addr()
    ))
    .await;
    let address = exporter.address;
    let scrapers: Vec<_> = (0..8)
        .map(|i| {
            tokio::spawn(async move {
                let mut seen = 0;
                for _ in 0..40 {
                    let accept = if i % 2 == 0 {
                        "application/openmetrics-text;version=1.0.0"
                    } else {
                        "text/plain"
                    };
                    let (status, text) = get(address, "/metrics", &[("Accept", accept)])
                        .await
                        .unwrap();
                    assert_eq!(status, 200);
                    assert_eq!(
                        samples(&text, "kms_activation_status").len(),
                        5,
                        "every scrape carries the host's five status series"
                    );
                    assert!(text.contains("kms_exporter_build_info"));
                    if i % 2 == 0 {
                        assert!(text.ends_with("# EOF\n"), "OpenMetrics must be complete");
                    }
                    seen += 1;
                }
                seen
            })
        })
        .collect();
    let mut total = 0;
    for scraper in scrapers {
        total += scraper.await.unwrap();
    }
    assert_eq!(total, 320);
    exporter.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reloads_under_scrape_load_keep_serving() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let good = format!(
        "interval: 1s\ntimeout: 1s\nclock: {{methods: []}}\nhosts: [{{address: \"{}\"}}]\n",
        host.addr()
    );
    let exporter = TestExporter::start(&good).await;
    let address = exporter.address;
    let scrapers: Vec<_> = (0..4)
        .map(|_| {
            tokio::spawn(async move {
                for _ in 0..50 {
                    let (status, text) = get(address, "/metrics", &[]).await.unwrap();
                    assert_eq!(status, 200);
                    assert!(text.contains("kms_exporter_config_last_reload_successful"));
                }
            })
        })
        .collect();
    for i in 0..20 {
        let broken = i % 2 == 1;
        let yaml = if broken {
            "interval: 1s\ntimeout: 1s\nhosts: [{address: \"bad:99999\"}]\n".to_owned()
        } else {
            good.clone()
        };
        std::fs::write(&exporter.config_path, yaml).unwrap();
        let (status, _) = request(address, "POST", "/-/reload", &[]).await.unwrap();
        assert_eq!(status, if broken { 500 } else { 200 });
    }
    for scraper in scrapers {
        scraper.await.unwrap();
    }
    let text = exporter.metrics().await;
    assert!(
        text.lines()
            .any(|l| l == "kms_exporter_config_last_reload_successful 0"),
        "the last reload was broken"
    );
    assert_eq!(samples(&text, "kms_activation_status").len(), 5, "{text}");
    exporter.stop().await;
}

/// Open file descriptors of a process.
pub fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_wait_and_cost_no_descriptors() {
    let exporter = Process::start(&[], "");
    let before = open_fds(exporter.child.id());
    // 600 clients: 512 are served, the rest wait in the listen backlog (connections the kernel
    // cannot queue either time out on the client's side, which is theirs to handle).
    let mut idle = Vec::new();
    for _ in 0..600 {
        if let Ok(Ok(stream)) =
            tokio::time::timeout(Duration::from_secs(1), TcpStream::connect(exporter.address)).await
        {
            idle.push(stream);
        }
    }
    assert!(idle.len() > 512, "only {} clients connected", idle.len());
    tokio::time::sleep(Duration::from_secs(1)).await;
    let during = open_fds(exporter.child.id());
    assert!(
        during <= before + 512 + 8,
        "the exporter holds {during} descriptors with {} idle clients (before: {before}); the cap is 512",
        idle.len()
    );
    // Idle clients are dropped at the header-read timeout, and scraping resumes.
    let started = Instant::now();
    let (status, _) = tokio::time::timeout(
        Duration::from_secs(15),
        get(exporter.address, "/-/healthy", &[]),
    )
    .await
    .expect("served within the header-read timeout")
    .unwrap();
    assert_eq!(status, 200);
    assert!(started.elapsed() < Duration::from_secs(13));
    drop(idle);
}
