//! The conditions the exporter sees on the network, each with the code a Windows client shows
//! for it (docs/architecture.md §1) and the few words the landing page and the `probe` report use
//! for it. Findings name a condition; the code and its wording come from here and nowhere else.

use super::describe;

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

impl Condition {
    /// The code a Windows client reports for the condition.
    pub const fn code(self) -> u32 {
        match self {
            Self::SrvRecordMissing => 0x8007_232B,
            Self::DnsServerFailing => 0x8007_232A,
            Self::StaleSrvTarget | Self::PortClosed | Self::NotKmsHost => 0x8007_06BA,
            Self::PortDropsPackets | Self::NoHostAnswered => 0xC004_F074,
            Self::CountBelowThreshold => 0xC004_F038,
            Self::ClockOutsideWindow => 0xC004_F06C,
        }
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
