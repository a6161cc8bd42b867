// English summaries and descriptions of the alerts; the descriptions are Prometheus templates,
// folded into one line (a YAML `>-` block) in the rendered file.
{
  KmsClientsCannotActivate: {
    summary: "No client of a site can activate a product of a domain.",
    description: |||
      {{ $value | humanizePercentage }} of the clients {{ with $labels.site }}at site {{ . }}
      {{- else }}seen from {{ $labels.instance }}{{ end }} that activate
      {{ $labels.product }} in {{ $labels.domain }} get {{ $labels.hresult }}, and none
      activates.
      {{- if $labels.site }} Sites whose clients get {{ $labels.hresult }}:
      {{ range $i, $s := printf `kms_domain_activation_result_ratio{job=%q,domain=%q,product=%q,hresult=%q} > 0` $labels.job $labels.domain $labels.product $labels.hresult | query | sortByLabel "site" }}
      {{- if $i }}, {{ end }}{{ $s.Labels.site }}{{ end }}.{{ end }}
      Found from {{ $labels.instance }} (the DNS answers, then the step where each host's
      probe stopped): DNS
      {{- range $i, $s := printf `kms_dns_srv_status{job=%q,instance=%q,exporter=%q,domain=%q} == 1` $labels.job $labels.instance $labels.exporter $labels.domain | query | sortByLabel "nameserver" }}
      {{- if $i }},{{ end }} {{ $s.Labels.nameserver }} {{ $s.Labels.status }}{{ else }} not reported{{ end }}
      {{- range printf `kms_domain_host_info{job=%q,instance=%q,exporter=%q,domain=%q}` $labels.job $labels.instance $labels.exporter $labels.domain | query | sortByLabel "host" }}
      {{- $at := printf `job=%q,instance=%q,exporter=%q,host=%q,port=%q` $labels.job $labels.instance $labels.exporter .Labels.host .Labels.port }};
      {{ .Labels.host }}:{{ .Labels.port }}
      {{ with printf `kms_host_tcp_connect_status{%s,status!="ok"} == 1` $at | query }}TCP connect
      {{ (index . 0).Labels.status }}
      {{- else }}{{ with printf `kms_host_rpc_bind_success{%s} == 0` $at | query }}RPC bind failed
      {{- else }}{{ with printf `kms_activation_status{%s,product=%q} == 1` $at $labels.product | query }}activation
      {{ (index . 0).Labels.status }}
      {{- if eq (index . 0).Labels.status "refused" }}{{ with printf `kms_activation_hresult{%s,product=%q} == %s` $at $labels.product $labels.hresult | query }} with {{ $labels.hresult }}{{ end }}{{ end }}
      {{- if eq (index . 0).Labels.status "ok" }}{{ with printf `kms_activation_current_clients{%s,product=%q} < kms_activation_required_clients{%s,product=%q}` $at $labels.product $at $labels.product | query }}, count {{ (index . 0).Value }} below the threshold{{ end }}{{ end }}
      {{- else }}no activation result{{ end }}{{ end }}{{ end }}
      {{- end }}. `kms_exporter explain {{ $labels.hresult }}` prints the code's cause and
      fix.
    |||,
  },
  KmsSomeClientsCannotActivate: {
    summary: "Some clients of a site are refused activation of a product of a domain.",
    description: |||
      {{ $value | humanizePercentage }} of the clients {{ with $labels.site }}at site {{ . }}
      {{- else }}seen from {{ $labels.instance }}{{ end }} that activate
      {{ $labels.product }} in {{ $labels.domain }} get {{ $labels.hresult }} from
      {{ range $i, $h := printf `kms_activation_hresult{job=%q,instance=%q,exporter=%q,product=%q} == %s and on (job, instance, exporter, host, port) kms_domain_host_info{job=%q,instance=%q,exporter=%q,domain=%q}` $labels.job $labels.instance $labels.exporter $labels.product $labels.hresult $labels.job $labels.instance $labels.exporter $labels.domain | query | sortByLabel "host" }}
      {{- if $i }}, {{ end }}{{ $h.Labels.host }}:{{ $h.Labels.port }}{{ end }}; the others
      activate. Refused clients retry every two hours and may then draw a host that grants
      them.
    |||,
  },
  KmsSrvRecordMissingOnNameserver: {
    summary: "A DNS server lacks the _vlmcs._tcp SRV record that other DNS servers return.",
    description: |||
      DNS server {{ $labels.nameserver }} answers NXDOMAIN or "no records" for
      _vlmcs._tcp.{{ $labels.domain }} while other DNS servers queried from
      {{ $labels.instance }} return it. Clients that use {{ $labels.nameserver }} cannot
      discover a KMS host.
    |||,
  },
  KmsDnsServerFailing: {
    summary: "A DNS server fails most _vlmcs._tcp SRV queries.",
    description: |||
      DNS server {{ $labels.nameserver }} failed the SRV query for
      _vlmcs._tcp.{{ $labels.domain }} from {{ $labels.instance }} during
      {{ $value | humanizePercentage }} of the last hour{{ with printf
      "kms_dns_srv_status{domain=%q,nameserver=%q,instance=%q} == 1" $labels.domain
      $labels.nameserver $labels.instance | query }} (now: {{ (index . 0).Labels.status
      }}){{ end }}. Clients that ask this server first wait for it and then ask the next one,
      or fail if it is their only one.
    |||,
  },
  KmsUnexpectedHostPublished: {
    summary: "A host that is not on the allow-list publishes a _vlmcs._tcp SRV record.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} is published in _vlmcs._tcp.{{ $labels.domain }}
      but is not in expected_hosts. Clients choose among the published hosts, so some of
      them will activate against, or fail on, this unknown host.
    |||,
  },
  KmsExpectedHostNotPublished: {
    summary: "An expected KMS host is missing from the SRV records of its domain.",
    description: |||
      {{ $labels.host }} is listed in expected_hosts for {{ $labels.domain }}, but no DNS
      server queried from {{ $labels.instance }} publishes it under
      _vlmcs._tcp.{{ $labels.domain }}. Clients cannot discover it, so the domain has less
      redundancy than planned.
    |||,
  },
  KmsDomainSingleHost: {
    summary: "A domain publishes only one KMS host.",
    description: |||
      _vlmcs._tcp.{{ $labels.domain }} lists a single KMS host. If that host fails,
      clients in {{ $labels.domain }} have no other host to fall back to.
    |||,
  },
  KmsSrvTargetUnresolvable: {
    summary: "A KMS host named in DNS has no A or AAAA record.",
    description: |||
      {{ $labels.host }} (port {{ $labels.port }}) is a KMS target, but its name resolves to
      no address {{ with $labels.instance }}from {{ . }}{{ else }}from any exporter that probes
      it{{ end }}: the SRV record is stale or the host record was removed.
    |||,
  },
  KmsHostPortUnreachable: {
    summary: "A KMS host does not accept TCP connections on its KMS port.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} cannot be reached over TCP from
      {{ $labels.instance }}{{ with printf
      "kms_host_tcp_connect_status{host=%q,port=%q,instance=%q} == 1" $labels.host
      $labels.port $labels.instance | query }} (connect: {{ (index . 0).Labels.status
      }}){{ end }}. Clients that pick this host fail over to another one or give up.
    |||,
  },
  KmsHostAddressUnreachable: {
    summary: "One address of a KMS host does not accept TCP connections while another does.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} is reached from {{ $labels.instance }}, but not
      at its address {{ $labels.address }}. Clients that try {{ $labels.address }} first
      (Windows prefers IPv6) still activate, but only after that attempt times out and they
      fall back to another address.
    |||,
  },
  KmsHostRpcBindFailing: {
    summary: "A KMS port accepts TCP connections but does not offer the KMS RPC interface.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} accepts TCP connections from
      {{ $labels.instance }} but the DCE/RPC bind to the KMS interface fails: something
      other than the Key Management Service answers on this port.
    |||,
  },
  KmsHostProtocolVersionUnsupported: {
    summary: "A KMS host refuses the KMS protocol version that current clients use.",
    description: |||
      {{ if $labels.product }}{{ $labels.host }}:{{ $labels.port }} refuses
      {{ $labels.product }} with 0x8007000D (invalid data) at every protocol version the
      exporter tried.{{ else }}{{ $labels.host }}:{{ $labels.port }} does not accept KMS
      protocol version {{ $labels.version }}, which Windows 8.1, Windows Server 2012 R2 and
      later and Office 2016 and later speak.{{ end }}
    |||,
  },
  KmsHostInvalidResponse: {
    summary: "A KMS host answers, but its answers fail verification.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} answered the {{ $labels.product }} request from
      {{ $labels.instance }} with {{ $labels.status }}: the host is broken, is not a genuine
      KMS host, or something on the path alters the traffic.
    |||,
  },
  KmsHostDownFromAllSites: {
    summary: "A KMS host gives no verified KMS answer to the exporters of any site.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} gives no verified KMS answer to the exporters
      of any of the {{ $value }} sites that probe it. The host itself is down or broken,
      not one site's network path: clients at every site that pick it fail over to
      another host; KmsClientsCannotActivate pages for the domains where it was the last
      one.
    |||,
  },
  KmsHostDownFromSomeSites: {
    summary: "A KMS host answers the exporters of other sites but not the exporter of one site.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} gives no verified KMS answer to the exporter at
      site {{ $labels.site }}, while {{ with printf
      "count without (site) (max without (instance, exporter) (kms_host_up{job=%q,host=%q,port=%q}) == 1)"
      $labels.job $labels.host $labels.port | query }}{{ . | first | value }}{{ else
      }}other{{ end }} other site(s) reach it. The host works; the path from
      {{ $labels.site }} to it (firewall, routing, DNS) does not, and clients at
      {{ $labels.site }} that pick this host fail over to another one or give up.
    |||,
  },
  KmsActivationCountBelowThreshold: {
    summary: "The activation count of a KMS host is below the threshold of a product.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} reports a count of {{ $value }} for
      {{ $labels.product }}, below the {{ with printf
      "kms_activation_required_clients{host=%q,port=%q,product=%q,instance=%q}" $labels.host
      $labels.port $labels.product $labels.instance | query }}{{ . | first | value }}{{ else
      }}required number{{ end }} distinct machines it needs before it activates such
      clients.
    |||,
  },
  KmsHostNotActivated: {
    summary: "A KMS host refuses activation because its own KMS host key is not activated.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} answers {{ $labels.product }} requests with
      0xC004F041: the KMS host key installed on it is not activated. Every client that
      reaches this host is refused.
    |||,
  },
  KmsHostProductNotSupported: {
    summary: "A KMS host cannot activate a product.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} refuses {{ $labels.product }} with 0xC004F042:
      its KMS host key does not cover this product (for example an older host key and a
      newer Windows, Windows Server or Office release).
    |||,
  },
  KmsHostTimestampRefused: {
    summary: "A KMS host refuses requests because their timestamp is too far from its clock.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} refuses {{ $labels.product }} requests from
      {{ $labels.instance }} with 0xC004F06C: its clock is more than 4 hours away from the
      exporter's. Clients whose clocks are correct are refused the same way.
    |||,
  },
  KmsHostOvercharged: {
    summary: "A KMS host reports invalid data from its security processor (overcharged host).",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} refuses {{ $labels.product }} with 0xC004D104,
      the refusal of a host whose client table was overfilled by requests with an oversized
      N policy ("overcharge"). The host does not recover by itself.
    |||,
  },
  KmsActivationRefused: {
    summary: "A KMS host refuses activation with an HRESULT that no other alert covers.",
    description: |||
      {{- $code := printf `kms_activation_hresult{job=%q,instance=%q,exporter=%q,host=%q,port=%q,product=%q}` $labels.job $labels.instance $labels.exporter $labels.host $labels.port $labels.product }}
      {{- $hex := "" }}
      {{- range printf `label_replace(floor(%[1]s / 268435456) %% 16, "d", "1", "", "") or label_replace(floor(%[1]s / 16777216) %% 16, "d", "2", "", "") or label_replace(floor(%[1]s / 1048576) %% 16, "d", "3", "", "") or label_replace(floor(%[1]s / 65536) %% 16, "d", "4", "", "") or label_replace(floor(%[1]s / 4096) %% 16, "d", "5", "", "") or label_replace(floor(%[1]s / 256) %% 16, "d", "6", "", "") or label_replace(floor(%[1]s / 16) %% 16, "d", "7", "", "") or label_replace(%[1]s %% 16, "d", "8", "", "")` $code | query | sortByLabel "d" }}
      {{- $hex = print $hex (.Value | printf "%.0f" | reReplaceAll "^10$" "A" | reReplaceAll "^11$" "B" | reReplaceAll "^12$" "C" | reReplaceAll "^13$" "D" | reReplaceAll "^14$" "E" | reReplaceAll "^15$" "F") }}
      {{- end }}
      {{- $labels.host }}:{{ $labels.port }} refuses {{ $labels.product }} with
      0x{{ $hex }} ({{ printf "%.0f" $value }}). Run `kms_exporter explain 0x{{ $hex }}` to
      see its name, cause and fix.
    |||,
  },
  KmsHostClockSkew: {
    summary: "The clock of a KMS host drifts toward the 4-hour KMS limit.",
    description: |||
      The clock of {{ $labels.host }} differs from the exporter's by
      {{ $value | humanizeDuration }} (measured from {{ $labels.instance }}). At 4 hours the
      host refuses every client with 0xC004F06C.
    |||,
  },
  KmsExporterDown: {
    summary: "Prometheus cannot scrape kms_exporter.",
    description: |||
      Prometheus fails to scrape {{ $labels.instance }} (job {{ $labels.job }}). KMS
      monitoring from that vantage point is blind, and its other alerts resolve for lack of
      data, not because the problems are gone.
    |||,
  },
  KmsExporterDownOutsideBusinessHours: {
    summary: "No kms_exporter of a site can be scraped outside business hours.",
    description: |||
      Prometheus scrapes none of the kms_exporter targets of
      {{ with $labels.site }}site {{ . }}{{ else }}job {{ $labels.job }}{{ end }}, and business
      hours are over. Nothing watches KMS activation there until it is fixed:
      KmsClientsCannotActivate cannot page for those clients, and KmsExporterDown's ticket is
      held until business hours begin{{ with query "kms:business_hours:seconds_until" }}, in
      {{ . | first | value | humanizeDuration }}{{ end }}.
    |||,
  },
  KmsExporterProbesStale: {
    summary: "A kms_exporter instance has not completed a probe cycle recently.",
    description: |||
      The last completed probe cycle of {{ $labels.instance }} ended
      {{ $value | humanizeDuration }} ago by Prometheus's clock, more than two intervals of
      {{ with printf "kms_exporter_probe_interval_seconds{job=%q,instance=%q}" $labels.job
      $labels.instance | query }}{{ . | first | value | humanizeDuration }}{{ end }}: the
      exporter stopped probing, or its clock runs that far behind. Its kms_ metrics describe
      the past, and the other KMS alerts for this instance cannot be trusted.
    |||,
  },
  KmsExporterConfigReloadFailed: {
    summary: "A kms_exporter instance failed to reload its configuration.",
    description: |||
      {{ $labels.instance }} rejected its configuration file at the last reload and keeps
      running with the previous configuration.
    |||,
  },
  KmsExporterClockUnsynchronized: {
    summary: "The clock of kms_exporter is not synchronized.",
    description: |||
      The clock of {{ $labels.instance }} is at least {{ $value | humanizeDuration }} off
      (against its clock.reference servers, or ahead of Prometheus's clock). The host clock
      offsets it measures are wrong by as much, its activation requests may be refused for
      their timestamp, and its clock and timestamp alerts are held back until it is fixed.
    |||,
  },
  KmsExporterNothingProbed: {
    summary: "A kms_exporter instance has nothing to probe.",
    description: |||
      {{ $labels.instance }} has no domain and no host in its configuration, and found no
      domain in /etc/resolv.conf: it probes nothing, so no KMS alert can fire for its
      site.
    |||,
  },
  KmsActivationAvailabilityBelowObjective: {
    summary: "Over 30 days, fewer of a site's clients could activate a product of a domain than the objective.",
    description: |||
      Over the last 30 days, {{ $value | humanizePercentage }} of the clients
      {{ with $labels.site }}at site {{ . }}{{ else }}of job {{ $labels.job }}{{ end }} that
      activate {{ $labels.product }} in {{ $labels.domain }} could activate, below the
      objective (activationAvailabilityObjective in the mixin's _config). The last day:
      {{ with printf `kms:domain_activation_success:ratio_1d{job=%q,domain=%q,product=%q,site=%q}` $labels.job $labels.domain $labels.product $labels.site | query }}{{ . | first | value | humanizePercentage }}{{ else }}not recorded{{ end }}.
    |||,
  },
  KmsActivationCountHeadingBelowThreshold: {
    summary: "The activation count of a KMS host is heading below the threshold of a product.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} still reports enough distinct machines for
      {{ $labels.product }}, but its count has been falling for days: at this pace it falls
      below the {{ with printf
      "kms_activation_required_clients{host=%q,port=%q,product=%q,instance=%q}" $labels.host
      $labels.port $labels.product $labels.instance | query }}{{ . | first | value }}{{ else
      }}required number{{ end }} it needs in {{ $value | humanizeDuration }}. Below it, clients
      stay unactivated with 0xC004F038.
    |||,
  },
  KmsHostClockSkewHeadingPastLimit: {
    summary: "The clock of a KMS host is heading past the 4-hour KMS limit within a day.",
    description: |||
      The clock of {{ $labels.host }} differs from the exporter's by
      {{ with printf `min without (method) (abs(kms_host_clock_offset_seconds{job=%q,instance=%q,exporter=%q,host=%q}))` $labels.job $labels.instance $labels.exporter $labels.host | query }}{{ . | first | value | humanizeDuration }}{{ end }}
      and drifts (measured from {{ $labels.instance }}): at this pace it passes 4 hours in
      {{ $value | humanizeDuration }}. Past 4 hours the host refuses every client with
      0xC004F06C.
    |||,
  },
  KmsHostClockSkewPastLimitBeforeBusinessDay: {
    summary: "The clock of a KMS host will pass the 4-hour KMS limit before the next business day.",
    description: |||
      The clock of {{ $labels.host }} differs from the exporter's by
      {{ with printf `min without (method) (abs(kms_host_clock_offset_seconds{job=%q,instance=%q,exporter=%q,host=%q}))` $labels.job $labels.instance $labels.exporter $labels.host | query }}{{ . | first | value | humanizeDuration }}{{ end }}
      and drifts (measured from {{ $labels.instance }}): at this pace it passes 4 hours in
      {{ $value | humanizeDuration }}, and the host refuses every client with 0xC004F06C,
      before the next business day starts{{ with query "kms:business_hours:seconds_until" }}
      in {{ . | first | value | humanizeDuration }}{{ end }}.
      A ticket would be read too late: set the host's clock now.
    |||,
  },
}
