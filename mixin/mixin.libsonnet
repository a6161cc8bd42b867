// The kms_exporter monitoring mixin: prometheusRules (the recording rule the alerts use),
// prometheusAlerts and _config. mixin/README.md shows how to import and configure it.
(import 'config.libsonnet') + (import 'rules.libsonnet') + (import 'dashboards.libsonnet')
