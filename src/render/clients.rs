//! The client's-eye result (`kms_domain_activation_result_ratio`): for each domain and product,
//! the share of this site's Windows clients that would get each code if they activated now.
//!
//! The client is modelled as Windows 7 and later choose a KMS host from the `_vlmcs._tcp`
//! records (RFC 2782; README, "What clients get"): they go through the priority groups from the
//! lowest value; within a group they draw a host with a chance proportional to its weight; when
//! the session with it fails — no address, connection refused or dropped, RPC bind or call
//! failing, an answer that does not verify — the host is dropped and the next one drawn, within
//! the group and then in the next group; the first host that answers at the KMS level decides,
//! with success (count at least the product's N), `0xC004F038` (count below N) or its refusal
//! code. So the lowest-priority group that holds an answering host decides, and each answering
//! host of that group decides for its weight over the group's answering weight (equal shares
//! when those weights are all 0). When no host answers, every client gets `0xC004F074`. Without
//! hosts, DNS decides: `0x8007232B` when the record does not exist, `0x8007232A` when the DNS
//! server failed. (Windows Vista ignored priority and weight; the model does not cover it.)
//!
//! With several `dns.servers`, the answer that counts is the first server's, in configuration
//! order, that answered with authority (records, NXDOMAIN, NODATA), the way a Windows client
//! asks its preferred server and turns to the next only when that one gives no usable answer.
//! While no server answers with authority and the exporter keeps the last answer's hosts
//! (`dns.keep_last_answer`), clients are assumed to keep the host they use too, so the records
//! of that answer decide.

use std::collections::BTreeMap;

use crate::codes::Condition;
use crate::kms::Hresult;
use crate::snapshot::{
    ActivationOutcome, DomainReport, HostReport, LookupStatus, Snapshot, SrvRecord, client_lookup,
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
    let records = choices(domain);
    domain
        .products
        .iter()
        .map(|product| {
            let mut shares: BTreeMap<u32, f64> = BTreeMap::new();
            shares.insert(Hresult::S_OK.0, 0.0);
            let decided = match &records {
                Err(condition) => vec![(condition.code(), 1.0)],
                Ok(records) => deciding_answers(snapshot, records, product),
            };
            for (code, share) in decided {
                *shares.entry(code).or_default() += share;
            }
            ClientResult {
                domain: domain.name.clone(),
                product: product.clone(),
                shares: shares.into_iter().collect(),
            }
        })
        .collect()
}

/// The DNS condition that decides for every client of `domain`, or `None` when its hosts
/// decide: the one code the landing page, the report and `/metrics` give for the domain's DNS.
pub fn dns_condition(domain: &DomainReport) -> Option<Condition> {
    choices(domain).err()
}

/// One host clients may draw: the lowest priority any of its records gives it, and the sum of
/// its records' weights at that priority.
#[derive(Debug)]
struct Choice<'a> {
    host: &'a str,
    port: u16,
    priority: u16,
    weight: u64,
}

/// The hosts clients choose from, or the DNS condition every client meets instead.
fn choices(domain: &DomainReport) -> Result<Vec<Choice<'_>>, Condition> {
    let records: &[SrvRecord] = if domain.kept_from.is_some() {
        &domain.kept_records
    } else {
        match client_lookup(domain.lookups.iter().map(|(_, lookup)| lookup)) {
            Some(lookup) if lookup.status == LookupStatus::Ok => &lookup.records,
            Some(_) => &[],
            None => return Err(Condition::DnsServerFailing),
        }
    };
    let mut choices: BTreeMap<(&str, u16), Choice<'_>> = BTreeMap::new();
    for record in records.iter().filter(|r| !r.is_service_unavailable()) {
        let choice = choices
            .entry((record.target.as_str(), record.port))
            .or_insert(Choice {
                host: &record.target,
                port: record.port,
                priority: record.priority,
                weight: 0,
            });
        if record.priority < choice.priority {
            choice.priority = record.priority;
            choice.weight = 0;
        }
        if record.priority == choice.priority {
            choice.weight += u64::from(record.weight);
        }
    }
    if choices.is_empty() {
        // NXDOMAIN, NODATA, or only the "." target: no KMS host for the client to find.
        return Err(Condition::SrvRecordMissing);
    }
    Ok(choices.into_values().collect())
}

/// `(code, share)` of the clients: the lowest priority group with an answering host decides,
/// each answering host by its weight; no answering host at all is `0xC004F074` for everyone.
fn deciding_answers(snapshot: &Snapshot, choices: &[Choice<'_>], product: &str) -> Vec<(u32, f64)> {
    let mut groups: BTreeMap<u16, Vec<(u64, u32)>> = BTreeMap::new();
    for choice in choices {
        if let Some(code) = snapshot
            .host(choice.host, choice.port)
            .and_then(|host| answer(host, product))
        {
            groups
                .entry(choice.priority)
                .or_default()
                .push((choice.weight, code));
        }
    }
    let Some((_, answers)) = groups.into_iter().next() else {
        return vec![(Condition::NoHostAnswered.code(), 1.0)];
    };
    let total: u64 = answers.iter().map(|(weight, _)| weight).sum();
    answers
        .iter()
        .map(|&(weight, code)| {
            let share = if total == 0 {
                1.0 / answers.len() as f64
            } else {
                weight as f64 / total as f64
            };
            (code, share)
        })
        .collect()
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
