//! The client's-eye result (`kms_domain_activation_result_ratio`): for each domain and product,
//! the share of this site's Windows clients that would get each code if they activated now.
//!
//! The client is modelled as Microsoft describes it (seed 003, how a client finds its KMS host):
//! DNS returns the published hosts in random order; the client tries one, and when the session
//! fails — no address, connection refused or dropped, RPC bind or call failing — it tries
//! another; the first host that answers at the KMS level decides, with success (count at least
//! the product's N), `0xC004F038` (count below N) or its refusal code. So every answering host
//! decides for an equal share of the clients; when none answers, every client gets
//! `0xC004F074`. Without hosts, DNS decides: `0x8007232B` when the record does not exist,
//! `0x8007232A` when the DNS server failed.
//!
//! With several `dns.servers`, the answer that counts is the first server's, in configuration
//! order, that answered with authority (records, NXDOMAIN, NODATA), the way a Windows client
//! asks its preferred server and turns to the next only when that one gives no usable answer.
//! While no server answers with authority and the exporter keeps the last answer's hosts
//! (`dns.keep_last_answer`), clients are assumed to keep the host they use too, so those hosts
//! decide.

use std::collections::BTreeMap;

use crate::codes::Condition;
use crate::kms::Hresult;
use crate::snapshot::{
    ActivationOutcome, DomainReport, HostReport, LookupStatus, Snapshot, published_hosts,
};

/// What one domain's clients would get for one product.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientResult {
    pub domain: String,
    pub product: String,
    /// `(code, share)`, by code; shares sum to 1, and code 0 (activated) is always present.
    pub shares: Vec<(u32, f64)>,
}

impl ClientResult {
    /// The share of clients that would activate.
    pub fn activated(&self) -> f64 {
        self.shares
            .iter()
            .find(|(code, _)| *code == Hresult::S_OK.0)
            .map_or(0.0, |(_, share)| *share)
    }
}

/// Every configured domain and product of the snapshot, in domain then product order.
pub fn client_results(snapshot: &Snapshot) -> Vec<ClientResult> {
    snapshot
        .domains
        .iter()
        .flat_map(|domain| for_domain(snapshot, domain))
        .collect()
}

/// One domain's results, one per product.
pub fn for_domain(snapshot: &Snapshot, domain: &DomainReport) -> Vec<ClientResult> {
    let hosts = deciding_hosts(domain);
    domain
        .products
        .iter()
        .map(|product| {
            let mut shares: BTreeMap<u32, f64> = BTreeMap::new();
            shares.insert(Hresult::S_OK.0, 0.0);
            match &hosts {
                Err(code) => *shares.entry(*code).or_default() += 1.0,
                Ok(hosts) => {
                    let answers: Vec<u32> = hosts
                        .iter()
                        .filter_map(|(host, port)| answer(snapshot.host(host, *port)?, product))
                        .collect();
                    if answers.is_empty() {
                        *shares.entry(Condition::NoHostAnswered.code()).or_default() += 1.0;
                    }
                    let share = 1.0 / answers.len().max(1) as f64;
                    for code in answers {
                        *shares.entry(code).or_default() += share;
                    }
                }
            }
            ClientResult {
                domain: domain.name.clone(),
                product: product.clone(),
                shares: shares.into_iter().collect(),
            }
        })
        .collect()
}

/// The hosts clients choose from, or the DNS code every client gets instead.
fn deciding_hosts(domain: &DomainReport) -> Result<Vec<(String, u16)>, u32> {
    if domain.kept_from.is_some() {
        return Ok(domain.hosts.clone());
    }
    let first_authoritative = domain
        .lookups
        .iter()
        .map(|(_, lookup)| lookup)
        .find(|lookup| !lookup.status.is_non_authoritative_failure());
    let Some(lookup) = first_authoritative else {
        return Err(Condition::DnsServerFailing.code());
    };
    let hosts = match lookup.status {
        LookupStatus::Ok => published_hosts([lookup]),
        _ => Vec::new(),
    };
    if hosts.is_empty() {
        // NXDOMAIN, NODATA, or only the "." target: no KMS host for the client to find.
        return Err(Condition::SrvRecordMissing.code());
    }
    Ok(hosts)
}

/// The code a host gives a client asking for `product`, or `None` when the client's session
/// with it fails and the client moves on to the next host.
fn answer(host: &HostReport, product: &str) -> Option<u32> {
    let activation = host.kms.activation(product)?;
    match &activation.outcome {
        ActivationOutcome::Granted(response) => {
            Some(if response.current_count >= activation.required_count {
                Hresult::S_OK.0
            } else {
                Hresult::NOT_ENOUGH_COUNT.0
            })
        }
        ActivationOutcome::Refused(code) => Some(code.0),
        // Unreachable, an RPC failure, or an answer that fails verification (the client's own
        // verification fails the same way): the session fails and the client tries another.
        ActivationOutcome::Failed { .. } => None,
    }
}
