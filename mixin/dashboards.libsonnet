// The Grafana dashboards of the mixin, keyed by file name as monitoring mixins do: the overview
// and the host drill-down, with titles, descriptions and column names in _config.language.
local host = import 'dashboards/host.libsonnet';
local overview = import 'dashboards/overview.libsonnet';
local checkedLanguage = import 'lib/language.libsonnet';

local texts = {
  en: import 'lang/dashboards/en.libsonnet',
  ko: import 'lang/dashboards/ko.libsonnet',
  ja: import 'lang/dashboards/ja.libsonnet',
};

{
  grafanaDashboards+:: {
    local config = $._config,
    local language = checkedLanguage(config, texts),
    // English keeps the uids the dashboards always had; a translation gets uids of its own, so
    // that every language can be provisioned into one Grafana side by side.
    local uids = {
      overview: if language == 'en' then 'kms-overview' else 'kms-overview-' + language,
      host: if language == 'en' then 'kms-host' else 'kms-host-' + language,
    },
    'kms-overview.json': overview(config, texts[language], uids),
    'kms-host.json': host(config, texts[language], uids),
  },
}
