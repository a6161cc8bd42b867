// The uids of the dashboards in a language: English keeps the uids the dashboards always had; a
// translation gets uids of its own, so that every language can be provisioned into one Grafana
// side by side. The alerts' `dashboard_url` (lib/rule.libsonnet) links to them.
function(language) {
  overview: if language == 'en' then 'kms-overview' else 'kms-overview-' + language,
  host: if language == 'en' then 'kms-host' else 'kms-host-' + language,
}
