//! One `_vlmcs._tcp` SRV query to one DNS server, on sockets of its own.
//!
//! The query goes out over UDP (hickory's `UdpClientStream`: random source port, ID and
//! question checks, retransmission); a truncated answer is asked again over a TCP connection
//! opened for this query alone and closed as soon as the answer is read. No connection is
//! shared between domains or kept between cycles, so one domain's oversized answer or slow TCP
//! fallback cannot hold up another domain's lookups (issue 14, fault 2: hickory's resolver pool
//! kept the fallback TCP connection open, and a DNS server that serves TCP inline, like
//! dnsmasq, stopped answering every other query while it waited on it).
//!
//! An answer that is still cut short (TC over TCP, or a TCP fallback that failed) is kept for
//! what it holds: its records are as real as those of a complete answer, just fewer.

use std::net::SocketAddr;
use std::time::Duration;

use futures_util::StreamExt as _;
use hickory_resolver::net::NetError;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::udp::UdpClientStream;
use hickory_resolver::net::xfer::DnsRequestSender as _;
use hickory_resolver::proto::op::{
    DnsRequest, DnsRequestOptions, Header, Message, Query, ResponseCode,
};
use hickory_resolver::proto::rr::{Name, RData, Record, RecordType};
use hickory_resolver::proto::serialize::binary::{BinDecodable as _, BinDecoder};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::time::Instant;

use super::normalize_target;
use crate::snapshot::{LookupStatus, SrvRecord};

/// What one server said about a name's SRV records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SrvAnswer {
    pub status: LookupStatus,
    /// Every SRV record received, sorted and deduplicated (not yet capped).
    pub records: Vec<SrvRecord>,
    /// The answer was cut short: the records are what arrived.
    pub truncated: bool,
    /// What went wrong, for logs and the landing page.
    pub detail: Option<String>,
}

impl SrvAnswer {
    pub(super) fn failed(status: LookupStatus, detail: String) -> Self {
        Self {
            status,
            records: Vec::new(),
            truncated: false,
            detail: Some(detail),
        }
    }
}

/// Asks `server` for the SRV records of the absolute `name`, giving up at `deadline`.
pub(super) async fn query(server: SocketAddr, name: &str, deadline: Instant) -> SrvAnswer {
    let name = match Name::from_ascii(name) {
        Ok(name) => name,
        Err(e) => return SrvAnswer::failed(LookupStatus::Error, format!("bad name {name}: {e}")),
    };
    let request = DnsRequest::from_query(
        Query::query(name, RecordType::SRV),
        DnsRequestOptions::default(),
    );
    let remaining = deadline.saturating_duration_since(Instant::now());
    let udp =
        match tokio::time::timeout_at(deadline, udp_exchange(server, &request, remaining)).await {
            Err(_) | Ok(Err(NetError::Timeout)) => return timed_out(remaining),
            Ok(Err(e)) => return SrvAnswer::failed(LookupStatus::Error, e.to_string()),
            Ok(Ok(message)) => message,
        };
    if !udp.metadata.truncation {
        return classify(&udp, false);
    }
    // Once more on a failure: dnsmasq 2.90 answers now and then with an empty message when its
    // 64 KiB answer lands on a size it cannot frame, and the next answer differs in size.
    let tcp = async {
        match tcp_exchange(server, &request).await {
            Err(_) => tcp_exchange(server, &request).await,
            answer => answer,
        }
    };
    match tokio::time::timeout_at(deadline, tcp).await {
        Ok(Ok(message)) => {
            let truncated = message.metadata.truncation;
            classify(&message, truncated)
        }
        // Keep what the UDP answer held rather than nothing.
        Ok(Err(detail)) => with_detail(classify(&udp, true), detail),
        Err(_) => with_detail(
            classify(&udp, true),
            format!(
                "TCP fallback unanswered within {}",
                humantime::format_duration(remaining)
            ),
        ),
    }
}

fn timed_out(budget: Duration) -> SrvAnswer {
    SrvAnswer::failed(
        LookupStatus::Timeout,
        format!("no answer within {}", humantime::format_duration(budget)),
    )
}

fn with_detail(mut answer: SrvAnswer, detail: String) -> SrvAnswer {
    answer.detail.get_or_insert(detail);
    answer
}

/// The query over UDP; hickory retransmits within `budget`.
async fn udp_exchange(
    server: SocketAddr,
    request: &DnsRequest,
    budget: Duration,
) -> Result<Message, NetError> {
    let mut stream = UdpClientStream::builder(server, TokioRuntimeProvider::default())
        .with_timeout(Some(budget))
        .build();
    match stream.send_message(request.clone()).next().await {
        Some(answer) => answer.map(|response| response.into_message()),
        None => Err(NetError::Timeout),
    }
}

/// The query over a TCP connection of its own (RFC 1035 §4.2.2 framing), closed on return.
///
/// Without EDNS: its UDP payload size means nothing over TCP, and dnsmasq 2.90 answers more
/// EDNS queries for a 64 KiB answer with an empty message (measured here: 3 of 50 with EDNS,
/// none of 300 without).
async fn tcp_exchange(server: SocketAddr, request: &DnsRequest) -> Result<Message, String> {
    let mut query = Message::query();
    query.metadata = request.metadata;
    query.queries.clone_from(&request.queries);
    let bytes = query.to_vec().map_err(|e| e.to_string())?;
    let length = u16::try_from(bytes.len()).map_err(|_| "query too long".to_owned())?;
    let mut tcp = TcpStream::connect(server)
        .await
        .map_err(|e| format!("TCP fallback: {e}"))?;
    let mut framed = Vec::with_capacity(bytes.len() + 2);
    framed.extend_from_slice(&length.to_be_bytes());
    framed.extend_from_slice(&bytes);
    tcp.write_all(&framed)
        .await
        .map_err(|e| format!("TCP fallback: {e}"))?;
    let mut length = [0u8; 2];
    tcp.read_exact(&mut length)
        .await
        .map_err(|e| format!("TCP fallback: {e}"))?;
    let mut answer = vec![0u8; usize::from(u16::from_be_bytes(length))];
    if answer.is_empty() {
        return Err("TCP fallback: empty answer".to_owned());
    }
    tcp.read_exact(&mut answer)
        .await
        .map_err(|e| format!("TCP fallback: {e}"))?;
    drop(tcp);
    let message = decode_cut_short(&answer)?;
    if message.metadata.id != request.metadata.id || message.queries != request.queries {
        return Err("TCP fallback: the answer is not for this query".to_owned());
    }
    Ok(message)
}

/// Decodes an answer; one marked truncated may end inside a record (dnsmasq cuts its 64 KiB TCP
/// answers that way), so it is read record by record and keeps every whole one.
fn decode_cut_short(bytes: &[u8]) -> Result<Message, String> {
    let malformed = |e: &dyn std::fmt::Display| format!("TCP fallback: malformed answer: {e}");
    let whole = match Message::from_vec(bytes) {
        Ok(message) => return Ok(message),
        Err(e) => malformed(&e),
    };
    let mut decoder = BinDecoder::new(bytes);
    let header = Header::read(&mut decoder).map_err(|e| malformed(&e))?;
    if !header.metadata.truncation {
        return Err(whole);
    }
    let mut message = Message::query();
    message.metadata = header.metadata;
    for _ in 0..header.counts.queries {
        message
            .queries
            .push(Query::read(&mut decoder).map_err(|e| malformed(&e))?);
    }
    for _ in 0..header.counts.answers {
        match Record::read(&mut decoder) {
            Ok(record) => message.answers.push(record),
            Err(_) => break,
        }
    }
    Ok(message)
}

/// The status and records of an answer, the way an operator reads them.
fn classify(message: &Message, truncated: bool) -> SrvAnswer {
    let code = message.metadata.response_code;
    let status = match code {
        ResponseCode::NoError => LookupStatus::Ok,
        ResponseCode::NXDomain => LookupStatus::NxDomain,
        ResponseCode::ServFail => LookupStatus::ServFail,
        ResponseCode::Refused => LookupStatus::Refused,
        _ => LookupStatus::Error,
    };
    if status != LookupStatus::Ok {
        return SrvAnswer::failed(status, format!("the server answered {code}"));
    }
    let mut records: Vec<SrvRecord> = message
        .answers
        .iter()
        .filter_map(|record| match &record.data {
            RData::SRV(srv) => Some(SrvRecord {
                priority: srv.priority,
                weight: srv.weight,
                target: normalize_target(&srv.target.to_ascii()),
                port: srv.port,
            }),
            _ => None,
        })
        .collect();
    records.sort();
    records.dedup();
    if records.is_empty() && truncated {
        // Cut short before its first record: that says nothing about the records (and must
        // not read as NODATA, which withdraws the domain's hosts).
        return SrvAnswer {
            truncated,
            ..SrvAnswer::failed(
                LookupStatus::Error,
                "the answer was cut short before its first record".to_owned(),
            )
        };
    }
    SrvAnswer {
        // An answer made only of CNAMEs or other types is still "no SRV data".
        status: if records.is_empty() {
            LookupStatus::NoData
        } else {
            LookupStatus::Ok
        },
        records,
        truncated,
        detail: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::rr::rdata::SRV;

    fn answer(code: ResponseCode, targets: &[&str]) -> Message {
        let mut message = Message::query();
        message.metadata.response_code = code;
        let owner = Name::from_ascii(crate::kms::srv_name("corp.test")).unwrap();
        for target in targets {
            let srv = SRV::new(0, 100, 1688, Name::from_ascii(target).unwrap());
            message
                .answers
                .push(Record::from_rdata(owner.clone(), 3600, RData::SRV(srv)));
        }
        message
    }

    #[test]
    fn answers_are_classified_by_response_code_and_records() {
        let ok = classify(
            &answer(
                ResponseCode::NoError,
                &["KMS2.corp.test.", "kms1.corp.test."],
            ),
            false,
        );
        assert_eq!(ok.status, LookupStatus::Ok);
        let targets: Vec<_> = ok.records.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(targets, ["kms1.corp.test", "kms2.corp.test"]);
        let cases = [
            (ResponseCode::NoError, LookupStatus::NoData),
            (ResponseCode::NXDomain, LookupStatus::NxDomain),
            (ResponseCode::ServFail, LookupStatus::ServFail),
            (ResponseCode::Refused, LookupStatus::Refused),
            (ResponseCode::FormErr, LookupStatus::Error),
        ];
        for (code, status) in cases {
            assert_eq!(classify(&answer(code, &[]), false).status, status, "{code}");
        }
    }

    #[test]
    fn an_answer_cut_inside_a_record_keeps_the_whole_ones() {
        let mut message = answer(
            ResponseCode::NoError,
            &["kms1.corp.test.", "kms2.corp.test."],
        );
        message.metadata.truncation = true;
        let bytes = message.to_vec().unwrap();
        let cut = decode_cut_short(&bytes[..bytes.len() - 3]).unwrap();
        assert_eq!(cut.answers.len(), 1);
        assert_eq!(classify(&cut, true).records.len(), 1);
        // Without TC, a short message is malformed, not an answer.
        message.metadata.truncation = false;
        let bytes = message.to_vec().unwrap();
        assert!(decode_cut_short(&bytes[..bytes.len() - 3]).is_err());
    }

    #[test]
    fn a_truncated_answer_keeps_its_records() {
        // Cut short before any record: no authority, not NODATA.
        let empty = classify(&answer(ResponseCode::NoError, &[]), true);
        assert_eq!(empty.status, LookupStatus::Error);
        let cut = classify(&answer(ResponseCode::NoError, &["kms1.corp.test."]), true);
        assert_eq!(
            (cut.status, cut.records.len(), cut.truncated),
            (LookupStatus::Ok, 1, true)
        );
    }
}
