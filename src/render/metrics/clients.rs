//! The client's-eye result per domain and product: `kms_domain_activation_result_ratio`.

use super::text::Out;
use crate::render::clients::client_results;
use crate::snapshot::Snapshot;

/// `kms_domain_activation_result_ratio`.
pub(super) fn encode(out: &mut Out, s: &Snapshot) {
    let mut f = out.family(
        "kms_domain_activation_result_ratio",
        "share of this site's Windows clients that would get hresult (0x00000000: activated) if they activated product now, modelled on how a client picks a KMS host.",
    );
    for result in client_results(s) {
        for (code, share) in &result.shares {
            f.gauge(
                "",
                &[
                    ("domain", result.domain.as_str()),
                    ("product", result.product.as_str()),
                    ("hresult", &format!("0x{code:08X}")),
                ],
                *share,
            );
        }
    }
}
