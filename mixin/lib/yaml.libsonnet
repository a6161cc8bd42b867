// A YAML writer for Prometheus rule files in the layout of alerts/kms_exporter.rules.yml:
// expressions as literal blocks (`|`), descriptions as folded blocks (`>-`) in the lines they were
// written in, comments kept. std.manifestYamlDoc writes the same values but neither the comments
// nor the line breaks of the templates.
local spaces(n) = std.join('', std.makeArray(n, function(_) ' '));
local linesOf(text) =
  local all = std.split(text, '\n');
  if all[std.length(all) - 1] == '' then all[:std.length(all) - 1] else all;
local comments(lines, n) = [spaces(n) + '# ' + line for line in lines];

// A plain scalar when YAML reads it back as the same string, else a double-quoted one (JSON's
// escapes are YAML's).
local unsafeStart = std.stringChars('-?:,[]{}#&*!|>\'"%@`');
local plain(s) =
  s != '' && !std.member(unsafeStart, s[0]) && std.stripChars(s, ' ') == s
  && std.length(std.findSubstr(': ', s)) == 0 && std.length(std.findSubstr(' #', s)) == 0
  && std.length(std.findSubstr('\n', s)) == 0 && s[std.length(s) - 1] != ':'
  && !std.member(['true', 'false', 'null', 'yes', 'no', 'on', 'off', '~'], std.asciiLower(s));
local scalar(s) = if plain(s) then s else std.escapeStringJson(s);

// The value of a folded block whose lines are all equally indented: the lines joined by spaces.
local fold(text) = std.join(' ', linesOf(text));

local literal(key, text, n) =
  assert std.endsWith(text, '\n') && std.length(std.findSubstr('\n\n', text)) == 0 : key + ' must end in one newline';
  [spaces(n) + key + ': |'] + [spaces(n + 2) + line for line in linesOf(text)];

local annotation(annotations, key, n) =
  local value = annotations[key];
  if key == 'description' && std.objectHasAll(annotations, 'descriptionSource')
     && fold(annotations.descriptionSource) == value
  then [spaces(n) + key + ': >-'] + [spaces(n + 2) + line for line in linesOf(annotations.descriptionSource)]
  else [spaces(n) + key + ': ' + scalar(value)];

local ruleLines(rule) =
  comments(std.get(rule, 'comment', [], inc_hidden=true), 6)
  + (if std.objectHas(rule, 'record') then ['      - record: ' + rule.record] else ['      - alert: ' + rule.alert])
  + comments(std.get(rule, 'note', [], inc_hidden=true), 8)
  + literal('expr', rule.expr, 8)
  + (if std.objectHas(rule, 'for') then ['        for: ' + rule['for']] else [])
  + (if std.objectHas(rule, 'labels') then
       ['        labels:'] + ['          %s: %s' % [k, scalar(rule.labels[k])] for k in std.objectFields(rule.labels)]
     else [])
  + (if std.objectHas(rule, 'annotations') then
       local order = ['summary', 'description', 'error_codes', 'runbook_url'];
       local keys = [k for k in order if std.objectHas(rule.annotations, k)]
                    + [k for k in std.objectFields(rule.annotations) if !std.member(order, k)];
       ['        annotations:'] + std.flattenArrays([annotation(rule.annotations, k, 10) for k in keys])
     else []);

local groupLines(group) =
  ['  - name: ' + group.name]
  + comments(std.get(group, 'comment', [], inc_hidden=true), 4)
  + ['    rules:']
  + std.join([''], [ruleLines(rule) for rule in group.rules]);

{
  fold:: fold,

  // The rule file: `header` (comment lines, each starting with '#', or empty) and `groups`.
  ruleFile(header, groups)::
    std.join('\n', linesOf(header) + ['', 'groups:'] + std.join([''], [groupLines(g) for g in groups])) + '\n',
}
