//! Configuration reloads as `/metrics` and the landing page show them (issue 24): the intervals
//! and settings beside a cycle's targets are those of the configuration that cycle ran with,
//! never the next one's.

use std::net::SocketAddr;
use std::time::Duration;

use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};

use crate::support::exporter::{TestExporter, get, request, value};

/// Probes one static host, with `interval` and `activation_interval` given.
/// The timeout is the interval's, so the landing page shows it changing too.
fn config(host: SocketAddr, interval: &str, activation_interval: &str) -> String {
    format!(
        "interval: {interval}\nactivation_interval: {activation_interval}\ntimeout: {interval}\n\
         clock: {{methods: []}}\ndomains: []\nhosts: [{{address: \"{host}\"}}]\n"
    )
}

/// Whether `/metrics` shows series of the host at `host`.
fn shows(text: &str, host: SocketAddr) -> bool {
    let labels = format!("host=\"{}\",port=\"{}\"", host.ip(), host.port());
    text.lines()
        .any(|l| l.starts_with("kms_host_up{") && l.contains(&labels))
}

/// Whether the landing page lists the host at `host` in its hosts table.
fn lists(page: &str, host: SocketAddr) -> bool {
    page.contains(&format!(
        "<tr><td>{}</td><td>{}</td>",
        host.ip(),
        host.port()
    ))
}

/// The interval, activation interval and timeout rows of the landing page's configuration table.
fn settings_rows(page: &str) -> [Option<&str>; 3] {
    ["interval", "activation interval", "timeout"].map(|name| {
        let row = format!("<tr><th>{name}</th><td>");
        let at = page.find(&row)? + row.len();
        page[at..].split("</td>").next()
    })
}

#[tokio::test]
async fn after_a_reload_metrics_and_the_landing_page_show_each_cycles_targets_with_its_settings() {
    let old = KmsHostDouble::start(Behaviour::default()).await;
    // The new host answers slowly, so the first cycle after the reload runs for a while: long
    // enough for scrapes to see the old cycle after the new configuration was loaded.
    let new = KmsHostDouble::start(Behaviour {
        response_delay: Duration::from_millis(700),
        ..Behaviour::default()
    })
    .await;
    let exporter = TestExporter::start(&config(old.addr(), "2s", "1h")).await;
    let text = exporter.metrics().await;
    assert!(shows(&text, old.addr()), "{text}");

    std::fs::write(&exporter.config_path, config(new.addr(), "3s", "2h")).unwrap();
    let (status, _) = request(exporter.address, "POST", "/-/reload", &[])
        .await
        .unwrap();
    assert_eq!(status, 200);

    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    let mut old_cycle_scrapes = 0;
    let mut old_cycle_pages = 0;
    loop {
        let (status, page) = get(exporter.address, "/", &[]).await.unwrap();
        assert_eq!(status, 200);
        let (page_old, page_new) = (lists(&page, old.addr()), lists(&page, new.addr()));
        assert!(
            !(page_old && page_new),
            "two cycles' hosts at once:\n{page}"
        );
        if page_old {
            old_cycle_pages += 1;
            assert_eq!(
                settings_rows(&page),
                [Some("2s"), Some("1h"), Some("2s")],
                "the old cycle's hosts beside other settings than its own:\n{page}"
            );
        }
        if page_new {
            assert_eq!(
                settings_rows(&page),
                [Some("3s"), Some("2h"), Some("3s")],
                "the new cycle's hosts beside other settings than its own:\n{page}"
            );
        }
        let text = exporter.metrics().await;
        let (has_old, has_new) = (shows(&text, old.addr()), shows(&text, new.addr()));
        let intervals = (
            value(&text, "kms_exporter_probe_interval_seconds"),
            value(&text, "kms_exporter_activation_interval_seconds"),
        );
        assert!(
            !(has_old && has_new),
            "two cycles' targets at once:\n{text}"
        );
        if has_old {
            old_cycle_scrapes += 1;
            assert_eq!(
                intervals,
                (Some(2.0), Some(3600.0)),
                "the old cycle's targets beside other intervals than its own:\n{text}"
            );
        }
        if has_new {
            assert_eq!(
                intervals,
                (Some(3.0), Some(7200.0)),
                "the new cycle's targets beside other intervals than its own:\n{text}"
            );
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the new host never appeared:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The slow host kept the old cycle on show after the reload: the window the check is about
    // was really scraped.
    assert!(old_cycle_scrapes > 0, "no scrape saw the old cycle");
    assert!(old_cycle_pages > 0, "no landing page showed the old cycle");
    // The new cycle is on `/metrics`; the landing page reads the same snapshot.
    let (_, page) = get(exporter.address, "/", &[]).await.unwrap();
    assert!(lists(&page, new.addr()), "{page}");
    assert_eq!(
        settings_rows(&page),
        [Some("3s"), Some("2h"), Some("3s")],
        "{page}"
    );
    exporter.stop().await;
}
