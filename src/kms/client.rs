//! KMS client I/O: one RPC association over any byte stream (`docs/protocol.md` §1.1, §8).
//!
//! Only buffering and timeouts live here; every byte is produced and checked by [`super::rpc`]
//! and [`super::message`].

use std::io;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::message::{self, ActivationRequest, ActivationResponse, Hresult, ResponseError};
use super::rpc::{
    self, BindAck, BindOffer, BindReply, CallReply, ContextResult, RpcError, TransferSyntax,
};
use super::version::ProtocolVersion;

/// vlmcs starts call IDs at 2, like Microsoft's client (docs/protocol.md §1.2).
const FIRST_CALL_ID: u32 = 2;

/// Why the host did not bind the KMS interface with NDR32.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindRejection {
    /// BIND_NAK with its provider_reject_reason (docs/protocol.md §4.1).
    Nak { reason: u16 },
    /// BIND_ACK without an NDR32 acceptance, e.g. result 2 / reason 1 when the interface is
    /// not offered (docs/protocol.md §4.1).
    Ndr32NotAccepted,
}

impl std::fmt::Display for BindRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Nak { reason } => write!(f, "BIND_NAK, reason {reason}"),
            Self::Ndr32NotAccepted => f.write_str("NDR32 context not accepted"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("I/O error: {0}")]
    Io(#[from] io::Error),
    #[error("no complete answer within the I/O timeout")]
    Timeout,
    #[error("connection closed by the host")]
    Closed,
    #[error("RPC bind rejected: {0}")]
    BindRejected(BindRejection),
    #[error("RPC fault, status 0x{0:08X}")]
    Fault(u32),
    #[error("malformed RPC PDU: {0}")]
    Protocol(#[from] RpcError),
    #[error("KMS response failed verification: {0}")]
    InvalidResponse(#[from] ResponseError),
}

/// What the BIND taught about the host's RPC runtime (docs/protocol.md §3.4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindInfo {
    /// The context requests go out on.
    pub ndr32_context: u16,
    /// Syntaxes the host accepted.
    pub accepted: Vec<TransferSyntax>,
    /// Every context result as received.
    pub results: Vec<ContextResult>,
    /// Feature bits granted through BTFN (Vista/2008 or later), if acknowledged.
    pub btfn_features: Option<u16>,
    /// The port string the host reports, e.g. "1688".
    pub secondary_address: String,
    pub max_xmit_frag: u16,
    pub max_recv_frag: u16,
}

impl BindInfo {
    fn from_ack(ack: BindAck, ndr32_context: u16) -> Self {
        let accepted = ack
            .results
            .iter()
            .filter(|r| matches!(r.outcome, rpc::ContextOutcome::Accepted { .. }))
            .map(|r| r.offered)
            .collect();
        Self {
            ndr32_context,
            accepted,
            btfn_features: ack.btfn_features(),
            results: ack.results,
            secondary_address: ack.secondary_address,
            max_xmit_frag: ack.max_xmit_frag,
            max_recv_frag: ack.max_recv_frag,
        }
    }
}

/// The host's verdict on one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activation {
    /// A response that passed every check of docs/protocol.md §3.
    Granted(ActivationResponse),
    /// The refusal stub's HRESULT (docs/protocol.md §4.1).
    Refused(Hresult),
}

/// Result of [`Session::activate_with_fallback`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FallbackActivation {
    /// The version of the last request, whose answer `activation` is.
    pub version: ProtocolVersion,
    pub activation: Activation,
    /// Versions the host refused with 0x8007000D, in the order tried; includes `version` when
    /// even the last attempt was refused that way.
    pub unsupported: Vec<ProtocolVersion>,
}

/// A bound RPC association with a KMS host.
#[derive(Debug)]
pub struct Session<S> {
    stream: S,
    io_timeout: Duration,
    context_id: u16,
    next_call_id: u32,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Session<S> {
    /// Binds `[NDR32, BTFN]` on a connected stream, the bind docs/protocol.md §1.4 recommends for a
    /// probe. Each write and each whole PDU read is bounded by `io_timeout`.
    pub async fn bind(stream: S, io_timeout: Duration) -> Result<(Self, BindInfo), ClientError> {
        let mut session = Self {
            stream,
            io_timeout,
            context_id: 0,
            next_call_id: FIRST_CALL_ID,
        };
        let call_id = session.take_call_id();
        let offer = BindOffer::Ndr32Btfn;
        session.send(&rpc::encode_bind(call_id, offer)).await?;
        let reply = session.receive().await?;
        let ack = match rpc::decode_bind_reply(&reply, call_id, offer)? {
            BindReply::Ack(ack) => ack,
            BindReply::Nak { reason } => {
                return Err(ClientError::BindRejected(BindRejection::Nak { reason }));
            }
        };
        let ndr32_context = ack
            .ndr32_context()
            .ok_or(ClientError::BindRejected(BindRejection::Ndr32NotAccepted))?;
        session.context_id = ndr32_context;
        Ok((session, BindInfo::from_ack(ack, ndr32_context)))
    }

    /// Sends one activation request with a fresh random IV and verifies the answer.
    pub async fn activate(
        &mut self,
        request: &ActivationRequest,
    ) -> Result<Activation, ClientError> {
        let mut iv = [0u8; 16];
        getrandom::fill(&mut iv).map_err(|e| ClientError::Io(io::Error::other(e)))?;
        let encoded = message::encode_request(request, iv);
        let call_id = self.take_call_id();
        self.send(&rpc::encode_request(
            call_id,
            self.context_id,
            encoded.bytes(),
        )?)
        .await?;
        let reply = self.receive().await?;
        match rpc::decode_call_reply(&reply, call_id, self.context_id)? {
            CallReply::Success(kms) => Ok(Activation::Granted(message::decode_response(
                &encoded, kms,
            )?)),
            CallReply::Refusal(hresult) => Ok(Activation::Refused(Hresult(hresult))),
            CallReply::Fault(status) => Err(ClientError::Fault(status)),
        }
    }

    /// Sends `request` at its version and steps down V6 → V5 → V4 only while the host answers
    /// 0x8007000D, the genuine "version not supported" refusal (docs/protocol.md §4.6).
    pub async fn activate_with_fallback(
        &mut self,
        request: &ActivationRequest,
    ) -> Result<FallbackActivation, ClientError> {
        let mut attempt = request.clone();
        let mut unsupported = Vec::new();
        loop {
            let activation = self.activate(&attempt).await?;
            let version_refused = activation == Activation::Refused(Hresult::INVALID_DATA);
            if version_refused {
                unsupported.push(attempt.version);
            }
            match attempt.version.older() {
                Some(older) if version_refused => attempt.version = older,
                _ => {
                    return Ok(FallbackActivation {
                        version: attempt.version,
                        activation,
                        unsupported,
                    });
                }
            }
        }
    }

    pub fn into_inner(self) -> S {
        self.stream
    }

    fn take_call_id(&mut self) -> u32 {
        let id = self.next_call_id;
        self.next_call_id = self.next_call_id.wrapping_add(1);
        id
    }

    async fn send(&mut self, pdu: &[u8]) -> Result<(), ClientError> {
        let write = async {
            self.stream.write_all(pdu).await?;
            self.stream.flush().await
        };
        tokio::time::timeout(self.io_timeout, write)
            .await
            .map_err(|_| ClientError::Timeout)?
            .map_err(ClientError::Io)
    }

    /// Reads one PDU: the header, then as many bytes as its bounded frag_length says.
    async fn receive(&mut self) -> Result<Vec<u8>, ClientError> {
        tokio::time::timeout(self.io_timeout, read_pdu(&mut self.stream))
            .await
            .map_err(|_| ClientError::Timeout)?
    }
}

async fn read_pdu<S: AsyncRead + Unpin>(stream: &mut S) -> Result<Vec<u8>, ClientError> {
    let mut header = [0u8; rpc::HEADER_LEN];
    let got = fill(stream, &mut header).await?;
    if got == 0 {
        return Err(ClientError::Closed);
    }
    if got < header.len() {
        return Err(truncated(header.len(), got));
    }
    let len = rpc::pdu_length(&header)?;
    let mut pdu = vec![0u8; len];
    let (head, body) = pdu
        .split_at_mut_checked(rpc::HEADER_LEN)
        .ok_or_else(|| truncated(rpc::HEADER_LEN, len))?;
    head.copy_from_slice(&header);
    let got = fill(stream, body).await?;
    if got < body.len() {
        return Err(truncated(len, rpc::HEADER_LEN + got));
    }
    Ok(pdu)
}

/// Reads until `buf` is full or the stream ends; returns the bytes read.
async fn fill<S: AsyncRead + Unpin>(stream: &mut S, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while let Some(rest) = buf.get_mut(filled..).filter(|rest| !rest.is_empty()) {
        match stream.read(rest).await? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn truncated(needed: usize, available: usize) -> ClientError {
    ClientError::Protocol(RpcError::Truncated { needed, available })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kms::test_vectors::{self as v, bytes, hex};
    use crate::snapshot::ActivationStatus;
    use tokio::io::{DuplexStream, duplex};

    const TIMEOUT: Duration = Duration::from_secs(5);

    async fn read_exactly(host: &mut DuplexStream, len: usize) -> Vec<u8> {
        let mut buf = vec![0; len];
        host.read_exact(&mut buf).await.unwrap();
        buf
    }

    /// Binds against a host that reads the BIND and answers `reply` (nothing, if empty), then
    /// hangs up when `hang_up` is set and otherwise keeps the stream open; the bind must fail.
    async fn bind_error(reply: Vec<u8>, hang_up: bool) -> ClientError {
        let (client, mut host) = duplex(4096);
        let host_side = async {
            read_exactly(&mut host, 116).await;
            host.write_all(&reply).await.unwrap();
            (!hang_up).then_some(host)
        };
        let (result, _host) = tokio::join!(Session::bind(client, TIMEOUT), host_side);
        result.unwrap_err()
    }

    /// Plays the host side: expects the BIND of docs/protocol.md §7.2, answers with vlmcsd's
    /// BIND_ACK.
    async fn bound() -> (Session<DuplexStream>, BindInfo, DuplexStream) {
        let (client, mut host) = duplex(4096);
        let host_side = async {
            assert_eq!(
                read_exactly(&mut host, 116).await,
                bytes(v::BIND_NDR32_BTFN)
            );
            host.write_all(&bytes(v::BIND_ACK_VLMCSD)).await.unwrap();
        };
        let (bind, ()) = tokio::join!(Session::bind(client, TIMEOUT), host_side);
        let (session, info) = bind.unwrap();
        (session, info, host)
    }

    #[tokio::test]
    async fn bind_reports_the_vlmcsd_ack() {
        let (_, info, _) = bound().await;
        assert_eq!(info.ndr32_context, 0);
        assert_eq!(info.accepted, [TransferSyntax::Ndr32]);
        assert_eq!(info.btfn_features, Some(3));
        assert_eq!(info.secondary_address, "11688");
        assert_eq!(info.max_xmit_frag, 5840);
    }

    #[tokio::test]
    async fn v4_exchange_replays_the_vectors() {
        let (mut session, _, mut host) = bound().await;
        let host_side = async {
            assert_eq!(read_exactly(&mut host, 284).await, bytes(v::V4_REQUEST_PDU));
            host.write_all(&bytes(v::V4_RESPONSE_PDU)).await.unwrap();
        };
        let request = v::request(ProtocolVersion::V4);
        let (activation, ()) = tokio::join!(session.activate(&request), host_side);
        let Activation::Granted(response) = activation.unwrap() else {
            panic!("expected a granted activation");
        };
        assert_eq!(response.current_count, 50);
        assert_eq!(response.epid, v::EPID);
    }

    #[tokio::test]
    async fn refusal_and_fallback_on_invalid_data() {
        let (mut session, _, mut host) = bound().await;
        let host_side = async {
            // Call IDs 3, 4, 5: patch each refusal to echo the request's.
            for (call_id, refusal) in [
                (3u8, v::REFUSAL_BAD_VERSION),
                (4, v::REFUSAL_BAD_VERSION),
                (5, v::REFUSAL_KMS_ID),
            ] {
                let mut header = read_exactly(&mut host, 16).await;
                let len = u16::from_le_bytes([header[8], header[9]]);
                header.extend(read_exactly(&mut host, usize::from(len) - 16).await);
                assert_eq!(header[12], call_id);
                let mut pdu = hex(refusal);
                pdu[12] = call_id;
                host.write_all(&pdu).await.unwrap();
            }
        };
        let mut request = v::request(ProtocolVersion::V4);
        request.version = ProtocolVersion::V6;
        let (outcome, ()) = tokio::join!(session.activate_with_fallback(&request), host_side);
        assert_eq!(
            outcome.unwrap(),
            FallbackActivation {
                version: ProtocolVersion::V4,
                activation: Activation::Refused(Hresult::KMS_ID_MISMATCH),
                unsupported: vec![ProtocolVersion::V6, ProtocolVersion::V5],
            }
        );
    }

    #[tokio::test]
    async fn fault_is_an_rpc_error() {
        let (mut session, _, mut host) = bound().await;
        let host_side = async {
            read_exactly(&mut host, 284).await;
            let fault =
                hex("05000323100000002000000002000000 20000000 0000 0000 0300011c 00000000");
            host.write_all(&fault).await.unwrap();
        };
        let request = v::request(ProtocolVersion::V4);
        let (result, ()) = tokio::join!(session.activate(&request), host_side);
        let error = result.unwrap_err();
        assert!(
            matches!(error, ClientError::Fault(0x1C01_0003)),
            "{error:?}"
        );
        assert_eq!(ActivationStatus::from(&error).as_label(), "rpc_error");
        assert_eq!(error.to_string(), "RPC fault, status 0x1C010003");
    }

    #[tokio::test]
    async fn eof_before_an_answer_is_closed() {
        let error = bind_error(Vec::new(), true).await;
        assert!(matches!(error, ClientError::Closed), "{error:?}");
        assert_eq!(ActivationStatus::from(&error).as_label(), "unreachable");
    }

    #[tokio::test]
    async fn eof_inside_a_pdu_is_truncation() {
        let error = bind_error(bytes(v::BIND_ACK_VLMCSD)[..50].to_vec(), true).await;
        assert!(
            matches!(
                error,
                ClientError::Protocol(RpcError::Truncated {
                    needed: 84,
                    available: 50
                })
            ),
            "{error:?}"
        );
        assert_eq!(ActivationStatus::from(&error).as_label(), "rpc_error");
    }

    #[tokio::test]
    async fn oversized_frag_length_is_refused_before_reading() {
        let error = bind_error(hex("05000c0310000000ffff000002000000"), false).await;
        assert!(matches!(
            error,
            ClientError::Protocol(RpcError::TooLarge(0xffff))
        ));
    }

    #[tokio::test]
    async fn silence_times_out() {
        let (client, _host) = duplex(4096);
        let started = tokio::time::Instant::now();
        let error = Session::bind(client, Duration::from_millis(100))
            .await
            .unwrap_err();
        assert!(matches!(error, ClientError::Timeout));
        assert_eq!(ActivationStatus::from(&error).as_label(), "unreachable");
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn bind_nak_and_rejected_ndr32_are_bind_rejections() {
        let error = bind_error(hex("05000d03100000001400000002000000 0400 0000"), false).await;
        assert!(matches!(
            error,
            ClientError::BindRejected(BindRejection::Nak { reason: 4 })
        ));

        let mut ack = bytes(v::BIND_ACK_VLMCSD);
        ack[36..40].copy_from_slice(&[2, 0, 1, 0]);
        let error = bind_error(ack, false).await;
        assert!(matches!(
            error,
            ClientError::BindRejected(BindRejection::Ndr32NotAccepted)
        ));
        assert_eq!(ActivationStatus::from(&error).as_label(), "rpc_error");
    }
}
