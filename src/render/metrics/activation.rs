//! The activation families, per host and product.

use super::text::{HostLabels, Out, b};
use crate::snapshot::{ActivationOutcome, ActivationStatus, Snapshot};

/// `kms_activation_*`.
pub(super) fn encode(out: &mut Out, s: &Snapshot, labels: &[HostLabels]) {
    let hosts = || s.hosts.iter().zip(labels);
    let activations = || {
        hosts().flat_map(|(h, l)| {
            h.kms
                .activations
                .iter()
                .map(move |a| (l.host_port.as_str(), a))
        })
    };
    let mut f = out.family(
        "kms_activation_status",
        "outcome of the latest activation request for the product, one series per state with exactly one set to 1.",
    );
    for (l, a) in activations() {
        let status = a.outcome.status();
        for state in ActivationStatus::ALL {
            f.gauge(
                l,
                &[
                    ("product", a.product.as_str()),
                    ("status", state.as_label()),
                ],
                b(status == state),
            );
        }
    }
    let mut f = out.family(
        "kms_activation_hresult",
        "HRESULT of the latest activation request: 0 on success, the host's refusal code (e.g. 3221549122 = 0xC004F042), or an RPC fault status.",
    );
    for (l, a) in activations() {
        if let Some(hresult) = a.outcome.hresult() {
            f.gauge(l, &[("product", a.product.as_str())], f64::from(hresult));
        }
    }
    let mut f = out.family(
        "kms_activation_current_clients",
        "the host's current activation count for the product's group (distinct clients in 30 days).",
    );
    for (l, a) in activations() {
        if let ActivationOutcome::Granted(r) = &a.outcome {
            f.gauge(
                l,
                &[("product", a.product.as_str())],
                f64::from(r.current_count),
            );
        }
    }
    let mut f = out.family(
        "kms_activation_required_clients",
        "the product's N policy: clients activate only once the count reaches it (25 Windows client, 5 Windows Server and Office).",
    );
    for (l, a) in activations() {
        f.gauge(
            l,
            &[("product", a.product.as_str())],
            f64::from(a.required_count),
        );
    }
}
