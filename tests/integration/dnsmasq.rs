//! Against a real DNS server (dnsmasq): a domain publishing 2,000 SRV records beside a healthy
//! one (issue 14, faults 2 and 3, acceptance 1). The oversized answer no longer reads as
//! `error`, and no longer stalls the server for every other domain.

use std::time::Duration;

use kms_exporter::kms::SRV_SERVICE;
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble};

use crate::support::dnsmasq::Dnsmasq;
use crate::support::exporter::{TestExporter, samples, value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_two_thousand_record_neighbour_leaves_a_healthy_domain_complete_in_every_scrape() {
    let kms1 = KmsHostDouble::start(Behaviour::default()).await;
    let kms2 = KmsHostDouble::start(Behaviour::default()).await;
    let mut zone = format!(
        "srv-host={SRV_SERVICE}.good.test,kms1.good.test,{},0,100\n\
         srv-host={SRV_SERVICE}.good.test,kms2.good.test,{},0,100\n\
         host-record=kms1.good.test,127.0.0.1\n\
         host-record=kms2.good.test,127.0.0.1\n",
        kms1.addr().port(),
        kms2.addr().port()
    );
    for i in 0..2000 {
        zone.push_str(&format!(
            "srv-host={SRV_SERVICE}.big.test,kms{i}.big.test,1688,0,0\n"
        ));
    }
    let dns = Dnsmasq::start("127.0.14.53".parse().unwrap(), &zone);
    let ns = dns.address.to_string();
    let exporter = TestExporter::start(&format!(
        "interval: 2s\ntimeout: 1s\nclock: {{methods: []}}\ndns: {{servers: [\"{ns}\"]}}\n\
         domains: [{{name: good.test}}, {{name: big.test}}]\n"
    ))
    .await;

    let good_up = |kms: &KmsHostDouble, name: &str| {
        format!(
            "kms_host_up{{host=\"{name}\",port=\"{}\"}}",
            kms.addr().port()
        )
    };
    let status = |domain: &str| {
        format!("kms_dns_srv_status{{domain=\"{domain}\",nameserver=\"{ns}\",status=\"ok\"}}")
    };
    let started = tokio::time::Instant::now();
    let mut scrapes = 0;
    let mut cycles = std::collections::BTreeSet::new();
    while started.elapsed() < Duration::from_secs(20) {
        let text = exporter.metrics().await;
        scrapes += 1;
        let at = started.elapsed();
        assert_eq!(
            value(&text, &status("good.test")),
            Some(1.0),
            "{at:?}: {text}"
        );
        assert_eq!(
            value(&text, "kms_domain_hosts{domain=\"good.test\"}"),
            Some(2.0),
            "{at:?}: {text}"
        );
        assert_eq!(
            value(&text, &good_up(&kms1, "kms1.good.test")),
            Some(1.0),
            "{at:?}: {text}"
        );
        assert_eq!(
            value(&text, &good_up(&kms2, "kms2.good.test")),
            Some(1.0),
            "{at:?}: {text}"
        );

        assert_eq!(
            value(&text, &status("big.test")),
            Some(1.0),
            "{at:?}: {text}"
        );
        let big_records: Vec<_> = samples(&text, "kms_dns_srv_record_info")
            .into_iter()
            .filter(|line| line.contains("domain=\"big.test\""))
            .collect();
        if big_records.len() != 256 {
            let (_, page) = crate::support::exporter::get(exporter.address, "/", &[])
                .await
                .unwrap();
            panic!("{at:?}: {} records: {page}", big_records.len());
        }
        let received = value(
            &text,
            &format!("kms_dns_srv_records{{domain=\"big.test\",nameserver=\"{ns}\"}}"),
        )
        .unwrap();
        assert!(received >= 256.0, "{received} records reported");
        cycles.insert(value(&text, "kms_exporter_last_cycle_timestamp_seconds").map(f64::to_bits));
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    // Scrapes every 0.5 s over 20 s; cycles every 2 s: the scrapes saw many cycles, not one.
    assert!(scrapes >= 30, "{scrapes} scrapes");
    assert!(cycles.len() >= 6, "only {} cycles in 20 s", cycles.len());
    exporter.stop().await;
}
