local catalog = import 'lib/catalog.libsonnet';
local duration = import 'lib/duration.libsonnet';

{
  _config+:: {
    // Selects the scrape jobs of kms_exporter: every kms_* selector of the rules and `up` of
    // KmsExporterDown carry it, so that other jobs' series never reach the alerts. The default
    // matches the job names of examples/prometheus/ (kms, kms_exporter, kms_probe) and of
    // examples/kubernetes/ (kms-exporter); name yours here, e.g. 'job="windows-kms"'.
    kmsExporterSelector: 'job=~"kms|kms_exporter|kms_probe|kms-exporter"',

    // The target label that names an exporter's site (examples/prometheus/multi-site.yml). The
    // site-comparison alerts aggregate over it and the descriptions name it.
    siteLabel: 'site',

    // The language of the alerts' summaries, descriptions and runbook links: en, ko or ja.
    language: 'en',

    // Where an alert's runbook_url points. %(language)s is the language; %(anchor)s is the alert
    // name in lowercase, the anchor of its section in docs/runbooks/<language>.md.
    runbookURLPattern: catalog.runbookURLPattern,

    // The exporters' `interval` and `activation_interval` (examples/kms_exporter.yml). A DNS
    // answer, connection or bind is new every `interval`; an activation answer only every
    // `activation_interval`, and the exporter repeats it in between. The `for:` durations below
    // that depend on them grow with them (see forDurations).
    probeInterval: '1m',
    activationInterval: '15m',

    // Forecasts (tickets before clients fail). The activation count: heading below the product's
    // threshold within countForecastHorizon, judged from countForecastWindow of history (no
    // forecast until that much exists). A host clock: heading past the 4-hour limit within
    // clockForecastHorizon, judged from clockForecastWindow.
    countForecastHorizon: '14d',
    countForecastWindow: '3d',
    clockForecastHorizon: '1d',
    clockForecastWindow: '1h',
    countForecastHorizonSeconds:: duration.seconds(self.countForecastHorizon),
    clockForecastHorizonSeconds:: duration.seconds(self.clockForecastHorizon),
    // The KMS limit on the difference between client and host clocks (the catalog's).
    clockToleranceSeconds:: catalog.clockToleranceSeconds,

    // When someone reads tickets: weekdays from businessDayStartHour to businessDayEndHour
    // (fractions allowed: 17.5 is 17:30), local time at businessUTCOffsetHours (Korea and Japan:
    // +9). Outside them, KmsHostClockSkewPastLimitBeforeBusinessDay pages when a host clock will
    // pass the 4-hour limit before they begin again, and KmsExporterDownOutsideBusinessHours when
    // no exporter of a site can be scraped. Public holidays are not known to it. Keep
    // it in step with the time intervals of examples/alertmanager.yml.
    businessDayStartHour: 9,
    businessDayEndHour: 18,
    businessUTCOffsetHours: 9,

    // The objective for the share of a site's clients that can activate a product of a domain,
    // over 30 days (kms:domain_activation_success:ratio_30d). 0.99 allows 7.2 hours a month
    // in which no client of the site could activate (or 14.4 hours with half of them refused).
    activationAvailabilityObjective: 0.99,

    // How long each alert's condition must hold before it fires. The runbooks explain each one;
    // an alert that examples/alertmanager.yml lets silence another must not wait longer than it.
    // Alerts on an answer that changes every probeInterval wait at least three answers
    // (two for the site comparisons, so that they still come first); alerts on an activation
    // answer wait at least activationInterval plus two probeIntervals, so that one answer —
    // repeated until the next request — never fires them alone.
    local perCycle(wait) = duration.atLeast(wait, 3, self.probeInterval, '0s'),
    local perSiteComparison(wait) = duration.atLeast(wait, 2, self.probeInterval, '0s'),
    local perActivation(wait) =
      duration.atLeast(wait, 1, self.activationInterval, duration.text(2 * duration.seconds(self.probeInterval))),
    forDurations: {
      KmsClientsCannotActivate: perActivation('10m'),
      KmsSomeClientsCannotActivate: perActivation('30m'),
      KmsSrvRecordMissingOnNameserver: perCycle('1h'),
      KmsDnsServerFailing: perCycle('10m'),
      KmsUnexpectedHostPublished: perCycle('15m'),
      KmsExpectedHostNotPublished: perCycle('1h'),
      KmsDomainSingleHost: perCycle('1h'),
      KmsSrvTargetUnresolvable: perCycle('15m'),
      KmsHostPortUnreachable: perCycle('10m'),
      KmsHostAddressUnreachable: perCycle('30m'),
      KmsHostRpcBindFailing: perCycle('10m'),
      KmsHostProtocolVersionUnsupported: perActivation('30m'),
      KmsHostInvalidResponse: perActivation('30m'),
      KmsHostDownFromAllSites: perSiteComparison('5m'),
      KmsHostDownFromSomeSites: perSiteComparison('5m'),
      KmsActivationCountBelowThreshold: perActivation('6h'),
      KmsActivationCountHeadingBelowThreshold: perActivation('6h'),
      KmsHostNotActivated: perActivation('30m'),
      KmsHostProductNotSupported: perActivation('30m'),
      KmsHostTimestampRefused: perActivation('30m'),
      KmsHostOvercharged: perActivation('30m'),
      KmsActivationRefused: perActivation('30m'),
      KmsHostClockSkew: perCycle('15m'),
      KmsHostClockSkewHeadingPastLimit: perCycle('15m'),
      KmsHostClockSkewPastLimitBeforeBusinessDay: perCycle('15m'),
      KmsActivationAvailabilityBelowObjective: '1h',
      KmsExporterDown: '10m',
      KmsExporterDownOutsideBusinessHours: '30m',
      KmsExporterProbesStale: '5m',
      KmsExporterConfigReloadFailed: '10m',
      KmsExporterClockUnsynchronized: perCycle('15m'),
      KmsExporterNothingProbed: perCycle('15m'),
    },

    // The dashboards (grafana/*.json): their tags, auto-refresh and time zone ('browser', 'utc' or
    // an IANA zone such as 'Asia/Seoul'), and the Grafana they are served from. `grafanaURL` is
    // where each alert's `dashboard_url` annotation points: set it to your Grafana's address (no
    // trailing slash) and re-render; the link opens the host drill-down for alerts that name a
    // host and the overview for the others, with the alert's labels as the dashboard variables.
    dashboardTags: ['kms', 'kms_exporter', 'windows'],
    dashboardRefresh: '1m',
    dashboardTimezone: 'browser',
    grafanaURL: 'https://grafana.example.com',
  },
}
