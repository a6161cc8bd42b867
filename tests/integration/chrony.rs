//! SNTP measurement against a real NTP server: chronyd on loopback.

use std::time::Duration;

use kms_exporter::clock::sntp;

use crate::support::chrony::{Chronyd, STRATUM};

#[tokio::test]
async fn sntp_agrees_with_a_local_chronyd() {
    let mut chronyd = Chronyd::start();
    chronyd.wait_until_serving().await;

    let measurement = sntp::measure(chronyd.addr, sntp::DEFAULT_SAMPLES, Duration::from_secs(2))
        .await
        .unwrap_or_else(|error| panic!("measure failed: {error}; log:\n{}", chronyd.log()));
    // chronyd serves this machine's own clock, so the offset is loopback noise only.
    assert!(
        measurement.offset.abs() < 0.05,
        "offset {} s against a server on the same clock",
        measurement.offset
    );
    assert!(
        measurement.rtt < 0.05,
        "rtt {} s on loopback",
        measurement.rtt
    );
    assert_eq!(measurement.stratum, Some(STRATUM));
    assert_eq!(measurement.leap, Some(0));
}
