//! Deadlines that cannot overflow (docs/architecture.md §10: no configuration value can overflow a
//! timer).
//!
//! `Instant + Duration` panics when the sum is past what the platform's clock can represent,
//! and a panic in the scheduler stops probing. Validation bounds every duration of the file
//! (`config::MAX_INTERVAL` and the others), so the sums here stay small; this is the second
//! line, for a bound that is ever raised or a duration that is ever computed.

use std::time::Duration;

use tokio::time::Instant;

/// How far ahead the latest deadline lies: a century, effectively never, and well inside what
/// every platform's monotonic clock can represent.
pub const NEVER: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

/// `start + budget`; a budget beyond [`NEVER`] ends at `start + NEVER` instead of overflowing.
pub fn after(start: Instant, budget: Duration) -> Instant {
    // Only a clock within a century of its own end could refuse even that; the deadline is then
    // `start`, an immediate timeout rather than a panic.
    start.checked_add(budget.min(NEVER)).unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_representable_deadline_is_exact() {
        let start = Instant::now();
        let budget = Duration::from_secs(24 * 3600);
        assert_eq!(after(start, budget).duration_since(start), budget);
    }

    #[test]
    fn a_budget_no_clock_can_hold_ends_a_century_ahead() {
        let start = Instant::now();
        for budget in [
            Duration::MAX,
            Duration::from_secs(400_000_000_000 * 31_557_600),
        ] {
            assert_eq!(after(start, budget).duration_since(start), NEVER);
        }
    }
}
