//! `/probe?target=…&product=…`: one target probed now, blackbox_exporter style, through the
//! same probe pipeline as the cycles, with its own memory so that activation requests respect
//! `activation_interval` however often Prometheus probes: requests for the same host at the same
//! moment share one activation round (`probe::Prober`).

use std::sync::Arc;
use std::time::Duration;

use hyper::body::Incoming;
use hyper::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use hyper::{Request, Response, StatusCode};

use super::{App, Body, text};
use crate::deadline;
use crate::net::Network;
use crate::probe::Plan;
use crate::render::metrics::{self, Format, Scope};
use crate::snapshot::Snapshot;

/// Subtracted from Prometheus' scrape timeout so the answer arrives before Prometheus gives up
/// (blackbox_exporter's default offset).
const SCRAPE_TIMEOUT_OFFSET: Duration = Duration::from_millis(500);

/// `/probe?target=…&product=…`: one target probed now, blackbox style.
pub(super) async fn probe<N: Network>(app: &App<N>, request: &Request<Incoming>) -> Response<Body> {
    let started = tokio::time::Instant::now();
    let (target, mut names) = query(request);
    let Some(target) = target else {
        return text(
            StatusCode::BAD_REQUEST,
            "Target parameter is missing: /probe?target=DOMAIN-or-HOST[:PORT][&product=NAME]...\n",
        );
    };
    let config = app.running.current();
    let budget = budget(request, config.timeout);
    if names.is_empty() {
        names = config.products_for_target(&target);
    }
    if let Err(unknown) = config.products_named(&names) {
        // Like every other answer of the endpoint, the body starts with a capital.
        let message = unknown.to_string();
        let (first, rest) = message.split_at(1);
        return text(
            StatusCode::BAD_REQUEST,
            format!("{}{rest}\n", first.to_uppercase()),
        );
    }
    let plan = match Plan::target(&target, names) {
        Ok(plan) => plan,
        Err(e) => {
            return text(
                StatusCode::BAD_REQUEST,
                format!("Invalid target {target:?}: {e}\n"),
            );
        }
    };
    let deadline = deadline::after(started, budget);
    let Ok(_slot) = tokio::time::timeout_at(deadline, app.probe_slots.acquire()).await else {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "Too many probes in flight; try again.\n",
        );
    };
    let run = app.prober.run_with_timeout(&config, budget / 2, &plan);
    // Every step keeps its own deadline; this backstop answers in time whatever happens.
    let (snapshot, success) =
        match tokio::time::timeout_at(deadline::after(deadline, Duration::from_millis(100)), run)
            .await
        {
            Ok(snapshot) => {
                let success = crate::render::findings::healthy(&snapshot);
                (snapshot, success)
            }
            Err(_) => (Snapshot::default(), false),
        };
    let format = Format::negotiate(request.headers().get(ACCEPT).and_then(|v| v.to_str().ok()));
    let body = metrics::render_scope(
        &Arc::new(snapshot),
        Scope::Probe {
            success,
            duration: started.elapsed(),
        },
        format,
    );
    let mut response = text(StatusCode::OK, body);
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    response
}

/// The `target` (when given and not blank) and every `product` of the query string.
fn query(request: &Request<Incoming>) -> (Option<String>, Vec<String>) {
    let mut target = None;
    let mut names = Vec::new();
    for (key, value) in form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes()) {
        match key.as_ref() {
            "target" => target = Some(value.into_owned()),
            "product" => names.push(value.into_owned()),
            _ => {}
        }
    }
    (target.filter(|t| !t.trim().is_empty()), names)
}

/// The whole answer must arrive within Prometheus' scrape timeout: the SRV lookups and the host
/// probes each get half of what is left after the offset, and never more than twice the
/// configured `timeout` in all.
fn budget(request: &Request<Incoming>, timeout: Duration) -> Duration {
    request
        .headers()
        .get("x-prometheus-scrape-timeout-seconds")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v > 0.0)
        .map(|v| {
            Duration::from_secs_f64(v.min(3600.0))
                .saturating_sub(SCRAPE_TIMEOUT_OFFSET)
                .max(Duration::from_millis(200))
        })
        .unwrap_or(timeout.saturating_mul(2))
        .min(timeout.saturating_mul(2))
}
