//! Authentication and the endpoints of README, "HTTP endpoints".

use hyper::body::Incoming;
use hyper::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue, WWW_AUTHENTICATE};
use hyper::{Method, Request, Response, StatusCode};
use std::sync::Arc;

use super::probe::probe;
use super::{App, Body, text};
use crate::net::Network;
use crate::render::landing::landing_page;
use crate::render::metrics::Format;
use crate::web::WebSecurity;

/// Authenticates, then answers; every response carries the web config's extra headers.
pub(super) async fn respond<N: Network>(
    app: &App<N>,
    security: &Arc<WebSecurity>,
    request: Request<Incoming>,
) -> Response<Body> {
    let authorized = match &app.web {
        None => true,
        Some(web) => {
            web.authorized(
                security,
                request
                    .headers()
                    .get(AUTHORIZATION)
                    .and_then(|v| v.to_str().ok()),
            )
            .await
        }
    };
    let mut response = if authorized {
        handle(app, request).await
    } else {
        let mut response = text(StatusCode::UNAUTHORIZED, "Unauthorized.\n");
        response.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"kms_exporter\""),
        );
        response
    };
    for (name, value) in &security.headers {
        response.headers_mut().insert(name.clone(), value.clone());
    }
    response
}

async fn handle<N: Network>(app: &App<N>, request: Request<Incoming>) -> Response<Body> {
    let path = request.uri().path();
    match (request.method(), path) {
        (&Method::GET | &Method::HEAD, "/metrics") => {
            let format =
                Format::negotiate(request.headers().get(ACCEPT).and_then(|v| v.to_str().ok()));
            let mut response = Response::new(app.metrics(format).await);
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            );
            response
        }
        (&Method::GET | &Method::HEAD, "/probe") => probe(app, &request).await,
        (&Method::GET | &Method::HEAD, "/-/healthy") => text(StatusCode::OK, "Healthy.\n"),
        (&Method::GET | &Method::HEAD, "/-/ready") => {
            if app.snapshot().cycle.is_some() {
                text(StatusCode::OK, "Ready.\n")
            } else {
                text(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Not ready: the first probe cycle is still running.\n",
                )
            }
        }
        (&Method::POST | &Method::PUT, "/-/reload") => match app.running.reload() {
            Ok(()) => text(StatusCode::OK, "Configuration reloaded.\n"),
            Err(e) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("Reload failed, the running configuration stays: {e}\n"),
            ),
        },
        (_, "/-/reload") => {
            let mut response = text(
                StatusCode::METHOD_NOT_ALLOWED,
                "Use POST to reload the configuration.\n",
            );
            response
                .headers_mut()
                .insert("allow", HeaderValue::from_static("POST, PUT"));
            response
        }
        (&Method::GET | &Method::HEAD, "/") => {
            let mut response = text(StatusCode::OK, landing_page(&app.snapshot(), &app.state()));
            response.headers_mut().insert(
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            response
        }
        _ => text(StatusCode::NOT_FOUND, "Not found.\n"),
    }
}
