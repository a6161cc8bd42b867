// Builders for one rule of the rule pack. A rule's hidden fields `comment` (the lines above it)
// and `note` (the lines under its name) keep the explanations of alerts/kms_exporter.rules.yml
// in the rendered file; Prometheus never sees them.
local catalog = import 'catalog.libsonnet';
local checkedLanguage = import 'language.libsonnet';
local dashboardUIDs = import 'uids.libsonnet';
local yaml = import 'yaml.libsonnet';

// The site label is `site` in the texts below; a deployment that names it otherwise gets every
// selector, aggregation and template reference renamed. Expressions are format strings over
// _config: `%(kmsExporterSelector)s` in every kms_* selector keeps the pack to the exporter's jobs
// (a literal percent sign is written `%%`).
local siteTokens = ['without (%s)', 'ignoring (%s)', '(instance, %s)', 'exporter, %s)', '$labels.%s', '.Labels.%s', 'sortByLabel "%s"'];
local renameSite(config, text) =
  std.foldl(
    function(acc, token) std.strReplace(acc, token % 'site', token % config.siteLabel),
    siteTokens,
    text,
  );

// The dashboard an alert links to (`dashboard_url`), filled in by Prometheus from the alert's
// labels: the host drill-down for an alert that names a host, else the overview; each label that
// is a dashboard variable sets it. `$labels.site` follows _config.siteLabel (renameSite).
local dashboardURL(config, language) =
  local uids = dashboardUIDs(language);
  '%(grafana)s/d/{{ if $labels.host }}%(host)s/kms-host{{ else }}%(overview)s/kms-overview{{ end }}?from=now-6h&to=now' % {
    grafana: config.grafanaURL,
    host: uids.host,
    overview: uids.overview,
  } + std.join('', [
    '{{ with $labels.%s }}&var-%s={{ . | urlquery }}{{ end }}' % [label, label]
    for label in ['site', 'job', 'instance', 'domain', 'host']
  ]);

local texts = {
  en: import '../lang/en.libsonnet',
  ko: import '../lang/ko.libsonnet',
  ja: import '../lang/ja.libsonnet',
};

{
  record(config, name, spec):: {
    record: name,
    expr: renameSite(config, spec.expr % config),
    comment:: std.get(spec, 'comment', []),
    note:: std.get(spec, 'note', []),
  },

  alert(config, name, spec)::
    local language = checkedLanguage(config, texts);
    local text = texts[language][name];
    local description = renameSite(config, text.description);
    {
      alert: name,
      expr: renameSite(config, spec.expr % config),
      'for': config.forDurations[name],
      labels: { severity: spec.severity },
      annotations: {
        summary: text.summary,
        description: yaml.fold(description),
        // The lines of the description as written, so that the rendered file keeps them.
        descriptionSource:: description,
        // The client error codes behind the alert, from the error-code catalog (src/codes/).
        error_codes: std.get(catalog.errorCodes, name, 'none'),
        runbook_url: config.runbookURLPattern % { language: language, anchor: std.asciiLower(name) },
        dashboard_url: renameSite(config, dashboardURL(config, language)),
      },
      comment:: std.get(spec, 'comment', []),
      note:: std.get(spec, 'note', []),
    },
}
