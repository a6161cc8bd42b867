//! Products the probe asks hosts for (temporary table; replaced by the full one).
use serde::Deserialize;
use uuid::Uuid;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub name: String,
    pub application_id: Uuid,
    pub kms_counted_id: Uuid,
    pub sku_id: Uuid,
    pub required_count: u32,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct RawProduct {
    pub name: String,
    pub application_id: Uuid,
    pub kms_counted_id: Uuid,
    pub sku_id: Uuid,
    pub required_count: u32,
}

#[derive(Clone, Debug)]
pub struct ProductTable {
    products: Vec<Product>,
}

impl ProductTable {
    pub fn builtin() -> Self {
        let w = Uuid::from_u128(0x55c92734_d682_4d71_983e_d6ec3f16059f);
        Self {
            products: ["windows", "windows-server-2025", "office-ltsc-2024"]
                .iter()
                .map(|n| Product {
                    name: (*n).to_owned(),
                    application_id: w,
                    kms_counted_id: w,
                    sku_id: w,
                    required_count: 25,
                })
                .collect(),
        }
    }
    pub fn add(&mut self, raw: RawProduct) -> Result<(), String> {
        if ![5, 25].contains(&raw.required_count) {
            return Err("required_count must be 5 or 25".into());
        }
        self.products.push(Product {
            name: raw.name,
            application_id: raw.application_id,
            kms_counted_id: raw.kms_counted_id,
            sku_id: raw.sku_id,
            required_count: raw.required_count,
        });
        Ok(())
    }
    pub fn get(&self, name: &str) -> Option<&Product> {
        self.products.iter().find(|p| p.name == name)
    }
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.products.iter().map(|p| p.name.as_str())
    }
}
