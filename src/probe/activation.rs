//! The KMS part of a host probe: the RPC bind every cycle, and real activation requests at most
//! every `activation_interval`, with what is learned kept between cycles (design §5).
//!
//! Etiquette (design §5, `kms-protocol.md` §8): one connection per host per cycle, the fixed
//! client machine ID, each product's genuine N, V6 first and V5/V4 only after 0x8007000D (a
//! refused version is tried again at most hourly), every response fully verified.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::time::Instant;

use crate::config::ClientIdentity;
use crate::kms::client::{Activation, ClientError, Session};
use crate::kms::message::filetime_from_system_time;
use crate::kms::products::{Product, application_label};
use crate::kms::{ActivationRequest, ActivationResponse, Epid, Hresult, ProtocolVersion};

/// How long a learned set of protocol versions is trusted before a refused version is tried
/// again.
pub const VERSION_RELEARN_INTERVAL: Duration = Duration::from_secs(3600);

/// `kms_activation_status` (design §4.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActivationStatus {
    /// A verified success response.
    Ok,
    /// A verified refusal stub with an HRESULT.
    Refused,
    /// The host answered, but the answer failed verification: broken or not a genuine host.
    InvalidResponse,
    /// RPC-level failure: bind rejected, FAULT PDU, malformed PDU.
    RpcError,
    /// No answer: connection refused, dropped, closed or timed out.
    Unreachable,
}

impl ActivationStatus {
    pub const ALL: [Self; 5] = [
        Self::Ok,
        Self::Refused,
        Self::InvalidResponse,
        Self::RpcError,
        Self::Unreachable,
    ];

    pub fn as_label(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Refused => "refused",
            Self::InvalidResponse => "invalid_response",
            Self::RpcError => "rpc_error",
            Self::Unreachable => "unreachable",
        }
    }

    fn from_error(error: &ClientError) -> Self {
        match error.as_metrics_label() {
            "rpc_error" => Self::RpcError,
            "invalid_response" => Self::InvalidResponse,
            _ => Self::Unreachable,
        }
    }

    /// Whether the host processed a request (and logged it): a later retry would be a new one.
    fn host_answered(self) -> bool {
        matches!(self, Self::Ok | Self::Refused | Self::InvalidResponse)
    }
}

/// The outcome of one product's activation request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActivationOutcome {
    Granted(ActivationResponse),
    Refused(Hresult),
    Failed {
        status: ActivationStatus,
        /// An RPC FAULT's status code, when that is what came back.
        fault: Option<u32>,
        detail: String,
    },
}

impl ActivationOutcome {
    fn failed(error: &ClientError) -> Self {
        Self::Failed {
            status: ActivationStatus::from_error(error),
            fault: match error {
                ClientError::Fault(status) => Some(*status),
                _ => None,
            },
            detail: error.to_string(),
        }
    }

    pub fn status(&self) -> ActivationStatus {
        match self {
            Self::Granted(_) => ActivationStatus::Ok,
            Self::Refused(_) => ActivationStatus::Refused,
            Self::Failed { status, .. } => *status,
        }
    }

    /// The HRESULT the host returned (0 on success), or an RPC fault's status; `None` when the
    /// host gave no code at all.
    pub fn hresult(&self) -> Option<u32> {
        match self {
            Self::Granted(_) => Some(0),
            Self::Refused(h) => Some(h.0),
            Self::Failed { fault, .. } => *fault,
        }
    }
}

/// One product's latest result on one host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductActivation {
    pub product: String,
    /// The product's N, sent in the request and compared with the count.
    pub required_count: u32,
    /// The version the final request used.
    pub version: Option<ProtocolVersion>,
    pub outcome: ActivationOutcome,
    /// When the request went out.
    pub at: SystemTime,
}

/// Who answered for one application: its ePID and hardware ID (`kms-protocol.md` §6, §3.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostIdentity {
    pub application: &'static str,
    pub epid: String,
    pub decoded: Option<Epid>,
    pub hwid: Option<[u8; 8]>,
}

impl HostIdentity {
    pub fn hwid_hex(&self) -> String {
        self.hwid
            .map(|h| h.iter().map(|b| format!("{b:02X}")).collect())
            .unwrap_or_default()
    }
}

/// What is known about one host's KMS service; carried from cycle to cycle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KmsState {
    /// This cycle's RPC bind: `None` when no TCP connection was made.
    pub bind: Option<Result<(), String>>,
    /// Latest result per product name, in configuration order.
    pub activations: Vec<ProductActivation>,
    /// When activation requests last went out.
    pub last_round: Option<Instant>,
    /// Supported protocol versions, as learned.
    pub versions: BTreeMap<ProtocolVersion, bool>,
    pub versions_learned: Option<Instant>,
    /// Latest identity per application.
    pub identities: Vec<HostIdentity>,
    /// Activation and renewal intervals of the latest success, in minutes.
    pub intervals: Option<(u32, u32)>,
}

impl KmsState {
    /// `kms_host_up`: the host bound the KMS interface this cycle and its latest activation
    /// answers were verified (a success or a KMS refusal).
    pub fn is_up(&self) -> bool {
        matches!(self.bind, Some(Ok(())))
            && self.activations.iter().any(|a| {
                matches!(
                    a.outcome.status(),
                    ActivationStatus::Ok | ActivationStatus::Refused
                )
            })
            && !self
                .activations
                .iter()
                .any(|a| a.outcome.status() == ActivationStatus::InvalidResponse)
    }

    pub fn activation(&self, product: &str) -> Option<&ProductActivation> {
        self.activations.iter().find(|a| a.product == product)
    }

    /// Whether activation requests are due this cycle.
    fn round_due(&self, products: &[Product], interval: Duration, now: Instant) -> bool {
        let all_present = products.iter().all(|p| {
            self.activation(&p.name)
                .is_some_and(|a| a.outcome.status().host_answered())
        });
        !all_present
            || self
                .last_round
                .is_none_or(|t| now.duration_since(t) >= interval)
    }

    fn versions_stale(&self, now: Instant) -> bool {
        self.versions_learned
            .is_none_or(|t| now.duration_since(t) >= VERSION_RELEARN_INTERVAL)
    }

    /// The version to start a product's request with: its first version, lowered to the
    /// newest the host is known to support.
    fn start_version(&self, product: &Product) -> ProtocolVersion {
        let mut version = product.first_version;
        while self.versions.get(&version) == Some(&false) {
            match version.older() {
                Some(older) => version = older,
                None => break,
            }
        }
        version
    }

    fn record(&mut self, product: &Product, version: ProtocolVersion, outcome: ActivationOutcome) {
        if let ActivationOutcome::Granted(response) = &outcome {
            let application = application_label(product.application_id);
            let identity = HostIdentity {
                application,
                epid: response.epid.clone(),
                decoded: Epid::parse(&response.epid).ok(),
                hwid: response.hwid,
            };
            match self
                .identities
                .iter_mut()
                .find(|i| i.application == application)
            {
                Some(slot) => *slot = identity,
                None => self.identities.push(identity),
            }
            self.intervals = Some((
                response.activation_interval_minutes,
                response.renewal_interval_minutes,
            ));
        }
        let entry = ProductActivation {
            product: product.name.clone(),
            required_count: product.required_count.get(),
            version: Some(version),
            outcome,
            at: SystemTime::now(),
        };
        match self
            .activations
            .iter_mut()
            .find(|a| a.product == product.name)
        {
            Some(slot) => *slot = entry,
            None => self.activations.push(entry),
        }
    }

    /// Marks every product without a fresh answer with a failure that happened before any
    /// request could go out (no TCP, failed bind, budget spent).
    fn fail_products(&mut self, products: &[Product], outcome: &ActivationOutcome) {
        for product in products {
            let version = self.start_version(product);
            self.record(product, version, outcome.clone());
        }
    }

    /// Keeps only the products still configured for the host, in configuration order.
    fn retain_products(&mut self, products: &[Product]) {
        self.activations
            .retain(|a| products.iter().any(|p| p.name == a.product));
        self.activations.sort_by_key(|a| {
            products
                .iter()
                .position(|p| p.name == a.product)
                .unwrap_or(usize::MAX)
        });
    }
}

/// What one activation exchange needs besides the stream.
pub struct ActivationContext<'a> {
    pub client: &'a ClientIdentity,
    pub products: &'a [Product],
    pub activation_interval: Duration,
    pub deadline: Instant,
}

/// The host could not be reached at all this cycle (no address, TCP failed).
pub fn unreachable(mut state: KmsState, products: &[Product], detail: &str) -> KmsState {
    state.bind = None;
    state.retain_products(products);
    state.fail_products(
        products,
        &ActivationOutcome::Failed {
            status: ActivationStatus::Unreachable,
            fault: None,
            detail: detail.to_owned(),
        },
    );
    state
}

/// Binds, and sends the activation requests that are due, on one connected stream.
pub async fn exchange<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    mut state: KmsState,
    cx: &ActivationContext<'_>,
) -> KmsState {
    state.retain_products(cx.products);
    let remaining = cx.deadline.saturating_duration_since(Instant::now());
    let bound = tokio::time::timeout_at(cx.deadline, Session::bind(stream, remaining)).await;
    let mut session = match bound {
        Ok(Ok((session, _info))) => {
            state.bind = Some(Ok(()));
            session
        }
        Ok(Err(e)) => {
            state.bind = Some(Err(e.to_string()));
            state.fail_products(cx.products, &ActivationOutcome::failed(&e));
            return state;
        }
        Err(_) => {
            let e = ClientError::Timeout;
            state.bind = Some(Err(e.to_string()));
            state.fail_products(cx.products, &ActivationOutcome::failed(&e));
            return state;
        }
    };

    let now = Instant::now();
    if cx.products.is_empty() || !state.round_due(cx.products, cx.activation_interval, now) {
        return state;
    }
    state.last_round = Some(now);

    if state.versions_stale(now) {
        // Give versions the host refused another chance, at most hourly (design §5).
        state.versions.clear();
        state.versions_learned = Some(now);
    }

    for (i, product) in cx.products.iter().enumerate() {
        let request = request_for(product, state.start_version(product), cx.client);
        let answer =
            tokio::time::timeout_at(cx.deadline, session.activate_with_fallback(&request)).await;
        match answer {
            Ok(Ok(fallback)) => {
                for version in &fallback.unsupported {
                    state.versions.insert(*version, false);
                }
                if fallback.activation != Activation::Refused(Hresult::INVALID_DATA) {
                    state.versions.insert(fallback.version, true);
                }
                state.record(product, fallback.version, outcome_of(fallback.activation));
            }
            Ok(Err(e)) => {
                // The session is unusable after an error; the rest get the same finding.
                let outcome = ActivationOutcome::failed(&e);
                state.fail_products(cx.products.get(i..).unwrap_or_default(), &outcome);
                return state;
            }
            Err(_) => {
                let outcome = ActivationOutcome::failed(&ClientError::Timeout);
                state.fail_products(cx.products.get(i..).unwrap_or_default(), &outcome);
                return state;
            }
        }
    }
    state
}

fn outcome_of(activation: Activation) -> ActivationOutcome {
    match activation {
        Activation::Granted(response) => ActivationOutcome::Granted(response),
        Activation::Refused(hresult) => ActivationOutcome::Refused(hresult),
    }
}

fn request_for(
    product: &Product,
    version: ProtocolVersion,
    client: &ClientIdentity,
) -> ActivationRequest {
    let mut request = ActivationRequest::for_product(
        product,
        client.machine_id,
        client.workstation_name.clone(),
        filetime_from_system_time(SystemTime::now()),
    );
    request.version = version;
    request
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kms::products;

    fn product(name: &str) -> Product {
        products::lookup(name).unwrap()
    }

    #[test]
    fn start_version_steps_down_past_unsupported_versions() {
        let mut state = KmsState::default();
        assert_eq!(
            state.start_version(&product("windows")),
            ProtocolVersion::V6
        );
        state.versions.insert(ProtocolVersion::V6, false);
        state.versions.insert(ProtocolVersion::V5, true);
        assert_eq!(
            state.start_version(&product("windows")),
            ProtocolVersion::V5
        );
        assert_eq!(
            state.start_version(&product("windows-7")),
            ProtocolVersion::V4
        );
    }

    #[test]
    fn rounds_are_due_by_interval_or_missing_answers() {
        let products = vec![product("windows")];
        let now = Instant::now();
        let mut state = KmsState::default();
        assert!(state.round_due(&products, Duration::from_secs(900), now));
        state.record(
            &products[0],
            ProtocolVersion::V6,
            ActivationOutcome::Refused(Hresult::KMS_ID_MISMATCH),
        );
        state.last_round = Some(now);
        assert!(!state.round_due(&products, Duration::from_secs(900), now));
        assert!(state.round_due(
            &products,
            Duration::from_secs(900),
            now + Duration::from_secs(900)
        ));
        // A failure before any request reached the host is retried on the next cycle.
        state.fail_products(
            &products,
            &ActivationOutcome::Failed {
                status: ActivationStatus::Unreachable,
                fault: None,
                detail: String::new(),
            },
        );
        assert!(state.round_due(&products, Duration::from_secs(900), now));
    }

    #[test]
    fn up_needs_a_bind_and_a_verified_answer() {
        let products = [product("windows")];
        let mut state = KmsState {
            bind: Some(Ok(())),
            ..KmsState::default()
        };
        assert!(!state.is_up());
        state.record(
            &products[0],
            ProtocolVersion::V6,
            ActivationOutcome::Refused(Hresult::NOT_ACTIVATED),
        );
        assert!(state.is_up());
        state.bind = Some(Err("timeout".into()));
        assert!(!state.is_up());
    }
}
