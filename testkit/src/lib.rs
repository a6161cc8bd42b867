//! `kms_exporter_testkit`: the server side of the protocols kms_exporter probes, for its
//! integration tests, benches and fuzz harnesses only. The exporter never depends on it: the
//! product contains no server side of any protocol it probes (docs/architecture.md §8.4).
//!
//! Layout, one concern per module:
//!
//! - [`encode`]: one encoder per server-side message (DCE/RPC, KMS, SMB2, SNTP), pure functions
//!   on bytes. Always built: the fuzz crate uses only this (`default-features = false`).
//!
//! Behind the default `doubles` feature (tokio, hickory-server):
//!
//! - [`kms_host`]: a KMS host double speaking DCE/RPC and V4/V5/V6 (`docs/protocol.md` §1–§3),
//!   over TCP on loopback or in memory, with configurable counts, refusals, versions and
//!   misbehaviours.
//! - [`dns`]: an in-process DNS server (hickory-server) answering SRV, A/AAAA, CNAME, NXDOMAIN,
//!   no data, SERVFAIL, REFUSED, or nothing.
//! - [`sntp`]: an SNTP responder with a configurable clock offset and misbehaviours.
//! - [`smb2`]: an SMB2 NEGOTIATE responder with a configurable clock offset and misbehaviours.
//! - [`fake`]: a scripted network behind the exporter's `Network` and `Dns` traits, for
//!   paused-time tests: DNS answers from a table, KMS hosts served in memory, clock readings
//!   given by the test.
//! - [`net`]: loopback TCP endpoints in the states a host's port can be in (open, refused,
//!   dropping SYNs).
#![forbid(unsafe_code)]

pub mod encode;

#[cfg(feature = "doubles")]
pub mod dns;
#[cfg(feature = "doubles")]
pub mod fake;
#[cfg(feature = "doubles")]
pub mod kms_host;
#[cfg(feature = "doubles")]
pub mod net;
#[cfg(feature = "doubles")]
pub mod smb2;
#[cfg(feature = "doubles")]
pub mod sntp;
