//! Clock measurement against local SNTP and SMB2 doubles.

use std::net::SocketAddr;
use std::time::Duration;

use kms_exporter::clock::{ClockError, DecodeError, smb2, sntp};
use tokio::time::Instant;

use kms_exporter_testkit::smb2::{Smb2Behaviour, Smb2Double};
use kms_exporter_testkit::sntp::{SntpBehaviour, SntpDouble};

/// Budget for calls expected to succeed or fail fast.
const BUDGET: Duration = Duration::from_secs(2);
/// Budget for calls expected to time out.
const SHORT_BUDGET: Duration = Duration::from_millis(600);
/// How far past its budget a timed-out call may return: scheduling on a loaded 2-core machine.
const MARGIN: Duration = Duration::from_millis(300);

fn expect_error<T: std::fmt::Debug>(result: Result<T, ClockError>) -> ClockError {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error) => error,
    }
}

/// A loopback TCP port with nothing listening on it.
async fn closed_tcp_port() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    drop(listener);
    addr
}

/// A loopback UDP port with nothing bound to it.
async fn closed_udp_port() -> SocketAddr {
    let socket = tokio::net::UdpSocket::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = socket.local_addr().expect("addr");
    drop(socket);
    addr
}

#[tokio::test]
async fn sntp_measures_a_host_two_hours_ahead() {
    let double = SntpDouble::start(7200.0, SntpBehaviour::Answer).await;
    let measurement = sntp::measure(double.addr(), 4, BUDGET)
        .await
        .expect("measurement");
    assert!(
        (measurement.offset - 7200.0).abs() < 1.0,
        "offset {}",
        measurement.offset
    );
    assert!(
        measurement.rtt >= 0.0 && measurement.rtt < 0.5,
        "rtt {}",
        measurement.rtt
    );
    assert_eq!(measurement.stratum, Some(2));
    assert_eq!(measurement.leap, Some(0));
    assert_eq!(double.requests(), 4);
}

#[tokio::test]
async fn sntp_measures_a_host_behind() {
    let double = SntpDouble::start(-1800.25, SntpBehaviour::Answer).await;
    let measurement = sntp::measure(double.addr(), 1, BUDGET)
        .await
        .expect("measurement");
    assert!(
        (measurement.offset + 1800.25).abs() < 0.05,
        "offset {}",
        measurement.offset
    );
}

#[tokio::test]
async fn sntp_kiss_of_death_is_an_error_and_stops_the_client() {
    let double = SntpDouble::start(7200.0, SntpBehaviour::KissOfDeath).await;
    let error = expect_error(sntp::measure(double.addr(), 4, BUDGET).await);
    assert_eq!(error.as_metrics_label(), "kiss_of_death");
    assert_eq!(error.to_string(), "NTP kiss-o'-death, code RATE");
    // RFC 4330 §8: a kissed client stops sending.
    assert_eq!(double.requests(), 1);
}

#[tokio::test]
async fn sntp_unsynchronised_server_is_an_error() {
    let double = SntpDouble::start(7200.0, SntpBehaviour::Unsynchronised).await;
    let error = expect_error(sntp::measure(double.addr(), 4, BUDGET).await);
    assert_eq!(error.as_metrics_label(), "unsynchronised");
    assert!(matches!(
        error,
        ClockError::Unsynchronised {
            leap: 3,
            stratum: 3
        }
    ));
}

#[tokio::test]
async fn sntp_ignores_replies_with_wrong_originate() {
    let double = SntpDouble::start(7200.0, SntpBehaviour::WrongOriginate).await;
    let started = Instant::now();
    let error = expect_error(sntp::measure(double.addr(), 3, SHORT_BUDGET).await);
    assert_eq!(error.as_metrics_label(), "timeout");
    assert!(started.elapsed() < SHORT_BUDGET + MARGIN);
    // Every request was answered, and every answer was ignored.
    assert_eq!(double.requests(), 3);
}

#[tokio::test]
async fn sntp_ignores_replies_from_another_port() {
    let double = SntpDouble::start(7200.0, SntpBehaviour::ReplyFromOtherPort).await;
    let started = Instant::now();
    let error = expect_error(sntp::measure(double.addr(), 3, SHORT_BUDGET).await);
    assert_eq!(error.as_metrics_label(), "timeout");
    assert!(started.elapsed() < SHORT_BUDGET + MARGIN);
    assert_eq!(double.requests(), 3);
}

#[tokio::test]
async fn sntp_silent_server_times_out_within_budget() {
    let double = SntpDouble::start(0.0, SntpBehaviour::Silent).await;
    let started = Instant::now();
    let error = expect_error(sntp::measure(double.addr(), 4, SHORT_BUDGET).await);
    let elapsed = started.elapsed();
    assert!(matches!(error, ClockError::Timeout(budget) if budget == SHORT_BUDGET));
    assert!(elapsed < SHORT_BUDGET + MARGIN, "took {elapsed:?}");
    // Not giving up early either: the budget is what the caller asked to wait.
    assert!(
        elapsed >= SHORT_BUDGET - Duration::from_millis(50),
        "took {elapsed:?}"
    );
}

#[tokio::test]
async fn sntp_closed_port_is_refused_quickly() {
    // On a connected UDP socket the ICMP port unreachable comes back as ECONNREFUSED.
    let addr = closed_udp_port().await;
    let started = Instant::now();
    let error = expect_error(sntp::measure(addr, 4, BUDGET).await);
    assert_eq!(error.as_metrics_label(), "refused", "{error}");
    assert!(started.elapsed() < Duration::from_millis(500));
}

#[tokio::test]
async fn smb2_measures_a_host_thirty_minutes_behind() {
    let double = Smb2Double::start(-1800.0, Smb2Behaviour::Answer).await;
    let measurement = smb2::measure(double.addr(), BUDGET)
        .await
        .expect("measurement");
    assert!(
        (measurement.offset + 1800.0).abs() < 1.0,
        "offset {}",
        measurement.offset
    );
    // FILETIME has 100-ns resolution: on loopback the offset is far better than a second.
    assert!(
        (measurement.offset + 1800.0).abs() < 0.05,
        "offset {}",
        measurement.offset
    );
    assert!(
        measurement.rtt >= 0.0 && measurement.rtt < 0.5,
        "rtt {}",
        measurement.rtt
    );
    assert_eq!(measurement.stratum, None);
    assert_eq!(measurement.leap, None);
    assert_eq!(double.requests(), 1);
}

#[tokio::test]
async fn smb2_smb1_answer_is_a_bad_reply() {
    let double = Smb2Double::start(0.0, Smb2Behaviour::Smb1).await;
    let error = expect_error(smb2::measure(double.addr(), BUDGET).await);
    assert_eq!(error.as_metrics_label(), "bad_reply");
    assert!(matches!(
        error,
        ClockError::BadReply(DecodeError::Smb1Reply)
    ));
}

#[tokio::test]
async fn smb2_garbage_is_a_bad_reply() {
    let double = Smb2Double::start(0.0, Smb2Behaviour::Garbage).await;
    let error = expect_error(smb2::measure(double.addr(), BUDGET).await);
    assert_eq!(error.as_metrics_label(), "bad_reply");
    assert_eq!(
        error.to_string(),
        "bad reply: not a NetBIOS session message (type 0x48)"
    );
}

#[tokio::test]
async fn smb2_error_status_is_a_bad_reply_with_the_status() {
    let double = Smb2Double::start(0.0, Smb2Behaviour::ErrorStatus(0xC000_00BB)).await;
    let error = expect_error(smb2::measure(double.addr(), BUDGET).await);
    assert_eq!(error.as_metrics_label(), "bad_reply");
    assert_eq!(error.to_string(), "bad reply: SMB2 error status 0xc00000bb");
}

#[tokio::test]
async fn smb2_closed_port_is_refused_quickly() {
    let addr = closed_tcp_port().await;
    let started = Instant::now();
    let error = expect_error(smb2::measure(addr, BUDGET).await);
    assert_eq!(error.as_metrics_label(), "refused", "{error}");
    assert!(started.elapsed() < Duration::from_millis(500));
}

#[tokio::test]
async fn smb2_stalled_server_times_out_within_budget() {
    let double = Smb2Double::start(0.0, Smb2Behaviour::Stall).await;
    let started = Instant::now();
    let error = expect_error(smb2::measure(double.addr(), SHORT_BUDGET).await);
    let elapsed = started.elapsed();
    assert!(matches!(error, ClockError::Timeout(budget) if budget == SHORT_BUDGET));
    assert!(elapsed < SHORT_BUDGET + MARGIN, "took {elapsed:?}");
    assert_eq!(double.requests(), 1);
}
