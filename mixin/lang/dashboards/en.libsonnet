// The dashboards' texts in English: titles, descriptions, variable labels and column names.
// lang/dashboards/ko.libsonnet and ja.libsonnet have the same fields; a missing one is an error.
{
  // Column and legend names and link titles, by their English text.
  labels: {
    // Legends.
    'KMS answer · {{instance}}': 'KMS answer · {{instance}}',
    'RPC bind ok': 'RPC bind ok',
    'RPC bind · {{instance}}': 'RPC bind · {{instance}}',
    'TCP port open': 'TCP port open',
    'TCP · {{instance}}': 'TCP · {{instance}}',
    'TCP {{address}} · {{instance}}': 'TCP {{address}} · {{instance}}',
    'activation · {{instance}}': 'activation · {{instance}}',
    'renewal · {{instance}}': 'renewal · {{instance}}',
    'exporter vs {{server}} · {{instance}}': 'exporter vs {{server}} · {{instance}}',
    'host {{method}} · {{instance}}': 'host {{method}} · {{instance}}',
    'hosts probed': 'hosts probed',
    'leap · {{instance}}': 'leap · {{instance}}',
    'stratum · {{instance}}': 'stratum · {{instance}}',
    'verified KMS answer': 'verified KMS answer',
    '{{domain}} via {{nameserver}}': '{{domain}} via {{nameserver}}',
    '{{product}} current · {{instance}}': '{{product}} current · {{instance}}',
    '{{product}} required · {{instance}}': '{{product}} required · {{instance}}',
    'KMS host drill-down': 'KMS host drill-down',
    'One host in detail': 'One host in detail',
    'Open the host drill-down for ${__value.text}': 'Open the host drill-down for ${__value.text}',
    published: 'published',
    up: 'up',
    'client gets': 'client gets',
    'share of clients': 'share of clients',
    records: 'records',
    'lookup time': 'lookup time',
    TCP: 'TCP',
    'RPC bind': 'RPC bind',
    addresses: 'addresses',
    'TCP connect time': 'TCP connect time',
    'probe time': 'probe time',
    'Open the host drill-down for ${__field.labels.host}': 'Open the host drill-down for ${__field.labels.host}',
    HRESULT: 'HRESULT',
    'current clients': 'current clients',
    'required clients': 'required clients',
    'count / required': 'count / required',
    result: 'result',
    'activation interval': 'activation interval',
    'renewal interval': 'renewal interval',

    'KMS activation overview': 'KMS activation overview',
    runbook: 'runbook',
    Runbook: 'Runbook',
    'Open the runbook section of this alert': 'Open the runbook section of this alert',
    'All domains and hosts': 'All domains and hosts',
  },
  overview: {
    title: 'KMS activation overview',
    description: 'Microsoft KMS volume activation seen by kms_exporter: DNS SRV records, KMS hosts, activation per product, clock offsets and firing alerts.',
    variables: {
      datasource: {
        label: 'Data source',
        description: 'The Prometheus that scrapes kms_exporter.',
      },
      site: {
        label: 'Site',
        description: "Sites: the values of the target label that names an exporter's site (one exporter per site, as in examples/prometheus/multi-site.yml). All also covers exporters that carry no site label.",
      },
      job: {
        label: 'Job',
        description: 'Scrape jobs that have a kms_exporter.',
      },
      instance: {
        label: 'Instance',
        description: 'kms_exporter instances (one per vantage point or site).',
      },
      domain: {
        label: 'Domain',
        description: 'DNS domains whose _vlmcs._tcp records are probed.',
      },
      host: {
        label: 'Host',
        description: 'KMS hosts published in the selected domains, plus hosts configured directly (they belong to no domain).',
      },
    },
    panels: {
      summary_row: {
        title: 'Summary',
      },
      firing_kms_alerts: {
        title: 'Firing KMS alerts',
        description: "Alerts of alerts/kms_exporter.rules.yml that are firing now, from the ALERTS series of the Prometheus behind this data source (empty when that Prometheus does not load the rule file, e.g. when a separate ruler evaluates it). Alerts that compare sites or sum up over exporters (KmsHostDownFromAllSites, for one) carry no instance or site label: they are shown whatever site, job or instance is selected. Each alert's runbook section is docs/runbooks/{en,ko,ja}.md#<alert name in lowercase>. Unitless: every column is a label (alert name, severity, site, domain, host, product, DNS server).",
      },
      hosts_up_per_domain: {
        title: 'Hosts up per domain',
        description: 'Per domain: the distinct KMS hosts its _vlmcs._tcp SRV records publish (kms_domain_hosts) and how many of them give a verified KMS answer (kms_domain_hosts_up). 0 up means no client of the domain can activate; 1 published means no fallback host. Statically configured hosts belong to no domain and are not counted here. The host columns are counts of hosts.',
      },
      last_probe_cycle_age: {
        title: 'Last probe cycle age',
        description: 'Seconds since each exporter finished its last probe cycle (time() - kms_exporter_last_cycle_timestamp_seconds). A cycle runs every `interval` (default 60 s; see Configured intervals in the Exporter row); beyond two intervals plus 5 minutes KmsExporterProbesStale fires and every other panel shows old data. The colours assume the default interval.',
      },
      probe_cycle_duration: {
        title: 'Probe cycle duration',
        description: "How long each exporter's last probe cycle took (kms_exporter_cycle_duration_seconds). Hosts are probed concurrently, each bounded by `timeout` (default 10 s); a cycle approaching `interval` (default 60 s) means the exporter falls behind.",
      },
      configuration_reload: {
        title: 'Configuration reload',
        description: "Whether each exporter's last configuration reload (SIGHUP or POST /-/reload) succeeded (kms_exporter_config_last_reload_successful). After a failed reload the exporter keeps probing with its previous configuration and KmsExporterConfigReloadFailed fires. Unitless: a success flag shown as OK or failed.",
      },
      clients_what_a_client_would_get_now_row: {
        title: 'Clients: what a client would get now',
      },
      client_result_per_domain_and_product: {
        title: 'Client result per domain and product',
        description: "What this site's Windows clients would get if they activated the product now (kms_domain_activation_result_ratio): one row per site (exporter), domain, product and code that a share of the clients would get, with that share. OK is the share that activates; the other codes are what the rest see, by name: 0x8007232B no _vlmcs._tcp record, 0x8007232A every DNS server failing, 0xC004F074 no host answering, 0xC004F038 a host below its count (clients wait in grace), or a host's refusal. The exporter models the search of Windows 7 and later clients: the SRV priority groups from the lowest value, a host drawn by weight within a group, the next host after a failed session, the first host answering decides; so the lowest-priority group with an answering host decides, each answering host in it by its weight (equal shares when the weights are 0). OK at 0% with any code other than 0xC004F038 is what pages (KmsClientsCannotActivate); `kms_exporter explain CODE` prints the cause and fix.",
      },
      clients_that_would_activate_over_time: {
        title: 'Clients that would activate over time',
        description: "The share of this site's Windows clients that would activate the product if they tried now (kms_domain_activation_result_ratio{hresult=\"0x00000000\"}), per site, domain and product, over time. Below 100% the table beside it says which code the rest would get. A host down while others serve leaves this at 100%: clients fail over.",
      },
      activation_availability_30_days: {
        title: "Activation availability, 30 days",
        description: "The share of this site's Windows clients that could activate the product, per site, domain and product, averaged over the last 30 days (kms:domain_activation_success:ratio_30d), the last day (ratio_1d) and the last hour (ratio_1h). The dashed line is the objective (activationAvailabilityObjective in the mixin's _config): below it for 30 days, KmsActivationAvailabilityBelowObjective opens a ticket. The 30-day line needs 30 days of data to mean a month.",
      },
      dns_vlmcs_tcp_srv_records_row: {
        title: 'DNS: _vlmcs._tcp SRV records',
      },
      srv_lookup_status_per_domain_and_dns_server: {
        title: 'SRV lookup status per domain and DNS server',
        description: "Outcome of the latest _vlmcs._tcp.<domain> SRV lookup on each DNS server (nameserver `system` = the exporter's system resolver): ok, nxdomain / nodata (record missing: clients show 0x8007232B / 0x8007251D), servfail / refused / timeout / error (server failing: 0x8007232A). `records` is the number of SRV records returned; `lookup time` the lookup duration in seconds. Unitless: the status column is a state name; the numeric columns carry their own units (records, seconds).",
      },
      srv_lookup_status_history: {
        title: 'SRV lookup status history',
        description: 'The SRV lookup outcome over time per domain and DNS server, to see when a record disappeared or a server started failing. The query encodes the state as a number (1 = ok, 2 = nxdomain, 3 = nodata, 4 = servfail, 5 = refused, 6 = timeout, 7 = error) which the value mappings show by name. Unitless: the values are state codes, not quantities.',
      },
      published_srv_records: {
        title: 'Published SRV records',
        description: 'Every record of _vlmcs._tcp.<domain> as each DNS server returns it (kms_dns_srv_record_info): target host, port, priority, weight. A target `.` means "service not available" (RFC 2782). Click a host for its drill-down. Unitless: every column is a label of the record.',
      },
      allow_list_findings_expected_hosts: {
        title: 'Allow-list findings (expected_hosts)',
        description: 'Only with `expected_hosts` configured for a domain: hosts that publish _vlmcs._tcp records without being on the list (kms_dns_srv_record_expected == 0, alert KmsUnexpectedHostPublished) and listed hosts that no DNS server publishes (kms_dns_expected_host_published == 0, alert KmsExpectedHostNotPublished). Empty is good. Unitless: every column is a label.',
      },
      srv_lookup_duration: {
        title: 'SRV lookup duration',
        description: 'How long each DNS server takes to answer the SRV lookup (kms_dns_srv_lookup_duration_seconds). A lookup that hits `timeout` shows the time spent until it gave up.',
      },
      kms_hosts_row: {
        title: 'KMS hosts',
      },
      hosts_probed_tcp_open_rpc_bind_kms_answer: {
        title: 'Hosts: probed, TCP open, RPC bind, KMS answer',
        description: 'How far the probes of the selected hosts get, summed over the selected exporters (a host probed by two exporters counts twice): host probes, TCP port open (kms_host_tcp_connect_success), KMS RPC bind accepted (kms_host_rpc_bind_success) and a verified KMS answer (kms_host_up). Each step can only be lower than the previous; the first step where the number drops is where to look. The values are numbers of hosts.',
      },
      host_health: {
        title: 'Host health',
        description: 'One row per KMS host (and domain that publishes it; statically configured hosts have no domain): `up` = a verified KMS answer (kms_host_up), `TCP` = outcome of the TCP connect to the KMS port, `RPC bind` = the KMS RPC interface bind, `addresses` = A+AAAA records (0 = stale SRV target), connect and probe times in seconds. Click a host for its drill-down. Unitless: up, TCP and RPC bind are states shown by name; the numeric columns carry their own units.',
      },
      which_site_reaches_which_host: {
        title: 'Which site reaches which host',
        description: 'kms_host_up per host (rows) and site (columns): up where the exporters of that site got a verified KMS answer from the host in their last probe cycle, down where they did not, empty where that site does not probe the host (its DNS does not publish it). A host down from some sites only points at the network between those sites and the host (alert KmsHostDownFromSomeSites); down from every site, at the host itself (KmsHostDownFromAllSites). Exporters without a site label get a column per instance. Unitless: each cell is an up/down state.',
      },
      host_up_history: {
        title: 'Host up history',
        description: 'kms_host_up over time per host: a verified KMS answer (success or KMS refusal) in each probe cycle. Click a row for the host drill-down. Unitless: the values are up/down states.',
      },
      tcp_connect_status_history: {
        title: 'TCP connect status history',
        description: "Outcome of the TCP connect to each host's KMS port over time: ok, refused (nothing listens), timeout (dropped: firewall or host down), unreachable, no_address (the name has no A/AAAA record), error. The query encodes the state as a number (1 = ok, 2 = refused, 3 = timeout, 4 = unreachable, 5 = no_address, 6 = error) which the value mappings show by name. Unitless: the values are state codes, not quantities.",
      },
      activation_per_host_and_product_row: {
        title: 'Activation per host and product',
      },
      activation_per_host_and_product: {
        title: 'Activation per host and product',
        description: "The latest activation request per host and product (refreshed every `activation_interval`, default 15 min): `status` (ok, refused, invalid_response, rpc_error, unreachable), the last HRESULT by name (0 = OK), the host's current count (distinct clients in 30 days, only from a successful answer), the product's required count N (25 Windows client, 5 Server/Office) and the count relative to N: clients activate only at 100% or more (below it they get 0xC004F038). Unmapped codes are shown in hexadecimal; `kms_exporter explain CODE` prints the cause and fix of any code in English, Korean or Japanese. Unitless: the status and HRESULT columns are codes shown by name; the count columns are numbers of clients.",
      },
      activation_count_against_threshold: {
        title: 'Activation count against threshold',
        description: "Each host's current count divided by the product's required count N (kms_activation_current_clients / kms_activation_required_clients): 100% means the threshold is met and clients of that product activate; below 100% they are refused with 0xC004F038 (alert KmsActivationCountBelowThreshold). The bar is full at 200%. A host that did not answer successfully has no count and is missing here. Remember that the exporter itself adds one client per product family.",
      },
      last_hresult_history: {
        title: 'Last HRESULT history',
        description: 'kms_activation_hresult over time per host and product, by name: OK, or the code a client asking that host for that product would get (e.g. 0xC004F042 = the host key does not cover the product, 0xC004F06C = clock too far off, 0xC004D104 = overcharged host). Absent while the host gives no code (unreachable). Unmapped codes are shown in hexadecimal; `kms_exporter explain CODE` prints the cause and fix of any code in English, Korean or Japanese.',
      },
      clock_the_4_hour_kms_limit_row: {
        title: 'Clock: the 4-hour KMS limit',
      },
      host_clock_offset_against_the_4_hour_limit: {
        title: 'Host clock offset against the 4-hour limit',
        description: "How far each KMS host's clock is from the exporter's, as a magnitude: the smallest |offset| among the methods that measured it (ntp, smb), the same rule as the KmsHostClockSkew alert (warning above 1 h, critical above 3 h). At 4 h the host refuses every client with 0xC004F06C. The bar is full at 4 h. Absent when clock measurement is off (`clock.methods: []`) or no method reaches the host.",
      },
      host_clock_offset_over_time_4_h: {
        title: 'Host clock offset over time (±4 h)',
        description: "kms_host_clock_offset_seconds per host and method: host clock minus exporter clock (positive = host ahead). The shaded bands mark 1 h (warning), 3 h (critical) and the 4 h limit beyond which the host refuses clients with 0xC004F06C. The scale spans at least ±4 h, so healthy offsets lie on the zero line; the host drill-down shows them in detail. The offset is only as good as the exporter's own clock (see Exporter clock offset).",
      },
      host_details_row: {
        title: 'Host details',
      },
      protocol_versions: {
        title: 'Protocol versions',
        description: 'KMS protocol versions per host (kms_host_protocol_version_supported): supported, or refused with 0x8007000D. Only versions tried are listed: V6 first, older ones only after a refusal. A host refusing V6 cannot serve Windows 8.1 / Server 2012 R2 and later or Office 2016 and later (alert KmsHostProtocolVersionUnsupported). Unitless: the cells are supported/refused states.',
      },
      activation_and_renewal_intervals: {
        title: 'Activation and renewal intervals',
        description: 'The intervals each host hands to its clients (kms_host_activation_interval_seconds, kms_host_renewal_interval_seconds): how soon an unactivated client retries (default 2 h) and how often an activated client renews (default 7 days).',
      },
      host_key_and_os: {
        title: 'Host key and OS',
        description: 'Per host and application (windows, office, office-2010), decoded from the ePID the host returns (kms_host_info): host OS and build, host key type (csvlk: which product families the host key can activate), language (lcid), the full ePID and the HwId. Unitless: every column is a label.',
      },
      exporter_row: {
        title: 'Exporter',
      },
      probe_cycle_duration_over_time: {
        title: 'Probe cycle duration over time',
        description: "How long each exporter's probe cycle takes (kms_exporter_cycle_duration_seconds): DNS, TCP, RPC bind and clock probes of every target, bounded by `timeout` per host. A cycle close to `interval` (default 60 s) means the exporter falls behind.",
      },
      probe_results_per_second: {
        title: 'Probe results per second',
        description: 'Rate of probes by kind (dns_srv, dns_address, tcp, rpc_bind, activation) and result (kms_exporter_probes_total), summed over the selected exporters.',
      },
      exporter_clock_offset: {
        title: 'Exporter clock offset',
        description: "The offset between the exporter's own clock and each reference NTP server of `clock.reference` (kms_exporter_clock_offset_seconds). Host clock offsets are measured against the exporter's clock, so beyond ±300 s KmsExporterClockUnsynchronized fires and the host clock alerts are held back.",
      },
      configured_targets: {
        title: 'Configured targets',
        description: 'Domains and static hosts each exporter probes (kms_exporter_targets): configured, or discovered from resolv.conf when the configuration names none. Both 0 means nothing is probed.',
      },
      exporter_versions: {
        title: 'Exporter versions',
        description: 'Version, revision and compiler of each running exporter (kms_exporter_build_info). Unitless: every column is a label.',
      },
      reference_ntp_servers_answering: {
        title: 'Reference NTP servers answering',
        description: "Whether each clock.reference NTP server answered the exporter this cycle (kms_exporter_clock_probe_success). Every host clock offset is measured against the exporter's own clock; without an answering reference that clock is unchecked. Unitless: 1 answered, 0 no answer.",
      },
      configured_intervals: {
        title: 'Configured intervals',
        description: 'The cadence each exporter runs with, from its configuration: `interval` between probe cycles (kms_exporter_probe_interval_seconds; DNS, TCP, RPC bind and clocks) and `activation_interval` between activation requests to each host and product (kms_exporter_activation_interval_seconds). Staleness alerts scale with the first.',
      },
      dns_continuity_row: {
        title: 'DNS continuity',
      },
      age_of_the_last_srv_answer_with_records: {
        title: 'Age of the last SRV answer with records',
        description: 'time() - kms_dns_srv_last_success_timestamp_seconds per domain and DNS server: how long ago the server last answered the _vlmcs._tcp lookup with records. It grows while the server fails; meanwhile the exporter keeps probing the hosts of that answer for dns.keep_last_answer (default 1h).',
      },
    },
  },
  host: {
    title: 'KMS host drill-down',
    description: 'One KMS host seen by kms_exporter: reachability, activation per product, clock against the 4-hour limit, identity and protocol.',
    variables: {
      datasource: {
        label: 'Data source',
        description: 'The Prometheus that scrapes kms_exporter.',
      },
      site: {
        label: 'Site',
        description: "Sites: the values of the target label that names an exporter's site (one exporter per site, as in examples/prometheus/multi-site.yml). All also covers exporters that carry no site label.",
      },
      job: {
        label: 'Job',
        description: 'Scrape jobs that have a kms_exporter.',
      },
      instance: {
        label: 'Instance',
        description: 'kms_exporter instances (one per vantage point or site).',
      },
      domain: {
        label: 'Domain',
        description: 'DNS domains whose _vlmcs._tcp records are probed.',
      },
      host: {
        label: 'Host',
        description: 'KMS hosts published in the selected domains, plus hosts configured directly (they belong to no domain).',
      },
    },
    panels: {
      reachability_row: {
        title: 'Reachability',
      },
      kms_answer: {
        title: 'KMS answer',
        description: 'kms_host_up: whether the host gave a verified KMS answer (success or KMS refusal) in the last probe cycle, per exporter. Unitless: an up/down state.',
      },
      tcp_connect: {
        title: 'TCP connect',
        description: 'Outcome of the last TCP connect to the KMS port: ok, refused (nothing listens), timeout (dropped: firewall or host down), unreachable, no_address (no A/AAAA record), error. The query encodes the state as a number (1 = ok, 2 = refused, 3 = timeout, 4 = unreachable, 5 = no_address, 6 = error) shown by name. Unitless: a state, not a quantity.',
      },
      rpc_bind: {
        title: 'RPC bind',
        description: 'kms_host_rpc_bind_success: whether the KMS RPC interface bind succeeded in the last cycle. The port open but the bind failing means something other than the Key Management Service answers (alert KmsHostRpcBindFailing). Unitless: a success flag.',
      },
      resolved_addresses: {
        title: 'Resolved addresses',
        description: 'kms_host_resolved_addresses: A + AAAA addresses of the host name. 0 means a stale SRV target (alert KmsSrvTargetUnresolvable). The value is a count of addresses.',
      },
      published_by: {
        title: 'Published by',
        description: 'The _vlmcs._tcp SRV records that name this host, per domain and DNS server (kms_dns_srv_record_info), with port, priority and weight. Empty for a host given directly in the configuration and published nowhere. Unitless: every column is a label.',
      },
      up_tcp_and_rpc_bind_history: {
        title: 'Up, TCP and RPC bind history',
        description: 'Per probe cycle: the verified KMS answer (kms_host_up), the TCP connect outcome (encoded 1 = ok, 2 = refused, 3 = timeout, 4 = unreachable, 5 = no_address, 6 = error, shown by name), the RPC bind, and the TCP connect to each address of the host (kms_host_address_tcp_connect_success, at most 8 addresses): an address failing while TCP is ok is one clients wait on before they fall back to the next (alert KmsHostAddressUnreachable). Unitless: every row is a state.',
      },
      kms_answer_per_site: {
        title: 'KMS answer per site',
        description: 'kms_host_up of this host as each site sees it, over time: up where the exporters of the site got a verified KMS answer, down where none did. A host down from some sites only is a network problem between them (alert KmsHostDownFromSomeSites); from every site, a host problem (KmsHostDownFromAllSites). Exporters without a site label get a row per instance. Unitless: each row is an up/down state.',
      },
      tcp_connect_duration: {
        title: 'TCP connect duration',
        description: 'kms_host_tcp_connect_duration_seconds: time to connect to the KMS port, or the time spent until the connect failed (a timeout shows the full budget).',
      },
      probe_duration: {
        title: 'Probe duration',
        description: 'kms_host_probe_duration_seconds: the whole per-cycle probe of the host (DNS, TCP, RPC bind and, when due, the activation requests), bounded by `timeout`.',
      },
      activation_per_product_row: {
        title: 'Activation per product',
      },
      activation_now: {
        title: 'Activation now',
        description: "The latest activation request per product (refreshed every `activation_interval`): status, the HRESULT by name (0 = OK), the host's current count (only from a successful answer) and the product's required count N. Clients activate only when the count is at least N. Unmapped codes are shown in hexadecimal; `kms_exporter explain CODE` prints the cause and fix of any code in English, Korean or Japanese. Unitless: status and HRESULT are codes shown by name; the count columns are numbers of clients.",
      },
      activation_status_per_product: {
        title: 'Activation status per product',
        description: 'kms_activation_status over time per product: ok, refused (the host answered with an HRESULT), invalid_response (the answer failed verification), rpc_error, unreachable. The query encodes the state as a number (1 = ok, 2 = refused, 3 = invalid_response, 4 = rpc_error, 5 = unreachable) shown by name. Unitless: the values are state codes.',
      },
      hresult_per_product: {
        title: 'HRESULT per product',
        description: 'kms_activation_hresult over time per product, by name: OK or the code the host refuses that product with. Unmapped codes are shown in hexadecimal; `kms_exporter explain CODE` prints the cause and fix of any code in English, Korean or Japanese.',
      },
      activation_count_against_required: {
        title: 'Activation count against required',
        description: "Per product: the host's current count (solid, distinct clients in the last 30 days, from successful answers only) and the product's required count N (dashed). Clients of the product activate only while the solid line is at or above the dashed one. The exporter itself counts as one client per product family.",
      },
      clock_the_4_hour_kms_limit_row: {
        title: 'Clock: the 4-hour KMS limit',
      },
      clock_offset_against_4_h: {
        title: 'Clock offset against ±4 h',
        description: 'kms_host_clock_offset_seconds per method (ntp, smb): host clock minus exporter clock (positive = host ahead). Shaded bands: 1 h warning, 3 h critical (KmsHostClockSkew), and the 4 h limit beyond which the host refuses every client with 0xC004F06C. The scale spans at least ±4 h; the next panel shows the same offsets at their own scale.',
      },
      clock_offset_detail: {
        title: 'Clock offset (detail)',
        description: "The same kms_host_clock_offset_seconds at its own scale, to see drift and jumps well below the limits, and kms_exporter_clock_offset_seconds: the exporter's own clock against its reference NTP servers, which every host offset inherits.",
      },
      clock_probe_round_trip_time: {
        title: 'Clock probe round-trip time',
        description: "kms_host_clock_rtt_seconds per method: the round trip of the NTP or SMB exchange. The offset's uncertainty is about half of it.",
      },
      clock_probe_success: {
        title: 'Clock probe success',
        description: 'kms_host_clock_probe_success per method: whether the NTP (UDP 123) or SMB (TCP 445) clock measurement of the host worked. A failing method leaves no offset for it. Unitless: success/failure states.',
      },
      ntp_stratum_and_leap_indicator: {
        title: 'NTP stratum and leap indicator',
        description: "From the host's NTP answer: kms_host_clock_ntp_stratum (1 = attached to a reference clock, higher = further from it, 16 = unsynchronized) and kms_host_clock_ntp_leap (0 no warning, 1 / 2 leap second pending, 3 = the host's clock is not synchronized). Unitless: a stratum is a level and the leap indicator a code.",
      },
      identity_and_protocol_row: {
        title: 'Identity and protocol',
      },
      epid_host_os_host_key_and_hwid: {
        title: 'ePID, host OS, host key and HwId',
        description: 'Per application (windows, office, office-2010), decoded from the ePID the host returns (kms_host_info): host OS and build, host key type (csvlk), language (lcid), the full ePID and the hardware ID. Unitless: every column is a label.',
      },
      protocol_versions: {
        title: 'Protocol versions',
        description: 'kms_host_protocol_version_supported: each KMS protocol version tried, supported or refused with 0x8007000D. V6 is tried first, older ones only after a refusal. Unitless: supported/refused states.',
      },
      intervals_given_to_clients: {
        title: 'Intervals given to clients',
        description: 'kms_host_activation_interval_seconds (how soon an unactivated client retries, default 2 h) and kms_host_renewal_interval_seconds (how often an activated client renews, default 7 days), as the host announces them.',
      },
      intervals_over_time: {
        title: 'Intervals over time',
        description: "The same intervals over time, to see when a host's configuration changed (slmgr /sai, /sri).",
      },
    },
  },
}
