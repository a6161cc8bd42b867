//! `--web.config.file`: TLS and basic authentication in the Prometheus exporter-toolkit format,
//! so existing files and `promtool check web-config` carry over (docs/architecture.md §10).
//!
//! ```yaml
//! tls_server_config:
//!   cert_file: /etc/kms_exporter/tls.crt
//!   key_file: /etc/kms_exporter/tls.key
//!   client_auth_type: RequireAndVerifyClientCert   # optional
//!   client_ca_file: /etc/kms_exporter/clients.pem  # with a client_auth_type that verifies
//!   min_version: TLS12                             # TLS12 (default) or TLS13
//! basic_auth_users:
//!   prometheus: $2y$10$...                         # bcrypt hash
//! ```
//!
//! The file is read again whenever its modification time changes, like exporter-toolkit reads
//! it per request; a file that no longer validates keeps the previous settings and is logged.
//!
//! Basic authentication follows exporter-toolkit's `web/handler.go`, so that it gives nothing
//! away and cannot be turned against the exporter (docs/architecture.md §10): bcrypt runs on
//! tokio's blocking pool, [`CONCURRENT_BCRYPT`] at a time; credentials that verified are remembered
//! (never ones that failed, so every guess pays a full bcrypt); an unknown user name is checked
//! against a hash of the same cost, so its 401 takes as long as a wrong password's.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use base64::Engine as _;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

/// bcrypt verifications running at once. Each takes one core for tens of milliseconds (cost
/// 10), so they run on the blocking pool and never hold an async worker. Two, not
/// exporter-toolkit's one: a legitimate login that misses the cache (the first scrape, or after
/// a reload) queues behind half as many guesses, while clients sending wrong passwords, however
/// many, never keep more than two cores busy.
pub const CONCURRENT_BCRYPT: usize = 2;

/// Successful credentials remembered: far more than the users of any web config (a user's entry
/// stays valid until its hash changes). When full, the cache starts again empty, which costs each
/// user one bcrypt; only credentials that verified can fill it.
const VERIFIED_CAPACITY: usize = 1024;

/// The salt and digest of exporter-toolkit's hash for unknown users (bcrypt of "fakepassword",
/// `web/handler.go`), used with the highest cost among the configured hashes.
const UNKNOWN_USER_SALT_AND_DIGEST: &str = "QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi";

/// A web config problem, naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct WebConfigError {
    pub path: PathBuf,
    pub message: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawWebConfig {
    #[serde(default)]
    tls_server_config: Option<RawTls>,
    #[serde(default)]
    http_server_config: Option<RawHttp>,
    #[serde(default)]
    basic_auth_users: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTls {
    cert_file: Option<PathBuf>,
    key_file: Option<PathBuf>,
    #[serde(default)]
    client_auth_type: Option<String>,
    #[serde(default)]
    client_ca_file: Option<PathBuf>,
    #[serde(default)]
    min_version: Option<String>,
    #[serde(default)]
    max_version: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHttp {
    /// exporter-toolkit's switch for HTTP/2; accepted, both are always served.
    #[serde(default)]
    #[allow(dead_code)]
    http2: Option<bool>,
    /// Extra response headers.
    #[serde(default)]
    headers: BTreeMap<String, String>,
}

/// The validated settings of one web config file.
#[derive(Clone, Default)]
pub struct WebSecurity {
    /// `None`: plain HTTP.
    pub tls: Option<Arc<rustls::ServerConfig>>,
    /// With TLS, the server's own certificate (the first of `cert_file`): what
    /// `kms_exporter healthcheck` expects the server to present.
    pub certificate: Option<CertificateDer<'static>>,
    /// User → bcrypt hash; empty: no authentication.
    pub users: BTreeMap<String, String>,
    /// Headers added to every response.
    pub headers: Vec<(hyper::header::HeaderName, hyper::header::HeaderValue)>,
    /// Checked instead of a user's hash when the user name is unknown: same cost as the most
    /// expensive configured hash, so that the answer does not tell which names exist.
    unknown_user_hash: String,
}

impl std::fmt::Debug for WebSecurity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebSecurity")
            .field("tls", &self.tls.is_some())
            .field("users", &self.users.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl WebSecurity {
    /// Reads and validates a web config file.
    pub fn load(path: &Path) -> Result<Self, WebConfigError> {
        let error = |message: String| WebConfigError {
            path: path.to_owned(),
            message,
        };
        let text = std::fs::read_to_string(path).map_err(|e| error(format!("cannot read: {e}")))?;
        let raw: RawWebConfig = if text.trim().is_empty() {
            RawWebConfig::default()
        } else {
            serde_saphyr::from_str(&text).map_err(|e| {
                let location = e
                    .location()
                    .map(|l| format!("{}:{}: ", l.line(), l.column()))
                    .unwrap_or_default();
                error(format!(
                    "{location}{}",
                    e.without_snippet()
                        .to_string()
                        .lines()
                        .next()
                        .unwrap_or_default()
                ))
            })?
        };
        // Relative paths are relative to the web config file, as in exporter-toolkit.
        let base = path.parent().unwrap_or(Path::new("."));
        let (tls, certificate) = match raw.tls_server_config {
            None => (None, None),
            Some(tls) => {
                let (config, certificate) =
                    tls_config(tls, base).map_err(|e| error(e.to_string()))?;
                (Some(Arc::new(config)), Some(certificate))
            }
        };
        let mut highest_cost = None;
        for (user, hash) in &raw.basic_auth_users {
            // exporter-toolkit also rejects a hash whose cost it cannot read (`bcrypt.Cost`).
            let cost = bcrypt_cost(hash).ok_or_else(|| {
                error(format!(
                    "basic_auth_users.{user}: not a bcrypt hash (generate one with `htpasswd -nbBC 10 USER PASSWORD`)"
                ))
            })?;
            highest_cost = highest_cost.max(Some(cost));
        }
        let mut headers = Vec::new();
        for (name, value) in raw
            .http_server_config
            .map(|h| h.headers)
            .unwrap_or_default()
        {
            let header_name = hyper::header::HeaderName::try_from(name.as_str())
                .map_err(|e| error(format!("http_server_config.headers.{name}: {e}")))?;
            let header_value = hyper::header::HeaderValue::try_from(value.as_str())
                .map_err(|e| error(format!("http_server_config.headers.{name}: {e}")))?;
            headers.push((header_name, header_value));
        }
        Ok(Self {
            tls,
            certificate,
            users: raw.basic_auth_users,
            headers,
            unknown_user_hash: highest_cost.map(unknown_user_hash).unwrap_or_default(),
        })
    }
}

/// The cost of a well-formed bcrypt hash (`$2y$10$` + salt and digest); `None` for anything
/// `bcrypt::verify` would refuse.
fn bcrypt_cost(hash: &str) -> Option<u32> {
    let parts: bcrypt::HashParts = hash.parse().ok()?;
    let cost = parts.get_cost();
    // The bcrypt crate's MIN_COST..=MAX_COST; outside it `verify` refuses without hashing.
    (4..=31).contains(&cost).then_some(cost)
}

/// A hash no password is known for, checked at `cost`.
fn unknown_user_hash(cost: u32) -> String {
    format!("$2y${cost:02}${UNKNOWN_USER_SALT_AND_DIGEST}")
}

/// Why `tls_server_config` was refused; the text names the setting and, for a file, its path.
#[derive(Debug, thiserror::Error)]
pub enum TlsConfigError {
    /// `cert_file` or `key_file` is missing.
    #[error("tls_server_config.{0} is required")]
    Missing(&'static str),
    /// `cert_file` cannot be read as PEM certificates.
    #[error("cert_file {}: {source}", path.display())]
    CertFile {
        path: PathBuf,
        source: rustls::pki_types::pem::Error,
    },
    /// `cert_file` holds no certificate.
    #[error("cert_file {}: no certificate", path.display())]
    NoCertificate { path: PathBuf },
    /// `key_file` cannot be read as a PEM private key.
    #[error("key_file {}: {source}", path.display())]
    KeyFile {
        path: PathBuf,
        source: rustls::pki_types::pem::Error,
    },
    /// `min_version`/`max_version` name no range rustls serves.
    #[error(
        "tls_server_config: min_version {min} / max_version {max} unsupported; use TLS12 or TLS13"
    )]
    Versions { min: String, max: String },
    /// rustls refused the protocol versions with the crypto provider.
    #[error("tls_server_config: {0}")]
    Provider(rustls::Error),
    /// A `client_auth_type` that verifies client certificates, without `client_ca_file`.
    #[error("tls_server_config.client_ca_file is required with client_auth_type {0}")]
    MissingClientCa(&'static str),
    /// `client_ca_file` cannot be read as PEM certificates.
    #[error("client_ca_file {}: {source}", path.display())]
    ClientCaFile {
        path: PathBuf,
        source: rustls::pki_types::pem::Error,
    },
    /// A certificate of `client_ca_file` is not a usable trust anchor.
    #[error("client_ca_file {}: {source}", path.display())]
    ClientCa {
        path: PathBuf,
        source: rustls::Error,
    },
    /// No client verifier can be built from `client_ca_file` (e.g. it holds no certificate).
    #[error("client_ca_file {}: {source}", path.display())]
    ClientVerifier {
        path: PathBuf,
        source: rustls::server::VerifierBuilderError,
    },
    /// A `client_auth_type` exporter-toolkit has but this exporter does not.
    #[error(
        "tls_server_config.client_auth_type {0:?} unsupported; use NoClientCert, \
         VerifyClientCertIfGiven or RequireAndVerifyClientCert"
    )]
    ClientAuthType(String),
    /// The key does not fit the certificate, or rustls cannot use it.
    #[error("cert_file/key_file: {0}")]
    CertificateKey(rustls::Error),
}

/// The server's own certificate, the chain it sends, and its private key.
type ServerCredentials = (
    CertificateDer<'static>,
    Vec<CertificateDer<'static>>,
    PrivateKeyDer<'static>,
);

/// The server's TLS settings, and its own certificate.
fn tls_config(
    raw: RawTls,
    base: &Path,
) -> Result<(rustls::ServerConfig, CertificateDer<'static>), TlsConfigError> {
    let resolve = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
    let cert_file = raw
        .cert_file
        .map(resolve)
        .ok_or(TlsConfigError::Missing("cert_file"))?;
    let key_file = raw
        .key_file
        .map(resolve)
        .ok_or(TlsConfigError::Missing("key_file"))?;
    let (leaf, certs, key) = certificate_chain_and_key(cert_file, &key_file)?;
    let versions = protocol_versions(raw.min_version.as_deref(), raw.max_version.as_deref())?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(versions)
        .map_err(TlsConfigError::Provider)?;
    let builder = match client_verifier(
        raw.client_auth_type.as_deref(),
        raw.client_ca_file.map(resolve),
        provider,
    )? {
        None => builder.with_no_client_auth(),
        Some(verifier) => builder.with_client_cert_verifier(verifier),
    };
    let mut config = builder
        .with_single_cert(certs, key)
        .map_err(TlsConfigError::CertificateKey)?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok((config, leaf))
}

/// The server's own certificate, the whole chain of `cert_file` (that certificate first), and the
/// key of `key_file`.
fn certificate_chain_and_key(
    cert_file: PathBuf,
    key_file: &Path,
) -> Result<ServerCredentials, TlsConfigError> {
    let certs: Vec<CertificateDer<'static>> = match CertificateDer::pem_file_iter(&cert_file)
        .and_then(|certs| certs.collect::<Result<_, _>>())
    {
        Ok(certs) => certs,
        Err(source) => {
            return Err(TlsConfigError::CertFile {
                path: cert_file,
                source,
            });
        }
    };
    let Some(leaf) = certs.first().cloned() else {
        return Err(TlsConfigError::NoCertificate { path: cert_file });
    };
    let key = PrivateKeyDer::from_pem_file(key_file).map_err(|source| TlsConfigError::KeyFile {
        path: key_file.to_owned(),
        source,
    })?;
    Ok((leaf, certs, key))
}

/// The protocol versions from `min_version` (default TLS12) to `max_version` (default TLS13).
fn protocol_versions(
    min: Option<&str>,
    max: Option<&str>,
) -> Result<&'static [&'static rustls::SupportedProtocolVersion], TlsConfigError> {
    static TLS12_TO_TLS13: [&rustls::SupportedProtocolVersion; 2] =
        [&rustls::version::TLS13, &rustls::version::TLS12];
    static TLS12_ONLY: [&rustls::SupportedProtocolVersion; 1] = [&rustls::version::TLS12];
    static TLS13_ONLY: [&rustls::SupportedProtocolVersion; 1] = [&rustls::version::TLS13];
    match (min.unwrap_or("TLS12"), max.unwrap_or("TLS13")) {
        ("TLS12", "TLS13") => Ok(&TLS12_TO_TLS13),
        ("TLS12", "TLS12") => Ok(&TLS12_ONLY),
        ("TLS13", "TLS13") => Ok(&TLS13_ONLY),
        (min, max) => Err(TlsConfigError::Versions {
            min: min.to_owned(),
            max: max.to_owned(),
        }),
    }
}

/// The client-certificate check of `client_auth_type` (default `NoClientCert`: none) against
/// the roots of `client_ca_file`.
fn client_verifier(
    client_auth_type: Option<&str>,
    client_ca_file: Option<PathBuf>,
    provider: Arc<rustls::crypto::CryptoProvider>,
) -> Result<Option<Arc<dyn rustls::server::danger::ClientCertVerifier>>, TlsConfigError> {
    let auth_type = match client_auth_type.unwrap_or("NoClientCert") {
        "NoClientCert" => return Ok(None),
        "RequireAndVerifyClientCert" => "RequireAndVerifyClientCert",
        "VerifyClientCertIfGiven" => "VerifyClientCertIfGiven",
        other => return Err(TlsConfigError::ClientAuthType(other.to_owned())),
    };
    let path = client_ca_file.ok_or(TlsConfigError::MissingClientCa(auth_type))?;
    let mut roots = rustls::RootCertStore::empty();
    let certs = match CertificateDer::pem_file_iter(&path) {
        Ok(certs) => certs,
        Err(source) => return Err(TlsConfigError::ClientCaFile { path, source }),
    };
    for cert in certs {
        let added = match cert {
            Ok(cert) => roots.add(cert),
            Err(source) => return Err(TlsConfigError::ClientCaFile { path, source }),
        };
        if let Err(source) = added {
            return Err(TlsConfigError::ClientCa { path, source });
        }
    }
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider);
    let verifier = if auth_type == "VerifyClientCertIfGiven" {
        verifier.allow_unauthenticated()
    } else {
        verifier
    };
    match verifier.build() {
        Ok(verifier) => Ok(Some(verifier)),
        Err(source) => Err(TlsConfigError::ClientVerifier { path, source }),
    }
}

/// The web config file in use, re-read when it changes.
pub struct WebConfigFile {
    path: PathBuf,
    state: Mutex<(Option<SystemTime>, Arc<WebSecurity>)>,
    /// sha256(user, password, hash) of credentials that verified: bcrypt is deliberately slow,
    /// and Prometheus sends the same credentials on every scrape. Failures are not remembered:
    /// a client cannot fill the cache without knowing a password.
    verified: Mutex<HashSet<[u8; 32]>>,
    /// [`CONCURRENT_BCRYPT`] permits; a verification holds one until its bcrypt ends, even when
    /// its client has gone.
    bcrypt_slots: Arc<Semaphore>,
}

impl WebConfigFile {
    /// Loads the file; an invalid file is an error at start.
    pub fn open(path: &Path) -> Result<Self, WebConfigError> {
        let security = WebSecurity::load(path)?;
        Ok(Self {
            path: path.to_owned(),
            state: Mutex::new((modified(path), Arc::new(security))),
            verified: Mutex::new(HashSet::new()),
            bcrypt_slots: Arc::new(Semaphore::new(CONCURRENT_BCRYPT)),
        })
    }

    /// The current settings, re-reading the file if it changed since the last call.
    pub fn current(&self) -> Arc<WebSecurity> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let now = modified(&self.path);
        if now != state.0 {
            state.0 = now;
            match WebSecurity::load(&self.path) {
                Ok(security) => {
                    tracing::info!(path = %self.path.display(), "web config reloaded");
                    state.1 = Arc::new(security);
                    self.verified
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .clear();
                }
                Err(e) => {
                    tracing::error!(error = %e, "web config invalid; keeping the previous one")
                }
            }
        }
        state.1.clone()
    }

    /// Checks an `Authorization` header against the users; `true` when no users are set.
    ///
    /// Credentials not in the cache wait for a bcrypt slot, then are checked on the blocking
    /// pool; an unknown user name takes the same path, with a hash of the same cost.
    pub async fn authorized(&self, security: &WebSecurity, header: Option<&str>) -> bool {
        if security.users.is_empty() {
            return true;
        }
        let Some((user, password)) = header.and_then(parse_basic) else {
            return false;
        };
        let (known, hash) = match security.users.get(&user) {
            Some(hash) => (true, hash.clone()),
            None => (false, security.unknown_user_hash.clone()),
        };
        let key = credential_key(&user, &password, &hash);
        if self.is_verified(&key) {
            return true;
        }
        let Ok(permit) = self.bcrypt_slots.clone().acquire_owned().await else {
            return false;
        };
        let matches = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            bcrypt::verify(password.as_bytes(), &hash).unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        let ok = known && matches;
        if ok {
            let mut verified = self.verified.lock().unwrap_or_else(|e| e.into_inner());
            if verified.len() >= VERIFIED_CAPACITY {
                verified.clear();
            }
            verified.insert(key);
        }
        ok
    }

    fn is_verified(&self, key: &[u8; 32]) -> bool {
        self.verified
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(key)
    }
}

/// The cache key of one set of credentials checked against one hash; each part is preceded by
/// its length, so no two different sets share a key.
fn credential_key(user: &str, password: &str, hash: &str) -> [u8; 32] {
    let mut digest = Sha256::new();
    for part in [user, password, hash] {
        digest.update((part.len() as u64).to_le_bytes());
        digest.update(part.as_bytes());
    }
    digest.finalize().into()
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// `Basic base64(user:password)` → (user, password).
fn parse_basic(header: &str) -> Option<(String, String)> {
    let encoded = header
        .strip_prefix("Basic ")
        .or_else(|| header.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn header(user: &str, password: &str) -> String {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
        )
    }

    /// A web config whose one user, `prometheus`, has the password `s3cret` (bcrypt cost 4),
    /// opened; with its directory (keep it alive) and the hash.
    fn prometheus_user() -> (tempfile::TempDir, WebConfigFile, String) {
        let dir = tempfile::tempdir().unwrap();
        let hash = bcrypt::hash("s3cret", 4).unwrap();
        let path = write(
            dir.path(),
            "web.yml",
            &format!("basic_auth_users:\n  prometheus: {hash}\n"),
        );
        let file = WebConfigFile::open(&path).unwrap();
        (dir, file, hash)
    }

    #[tokio::test]
    async fn basic_auth_is_checked_with_bcrypt() {
        let (_dir, file, _) = prometheus_user();
        let security = file.current();
        let authorized = |header: Option<String>| {
            let file = &file;
            let security = security.clone();
            async move { file.authorized(&security, header.as_deref()).await }
        };
        assert!(authorized(Some(header("prometheus", "s3cret"))).await);
        assert!(!authorized(Some(header("prometheus", "wrong"))).await);
        assert!(!authorized(Some(header("other", "s3cret"))).await);
        // The password of the dummy hash unknown users are checked against opens nothing.
        assert!(!authorized(Some(header("other", "fakepassword"))).await);
        assert!(!authorized(None).await);
        assert!(!authorized(Some("Bearer x".to_owned())).await);
    }

    #[tokio::test]
    async fn only_credentials_that_verified_are_cached() {
        let (_dir, file, hash) = prometheus_user();
        let security = file.current();
        let cached = |user: &str, password: &str, hash: &str| {
            file.is_verified(&credential_key(user, password, hash))
        };

        assert!(
            !file
                .authorized(&security, Some(&header("prometheus", "wrong")))
                .await
        );
        assert!(
            !file
                .authorized(&security, Some(&header("nobody", "s3cret")))
                .await
        );
        assert!(!cached("prometheus", "wrong", &hash));
        assert!(!cached("nobody", "s3cret", &security.unknown_user_hash));
        assert_eq!(file.verified.lock().unwrap().len(), 0, "no failure is kept");

        assert!(
            file.authorized(&security, Some(&header("prometheus", "s3cret")))
                .await
        );
        assert!(cached("prometheus", "s3cret", &hash));
        assert_eq!(file.verified.lock().unwrap().len(), 1);
        // A wrong password after a right one is still checked, and still refused.
        assert!(
            !file
                .authorized(&security, Some(&header("prometheus", "s3cret2")))
                .await
        );
        assert_eq!(file.verified.lock().unwrap().len(), 1);
    }

    #[test]
    fn unknown_users_are_checked_at_the_highest_configured_cost() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "web.yml",
            &format!(
                "basic_auth_users:\n  a: {}\n  b: {}\n",
                bcrypt::hash("x", 5).unwrap(),
                bcrypt::hash("y", 4).unwrap()
            ),
        );
        let security = WebSecurity::load(&path).unwrap();
        assert_eq!(bcrypt_cost(&security.unknown_user_hash), Some(5));
        // Every cost a configured hash can have gives a dummy hash bcrypt accepts.
        for cost in 4..=31 {
            assert_eq!(bcrypt_cost(&unknown_user_hash(cost)), Some(cost));
        }
        assert!(!bcrypt::verify("fakepassword2", &unknown_user_hash(4)).unwrap());
    }

    #[tokio::test]
    async fn malformed_headers_are_refused_without_panic() {
        let (_dir, file, _) = prometheus_user();
        let security = file.current();
        let long = "x".repeat(100_000);
        let long_user = header(&long, "s3cret");
        let long_password = header("prometheus", &long);
        let nul = header("prometheus", "s3cret\0");
        let not_utf8 = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode([0xff, b':', 0xfe])
        );
        for header in [
            "",
            "Basic",
            "Basic ",
            "Basic !!!",
            "Basic cHJvbWV0aGV1cw==", // "prometheus", no colon
            "basic Og==",             // ":"
            &not_utf8,
            &long_user,
            &long_password,
            &nul,
        ] {
            assert!(
                !file.authorized(&security, Some(header)).await,
                "{:.40}",
                header
            );
        }
    }

    #[test]
    fn bad_files_are_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let e = WebSecurity::load(&write(
            dir.path(),
            "a.yml",
            "tls_server_config:\n  cert_file: nope.crt\n  key_file: nope.key\n",
        ))
        .unwrap_err();
        assert!(e.to_string().contains("cert_file"), "{e}");
        let e = WebSecurity::load(&write(
            dir.path(),
            "b.yml",
            "basic_auth_users:\n  u: plaintext\n",
        ))
        .unwrap_err();
        assert!(e.to_string().contains("not a bcrypt hash"), "{e}");
        // Looks like one, but its cost cannot be read: exporter-toolkit refuses it too.
        let e = WebSecurity::load(&write(
            dir.path(),
            "b2.yml",
            "basic_auth_users:\n  u: $2y$10$tooshort\n",
        ))
        .unwrap_err();
        assert!(e.to_string().contains("not a bcrypt hash"), "{e}");
        let e = WebSecurity::load(&write(dir.path(), "c.yml", "tls_config: {}\n")).unwrap_err();
        assert!(e.to_string().contains("unknown field"), "{e}");
        assert!(WebSecurity::load(&dir.path().join("missing.yml")).is_err());
    }
}
