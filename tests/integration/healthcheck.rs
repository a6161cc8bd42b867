//! `kms_exporter healthcheck`, the container's health check (issue 17, acceptance 4): the real
//! binary against a running exporter, plain, with TLS, basic auth and client certificates, and
//! with nothing listening. It needs neither curl nor a password.

use std::net::SocketAddr;
use std::path::Path;
use std::process::Output;

use crate::support::binary::binary;
use crate::support::exporter::TestExporter;
use crate::web::test_pki;

const CONFIG: &str = "interval: 5s\ntimeout: 1s\nclock: {methods: []}\n";

/// Runs `kms_exporter healthcheck` for `address`, with `--web.config.file` when given and
/// `env` added to its environment.
async fn healthcheck(address: SocketAddr, web: Option<&Path>, env: &[(&str, &str)]) -> Output {
    let mut command = binary();
    command
        .arg("healthcheck")
        .arg(format!("--web.listen-address={address}"))
        .env_remove("KMS_EXPORTER_WEB_CONFIG_FILE")
        .env_remove("KMS_EXPORTER_WEB_LISTEN_ADDRESS")
        .envs(env.iter().copied());
    if let Some(web) = web {
        command.arg(format!("--web.config.file={}", web.display()));
    }
    tokio::task::spawn_blocking(move || command.output().expect("run kms_exporter healthcheck"))
        .await
        .unwrap()
}

#[track_caller]
fn assert_outcome(output: &Output, code: i32, text: &str) {
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(code), "{printed}");
    assert!(printed.contains(text), "{text:?} not in {printed:?}");
}

fn write_web_config(dir: &Path, yaml: &str) -> std::path::PathBuf {
    let path = dir.join("web.yml");
    std::fs::write(&path, yaml).unwrap();
    path
}

#[tokio::test]
async fn healthy_over_plain_http_and_unhealthy_when_nothing_listens() {
    let exporter = TestExporter::start(CONFIG).await;
    let out = healthcheck(exporter.address, None, &[]).await;
    assert_outcome(&out, 0, &format!("healthy: {}: 200 OK", exporter.address));
    let address = exporter.address;
    exporter.stop().await;

    let out = healthcheck(address, None, &[]).await;
    assert_outcome(&out, 1, &format!("unhealthy: {address}: cannot connect"));
}

#[tokio::test]
async fn with_tls_it_expects_the_certificate_of_the_web_config() {
    let dir = tempfile::tempdir().unwrap();
    test_pki(dir.path());
    let web = write_web_config(
        dir.path(),
        "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n",
    );
    let exporter = TestExporter::start_with_web(CONFIG, Some(&web)).await;

    let out = healthcheck(exporter.address, Some(&web), &[]).await;
    assert_outcome(&out, 0, "200 OK");
    // The container sets the file through the environment, read by the exporter and the check.
    let from_env = [("KMS_EXPORTER_WEB_CONFIG_FILE", web.to_str().unwrap())];
    let out = healthcheck(exporter.address, None, &from_env).await;
    assert_outcome(&out, 0, "200 OK");

    // Plain HTTP to a TLS port gets no HTTP answer.
    let out = healthcheck(exporter.address, None, &[]).await;
    assert_outcome(&out, 1, "no HTTP answer");

    // Another certificate (another exporter, or something else on the port) is not this one.
    let other = tempfile::tempdir().unwrap();
    test_pki(other.path());
    let other_web = write_web_config(
        other.path(),
        "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n",
    );
    let out = healthcheck(exporter.address, Some(&other_web), &[]).await;
    assert_outcome(
        &out,
        1,
        "another certificate than the web config's cert_file",
    );
    exporter.stop().await;
}

#[tokio::test]
async fn with_basic_auth_the_exporters_own_401_is_an_answer_without_a_password() {
    let dir = tempfile::tempdir().unwrap();
    test_pki(dir.path());
    let hash = bcrypt::hash("correct horse", 4).unwrap();
    let web = write_web_config(
        dir.path(),
        &format!(
            "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n\
             basic_auth_users:\n  prometheus: {hash}\n"
        ),
    );
    let exporter = TestExporter::start_with_web(CONFIG, Some(&web)).await;
    let out = healthcheck(exporter.address, Some(&web), &[]).await;
    assert_outcome(
        &out,
        0,
        "401 from the exporter (basic auth is on; it answers)",
    );
    exporter.stop().await;
}

#[tokio::test]
async fn with_client_certificates_required_the_exporters_refusal_is_an_answer() {
    let dir = tempfile::tempdir().unwrap();
    test_pki(dir.path());
    let client_ca = rcgen::CertificateParams::new(Vec::<String>::new())
        .map(|mut params| {
            params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
            params
        })
        .unwrap()
        .self_signed(&rcgen::KeyPair::generate().unwrap())
        .unwrap();
    std::fs::write(dir.path().join("clients.pem"), client_ca.pem()).unwrap();
    let web = write_web_config(
        dir.path(),
        "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n  \
         client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: clients.pem\n",
    );
    let exporter = TestExporter::start_with_web(CONFIG, Some(&web)).await;
    let out = healthcheck(exporter.address, Some(&web), &[]).await;
    assert_outcome(
        &out,
        0,
        "the exporter presented its certificate and requires a client certificate",
    );
    exporter.stop().await;
}
