//! Snapshot → what people and Prometheus read: the tier after the [`crate::snapshot`] boundary
//! (docs/architecture.md §2 and §3.1). Nothing here probes, reads the configuration or does I/O;
//! each renderer turns a snapshot into words or numbers, with at most one other input that holds
//! nothing of a cycle: [`crate::snapshot::ExporterState`] for `/metrics` and the landing page,
//! [`metrics::Scope::Probe`] for `/probe`.
//!
//! - [`clients`]: the client's-eye result (docs/architecture.md §5.2), the numbers behind
//!   `kms_domain_activation_result_ratio` and the sentences about it.
//! - [`findings`]: each finding as a sentence, shared by the landing page and the report.
//! - [`metrics`]: OpenMetrics or Prometheus text for `/metrics` and `/probe`.
//! - [`landing`]: the landing page `/`.
//! - [`report`]: the `probe` command's text report and its exit code.

pub mod clients;
pub mod findings;
pub mod landing;
pub mod metrics;
pub mod report;
