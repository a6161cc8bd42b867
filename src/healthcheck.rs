//! `kms_exporter healthcheck`: asks a running exporter's `/-/healthy` on this machine, for
//! container health checks and exec liveness probes that have neither curl nor a password.
//!
//! It reads the same `--web.listen-address` (the first one) and `--web.config.file` as the
//! exporter, from the same flags or environment variables:
//!
//! - **TLS**: the exporter must present the certificate of the web config's `cert_file`, byte for
//!   byte. That pins the check to this exporter without a CA or a host name (the certificate
//!   names the host Prometheus connects to, not loopback), where `curl --insecure` accepted any.
//! - **Basic auth**: a bcrypt hash cannot be turned back into a password, and a password kept for
//!   the check would be a secret in the image's environment. The check sends no credentials and
//!   also counts the exporter's own `401` (`WWW-Authenticate: Basic realm="kms_exporter"`) as
//!   healthy: it shows what `/-/healthy` shows, that the process accepts connections and
//!   answers requests. `/-/healthy` itself stays behind authentication, as every endpoint does
//!   with exporter-toolkit's web config.
//! - **Client certificates** (`RequireAndVerifyClientCert`): the check has no client key. The
//!   exporter presenting its pinned certificate and then refusing the handshake for want of a
//!   client certificate is, likewise, the exporter answering.
//!
//! Anything else — nothing listening, a timeout, another certificate, another status — is
//! unhealthy, with the reason.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use http_body_util::Empty;
use hyper::StatusCode;
use hyper::body::Bytes;
use hyper::header::{HOST, WWW_AUTHENTICATE};
use hyper_util::rt::TokioIo;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use crate::http::{ListenError, local_address};
use crate::web::{WebConfigError, WebSecurity};

/// How long the whole check may take: under the container's `HEALTHCHECK --timeout=5s`.
pub const TIMEOUT: Duration = Duration::from_secs(4);

/// The `WWW-Authenticate` value of the exporter's `401`, which tells it from another server.
const OWN_CHALLENGE: &str = "Basic realm=\"kms_exporter\"";

/// Why the exporter was found healthy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Healthy {
    /// `/-/healthy` answered 200.
    Ok,
    /// Basic auth is on: the exporter answered with its own 401.
    AuthenticationRequired,
    /// Client certificates are required: the exporter presented its certificate, then asked
    /// for one.
    ClientCertificateRequired,
}

impl std::fmt::Display for Healthy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Ok => "200 OK",
            Self::AuthenticationRequired => "401 from the exporter (basic auth is on; it answers)",
            Self::ClientCertificateRequired => {
                "the exporter presented its certificate and requires a client certificate"
            }
        })
    }
}

/// Why the check failed.
#[derive(Debug, thiserror::Error)]
pub enum Unhealthy {
    /// The listen address is malformed.
    #[error(transparent)]
    Address(#[from] ListenError),
    /// The web config cannot be read; the exporter would not start with it either.
    #[error(transparent)]
    WebConfig(#[from] WebConfigError),
    /// No connection (nothing listens, or the address is unreachable).
    #[error("cannot connect: {0}")]
    Connect(std::io::Error),
    /// The TLS handshake failed, or the server presented another certificate.
    #[error("TLS: {0}")]
    Tls(std::io::Error),
    /// The HTTP exchange failed (not HTTP, closed, or TLS expected).
    #[error("no HTTP answer: {0}")]
    Http(String),
    /// An answer, but not a healthy one.
    #[error("answered {0}")]
    Status(StatusCode),
    /// No answer within [`TIMEOUT`].
    #[error("no answer within {0:?}")]
    Timeout(Duration),
}

/// GETs `/-/healthy` of the exporter listening on `listen_address`, with the TLS of
/// `web_config` when it has some.
pub async fn check(
    listen_address: &str,
    web_config: Option<&Path>,
    timeout: Duration,
) -> Result<Healthy, Unhealthy> {
    let address = local_address(listen_address)?;
    let certificate = match web_config {
        Some(path) => WebSecurity::load(path)?.certificate,
        None => None,
    };
    let host = address.to_string();
    let exchange = async {
        let tcp = TcpStream::connect(address)
            .await
            .map_err(Unhealthy::Connect)?;
        match certificate {
            None => get_healthy(tcp, &host).await,
            Some(certificate) => {
                let verifier = Arc::new(PinnedCertificate::new(certificate));
                let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(
                    rustls::crypto::ring::default_provider(),
                ))
                .with_safe_default_protocol_versions()
                .map_err(|e| Unhealthy::Tls(std::io::Error::other(e)))?
                .dangerous()
                .with_custom_certificate_verifier(verifier.clone())
                .with_no_client_auth();
                config.alpn_protocols = vec![b"http/1.1".to_vec()];
                let name = ServerName::from(address.ip());
                let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
                let result = match connector.connect(name, tcp).await {
                    Ok(tls) => get_healthy(tls, &host).await,
                    Err(e) => Err(Unhealthy::Tls(e)),
                };
                match result {
                    Err(e) if verifier.matched() && refused_for_client_certificate(&e) => {
                        Ok(Healthy::ClientCertificateRequired)
                    }
                    other => other,
                }
            }
        }
    };
    tokio::time::timeout(timeout, exchange)
        .await
        .unwrap_or(Err(Unhealthy::Timeout(timeout)))
}

/// One `GET /-/healthy` over an established connection.
async fn get_healthy<S>(stream: S, host: &str) -> Result<Healthy, Unhealthy>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let http = |e: hyper::Error| Unhealthy::Http(error_chain(&e));
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(http)?;
    let connection = tokio::spawn(connection);
    let request = hyper::Request::get("/-/healthy")
        .header(HOST, host)
        .body(Empty::<Bytes>::new())
        .map_err(|e| Unhealthy::Http(e.to_string()))?;
    let response = match sender.send_request(request).await {
        Ok(response) => {
            connection.abort();
            response
        }
        // The connection's own error says why (a TLS alert, say); the request's only that it
        // was cancelled.
        Err(e) => match connection.await {
            Ok(Err(why)) => return Err(http(why)),
            _ => return Err(http(e)),
        },
    };
    let own_challenge = response
        .headers()
        .get(WWW_AUTHENTICATE)
        .is_some_and(|v| v.as_bytes() == OWN_CHALLENGE.as_bytes());
    match response.status() {
        StatusCode::OK => Ok(Healthy::Ok),
        StatusCode::UNAUTHORIZED if own_challenge => Ok(Healthy::AuthenticationRequired),
        status => Err(Unhealthy::Status(status)),
    }
}

/// Whether the exporter ended the TLS session because it wants a client certificate.
fn refused_for_client_certificate(error: &Unhealthy) -> bool {
    use rustls::AlertDescription as Alert;
    let io = match error {
        Unhealthy::Tls(io) => Some(io),
        _ => None,
    };
    let rustls_error = io
        .and_then(|io| io.get_ref())
        .and_then(|e| e.downcast_ref::<rustls::Error>());
    let message = match error {
        Unhealthy::Http(message) => message.as_str(),
        _ => "",
    };
    matches!(
        rustls_error,
        Some(rustls::Error::AlertReceived(
            Alert::CertificateRequired | Alert::HandshakeFailure | Alert::BadCertificate
        ))
    ) || message.contains("CertificateRequired")
}

/// An error and its sources, as one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(e) = source {
        text.push_str(": ");
        text.push_str(&e.to_string());
        // io::Error hides the error it wraps from `source()`.
        source = match e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) if inner.to_string() != e.to_string() => Some(inner),
            _ => e.source(),
        };
    }
    text
}

/// Accepts exactly one certificate: the one the web config's `cert_file` gives the exporter.
#[derive(Debug)]
struct PinnedCertificate {
    certificate: CertificateDer<'static>,
    /// Set once the server presented it, so that a refusal after that is the exporter's own.
    matched: AtomicBool,
    provider: rustls::crypto::CryptoProvider,
}

impl PinnedCertificate {
    fn new(certificate: CertificateDer<'static>) -> Self {
        Self {
            certificate,
            matched: AtomicBool::new(false),
            provider: rustls::crypto::ring::default_provider(),
        }
    }

    fn matched(&self) -> bool {
        self.matched.load(Ordering::Relaxed)
    }
}

impl ServerCertVerifier for PinnedCertificate {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if end_entity.as_ref() == self.certificate.as_ref() {
            self.matched.store(true, Ordering::Relaxed);
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "the server presented another certificate than the web config's cert_file"
                    .to_owned(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}
