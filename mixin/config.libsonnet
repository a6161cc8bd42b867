local catalog = import 'lib/catalog.libsonnet';

{
  _config+:: {
    // Selects the scrape jobs of kms_exporter in `up` (KmsExporterDown). The examples name their
    // jobs kms, kms_exporter and kms_probe.
    kmsExporterSelector: 'job=~"kms.*"',

    // The target label that names an exporter's site (examples/prometheus/multi-site.yml). The
    // site-comparison alerts aggregate over it and the descriptions name it.
    siteLabel: 'site',

    // The language of the alerts' summaries, descriptions and runbook links: en, ko or ja.
    language: 'en',

    // Where an alert's runbook_url points. %(language)s is the language; %(anchor)s is the alert
    // name in lowercase, the anchor of its section in docs/runbooks/<language>.md.
    runbookURLPattern: catalog.runbookURLPattern,

    // How long each alert's condition must hold before it fires. The runbooks explain each one;
    // an alert that examples/alertmanager.yml lets silence another must not wait longer than it.
    forDurations: {
      KmsClientsCannotActivate: '10m',
      KmsSomeClientsCannotActivate: '30m',
      KmsSrvRecordMissingOnNameserver: '1h',
      KmsDnsServerFailing: '10m',
      KmsUnexpectedHostPublished: '15m',
      KmsExpectedHostNotPublished: '1h',
      KmsDomainSingleHost: '1h',
      KmsSrvTargetUnresolvable: '15m',
      KmsHostPortUnreachable: '10m',
      KmsHostAddressUnreachable: '30m',
      KmsHostRpcBindFailing: '10m',
      KmsHostProtocolVersionUnsupported: '30m',
      KmsHostInvalidResponse: '30m',
      KmsHostDownFromAllSites: '5m',
      KmsHostDownFromSomeSites: '5m',
      KmsActivationCountBelowThreshold: '6h',
      KmsHostNotActivated: '30m',
      KmsHostProductNotSupported: '30m',
      KmsHostTimestampRefused: '30m',
      KmsHostOvercharged: '30m',
      KmsActivationRefused: '30m',
      KmsHostClockSkew: '15m',
      KmsExporterDown: '10m',
      KmsExporterProbesStale: '5m',
      KmsExporterConfigReloadFailed: '10m',
      KmsExporterClockUnsynchronized: '15m',
      KmsExporterNothingProbed: '15m',
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
