// Every file generated from the mixin, by path from the repository root. scripts/mixin.sh writes
// them with `jsonnet -J mixin -S -m . mixin/generated.jsonnet`; tests/integration/mixin.rs checks
// that the committed files are what it writes. `jsonnet -S` ends each file with a newline, so
// the texts here end without one.
local mixin = import 'mixin.libsonnet';
local render = import 'render.libsonnet';
local withoutFinalNewline(text) =
  assert std.endsWith(text, '\n');
  std.substr(text, 0, std.length(text) - 1);

{
  'alerts/kms_exporter.rules.yml': withoutFinalNewline(render.ruleFile(mixin)),
  // Korean and Japanese on-call: the same rules with the texts and runbook links of the language.
  // In directories of their own, beside the English file that alerts/tests/ tests.
  'alerts/ko/kms_exporter.rules.yml': withoutFinalNewline(render.ruleFile(mixin { _config+:: { language: 'ko' } })),
  'alerts/ja/kms_exporter.rules.yml': withoutFinalNewline(render.ruleFile(mixin { _config+:: { language: 'ja' } })),
  'examples/kubernetes/prometheusrule.yaml': withoutFinalNewline(render.prometheusRule(mixin)),
} + {
  // The dashboards in English, and in Korean and Japanese in directories of their own (with uids
  // of their own, so that all three can be provisioned into one Grafana).
  [std.join('/', ['grafana'] + (if language == 'en' then [] else [language]) + [file])]:
    local translated = mixin { _config+:: { language: language } };
    render.dashboard(translated.grafanaDashboards[file])
  for language in ['en', 'ko', 'ja']
  for file in std.objectFields(mixin.grafanaDashboards)
}
