//! Extended PID (ePID) decoding (`docs/protocol.md` §6).
//!
//! `PPPPP-GGGGG-KKK-KKKKKK-CC-LLLL-BBBBB.0000-DDDYYYY`: platform, CSVLK group, key ID, channel,
//! host language, host build, CSVLK installation date.

use std::ops::RangeInclusive;
use std::str::FromStr;

/// A decoded ePID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Epid {
    /// Host OS platform ID (55041, 5426, 6401, 3612).
    pub platform_id: u32,
    /// CSVLK group: the family of host keys.
    pub group_id: u32,
    /// CSVLK key serial `KKK × 1 000 000 + KKKKKK`; its range names the host key.
    pub key_id: u64,
    /// Licence channel, always 3 (volume) on genuine hosts.
    pub channel: u8,
    /// Host OS language.
    pub lcid: u32,
    /// Host OS build number.
    pub build: u32,
    /// Day of year of the CSVLK installation (1-based on genuine hosts, 0-based in py-kms).
    pub activation_day: u16,
    pub activation_year: u16,
    /// The ePID as received.
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EpidError {
    #[error("ePID has {0} dash-separated parts, expected 8")]
    PartCount(usize),
    #[error("ePID {0} field is malformed")]
    Field(&'static str),
}

fn number<T: FromStr>(
    text: &str,
    field: &'static str,
    width: RangeInclusive<usize>,
) -> Result<T, EpidError> {
    if !width.contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(EpidError::Field(field));
    }
    text.parse().map_err(|_| EpidError::Field(field))
}

impl Epid {
    pub fn parse(text: &str) -> Result<Self, EpidError> {
        let parts: Vec<&str> = text.split('-').collect();
        let [
            platform,
            group,
            key_high,
            key_low,
            channel,
            lcid,
            build,
            date,
        ] = parts[..]
        else {
            return Err(EpidError::PartCount(parts.len()));
        };
        let key_high: u64 = number(key_high, "key ID", 3..=3)?;
        let key_low: u64 = number(key_low, "key ID", 6..=6)?;
        let (build, build_suffix) = build.split_once('.').ok_or(EpidError::Field("build"))?;
        number::<u32>(build_suffix, "build", 4..=4)?;
        let day = date.get(..3).ok_or(EpidError::Field("date"))?;
        let year = date.get(3..).ok_or(EpidError::Field("date"))?;
        Ok(Self {
            platform_id: number(platform, "platform", 5..=5)?,
            group_id: number(group, "group", 5..=5)?,
            key_id: key_high * 1_000_000 + key_low,
            channel: number(channel, "channel", 2..=2)?,
            lcid: number(lcid, "LCID", 1..=5)?,
            build: number(build, "build", 1..=5)?,
            activation_day: number(day, "date", 3..=3)?,
            activation_year: number(year, "date", 4..=4)?,
            raw: text.to_owned(),
        })
    }

    /// Host OS of the build (docs/protocol.md §6): Server names for the Server-capable RTM builds a
    /// KMS host normally runs, client releases otherwise.
    pub fn host_os(&self) -> Option<&'static str> {
        Some(match self.build {
            6000 => "Windows Vista",
            6001 => "Windows Vista SP1 / Windows Server 2008",
            6002 | 6003 => "Windows Vista SP2 / Windows Server 2008 SP2",
            7600 => "Windows 7 / Windows Server 2008 R2",
            7601 => "Windows 7 SP1 / Windows Server 2008 R2 SP1",
            9200 => "Windows 8 / Windows Server 2012",
            9600 => "Windows 8.1 / Windows Server 2012 R2",
            10240 => "Windows 10 1507",
            10586 => "Windows 10 1511",
            14393 => "Windows Server 2016",
            15063 => "Windows 10 1703",
            16299 => "Windows 10 1709",
            17134 => "Windows 10 1803",
            17763 => "Windows Server 2019",
            18362 => "Windows 10 1903",
            18363 => "Windows 10 1909",
            19041 => "Windows 10 2004",
            19042 => "Windows 10 20H2",
            19043 => "Windows 10 21H1",
            19044 => "Windows 10 21H2",
            19045 => "Windows 10 22H2",
            20348 => "Windows Server 2022",
            22000 => "Windows 11 21H2",
            22621 => "Windows 11 22H2",
            22631 => "Windows 11 23H2",
            26100 => "Windows Server 2025 / Windows 11 24H2",
            26200 => "Windows 11 25H2",
            _ => return None,
        })
    }

    /// Whether the platform ID fits the build per the platform table of docs/protocol.md §6; `None`
    /// for a platform ID outside it. A mismatch is typical of emulators.
    pub fn platform_matches_build(&self) -> Option<bool> {
        let builds: RangeInclusive<u32> = match self.platform_id {
            55041 => 0..=7601,
            5426 => 9200..=9200,
            6401 => 9600..=9600,
            3612 => 10240..=u32::MAX,
            _ => return None,
        };
        Some(builds.contains(&self.build))
    }

    /// Name of the host key (CSVLK) from its group and key range (the table of
    /// docs/protocol.md §6).
    pub fn csvlk(&self) -> Option<&'static str> {
        CSVLK_RANGES
            .iter()
            .find(|(group, keys, _)| *group == self.group_id && keys.contains(&self.key_id))
            .map(|(_, _, name)| *name)
    }

    pub fn lcid_name(&self) -> Option<&'static str> {
        lcid_name(self.lcid)
    }
}

impl FromStr for Epid {
    type Err = EpidError;

    fn from_str(text: &str) -> Result<Self, EpidError> {
        Self::parse(text)
    }
}

const M: u64 = 1_000_000;

/// (group, key ID range, CSVLK) from `docs/protocol.md` §6. The Server 2008 R2 C/B bounds
/// ("305–312 M / 312.88–333 M") are read as adjacent ranges split at 312 880 000.
const CSVLK_RANGES: &[(u32, RangeInclusive<u64>, &str)] = &[
    (206, 551 * M..=571 * M - 1, "Windows Server 2019"),
    (206, 491 * M..=531 * M - 1, "Windows Server 2016"),
    (
        206,
        405 * M..=425 * M - 1,
        "Windows Server 2012 R2 (Windows 10 update)",
    ),
    (206, 271 * M..=311 * M - 1, "Windows Server 2012 R2"),
    (206, 152 * M..=192 * M - 1, "Windows Server 2012"),
    (206, 256 * M..=266 * M - 1, "Windows 10 2019 (LTSC)"),
    (206, 531 * M..=546 * M - 1, "Windows 10 2016"),
    (206, 390 * M..=405 * M - 1, "Windows 10 2015"),
    (206, 571 * M..=591 * M - 1, "Office LTSC 2021"),
    (206, 591 * M..=611 * M - 1, "Office LTSC 2024"),
    (206, 666 * M..=686 * M - 1, "Office 2019"),
    (206, 437 * M..=459 * M - 1, "Office 2016"),
    (206, 234 * M..=256 * M - 1, "Office 2013"),
    (4573, 0..=19_999, "Windows Server 2022"),
    (4573, 30_000..=20_029_999, "Windows Server 2022"),
    (4574, 0..=49_999, "Windows Server 2022 (Azure only)"),
    // The sources disagree on which of 4918/4919 is the Azure-only key; both are Server 2025.
    (4918, 0..=u64::MAX, "Windows Server 2025"),
    (4919, 0..=u64::MAX, "Windows Server 2025"),
    (
        3858,
        15 * M..=1000 * M - 1,
        "Windows 10/11 China Government",
    ),
    (
        168,
        249 * M..=260 * M - 1,
        "Windows Server 2008 R2 (channel A)",
    ),
    (
        168,
        305 * M..=312_879_999,
        "Windows Server 2008 R2 (channel C)",
    ),
    (
        168,
        312_880_000..=334 * M - 1,
        "Windows Server 2008 R2 (channel B)",
    ),
    (172, 37 * M..=49_749_999, "Windows 7"),
    (96, 199 * M..=218 * M - 1, "Office 2010"),
];

/// BCP 47 tag of common Windows LCIDs.
pub fn lcid_name(lcid: u32) -> Option<&'static str> {
    Some(match lcid {
        1025 => "ar-SA",
        1026 => "bg-BG",
        1028 => "zh-TW",
        1029 => "cs-CZ",
        1030 => "da-DK",
        1031 => "de-DE",
        1032 => "el-GR",
        1033 => "en-US",
        1035 => "fi-FI",
        1036 => "fr-FR",
        1037 => "he-IL",
        1038 => "hu-HU",
        1040 => "it-IT",
        1041 => "ja-JP",
        1042 => "ko-KR",
        1043 => "nl-NL",
        1044 => "nb-NO",
        1045 => "pl-PL",
        1046 => "pt-BR",
        1048 => "ro-RO",
        1049 => "ru-RU",
        1050 => "hr-HR",
        1051 => "sk-SK",
        1053 => "sv-SE",
        1054 => "th-TH",
        1055 => "tr-TR",
        1058 => "uk-UA",
        1060 => "sl-SI",
        1061 => "et-EE",
        1062 => "lv-LV",
        1063 => "lt-LT",
        1066 => "vi-VN",
        1081 => "hi-IN",
        1102 => "mr-IN",
        2052 => "zh-CN",
        2057 => "en-GB",
        2070 => "pt-PT",
        3076 => "zh-HK",
        3082 => "es-ES",
        3084 => "fr-CA",
        4105 => "en-CA",
        3081 => "en-AU",
        2058 => "es-MX",
        9242 => "sr-Latn-RS",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kms::test_vectors as v;
    use proptest::prelude::*;

    #[test]
    fn vector_epid_decodes() {
        let epid = Epid::parse(v::EPID).unwrap();
        assert_eq!(
            epid,
            Epid {
                platform_id: 3612,
                group_id: 206,
                key_id: 562_760_142,
                channel: 3,
                lcid: 1102,
                build: 14393,
                activation_day: 281,
                activation_year: 2025,
                raw: v::EPID.to_owned(),
            }
        );
        assert_eq!(epid.host_os(), Some("Windows Server 2016"));
        assert_eq!(epid.csvlk(), Some("Windows Server 2019"));
        assert_eq!(epid.lcid_name(), Some("mr-IN"));
        assert_eq!(epid.platform_matches_build(), Some(true));
    }

    #[test]
    fn section_6_example_and_host_names() {
        let epid: Epid = "03612-00206-568-381813-03-1033-14393.0000-2702018"
            .parse()
            .unwrap();
        assert_eq!(epid.key_id, 568_381_813);
        assert_eq!(epid.lcid_name(), Some("en-US"));
        assert_eq!(epid.activation_day, 270);
        assert_eq!(epid.activation_year, 2018);
        for (build, name) in [
            (20348, "Windows Server 2022"),
            (26100, "Windows Server 2025 / Windows 11 24H2"),
            (17763, "Windows Server 2019"),
            (14393, "Windows Server 2016"),
            (9600, "Windows 8.1 / Windows Server 2012 R2"),
            (9200, "Windows 8 / Windows Server 2012"),
            (7601, "Windows 7 SP1 / Windows Server 2008 R2 SP1"),
        ] {
            let epid = Epid {
                build,
                ..epid.clone()
            };
            assert_eq!(epid.host_os(), Some(name));
        }
        assert_eq!(
            Epid {
                build: 12345,
                ..epid
            }
            .host_os(),
            None
        );
    }

    #[test]
    fn csvlk_ranges() {
        let at = |group_id, key_id| {
            Epid {
                platform_id: 3612,
                group_id,
                key_id,
                channel: 3,
                lcid: 1033,
                build: 20348,
                activation_day: 1,
                activation_year: 2024,
                raw: String::new(),
            }
            .csvlk()
        };
        assert_eq!(at(206, 551_000_000), Some("Windows Server 2019"));
        assert_eq!(at(206, 570_999_999), Some("Windows Server 2019"));
        assert_eq!(at(206, 571_000_000), Some("Office LTSC 2021"));
        assert_eq!(at(206, 600_000_000), Some("Office LTSC 2024"));
        assert_eq!(at(206, 680_000_000), Some("Office 2019"));
        assert_eq!(at(206, 260_000_000), Some("Windows 10 2019 (LTSC)"));
        assert_eq!(at(4573, 10), Some("Windows Server 2022"));
        assert_eq!(at(4573, 25_000), None);
        assert_eq!(at(4574, 10), Some("Windows Server 2022 (Azure only)"));
        assert_eq!(at(4918, 5), Some("Windows Server 2025"));
        assert_eq!(at(4919, 20_000_123), Some("Windows Server 2025"));
        assert_eq!(at(172, 40_000_000), Some("Windows 7"));
        assert_eq!(at(96, 200_000_000), Some("Office 2010"));
        assert_eq!(at(206, 700_000_000), None);
        assert_eq!(at(12345, 0), None);
    }

    #[test]
    fn csvlk_ranges_do_not_overlap() {
        for (i, (g1, r1, n1)) in CSVLK_RANGES.iter().enumerate() {
            for (g2, r2, n2) in &CSVLK_RANGES[i + 1..] {
                let overlap = g1 == g2 && r1.start() <= r2.end() && r2.start() <= r1.end();
                assert!(!overlap, "{n1} overlaps {n2}");
            }
        }
    }

    #[test]
    fn platform_consistency() {
        let epid = Epid::parse("06401-00206-271-111111-03-1033-9600.0000-3652013").unwrap();
        assert_eq!(epid.platform_matches_build(), Some(true));
        assert_eq!(epid.csvlk(), Some("Windows Server 2012 R2"));
        let spoofed = Epid::parse("03612-00206-271-111111-03-1033-9600.0000-3652013").unwrap();
        assert_eq!(spoofed.platform_matches_build(), Some(false));
        let unknown = Epid::parse("12345-00206-271-111111-03-1033-9600.0000-3652013").unwrap();
        assert_eq!(unknown.platform_matches_build(), None);
    }

    #[test]
    fn malformed_epids_are_rejected() {
        assert_eq!(Epid::parse(""), Err(EpidError::PartCount(1)));
        assert_eq!(
            Epid::parse("03612-00206-562-760142-03-1102-14393.0000"),
            Err(EpidError::PartCount(7))
        );
        for (text, field) in [
            (
                "0361-00206-562-760142-03-1102-14393.0000-2812025",
                "platform",
            ),
            (
                "+3612-00206-562-760142-03-1102-14393.0000-2812025",
                "platform",
            ),
            (
                "03612-00206-56x-760142-03-1102-14393.0000-2812025",
                "key ID",
            ),
            ("03612-00206-562-760142-03-1102-14393x0000-2812025", "build"),
            ("03612-00206-562-760142-03-1102-14393.0000-281202", "date"),
            ("03612-00206-562-760142-03-1102-14393.0000-28é2025", "date"),
            ("03612-00206-562-760142-03--14393.0000-2812025", "LCID"),
            (
                "03612-00206-562-760142-3-1102-14393.0000-2812025",
                "channel",
            ),
        ] {
            assert_eq!(Epid::parse(text), Err(EpidError::Field(field)), "{text}");
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,80}") {
            let _ = Epid::parse(&text);
        }

        #[test]
        fn parse_never_panics_on_epid_shaped_input(
            text in "[0-9é.-]{1,6}(-[0-9é.+-]{0,8}){0,9}",
        ) {
            if let Ok(epid) = Epid::parse(&text) {
                let _ = (epid.host_os(), epid.csvlk(), epid.lcid_name(), epid.platform_matches_build());
            }
        }
    }
}
