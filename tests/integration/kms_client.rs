//! The KMS client against the host double on loopback.

use std::time::{Duration, SystemTime};

use kms_exporter::kms::client::{
    Activation, BindRejection, ClientError, FallbackActivation, Session,
};
use kms_exporter::kms::message::filetime_from_system_time;
use kms_exporter::kms::products::{self, Product};
use kms_exporter::kms::rpc::{RpcError, TransferSyntax};
use kms_exporter::kms::{ActivationRequest, Hresult, ProtocolVersion, ResponseError};
use kms_exporter::snapshot::ActivationStatus;
use kms_exporter_testkit::kms_host::{Behaviour, KmsHostDouble, Misbehaviour};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio::time::Instant;
use uuid::{Uuid, uuid};

const IO_TIMEOUT: Duration = Duration::from_secs(5);
const CMID: Uuid = uuid!("11111111-2222-4333-8444-555555555555");
const WORKSTATION: &str = "probe.example.test";

fn product(name: &str) -> Product {
    products::lookup(name).expect("built-in product")
}

fn request_for(name: &str) -> ActivationRequest {
    ActivationRequest::for_product(
        &product(name),
        CMID,
        WORKSTATION,
        filetime_from_system_time(SystemTime::now()),
    )
}

async fn session(host: &KmsHostDouble) -> Session<TcpStream> {
    let stream = TcpStream::connect(host.addr()).await.expect("connect");
    let (session, _) = Session::bind(stream, IO_TIMEOUT).await.expect("bind");
    session
}

async fn activate(
    host: &KmsHostDouble,
    request: &ActivationRequest,
) -> Result<Activation, ClientError> {
    let stream = TcpStream::connect(host.addr()).await.expect("connect");
    let (mut session, _) = Session::bind(stream, IO_TIMEOUT).await?;
    session.activate(request).await
}

fn granted(activation: Activation) -> kms_exporter::kms::ActivationResponse {
    match activation {
        Activation::Granted(response) => response,
        Activation::Refused(hresult) => panic!("refused with {hresult}"),
    }
}

/// Count 3 for Windows (and the defaults otherwise).
fn count_three() -> Behaviour {
    Behaviour {
        counts: [(product("windows").application_id, 3)].into(),
        ..Behaviour::default()
    }
}

/// A host with [`count_three`] grants Windows with count 3 and records every field of the
/// request, whatever stream it is reached through.
async fn grants_count_three<S: AsyncRead + AsyncWrite + Unpin>(host: &KmsHostDouble, stream: S) {
    let windows = product("windows");
    let (mut session, bind) = Session::bind(stream, IO_TIMEOUT).await.unwrap();
    assert_eq!(bind.accepted, [TransferSyntax::Ndr32]);
    assert_eq!(bind.btfn_features, Some(3));
    assert_eq!(bind.secondary_address, "1688");

    let request = request_for("windows");
    let response = granted(session.activate(&request).await.unwrap());
    assert_eq!(response.version, ProtocolVersion::V6);
    assert_eq!(response.current_count, 3);
    assert_eq!(response.client_machine_id, CMID);
    assert_eq!(response.client_time, request.client_time);
    assert_eq!(response.epid, Behaviour::default().epid);
    assert_eq!(
        response.hwid,
        Some([0x3a, 0x1c, 0x04, 0x96, 0x00, 0xb6, 0x00, 0x76])
    );
    assert_eq!(response.hmac_slot, Some(0));
    assert_eq!(response.activation_interval_minutes, 120);
    assert_eq!(response.renewal_interval_minutes, 10_080);

    let received = host.requests();
    assert_eq!(received.len(), 1);
    let seen = &received[0];
    assert_eq!(seen.major_version, 6);
    assert_eq!(seen.minor_version, 0);
    assert_eq!(seen.client_machine_id, CMID);
    assert_eq!(seen.required_count, 25);
    assert_eq!(seen.kms_counted_id, windows.kms_counted_id);
    assert_eq!(seen.application_id, windows.application_id);
    assert_eq!(seen.sku_id, windows.sku_id);
    assert_eq!(seen.workstation_name, WORKSTATION);
    assert_eq!(seen.client_time, request.client_time);
    assert_eq!(host.connections(), 1);
}

#[tokio::test]
async fn count_three_is_granted_with_count_three() {
    let host = KmsHostDouble::start(count_three()).await;
    let stream = TcpStream::connect(host.addr()).await.unwrap();
    grants_count_three(&host, stream).await;
}

#[tokio::test]
async fn kms_id_mismatch_refuses_one_product_only() {
    let office = product("office-ltsc-2024");
    let host = KmsHostDouble::start(Behaviour {
        refusals: [(office.kms_counted_id, 0xC004_F042)].into(),
        ..Behaviour::default()
    })
    .await;
    let mut session = session(&host).await;
    assert_eq!(
        session
            .activate(&request_for("office-ltsc-2024"))
            .await
            .unwrap(),
        Activation::Refused(Hresult::KMS_ID_MISMATCH)
    );
    let windows = granted(
        session
            .activate(&request_for("windows-server-2025"))
            .await
            .unwrap(),
    );
    assert_eq!(windows.current_count, 50);
    let office_2021 = granted(
        session
            .activate(&request_for("office-ltsc-2021"))
            .await
            .unwrap(),
    );
    assert_eq!(office_2021.version, ProtocolVersion::V6);
    let received = host.requests();
    assert_eq!(received.len(), 3);
    assert_eq!(received[0].kms_counted_id, office.kms_counted_id);
    assert_eq!(received[0].required_count, 5);
    assert_eq!(host.connections(), 1);
}

#[tokio::test]
async fn fallback_reaches_a_v4_v5_only_host() {
    let host = KmsHostDouble::start(Behaviour {
        versions: vec![4, 5],
        ..Behaviour::default()
    })
    .await;
    let mut session = session(&host).await;
    let outcome = session
        .activate_with_fallback(&request_for("windows"))
        .await
        .unwrap();
    assert_eq!(outcome.version, ProtocolVersion::V5);
    assert_eq!(outcome.unsupported, [ProtocolVersion::V6]);
    let response = granted(outcome.activation);
    assert_eq!(response.version, ProtocolVersion::V5);
    assert_eq!(response.hwid, None);
    assert_eq!(response.hmac_slot, None);
    // Only the V5 request could be decrypted and recorded.
    let versions: Vec<u16> = host.requests().iter().map(|r| r.major_version).collect();
    assert_eq!(versions, [5]);

    host.update(|b| b.versions = vec![4]);
    let outcome = session
        .activate_with_fallback(&request_for("windows"))
        .await
        .unwrap();
    assert_eq!(outcome.version, ProtocolVersion::V4);
    assert_eq!(
        outcome.unsupported,
        [ProtocolVersion::V6, ProtocolVersion::V5]
    );
    assert_eq!(granted(outcome.activation).current_count, 50);
}

#[tokio::test]
async fn fallback_stops_on_product_refusals_and_reports_total_refusal() {
    let server = product("windows-server-2022");
    let host = KmsHostDouble::start(Behaviour {
        refusals: [(server.kms_counted_id, 0xC004_F042)].into(),
        ..Behaviour::default()
    })
    .await;
    let mut session = session(&host).await;
    assert_eq!(
        session
            .activate_with_fallback(&request_for("windows-server-2022"))
            .await
            .unwrap(),
        FallbackActivation {
            version: ProtocolVersion::V6,
            activation: Activation::Refused(Hresult::KMS_ID_MISMATCH),
            unsupported: vec![],
        }
    );

    host.update(|b| b.versions.clear());
    assert_eq!(
        session
            .activate_with_fallback(&request_for("windows"))
            .await
            .unwrap(),
        FallbackActivation {
            version: ProtocolVersion::V4,
            activation: Activation::Refused(Hresult::INVALID_DATA),
            unsupported: vec![
                ProtocolVersion::V6,
                ProtocolVersion::V5,
                ProtocolVersion::V4
            ],
        }
    );
}

#[tokio::test]
async fn legacy_product_starts_at_v4() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let response = granted(activate(&host, &request_for("windows-7")).await.unwrap());
    assert_eq!(response.version, ProtocolVersion::V4);
    assert_eq!(host.requests()[0].major_version, 4);
}

#[tokio::test]
async fn wrong_hmac_is_an_invalid_response() {
    let host = KmsHostDouble::start(Behaviour {
        misbehaviour: Some(Misbehaviour::WrongHmac),
        ..Behaviour::default()
    })
    .await;
    let error = activate(&host, &request_for("windows")).await.unwrap_err();
    assert!(
        matches!(error, ClientError::InvalidResponse(ResponseError::Hmac)),
        "{error:?}"
    );
    assert_eq!(
        ActivationStatus::from(&error).as_label(),
        "invalid_response"
    );
}

#[tokio::test]
async fn wrong_cmid_is_an_invalid_response_for_every_version() {
    let host = KmsHostDouble::start(Behaviour {
        misbehaviour: Some(Misbehaviour::WrongCmid),
        ..Behaviour::default()
    })
    .await;
    for version in [
        ProtocolVersion::V6,
        ProtocolVersion::V5,
        ProtocolVersion::V4,
    ] {
        let request = ActivationRequest {
            version,
            ..request_for("windows")
        };
        let error = activate(&host, &request).await.unwrap_err();
        assert!(
            matches!(
                error,
                ClientError::InvalidResponse(ResponseError::ClientMachineId { sent: CMID, .. })
            ),
            "{version}: {error:?}"
        );
        assert_eq!(
            ActivationStatus::from(&error).as_label(),
            "invalid_response"
        );
    }
}

#[tokio::test]
async fn stall_times_out_within_the_io_timeout() {
    let host = KmsHostDouble::start(Behaviour {
        misbehaviour: Some(Misbehaviour::Stall),
        ..Behaviour::default()
    })
    .await;
    let io_timeout = Duration::from_millis(300);
    let stream = TcpStream::connect(host.addr()).await.unwrap();
    let started = Instant::now();
    let error = Session::bind(stream, io_timeout).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(matches!(error, ClientError::Timeout), "{error:?}");
    assert_eq!(ActivationStatus::from(&error).as_label(), "unreachable");
    assert!(elapsed >= io_timeout, "{elapsed:?}");
    assert!(elapsed < io_timeout + Duration::from_secs(1), "{elapsed:?}");
}

#[tokio::test]
async fn clock_skew_beyond_four_hours_is_refused() {
    let host = KmsHostDouble::start(Behaviour {
        clock_offset_seconds: 5 * 3600,
        ..Behaviour::default()
    })
    .await;
    assert_eq!(
        activate(&host, &request_for("windows")).await.unwrap(),
        Activation::Refused(Hresult::INVALID_TIMESTAMP)
    );
    host.update(|b| b.clock_offset_seconds = -(3 * 3600 + 1800));
    granted(activate(&host, &request_for("windows")).await.unwrap());
    assert_eq!(host.connections(), 2);
}

#[tokio::test]
async fn behaviour_changes_apply_to_the_running_double() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    let mut session = session(&host).await;
    let office = product("office-2019");
    assert_eq!(
        granted(session.activate(&request_for("office-2019")).await.unwrap()).current_count,
        50
    );
    host.update(|b| {
        b.counts.insert(office.application_id, 4);
        b.activation_interval_minutes = 60;
        b.epid = "03612-04573-000-012345-03-1033-20348.0000-0012024".to_owned();
    });
    let response = granted(session.activate(&request_for("office-2019")).await.unwrap());
    assert_eq!(response.current_count, 4);
    assert_eq!(response.activation_interval_minutes, 60);
    assert_eq!(
        response.epid,
        "03612-04573-000-012345-03-1033-20348.0000-0012024"
    );
}

#[tokio::test]
async fn fault_pdu_is_an_rpc_error() {
    let host = KmsHostDouble::start(Behaviour {
        misbehaviour: Some(Misbehaviour::FaultPdu(0x1C01_0003)),
        ..Behaviour::default()
    })
    .await;
    let error = activate(&host, &request_for("windows")).await.unwrap_err();
    assert!(
        matches!(error, ClientError::Fault(0x1C01_0003)),
        "{error:?}"
    );
    assert_eq!(ActivationStatus::from(&error).as_label(), "rpc_error");
}

#[tokio::test]
async fn garbage_and_truncated_replies_are_rpc_errors() {
    let host = KmsHostDouble::start(Behaviour {
        misbehaviour: Some(Misbehaviour::Garbage),
        ..Behaviour::default()
    })
    .await;
    let error = activate(&host, &request_for("windows")).await.unwrap_err();
    assert!(
        matches!(error, ClientError::Protocol(RpcError::Version { .. })),
        "{error:?}"
    );
    assert_eq!(ActivationStatus::from(&error).as_label(), "rpc_error");

    host.update(|b| b.misbehaviour = Some(Misbehaviour::Truncated));
    let error = activate(&host, &request_for("windows")).await.unwrap_err();
    assert!(
        matches!(error, ClientError::Protocol(RpcError::Truncated { .. })),
        "{error:?}"
    );
    assert_eq!(ActivationStatus::from(&error).as_label(), "rpc_error");
}

#[tokio::test]
async fn close_after_bind_is_closed() {
    let host = KmsHostDouble::start(Behaviour {
        misbehaviour: Some(Misbehaviour::CloseAfterBind),
        ..Behaviour::default()
    })
    .await;
    let error = activate(&host, &request_for("windows")).await.unwrap_err();
    // The write may race the close: either the read sees EOF or the write sees a reset.
    assert!(
        matches!(error, ClientError::Closed | ClientError::Io(_)),
        "{error:?}"
    );
    assert_eq!(ActivationStatus::from(&error).as_label(), "unreachable");
}

#[tokio::test]
async fn bind_rejections_are_rpc_errors() {
    let host = KmsHostDouble::start(Behaviour {
        misbehaviour: Some(Misbehaviour::RejectBind),
        ..Behaviour::default()
    })
    .await;
    let error = activate(&host, &request_for("windows")).await.unwrap_err();
    assert!(
        matches!(
            error,
            ClientError::BindRejected(BindRejection::Nak { reason: 4 })
        ),
        "{error:?}"
    );
    assert_eq!(ActivationStatus::from(&error).as_label(), "rpc_error");

    host.update(|b| b.misbehaviour = Some(Misbehaviour::RejectInterface));
    let error = activate(&host, &request_for("windows")).await.unwrap_err();
    assert!(
        matches!(
            error,
            ClientError::BindRejected(BindRejection::Ndr32NotAccepted)
        ),
        "{error:?}"
    );
    assert!(host.requests().is_empty());
}

#[tokio::test]
async fn in_memory_host_answers_and_records_like_the_tcp_one() {
    let host = KmsHostDouble::in_memory(count_three());
    grants_count_three(&host, host.connect()).await;
    assert_eq!(host.versions_seen(), [6]);
}

#[tokio::test]
async fn tcp_and_in_memory_connections_share_behaviour_and_records() {
    let host = KmsHostDouble::start(Behaviour::default()).await;
    granted(activate(&host, &request_for("windows")).await.unwrap());
    host.update(|b| b.versions = vec![4]);
    let (mut session, _) = Session::bind(host.connect(), IO_TIMEOUT).await.unwrap();
    let outcome = session
        .activate_with_fallback(&request_for("office-2019"))
        .await
        .unwrap();
    assert_eq!(outcome.version, ProtocolVersion::V4);
    assert_eq!(host.versions_seen(), [6, 6, 5, 4]);
    assert_eq!(host.requests().len(), 2);
    assert_eq!(host.connections(), 2);
}

#[tokio::test]
async fn in_memory_reset_mid_response_is_a_truncation() {
    // An in-memory pipe cannot be reset: the double closes it after half the response.
    let host = KmsHostDouble::in_memory(Behaviour {
        misbehaviour: Some(Misbehaviour::ResetMidResponse),
        ..Behaviour::default()
    });
    let (mut session, _) = Session::bind(host.connect(), IO_TIMEOUT).await.unwrap();
    let error = session.activate(&request_for("windows")).await.unwrap_err();
    assert!(
        matches!(error, ClientError::Protocol(RpcError::Truncated { .. })),
        "{error:?}"
    );
    assert_eq!(ActivationStatus::from(&error).as_label(), "rpc_error");
}
