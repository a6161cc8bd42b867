//! An in-process DNS server (hickory-server) on loopback that answers the way a test tells it
//! to: SRV records, addresses, NXDOMAIN, no data, SERVFAIL, REFUSED, or silence.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hickory_server::Server;
use hickory_server::net::runtime::Time;
use hickory_server::proto::op::{Header, HeaderCounts, Metadata, ResponseCode};
use hickory_server::proto::rr::rdata::{A, AAAA, CNAME, SOA, SRV};
use hickory_server::proto::rr::{Name, RData, Record, RecordType};
use hickory_server::server::{Request, RequestHandler, ResponseHandler, ResponseInfo};
use hickory_server::zone_handler::MessageResponseBuilder;
use tokio::net::UdpSocket;

/// How the server answers for one name.
#[derive(Clone, Debug)]
pub enum Answer {
    /// Records of the name; a query for a type without records gets NOERROR with no answer.
    Records {
        srv: Vec<(u16, u16, u16, String)>,
        addresses: Vec<IpAddr>,
    },
    /// A CNAME to another name (which may point back: a loop).
    Cname(String),
    NxDomain,
    ServFail,
    Refused,
    /// Never answers.
    Silent,
}

impl Answer {
    /// SRV records `(priority, weight, port, target)`.
    pub fn srv(records: &[(u16, u16, u16, &str)]) -> Self {
        Self::Records {
            srv: records
                .iter()
                .map(|(p, w, port, t)| (*p, *w, *port, (*t).to_owned()))
                .collect(),
            addresses: Vec::new(),
        }
    }

    pub fn addresses(addresses: &[&str]) -> Self {
        Self::Records {
            srv: Vec::new(),
            addresses: addresses.iter().map(|a| a.parse().unwrap()).collect(),
        }
    }

    /// The name exists but has no records of any type asked.
    pub fn no_data() -> Self {
        Self::Records {
            srv: Vec::new(),
            addresses: Vec::new(),
        }
    }
}

type Zone = Arc<Mutex<HashMap<String, Answer>>>;

/// A running DNS double; stops when dropped.
pub struct DnsDouble {
    pub address: SocketAddr,
    zone: Zone,
    queries: Arc<Mutex<Vec<(String, RecordType)>>>,
    server: tokio::task::JoinHandle<()>,
}

impl DnsDouble {
    /// Starts on 127.0.0.1 with a random UDP port (and the same TCP port, for truncation).
    pub async fn start() -> Self {
        let socket = UdpSocket::bind("127.0.0.1:0").await.unwrap();
        let address = socket.local_addr().unwrap();
        let tcp = tokio::net::TcpListener::bind(address).await.ok();
        let zone: Zone = Arc::default();
        let queries: Arc<Mutex<Vec<(String, RecordType)>>> = Arc::default();
        let mut server = Server::new(Handler {
            zone: zone.clone(),
            queries: queries.clone(),
        });
        server.register_socket(socket);
        if let Some(tcp) = tcp {
            server.register_listener(tcp, Duration::from_secs(5), 65535);
        }
        let server = tokio::spawn(async move {
            let _ = server.block_until_done().await;
        });
        Self {
            address,
            zone,
            queries,
            server,
        }
    }

    /// Sets the answer for a name (any case, with or without trailing dot).
    pub fn set(&self, name: &str, answer: Answer) {
        self.zone.lock().unwrap().insert(key(name), answer);
    }

    /// Names and types asked so far.
    pub fn queries(&self) -> Vec<(String, RecordType)> {
        self.queries.lock().unwrap().clone()
    }
}

impl Drop for DnsDouble {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn key(name: &str) -> String {
    format!("{}.", name.trim_end_matches('.').to_ascii_lowercase())
}

struct Handler {
    zone: Zone,
    queries: Arc<Mutex<Vec<(String, RecordType)>>>,
}

impl Handler {
    fn soa(origin: &Name) -> Record {
        Record::from_rdata(
            origin.clone(),
            60,
            RData::SOA(SOA::new(
                Name::from_str("ns.test.").unwrap(),
                Name::from_str("hostmaster.test.").unwrap(),
                1,
                60,
                60,
                600,
                60,
            )),
        )
    }
}

#[async_trait::async_trait]
impl RequestHandler for Handler {
    async fn handle_request<R: ResponseHandler, T: Time>(
        &self,
        request: &Request,
        mut response_handle: R,
    ) -> ResponseInfo {
        let query = match request.queries.queries().first() {
            Some(q) => q.clone(),
            None => {
                let response = MessageResponseBuilder::new(&request.queries, None)
                    .error_msg(&request.metadata, ResponseCode::FormErr);
                return response_handle.send_response(response).await.unwrap();
            }
        };
        let name = Name::from(query.name().clone());
        let name_key = key(&name.to_ascii());
        self.queries
            .lock()
            .unwrap()
            .push((name_key.clone(), query.query_type()));
        let answer = self
            .zone
            .lock()
            .unwrap()
            .get(&name_key)
            .cloned()
            .unwrap_or(Answer::NxDomain);

        let mut metadata = Metadata::response_from_request(&request.metadata);
        metadata.authoritative = true;
        let builder = MessageResponseBuilder::new(&request.queries, None);
        match answer {
            Answer::Cname(target) => {
                let record = Record::from_rdata(
                    name.clone(),
                    60,
                    RData::CNAME(CNAME(Name::from_str(&target).unwrap())),
                );
                let answers = [record];
                let response = builder.build(metadata, answers.iter(), [], [], []);
                response_handle.send_response(response).await.unwrap()
            }
            Answer::Silent => ResponseInfo::from(Header {
                metadata,
                counts: HeaderCounts::default(),
            }),
            Answer::ServFail | Answer::Refused => {
                let code = if matches!(answer, Answer::ServFail) {
                    ResponseCode::ServFail
                } else {
                    ResponseCode::Refused
                };
                let response = builder.error_msg(&request.metadata, code);
                response_handle.send_response(response).await.unwrap()
            }
            Answer::NxDomain => {
                metadata.response_code = ResponseCode::NXDomain;
                let soa = [Self::soa(&Name::from_str("test.").unwrap())];
                let response = builder.build(metadata, [], soa.iter(), [], []);
                response_handle.send_response(response).await.unwrap()
            }
            Answer::Records { srv, addresses } => {
                let records: Vec<Record> = match query.query_type() {
                    RecordType::SRV => srv
                        .iter()
                        .map(|(priority, weight, port, target)| {
                            Record::from_rdata(
                                name.clone(),
                                60,
                                RData::SRV(SRV::new(
                                    *priority,
                                    *weight,
                                    *port,
                                    Name::from_str(target).unwrap(),
                                )),
                            )
                        })
                        .collect(),
                    RecordType::A => addresses
                        .iter()
                        .filter_map(|a| match a {
                            IpAddr::V4(v4) => {
                                Some(Record::from_rdata(name.clone(), 60, RData::A(A(*v4))))
                            }
                            IpAddr::V6(_) => None,
                        })
                        .collect(),
                    RecordType::AAAA => addresses
                        .iter()
                        .filter_map(|a| match a {
                            IpAddr::V6(v6) => {
                                Some(Record::from_rdata(name.clone(), 60, RData::AAAA(AAAA(*v6))))
                            }
                            IpAddr::V4(_) => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let soa = if records.is_empty() {
                    vec![Self::soa(&name)]
                } else {
                    Vec::new()
                };
                let response = builder.build(metadata, records.iter(), soa.iter(), [], []);
                response_handle.send_response(response).await.unwrap()
            }
        }
    }
}
