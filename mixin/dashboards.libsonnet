// The Grafana dashboards of the mixin, keyed by file name as monitoring mixins do: the overview
// and the host drill-down, with titles, descriptions and column names in _config.language.
local host = import 'dashboards/host.libsonnet';
local overview = import 'dashboards/overview.libsonnet';
local checkedLanguage = import 'lib/language.libsonnet';
local dashboardUIDs = import 'lib/uids.libsonnet';

local texts = {
  en: import 'lang/dashboards/en.libsonnet',
  ko: import 'lang/dashboards/ko.libsonnet',
  ja: import 'lang/dashboards/ja.libsonnet',
};

{
  grafanaDashboards+:: {
    local config = $._config,
    local language = checkedLanguage(config, texts),
    local uids = dashboardUIDs(language),
    // The alerts table links each firing alert to its runbook section.
    local alerts = [rule.alert for group in $.prometheusAlerts.groups for rule in group.rules if std.objectHas(rule, 'alert')],
    'kms-overview.json': overview(config, texts[language], uids, alerts),
    'kms-host.json': host(config, texts[language], uids),
  },
}
