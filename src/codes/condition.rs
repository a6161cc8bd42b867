//! The conditions the exporter sees on the network, each with the code a Windows client shows
//! for it (docs/architecture.md §1) and the few words the landing page and the `probe` report use
//! for it. Findings name a condition; the code and its wording come from here and nowhere else.

use super::describe;
use crate::kms::Hresult;

/// A condition seen from the network that makes clients fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Condition {
    /// `_vlmcs._tcp.<domain>` answered NXDOMAIN or NODATA.
    SrvRecordMissing,
    /// The DNS server failed: SERVFAIL, REFUSED or no answer.
    DnsServerFailing,
    /// An SRV target that resolves to no address.
    StaleSrvTarget,
    /// Nothing listens on the KMS port: the connection is reset.
    PortClosed,
    /// The KMS port drops packets: a firewall, or the host is down.
    PortDropsPackets,
    /// The port is open but does not bind the KMS RPC interface.
    NotKmsHost,
    /// The host's count is below the product's N.
    CountBelowThreshold,
    /// The host's clock is more than 4 hours from the client's.
    ClockOutsideWindow,
    /// No published host answered at the KMS level: every client's session failed.
    NoHostAnswered,
}

/// `DNS_ERROR_RCODE_NAME_ERROR`: the client found no `_vlmcs._tcp` record.
const NAME_ERROR: Hresult = Hresult(0x8007_232B);
/// `DNS_ERROR_RCODE_SERVER_FAILURE`: the client's DNS server failed.
const SERVER_FAILURE: Hresult = Hresult(0x8007_232A);
/// `RPC_S_SERVER_UNAVAILABLE`: the client's RPC session with a host failed.
const RPC_SERVER_UNAVAILABLE: Hresult = Hresult(0x8007_06BA);
/// `SL_E_VL_BINDING_SERVICE_UNAVAILABLE`: no KMS host could be contacted.
const BINDING_SERVICE_UNAVAILABLE: Hresult = Hresult(0xC004_F074);

impl Condition {
    /// The code a Windows client reports for the condition: the client's own codes, or the
    /// host's answers as the KMS protocol carries them ([`Hresult`]).
    pub const fn hresult(self) -> Hresult {
        match self {
            Self::SrvRecordMissing => NAME_ERROR,
            Self::DnsServerFailing => SERVER_FAILURE,
            Self::StaleSrvTarget | Self::PortClosed | Self::NotKmsHost => RPC_SERVER_UNAVAILABLE,
            Self::PortDropsPackets | Self::NoHostAnswered => BINDING_SERVICE_UNAVAILABLE,
            Self::CountBelowThreshold => Hresult::NOT_ENOUGH_COUNT,
            Self::ClockOutsideWindow => Hresult::INVALID_TIMESTAMP,
        }
    }

    /// [`Condition::hresult`] as a number.
    pub const fn code(self) -> u32 {
        self.hresult().0
    }

    /// What the condition means, in a few words of an admin's.
    pub const fn hint(self) -> &'static str {
        match self {
            Self::SrvRecordMissing => "no _vlmcs SRV record",
            Self::DnsServerFailing => "DNS server failure",
            Self::StaleSrvTarget => "a stale SRV target",
            Self::PortClosed => "nothing listens on the port (service stopped?)",
            Self::PortDropsPackets => "packets dropped (firewall?)",
            Self::NotKmsHost => "the port does not answer as a KMS host",
            Self::CountBelowThreshold => "BELOW THRESHOLD",
            Self::ClockOutsideWindow => "OUTSIDE the 4-hour limit",
            Self::NoHostAnswered => "no KMS host could be contacted",
        }
    }

    /// `clients report 0xC004F038 SL_E_VL_NOT_ENOUGH_COUNT`: the code and its name.
    pub fn clients_report(self) -> String {
        format!("clients report {}", describe(self.code()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_condition_names_a_catalogued_code() {
        for condition in [
            Condition::SrvRecordMissing,
            Condition::DnsServerFailing,
            Condition::StaleSrvTarget,
            Condition::PortClosed,
            Condition::PortDropsPackets,
            Condition::NotKmsHost,
            Condition::CountBelowThreshold,
            Condition::ClockOutsideWindow,
            Condition::NoHostAnswered,
        ] {
            assert!(
                super::super::lookup(condition.code()).is_some(),
                "{condition:?}: 0x{:08X} is not in the catalog",
                condition.code()
            );
        }
        assert_eq!(
            Condition::CountBelowThreshold.clients_report(),
            "clients report 0xC004F038 SL_E_VL_NOT_ENOUGH_COUNT"
        );
    }
}
