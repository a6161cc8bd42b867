// The language of _config, checked against the languages a set of texts has (lang/*.libsonnet
// for the alerts, lang/dashboards/*.libsonnet for the dashboards): `config.language` itself, or
// an error that names the languages there are.
function(config, texts)
  if std.objectHas(texts, config.language) then config.language
  else error 'language must be one of %s, not %s' % [std.join(', ', std.objectFields(texts)), config.language]
