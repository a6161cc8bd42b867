//! The host families: addresses, TCP, RPC bind, KMS up, protocol versions, intervals and
//! identities, one series set per `host:port`.

use super::text::{HostLabels, Out, b, hex, prefix, push_label};
use crate::snapshot::{ConnectStatus, Snapshot};

/// The `host="…",port="…"` prefix of every host, in snapshot order.
pub(super) fn labels(s: &Snapshot) -> Vec<HostLabels> {
    s.hosts
        .iter()
        .map(|h| {
            let mut host_port = prefix(&[("host", h.host.as_str())]);
            let host_len = host_port.len();
            host_port.push(',');
            push_label(&mut host_port, "port", itoa::Buffer::new().format(h.port));
            HostLabels {
                host_port,
                host_len,
            }
        })
        .collect()
}

/// `kms_host_*` except the clock families.
pub(super) fn encode(out: &mut Out, s: &Snapshot, labels: &[HostLabels]) {
    reachability(out, s, labels);
    service(out, s, labels);
}

/// Whether the host is reached and answers as KMS: addresses, TCP, bind, up.
fn reachability(out: &mut Out, s: &Snapshot, labels: &[HostLabels]) {
    let hosts = || s.hosts.iter().zip(labels);
    let mut f = out.family(
        "kms_host_resolved_addresses",
        "A and AAAA addresses of the host; 0 means a stale SRV target.",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], h.address_lookup.addresses.len() as f64);
    }
    let mut f = out.family(
        "kms_host_tcp_connect_success",
        "1 if a TCP connection to the KMS port succeeded on any address.",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], b(h.connect == ConnectStatus::Ok));
    }
    let mut f = out.family(
        "kms_host_address_tcp_connect_success",
        "1 if a TCP connection to the KMS port succeeded on this address of the host; at most 8 addresses per host.",
    );
    for (h, l) in hosts() {
        for (ip, status) in &h.address_connects {
            f.gauge(
                &l.host_port,
                &[("address", &ip.to_string())],
                b(*status == ConnectStatus::Ok),
            );
        }
    }
    let mut f = out.family(
        "kms_host_tcp_connect_status",
        "outcome of the TCP connection, one series per state with exactly one set to 1.",
    );
    for (h, l) in hosts() {
        for status in ConnectStatus::ALL {
            f.gauge(
                &l.host_port,
                &[("status", status.as_label())],
                b(h.connect == status),
            );
        }
    }
    let mut f = out.family(
        "kms_host_tcp_connect_duration_seconds",
        "time to the TCP connection, or spent until it failed.",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], h.connect_duration.as_secs_f64());
    }
    let mut f = out.family(
        "kms_host_probe_duration_seconds",
        "time taken by the host's whole probe.",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], h.duration.as_secs_f64());
    }
    let mut f = out.family(
        "kms_host_rpc_bind_success",
        "1 if the host accepted the KMS RPC interface bind this cycle; 0 with the port open means the port is not a KMS host.",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], b(matches!(h.kms.bind, Some(Ok(())))));
    }
    let mut f = out.family(
        "kms_host_up",
        "1 if the host gave a verified KMS answer (a success or a KMS refusal).",
    );
    for (h, l) in hosts() {
        f.gauge(&l.host_port, &[], b(h.is_up()));
    }
}

/// What the host's KMS service told: protocol versions, intervals, identity.
fn service(out: &mut Out, s: &Snapshot, labels: &[HostLabels]) {
    let hosts = || s.hosts.iter().zip(labels);
    let mut f = out.family(
        "kms_host_protocol_version_supported",
        "1 if the host understands this KMS protocol version, 0 if it refused it with 0x8007000D.",
    );
    for (h, l) in hosts() {
        for (version, supported) in &h.kms.versions {
            f.gauge(
                &l.host_port,
                &[("version", itoa::Buffer::new().format(version.major()))],
                b(*supported),
            );
        }
    }
    let mut f = out.family(
        "kms_host_activation_interval_seconds",
        "how often the host tells unactivated clients to retry.",
    );
    for (h, l) in hosts() {
        if let Some((activation, _)) = h.kms.intervals {
            f.gauge(&l.host_port, &[], f64::from(activation) * 60.0);
        }
    }
    let mut f = out.family(
        "kms_host_renewal_interval_seconds",
        "how often the host tells activated clients to renew.",
    );
    for (h, l) in hosts() {
        if let Some((_, renewal)) = h.kms.intervals {
            f.gauge(&l.host_port, &[], f64::from(renewal) * 60.0);
        }
    }
    let mut f = out.family(
        "kms_host_info",
        "the host's identity per application, decoded from its ePID; value 1.",
    );
    for (h, l) in hosts() {
        for id in &h.kms.identities {
            let decoded = id.decoded.as_ref();
            let (mut build, mut lcid) = (itoa::Buffer::new(), itoa::Buffer::new());
            let mut hwid = [0u8; 16];
            f.gauge(
                &l.host_port,
                &[
                    ("application", id.application),
                    ("epid", id.epid.as_str()),
                    ("os_build", decoded.map_or("", |e| build.format(e.build))),
                    (
                        "host_os",
                        decoded.and_then(|e| e.host_os()).unwrap_or("unknown"),
                    ),
                    (
                        "csvlk",
                        decoded.and_then(|e| e.csvlk()).unwrap_or("unknown"),
                    ),
                    ("lcid", decoded.map_or("", |e| lcid.format(e.lcid))),
                    ("hwid", hex(&mut hwid, id.hwid.as_ref())),
                ],
                1.0,
            );
        }
    }
}
