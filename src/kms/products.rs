//! Built-in product table (`docs/protocol.md` §5).
//!
//! What a host grants or refuses is decided by application ID + KMS counted ID + N; the SKU ID
//! is sent for realism only (genuine hosts do not check it, docs/protocol.md §2.1).

use uuid::{Uuid, uuid};

use super::version::ProtocolVersion;

const APP_WINDOWS: Uuid = uuid!("55c92734-d682-4d71-983e-d6ec3f16059f");
const APP_OFFICE_2013_AND_LATER: Uuid = uuid!("0ff1ce15-a989-479d-af46-f275c6370663");
const APP_OFFICE_2010: Uuid = uuid!("59a52881-a989-479d-af46-f275c6370663");

/// The N policy a client sends (docs/protocol.md §2.1 `N_Policy`). Only the two genuine values
/// exist: a larger N can permanently overcharge a genuine host (docs/protocol.md §4.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RequiredCount {
    /// Windows Server and Office.
    Five,
    /// Windows client.
    TwentyFive,
}

impl RequiredCount {
    pub fn get(self) -> u32 {
        match self {
            Self::Five => 5,
            Self::TwentyFive => 25,
        }
    }
}

impl TryFrom<u32> for RequiredCount {
    type Error = u32;

    /// Fails with the rejected value for anything but 5 or 25.
    fn try_from(n: u32) -> Result<Self, u32> {
        match n {
            5 => Ok(Self::Five),
            25 => Ok(Self::TwentyFive),
            other => Err(other),
        }
    }
}

impl std::fmt::Display for RequiredCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.get())
    }
}

/// A product a probe asks a KMS host to activate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// Config and metric label, e.g. `windows-server-2022`.
    pub name: String,
    /// Human-readable product, shown beside the name on the landing page.
    pub description: String,
    /// Selects the host's per-application count (Windows, Office).
    pub application_id: Uuid,
    /// What the host grants or refuses with 0xC004F042 (docs/protocol.md §5).
    pub kms_counted_id: Uuid,
    /// Sent for realism only; hosts do not check it (docs/protocol.md §2.1).
    pub sku_id: Uuid,
    /// The genuine N policy for this product.
    pub required_count: RequiredCount,
    /// The protocol version real clients of this product start with (docs/protocol.md §4.6).
    pub first_version: ProtocolVersion,
}

struct BuiltinProduct {
    name: &'static str,
    description: &'static str,
    application_id: Uuid,
    kms_counted_id: Uuid,
    sku_id: Uuid,
    required_count: RequiredCount,
    first_version: ProtocolVersion,
}

/// Windows 10 Enterprise LTSC 2019 SKU. We found no confirmed SKU IDs for the LTSC 2021 and 2024
/// editions (they share the 2019 GVLK), so those entries reuse this one; genuine hosts do not
/// check SKU IDs (docs/protocol.md §5), only the counted ID matters.
const SKU_WINDOWS_ENTERPRISE_LTSC_2019: Uuid = uuid!("32d2fab3-e4a8-42c2-923b-4bf4fd13e6ee");

const BUILTIN: &[BuiltinProduct] = &[
    BuiltinProduct {
        name: "windows",
        description: "Windows 10/11 Enterprise",
        application_id: APP_WINDOWS,
        kms_counted_id: uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"),
        sku_id: uuid!("73111121-5638-40f6-bc11-f1d7b0d64300"),
        required_count: RequiredCount::TwentyFive,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "windows-ltsc-2019",
        description: "Windows 10 Enterprise LTSC 2019",
        application_id: APP_WINDOWS,
        kms_counted_id: uuid!("11b15659-e603-4cf1-9c1f-f0ec01b81888"),
        sku_id: SKU_WINDOWS_ENTERPRISE_LTSC_2019,
        required_count: RequiredCount::TwentyFive,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "windows-ltsc-2021",
        description: "Windows 10 Enterprise LTSC 2021",
        application_id: APP_WINDOWS,
        // Missing from py-kms; from Microsoft's KmsCountedIdList via the secondary sources of
        // docs/protocol.md §5.
        kms_counted_id: uuid!("3b576817-7b75-4362-9e13-223f2d9e9c97"),
        sku_id: SKU_WINDOWS_ENTERPRISE_LTSC_2019,
        required_count: RequiredCount::TwentyFive,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "windows-ltsc-2024",
        description: "Windows 11 Enterprise LTSC 2024",
        application_id: APP_WINDOWS,
        // Missing from py-kms; from Microsoft's KmsCountedIdList via the secondary sources of
        // docs/protocol.md §5.
        kms_counted_id: uuid!("e85ee727-69c4-4528-99d2-216b0f065e38"),
        sku_id: SKU_WINDOWS_ENTERPRISE_LTSC_2019,
        required_count: RequiredCount::TwentyFive,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "windows-server-2019",
        description: "Windows Server 2019 Standard",
        application_id: APP_WINDOWS,
        kms_counted_id: uuid!("8449b1fb-f0ea-497a-99ab-66ca96e9a0f5"),
        sku_id: uuid!("de32eafd-aaee-4662-9444-c1befb41bde2"),
        required_count: RequiredCount::Five,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "windows-server-2022",
        description: "Windows Server 2022 Standard",
        application_id: APP_WINDOWS,
        kms_counted_id: uuid!("b74263e4-0f92-46c6-bcf8-c11d5efe2959"),
        sku_id: uuid!("9bd77860-9b31-4b7b-96ad-2564017315bf"),
        required_count: RequiredCount::Five,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "windows-server-2025",
        description: "Windows Server 2025 Standard",
        application_id: APP_WINDOWS,
        // Microsoft's ID; py-kms' 4b83307d-… is fabricated (docs/protocol.md §5, note †).
        kms_counted_id: uuid!("907f1f65-adcd-4a2e-95bc-4bf500bc6e58"),
        sku_id: uuid!("7dc26449-db21-4e09-ba37-28f2958506a6"),
        required_count: RequiredCount::Five,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "office-2016",
        description: "Office Professional Plus 2016",
        application_id: APP_OFFICE_2013_AND_LATER,
        kms_counted_id: uuid!("85b5f61b-320b-4be3-814a-b76b2bfafc82"),
        sku_id: uuid!("d450596f-894d-49e0-966a-fd39ed4c4c64"),
        required_count: RequiredCount::Five,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "office-2019",
        description: "Office Professional Plus 2019",
        application_id: APP_OFFICE_2013_AND_LATER,
        kms_counted_id: uuid!("617d9eb1-ef36-4f82-86e0-a65ae07b96c6"),
        sku_id: uuid!("85dd8b5f-eaa4-4af3-a628-cce9e77c9a03"),
        required_count: RequiredCount::Five,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "office-ltsc-2021",
        description: "Office LTSC Professional Plus 2021",
        application_id: APP_OFFICE_2013_AND_LATER,
        kms_counted_id: uuid!("86d50b16-4808-41af-b83b-b338274318b2"),
        sku_id: uuid!("fbdb3e18-a8ef-4fb3-9183-dffd60bd0984"),
        required_count: RequiredCount::Five,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "office-ltsc-2024",
        description: "Office LTSC Professional Plus 2024",
        application_id: APP_OFFICE_2013_AND_LATER,
        // Microsoft's ID (version nibble 0, so never validate counted IDs as v4 UUIDs); py-kms'
        // 1b4db7eb-… is fabricated (docs/protocol.md §5, note ‡).
        kms_counted_id: uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3"),
        sku_id: uuid!("8d368fc1-9470-4be2-8d66-90e836cbb051"),
        required_count: RequiredCount::Five,
        first_version: ProtocolVersion::V6,
    },
    BuiltinProduct {
        name: "windows-7",
        description: "Windows 7 Enterprise (legacy, KMS V4)",
        application_id: APP_WINDOWS,
        kms_counted_id: uuid!("7fde5219-fbfa-484a-82c9-34d1ad53e856"),
        sku_id: uuid!("ae2ee509-1b34-41c0-acb7-6d4650168915"),
        required_count: RequiredCount::TwentyFive,
        first_version: ProtocolVersion::V4,
    },
];

impl From<&BuiltinProduct> for Product {
    fn from(p: &BuiltinProduct) -> Self {
        Self {
            name: p.name.to_owned(),
            description: p.description.to_owned(),
            application_id: p.application_id,
            kms_counted_id: p.kms_counted_id,
            sku_id: p.sku_id,
            required_count: p.required_count,
            first_version: p.first_version,
        }
    }
}

/// Every built-in product, in table order.
pub fn builtin() -> Vec<Product> {
    BUILTIN.iter().map(Product::from).collect()
}

/// The built-in product called `name` (exact, lower-case names as README, "Choosing products" lists
/// them).
pub fn lookup(name: &str) -> Option<Product> {
    BUILTIN.iter().find(|p| p.name == name).map(Product::from)
}

/// A `products:` entry of the config file (README, "Configuration").
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProduct {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub application_id: Uuid,
    pub kms_counted_id: Uuid,
    pub sku_id: Uuid,
    pub required_count: u32,
    /// Major protocol version to start with; default 6.
    #[serde(default)]
    pub protocol_version: Option<u16>,
}

/// The built-in products plus the config's additions, looked up by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductTable {
    products: Vec<Product>,
}

impl ProductTable {
    /// The built-in table of `docs/protocol.md` §5.
    pub fn builtin() -> Self {
        Self {
            products: builtin(),
        }
    }

    /// Adds a product from the config file, refusing anything that could harm a genuine host.
    pub fn add(&mut self, raw: RawProduct) -> Result<(), String> {
        let name = raw.name.trim().to_owned();
        let valid_name = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid_name {
            return Err(format!(
                "name {name:?} must be lowercase letters, digits and '-'"
            ));
        }
        if self.get(&name).is_some() {
            return Err(format!("product {name:?} is already defined"));
        }
        let required_count = RequiredCount::try_from(raw.required_count).map_err(|n| {
            format!(
                "{name}: required_count {n} is refused; use 25 (Windows client) or 5 (Windows \
                 Server, Office). N is the client's activation threshold, and a host asked with \
                 a larger N remembers more clients than its licence policy allows, which can \
                 permanently break a genuine host's count (docs/protocol.md §4.5)"
            )
        })?;
        let first_version = match raw.protocol_version {
            None => ProtocolVersion::V6,
            Some(major) => ProtocolVersion::from_major(major)
                .ok_or_else(|| format!("{name}: protocol_version {major} is not 4, 5 or 6"))?,
        };
        self.products.push(Product {
            description: raw.description.unwrap_or_else(|| name.clone()),
            name,
            application_id: raw.application_id,
            kms_counted_id: raw.kms_counted_id,
            sku_id: raw.sku_id,
            required_count,
            first_version,
        });
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.name == name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.products.iter().map(|p| p.name.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Product> {
        self.products.iter()
    }
}

/// The label of an application ID in `kms_host_info` (one ePID per application,
/// docs/protocol.md §6).
pub fn application_label(application_id: Uuid) -> &'static str {
    if application_id == APP_WINDOWS {
        "windows"
    } else if application_id == APP_OFFICE_2013_AND_LATER {
        "office"
    } else if application_id == APP_OFFICE_2010 {
        "office-2010"
    } else {
        "other"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_has_the_design_names_once_each() {
        let names: Vec<String> = builtin().into_iter().map(|p| p.name).collect();
        assert_eq!(
            names,
            [
                "windows",
                "windows-ltsc-2019",
                "windows-ltsc-2021",
                "windows-ltsc-2024",
                "windows-server-2019",
                "windows-server-2022",
                "windows-server-2025",
                "office-2016",
                "office-2019",
                "office-ltsc-2021",
                "office-ltsc-2024",
                "windows-7",
            ]
        );
        let counted: HashSet<Uuid> = builtin().iter().map(|p| p.kms_counted_id).collect();
        assert_eq!(counted.len(), names.len());
    }

    #[test]
    fn lookup_returns_genuine_ids() {
        let server = lookup("windows-server-2025").unwrap();
        assert_eq!(
            server.kms_counted_id,
            uuid!("907f1f65-adcd-4a2e-95bc-4bf500bc6e58")
        );
        assert_eq!(server.required_count.get(), 5);
        let office = lookup("office-ltsc-2024").unwrap();
        assert_eq!(
            office.kms_counted_id,
            uuid!("a8973cb5-bf03-0a4c-9cef-703099645ab3")
        );
        assert_eq!(office.application_id, APP_OFFICE_2013_AND_LATER);
        let windows = lookup("windows").unwrap();
        assert_eq!(windows.required_count, RequiredCount::TwentyFive);
        assert_eq!(windows.first_version, ProtocolVersion::V6);
        assert_eq!(
            lookup("windows-7").unwrap().first_version,
            ProtocolVersion::V4
        );
        assert_eq!(lookup("Windows"), None);
        assert_eq!(lookup("office-2013"), None);
    }

    #[test]
    fn windows_client_products_need_25_others_5() {
        for product in builtin() {
            let client = product.name == "windows"
                || product.name.starts_with("windows-ltsc")
                || product.name == "windows-7";
            let expected = if client { 25 } else { 5 };
            assert_eq!(product.required_count.get(), expected, "{}", product.name);
        }
    }

    #[test]
    fn config_products_with_a_harmful_n_are_refused() {
        let mut table = ProductTable::builtin();
        let raw = |name: &str, n: u32| RawProduct {
            name: name.to_owned(),
            description: None,
            application_id: APP_WINDOWS,
            kms_counted_id: uuid!("58e2134f-8e11-4d17-9cb2-91069c151148"),
            sku_id: uuid!("73111121-5638-40f6-bc11-f1d7b0d64300"),
            required_count: n,
            protocol_version: None,
        };
        let err = table.add(raw("big", 50)).unwrap_err();
        assert!(err.contains("required_count 50 is refused"), "{err}");
        assert!(err.contains("permanently break"), "{err}");
        assert!(
            table
                .add(raw("windows", 25))
                .unwrap_err()
                .contains("already defined")
        );
        table.add(raw("my-product", 5)).unwrap();
        assert_eq!(
            table.get("my-product").unwrap().required_count,
            RequiredCount::Five
        );
        assert_eq!(application_label(APP_OFFICE_2013_AND_LATER), "office");
    }

    #[test]
    fn required_count_accepts_only_genuine_values() {
        assert_eq!(RequiredCount::try_from(5), Ok(RequiredCount::Five));
        assert_eq!(RequiredCount::try_from(25), Ok(RequiredCount::TwentyFive));
        assert_eq!(RequiredCount::try_from(26), Err(26));
        assert_eq!(RequiredCount::try_from(376), Err(376));
        assert_eq!(RequiredCount::try_from(0), Err(0));
    }
}
