// The alert and recording rules of kms_exporter, in the order of alerts/kms_exporter.rules.yml.
// Summaries and descriptions come from lang/<language>.libsonnet; `for:` durations, the site
// label, the exporter selector and runbook links from _config (mixin.libsonnet). The comments
// (hidden fields) are written into the rendered YAML file.
local rule = import 'lib/rule.libsonnet';

// Seconds until someone reads a ticket (kms:business_hours:seconds_until); a format string over
// _config like the expressions.
local businessHoursSecondsUntil = |||
  (
    1 - (
        (day_of_week(vector(time() + %(businessUTCOffsetHours)s * 3600)) >= bool 1)
      * (day_of_week(vector(time() + %(businessUTCOffsetHours)s * 3600)) <= bool 5)
      * (vector((time() + %(businessUTCOffsetHours)s * 3600) %% 86400) >= bool %(businessDayStartHour)s * 3600)
      * (vector((time() + %(businessUTCOffsetHours)s * 3600) %% 86400) < bool %(businessDayEndHour)s * 3600)
    )
  )
  * (
      vector((%(businessDayStartHour)s * 3600 - (time() + %(businessUTCOffsetHours)s * 3600) %% 86400 + 86400) %% 86400)
    + 2 * 86400 * (day_of_week(vector(time() + %(businessUTCOffsetHours)s * 3600 + (%(businessDayStartHour)s * 3600 - (time() + %(businessUTCOffsetHours)s * 3600) %% 86400 + 86400) %% 86400)) == bool 6)
    + 86400 * (day_of_week(vector(time() + %(businessUTCOffsetHours)s * 3600 + (%(businessDayStartHour)s * 3600 - (time() + %(businessUTCOffsetHours)s * 3600) %% 86400 + 86400) %% 86400)) == bool 0)
  )
|||;

{
  prometheusRules+:: {
    groups+: [
    {
      name: "kms-exporter-clock-trust",
      rules: [
        rule.record($._config, "kms_exporter:clock_untrusted", {
          comment: [
            "One series, value 1, per exporter whose clock cannot be trusted:",
            "- a clock.reference server is reachable and every one of them differs by more than 5 min;",
            "- seen from Prometheus's clock, the last probe cycle ended more than 5 min in the future",
            "  (the exporter's clock runs ahead), or longer ago than two intervals and 5 min (the",
            "  exporter's clock runs behind, or it stopped probing: KmsExporterProbesStale).",
            "The second and third work without clock.reference.",
          ],
          expr: |||
            group without () (
              min without (server) (abs(kms_exporter_clock_offset_seconds{%(kmsExporterSelector)s})) > 300
            )
            or
            group without () (
              kms_exporter_last_cycle_timestamp_seconds{%(kmsExporterSelector)s} - time() > 300
            )
            or
            group without () (
              time() - kms_exporter_last_cycle_timestamp_seconds{%(kmsExporterSelector)s}
                > 2 * kms_exporter_probe_interval_seconds{%(kmsExporterSelector)s} + 300
            )
          |||,
        }),
      ],
    },
    {
      name: "kms-exporter-business-day",
      rules: [
        rule.record($._config, "kms:business_hours:seconds_until", {
          comment: [
            "Seconds until someone reads a ticket: 0 within business hours (weekdays from",
            "businessDayStartHour to businessDayEndHour at UTC offset businessUTCOffsetHours, in",
            "_config: 9 to 18 at +9), otherwise until they next begin (tomorrow's or Monday's",
            "start). Holidays are not known. KmsHostClockSkewPastLimitBeforeBusinessDay computes",
            "the same in its expression, and its description reads this series.",
          ],
          expr: businessHoursSecondsUntil,
        }),
      ],
    },
    {
      name: "kms-exporter-activation-availability",
      rules: [
        rule.record($._config, "kms:domain_activation_success:ratio_1h", {
          comment: [
            "The share of a site's clients that could activate a product of a domain",
            "(kms_domain_activation_result_ratio{hresult=\"0x00000000\"}), averaged over the last",
            "hour, then day, then 30 days; the exporters of one site (instance, exporter) count as",
            "one. The day and 30 days average the hourly values, one per hour.",
          ],
          expr: |||
            avg without (instance, exporter, hresult) (
              avg_over_time(kms_domain_activation_result_ratio{%(kmsExporterSelector)s,hresult="0x00000000"}[1h])
            )
          |||,
        }),
        rule.record($._config, "kms:domain_activation_success:ratio_1d", {
          expr: |||
            avg_over_time(kms:domain_activation_success:ratio_1h[1d:1h])
          |||,
        }),
        rule.record($._config, "kms:domain_activation_success:ratio_30d", {
          expr: |||
            avg_over_time(kms:domain_activation_success:ratio_1h[30d:1h])
          |||,
        }),
      ],
    },
    ],
  },

  prometheusAlerts+:: {
    groups+: [
    {
      name: "kms-exporter-clients",
      comment:: [
        "What a site's clients would get if they activated now. Each exporter reports for its site; the",
        "page is per site, domain, product and client code, and Alertmanager groups it by domain and",
        "product. A count below the threshold (0xC004F038) is a capacity state, not an outage: clients",
        "stay in their grace period and retry (KmsActivationCountBelowThreshold tickets it). A",
        "timestamp refusal (0xC004F06C) seen by an exporter whose own clock is untrusted says nothing",
        "about the host. An exporter whose last cycle is stale (KmsExporterProbesStale) does not page",
        "on its last results; examples/alertmanager.yml holds back its tickets the same way.",
      ],
      rules: [
        rule.alert($._config, "KmsClientsCannotActivate", {
          expr: |||
            (
                kms_domain_activation_result_ratio{%(kmsExporterSelector)s,hresult!~"0x00000000|0xC004F038|0xC004F06C"} > 0
              or
                (
                  kms_domain_activation_result_ratio{%(kmsExporterSelector)s,hresult="0xC004F06C"} > 0
                  unless on (job, instance) kms_exporter:clock_untrusted
                  unless on (exporter) kms_exporter:clock_untrusted{exporter!=""}
                )
            )
            and ignoring (hresult)
            (kms_domain_activation_result_ratio{%(kmsExporterSelector)s,hresult="0x00000000"} == 0)
            unless on (job, instance)
            (
              time() - kms_exporter_last_cycle_timestamp_seconds{%(kmsExporterSelector)s}
                > 2 * kms_exporter_probe_interval_seconds{%(kmsExporterSelector)s} + 300
            )
          |||,
          severity: "critical",
        }),
        rule.alert($._config, "KmsSomeClientsCannotActivate", {
          note: [
            "Some clients of the site activate, the others draw a host that refuses them. They retry",
            "every two hours and may draw another host: a ticket.",
          ],
          expr: |||
            (
                kms_domain_activation_result_ratio{%(kmsExporterSelector)s,hresult!~"0x00000000|0xC004F038|0xC004F06C"} > 0
              or
                (
                  kms_domain_activation_result_ratio{%(kmsExporterSelector)s,hresult="0xC004F06C"} > 0
                  unless on (job, instance) kms_exporter:clock_untrusted
                  unless on (exporter) kms_exporter:clock_untrusted{exporter!=""}
                )
            )
            and ignoring (hresult)
            (kms_domain_activation_result_ratio{%(kmsExporterSelector)s,hresult="0x00000000"} > 0)
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsActivationAvailabilityBelowObjective", {
          note: [
            "Over 30 days, a smaller share of the site's clients could activate the product than",
            "_config.activationAvailabilityObjective: the outages and refusals of the month add up",
            "to more than the objective allows. Only while the domain is still probed: a domain",
            "taken out of the configuration leaves no ticket behind. The value is the 30-day share.",
          ],
          expr: |||
            (kms:domain_activation_success:ratio_30d < %(activationAvailabilityObjective)s)
            and
            max without (instance, exporter, hresult) (kms_domain_activation_result_ratio{%(kmsExporterSelector)s,hresult="0x00000000"})
          |||,
          severity: "warning",
        }),
      ],
    },
    {
      name: "kms-exporter-dns",
      rules: [
        rule.alert($._config, "KmsSrvRecordMissingOnNameserver", {
          note: [
            "One DNS server lacks the record while another server queried from the same exporter",
            "returns it (status ok). A server that fails (SERVFAIL, timeout) proves nothing about the",
            "record: KmsDnsServerFailing reports it. When every server lacks the record, clients",
            "get 0x8007232B and KmsClientsCannotActivate pages instead.",
          ],
          expr: |||
            (
              max without (status) (kms_dns_srv_status{%(kmsExporterSelector)s,status=~"nxdomain|nodata"}) == 1
            )
            and ignoring (nameserver)
            (
              max without (nameserver, status) (kms_dns_srv_status{%(kmsExporterSelector)s,status="ok"}) == 1
            )
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsDnsServerFailing", {
          note: [
            "The share of the last hour in which the server's latest answer was a failure, so that a",
            "server failing most lookups fires although each good answer in between ends the",
            "condition for a cycle.",
          ],
          expr: |||
            avg_over_time(
              (max without (status) (kms_dns_srv_status{%(kmsExporterSelector)s,status=~"servfail|refused|timeout|error"}))[1h:1m]
            ) >= 0.5
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsUnexpectedHostPublished", {
          note: [
            "Only with `expected_hosts` configured: a host outside the allow-list publishes _vlmcs.",
          ],
          expr: |||
            kms_dns_srv_record_expected{%(kmsExporterSelector)s} == 0
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsExpectedHostNotPublished", {
          note: [
            "Only with `expected_hosts` configured.",
          ],
          expr: |||
            kms_dns_expected_host_published{%(kmsExporterSelector)s} == 0
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsDomainSingleHost", {
          expr: |||
            kms_domain_hosts{%(kmsExporterSelector)s} == 1
          |||,
          severity: "info",
        }),
      ],
    },
    {
      name: "kms-exporter-hosts",
      comment:: [
        "Where one host's probe stops, as seen from one exporter. A client that draws such a host",
        "tries the next one; KmsClientsCannotActivate pages when none is left.",
      ],
      rules: [
        rule.alert($._config, "KmsSrvTargetUnresolvable", {
          note: [
            "A name that no exporter of the job resolves (its A record was removed) is one alert",
            "for the host, without `instance` and `site`: one ticket, whatever the number of sites.",
            "A name that only some exporters cannot resolve (a site's DNS view) is one alert per",
            "such exporter.",
          ],
          expr: |||
            (
              max without (instance, exporter, site) (kms_host_resolved_addresses{%(kmsExporterSelector)s}) == 0
            )
            or
            (
              (kms_host_resolved_addresses{%(kmsExporterSelector)s} == 0)
              unless on (job, host, port)
              (max without (instance, exporter, site) (kms_host_resolved_addresses{%(kmsExporterSelector)s}) == 0)
            )
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostPortUnreachable", {
          note: [
            "A name without any address is KmsSrvTargetUnresolvable, not this alert.",
          ],
          expr: |||
            (kms_host_tcp_connect_success{%(kmsExporterSelector)s} == 0)
            unless
            (kms_host_resolved_addresses{%(kmsExporterSelector)s} == 0)
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostAddressUnreachable", {
          note: [
            "One series per address that fails while another address of the same host connects",
            "(the exporter connects as clients do, RFC 8305 Happy Eyeballs); a host no address of",
            "which connects is KmsHostPortUnreachable instead.",
          ],
          expr: |||
            (kms_host_address_tcp_connect_success{%(kmsExporterSelector)s} == 0)
            and ignoring (address)
            (kms_host_tcp_connect_success{%(kmsExporterSelector)s} == 1)
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostRpcBindFailing", {
          expr: |||
            (kms_host_rpc_bind_success{%(kmsExporterSelector)s} == 0)
            and
            (kms_host_tcp_connect_success{%(kmsExporterSelector)s} == 1)
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostProtocolVersionUnsupported", {
          note: [
            "Either the learned version table says V6 is refused by a host that otherwise answers,",
            "or an activation request was refused with 0x8007000D at every version tried.",
          ],
          expr: |||
            (
              (kms_host_protocol_version_supported{%(kmsExporterSelector)s,version="6"} == 0)
              and ignoring (version)
              (kms_host_up{%(kmsExporterSelector)s} == 1)
            )
            or
            (
              (kms_activation_hresult{%(kmsExporterSelector)s} == 0x8007000D)
              and ignoring (status)
              (kms_activation_status{%(kmsExporterSelector)s,status="refused"} == 1)
            )
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostInvalidResponse", {
          expr: |||
            kms_activation_status{%(kmsExporterSelector)s,status=~"invalid_response|rpc_error"} == 1
          |||,
          severity: "warning",
        }),
      ],
    },
    {
      name: "kms-exporter-sites",
      comment:: [
        "With one exporter per site (a `site` target label, examples/prometheus/multi-site.yml), the",
        "same host seen from several sites tells a host that is down from a site that cannot reach",
        "it. Both rules compare sites, so they stay quiet with a single site or without `site`",
        "labels; the per-host alerts above still report each exporter's view. All exporters of the",
        "comparison must share one `job`; within a site, the exporters (`instance`, and `exporter`",
        "in the /probe layout of examples/prometheus/multi-target.yml, where `instance` is the",
        "probed target) count as one. Both wait less than the per-host alerts they silence in",
        "examples/alertmanager.yml, so that sites noticing a host a cycle apart still send the",
        "site alert first. A host that no site can resolve is KmsSrvTargetUnresolvable's (its",
        "A record is gone), not theirs: one ticket for the one cause.",
      ],
      rules: [
        rule.alert($._config, "KmsHostDownFromAllSites", {
          note: [
            "One series per host that at least two sites probe and none of them reaches; its value",
            "is the number of sites. Within a site, one exporter reaching the host is enough.",
          ],
          expr: |||
            (
              count without (site) (max without (instance, exporter) (kms_host_up{%(kmsExporterSelector)s}) == 0) > 1
            )
            unless
            (
              max without (instance, exporter, site) (kms_host_up{%(kmsExporterSelector)s}) == 1
            )
            unless on (job, host, port)
            (
              max without (instance, exporter, site) (kms_host_resolved_addresses{%(kmsExporterSelector)s}) == 0
            )
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostDownFromSomeSites", {
          note: [
            "One series per site that does not reach a host which another site reaches: that",
            "site's firewall, routing or DNS view, not the host.",
          ],
          expr: |||
            (
              max without (instance, exporter) (kms_host_up{%(kmsExporterSelector)s}) == 0
            )
            and ignoring (site)
            (
              max without (instance, exporter, site) (kms_host_up{%(kmsExporterSelector)s}) == 1
            )
            unless
            (
              max without (instance, exporter) (kms_host_resolved_addresses{%(kmsExporterSelector)s}) == 0
            )
          |||,
          severity: "warning",
        }),
      ],
    },
    {
      name: "kms-exporter-activation",
      comment:: [
        "One host's answer to one product. What it means for the clients of a domain (are there",
        "other hosts that grant them?) is KmsClientsCannotActivate's and KmsSomeClientsCannotActivate's",
        "business; these are the tickets for the host's owner.",
      ],
      rules: [
        rule.alert($._config, "KmsActivationCountBelowThreshold", {
          note: [
            "Only while the host answers successfully: a refusal says nothing about the count.",
          ],
          expr: |||
            (kms_activation_current_clients{%(kmsExporterSelector)s} < kms_activation_required_clients{%(kmsExporterSelector)s})
            and ignoring (status)
            (kms_activation_status{%(kmsExporterSelector)s,status="ok"} == 1)
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsActivationCountHeadingBelowThreshold", {
          note: [
            "The count still meets the threshold, but at the pace it fell over the forecast window",
            "(_config.countForecastWindow, 3 days: deriv) it reaches below it within the horizon",
            "(countForecastHorizon, 14 days): machines stopped renewing. No forecast before the",
            "window holds data, nor while the host refuses. The value is the time left, in seconds.",
          ],
          expr: |||
            (
              (kms_activation_current_clients{%(kmsExporterSelector)s} - kms_activation_required_clients{%(kmsExporterSelector)s} + 1)
              / -deriv(kms_activation_current_clients{%(kmsExporterSelector)s}[%(countForecastWindow)s])
            ) < %(countForecastHorizonSeconds)s > 0
            and
            (present_over_time(kms_activation_current_clients{%(kmsExporterSelector)s}[1h] offset %(countForecastWindow)s))
            and ignoring (status)
            (kms_activation_status{%(kmsExporterSelector)s,status="ok"} == 1)
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostNotActivated", {
          expr: |||
            (kms_activation_hresult{%(kmsExporterSelector)s} == 0xC004F041)
            and ignoring (status)
            (kms_activation_status{%(kmsExporterSelector)s,status="refused"} == 1)
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostProductNotSupported", {
          expr: |||
            (kms_activation_hresult{%(kmsExporterSelector)s} == 0xC004F042)
            and ignoring (status)
            (kms_activation_status{%(kmsExporterSelector)s,status="refused"} == 1)
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostTimestampRefused", {
          note: [
            "Not while the exporter's own clock is untrusted: then the exporter's requests carry a",
            "wrong timestamp and KmsExporterClockUnsynchronized explains the refusals.",
          ],
          expr: |||
            (
              (kms_activation_hresult{%(kmsExporterSelector)s} == 0xC004F06C)
              and ignoring (status)
              (kms_activation_status{%(kmsExporterSelector)s,status="refused"} == 1)
            )
            unless on (job, instance) kms_exporter:clock_untrusted
            unless on (exporter) kms_exporter:clock_untrusted{exporter!=""}
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostOvercharged", {
          expr: |||
            (kms_activation_hresult{%(kmsExporterSelector)s} == 0xC004D104)
            and ignoring (status)
            (kms_activation_status{%(kmsExporterSelector)s,status="refused"} == 1)
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsActivationRefused", {
          note: [
            "Catch-all for refusals that no specific alert above explains. PromQL and Prometheus'",
            "templates cannot format hex, so the description asks Prometheus for the code's eight",
            "hex digits (one series per digit, label `d` = its position) and writes 10-15 as A-F.",
          ],
          expr: |||
            (
              (kms_activation_hresult{%(kmsExporterSelector)s} != 0)
              and ignoring (status)
              (kms_activation_status{%(kmsExporterSelector)s,status="refused"} == 1)
            )
            unless
            (
                kms_activation_hresult{%(kmsExporterSelector)s} == 0xC004F041
              or
                kms_activation_hresult{%(kmsExporterSelector)s} == 0xC004F042
              or
                kms_activation_hresult{%(kmsExporterSelector)s} == 0xC004F06C
              or
                kms_activation_hresult{%(kmsExporterSelector)s} == 0xC004D104
              or
                kms_activation_hresult{%(kmsExporterSelector)s} == 0x8007000D
            )
          |||,
          severity: "warning",
        }),
      ],
    },
    {
      name: "kms-exporter-clock",
      rules: [
        rule.alert($._config, "KmsHostClockSkew", {
          comment: [
            "min over methods: a host is skewed only if every method that measured it agrees. A clock",
            "beyond the 4-hour limit makes the host refuse clients with 0xC004F06C, which",
            "KmsClientsCannotActivate pages for when no other host grants them; this ticket comes",
            "first, while the clock drifts.",
          ],
          expr: |||
            (min without (method) (abs(kms_host_clock_offset_seconds{%(kmsExporterSelector)s})) > 3600)
            unless on (job, instance) kms_exporter:clock_untrusted
            unless on (exporter) kms_exporter:clock_untrusted{exporter!=""}
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostClockSkewHeadingPastLimit", {
          comment: [
            "Forecasts from the offset's pace over _config.clockForecastWindow (1 hour, sampled every",
            "probeInterval; deriv). The ticket: the clock passes the 4-hour limit within",
            "clockForecastHorizon (1 day). The page: outside business hours, it passes the limit",
            "before they begin again (kms:business_hours:seconds_until), so nobody would read the",
            "ticket in time. Both only while the clock is within the limit, and not while the",
            "exporter's own clock is untrusted. Their value is the time left, in seconds.",
          ],
          expr: |||
            (
              (%(clockToleranceSeconds)s - min without (method) (abs(kms_host_clock_offset_seconds{%(kmsExporterSelector)s})))
              / deriv((min without (method) (abs(kms_host_clock_offset_seconds{%(kmsExporterSelector)s})))[%(clockForecastWindow)s:%(probeInterval)s])
            ) < %(clockForecastHorizonSeconds)s >= 0
            unless on (job, instance) kms_exporter:clock_untrusted
            unless on (exporter) kms_exporter:clock_untrusted{exporter!=""}
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsHostClockSkewPastLimitBeforeBusinessDay", {
          // The same seconds as kms:business_hours:seconds_until, computed here: a rule of another
          // group may not have been evaluated yet at this evaluation.
          expr: |||
            (
              (%(clockToleranceSeconds)s - min without (method) (abs(kms_host_clock_offset_seconds{%(kmsExporterSelector)s})))
              / deriv((min without (method) (abs(kms_host_clock_offset_seconds{%(kmsExporterSelector)s})))[%(clockForecastWindow)s:%(probeInterval)s])
            ) < scalar(
||| + std.join('\n', ['              ' + line for line in std.split(std.stripChars(businessHoursSecondsUntil, '\n'), '\n')]) + '\n' + |||
            ) >= 0
            unless on (job, instance) kms_exporter:clock_untrusted
            unless on (exporter) kms_exporter:clock_untrusted{exporter!=""}
          |||,
          severity: "critical",
        }),
      ],
    },
    {
      name: "kms-exporter-self",
      rules: [
        rule.alert($._config, "KmsExporterDown", {
          note: [
            "The monitoring-mixins convention: a target of an exporter job that Prometheus cannot",
            "scrape. A target removed from the scrape configuration has no `up` and no alert; a",
            "Prometheus without kms_exporter jobs has nothing to match.",
          ],
          expr: 'up{%(kmsExporterSelector)s} == 0\n',
          severity: "warning",
        }),
        rule.alert($._config, "KmsExporterDownOutsideBusinessHours", {
          note: [
            "KmsExporterDown's ticket waits for business hours, and a site whose exporters are all",
            "down cannot page (KmsClientsCannotActivate reads their results). Outside business hours",
            "(kms:business_hours:seconds_until > 0), a site (or, without site labels, a job) none of",
            "whose exporter targets Prometheus can scrape pages. An exporter of an HA pair that",
            "still answers keeps the site watched: no page.",
          ],
          expr: |||
            (max without (instance, exporter) (up{%(kmsExporterSelector)s}) == 0)
            and on () (kms:business_hours:seconds_until > 0)
          |||,
          severity: "critical",
        }),
        rule.alert($._config, "KmsExporterProbesStale", {
          note: [
            "A cycle starts every interval (plus up to 5% jitter) and ends within the exporter's",
            "timeout, so a healthy exporter's last cycle is never older than about two intervals.",
          ],
          expr: |||
            time() - kms_exporter_last_cycle_timestamp_seconds{%(kmsExporterSelector)s}
              > 2 * kms_exporter_probe_interval_seconds{%(kmsExporterSelector)s} + 300
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsExporterConfigReloadFailed", {
          expr: |||
            kms_exporter_config_last_reload_successful{%(kmsExporterSelector)s} == 0
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsExporterClockUnsynchronized", {
          note: [
            "With clock.reference: min over reference servers, so one broken reference server does",
            "not fire this. Without it (or as well): a last cycle that ended in the future by",
            "Prometheus's clock. A clock that runs behind looks like KmsExporterProbesStale.",
          ],
          expr: |||
            (min without (server) (abs(kms_exporter_clock_offset_seconds{%(kmsExporterSelector)s})) > 300)
            or
            (kms_exporter_last_cycle_timestamp_seconds{%(kmsExporterSelector)s} - time() > 300)
          |||,
          severity: "warning",
        }),
        rule.alert($._config, "KmsExporterNothingProbed", {
          note: [
            "No domain and no host configured, or none found in /etc/resolv.conf. An exporter that",
            "only serves /probe (domains: []) is left out when the probe job names it in an",
            "`exporter` label (examples/prometheus/multi-target.yml).",
          ],
          expr: |||
            (sum without (kind) (kms_exporter_targets{%(kmsExporterSelector)s}) == 0)
            unless on (exporter) probe_success{exporter!=""}
          |||,
          severity: "warning",
        }),
      ],
    },
    ],
  },
}
