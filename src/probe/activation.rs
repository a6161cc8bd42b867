//! The KMS part of a host probe: the RPC bind every run, and real activation requests at most
//! every `activation_interval`, with what is learned kept in the host's [`HostMemory`]
//! (docs/architecture.md §5.1).
//!
//! Etiquette (docs/architecture.md §5.1, `docs/protocol.md` §8): one connection per host per run,
//! the fixed client machine ID, each product's genuine N, V6 first and V5/V4 only after 0x8007000D
//! (a refused version is tried again at most hourly), every response fully verified.

use std::time::{Duration, SystemTime};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::time::Instant;

use super::memory::HostMemory;
use crate::config::ClientIdentity;
use crate::kms::client::{Activation, ClientError, Session};
use crate::kms::message::filetime_from_system_time;
use crate::kms::products::Product;
use crate::kms::{ActivationRequest, Hresult, ProtocolVersion};
use crate::snapshot::{ActivationOutcome, ActivationStatus, BindFailure, KmsFindings};

/// What one activation exchange needs besides the stream.
pub struct ActivationContext<'a> {
    /// The CMID and workstation name sent in every request.
    pub client: &'a ClientIdentity,
    /// Products to ask for, in configuration order.
    pub products: &'a [Product],
    /// How often the host may be asked (docs/architecture.md §5.1).
    pub activation_interval: Duration,
    /// When the host's whole probe must end.
    pub deadline: Instant,
}

/// The host could not be reached at all in this run (no address, TCP failed): every product
/// gets `detail` as its finding, and a later run asks again.
pub(crate) fn unreachable(
    memory: &mut HostMemory,
    products: &[Product],
    detail: &str,
) -> KmsFindings {
    memory.retain_products(products);
    memory.fail_products(
        products,
        &ActivationOutcome::Failed {
            status: ActivationStatus::Unreachable,
            fault: None,
            detail: detail.to_owned(),
        },
    );
    memory.findings(None, false)
}

/// Binds, and sends the activation requests that are due, on one connected stream.
pub(crate) async fn exchange<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    memory: &mut HostMemory,
    cx: &ActivationContext<'_>,
) -> KmsFindings {
    memory.retain_products(cx.products);
    let remaining = cx.deadline.saturating_duration_since(Instant::now());
    let bound = tokio::time::timeout_at(cx.deadline, Session::bind(stream, remaining)).await;
    let mut session = match bound {
        Ok(Ok((session, _info))) => session,
        Ok(Err(e)) => return bind_failed(memory, cx.products, &e),
        Err(_) => return bind_failed(memory, cx.products, &ClientError::Timeout),
    };
    let bound = Some(Ok(()));

    let now = Instant::now();
    if cx.products.is_empty() || !memory.round_due(cx.products, cx.activation_interval, now) {
        return memory.findings(bound, false);
    }
    memory.last_round = Some(now);

    if memory.versions_stale(now) {
        // Give versions the host refused another chance, at most hourly
        // (docs/architecture.md §5.1).
        memory.versions.clear();
        memory.versions_learned = Some(now);
    }

    for (i, product) in cx.products.iter().enumerate() {
        let request = request_for(product, memory.start_version(product), cx.client);
        let answer =
            tokio::time::timeout_at(cx.deadline, session.activate_with_fallback(&request)).await;
        let error = match answer {
            Ok(Ok(fallback)) => {
                for version in &fallback.unsupported {
                    memory.versions.insert(*version, false);
                }
                if fallback.activation != Activation::Refused(Hresult::INVALID_DATA) {
                    memory.versions.insert(fallback.version, true);
                }
                memory.record(product, fallback.version, outcome_of(fallback.activation));
                continue;
            }
            Ok(Err(e)) => e,
            Err(_) => ClientError::Timeout,
        };
        // The session is unusable after an error; the rest get the same finding.
        memory.fail_products(
            cx.products.get(i..).unwrap_or_default(),
            &ActivationOutcome::failed(&error),
        );
        break;
    }
    memory.findings(bound, true)
}

/// The findings of a host whose RPC bind failed: no request went out.
fn bind_failed(memory: &mut HostMemory, products: &[Product], error: &ClientError) -> KmsFindings {
    memory.fail_products(products, &ActivationOutcome::failed(error));
    memory.findings(Some(Err(BindFailure::from(error))), false)
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
