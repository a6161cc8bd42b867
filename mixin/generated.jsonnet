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
  'examples/kubernetes/prometheusrule.yaml': withoutFinalNewline(render.prometheusRule(mixin)),
}
