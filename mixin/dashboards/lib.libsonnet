// Small builders for the Grafana dashboards of the mixin (dashboards/*.libsonnet): the data
// source, the three kinds of query, links between the dashboards, and the field settings most
// panels share. Plain JSON objects: Grafana 10 or later reads them as they are.
local datasource = { type: 'prometheus', uid: '${datasource}' };
// The scrape jobs of kms_exporter (_config.kmsExporterSelector), first in every selector, so that
// another job's series of the same names never reach a panel. See query() below.
local exporter(config) = if config.kmsExporterSelector == '' then [] else [config.kmsExporterSelector];
local selector(config) =
  std.join(', ', exporter(config) + ['%s=~"$site", job=~"$job", instance=~"$instance"' % config.siteLabel]);

// A series every kms_exporter response has, in both layouts: /metrics always has the build info;
// a /probe response (the multi-target layout, examples/prometheus/multi-target.yml) has no
// exporter series, but a domain probe always has kms_dns_srv_status and a host probe kms_host_up.
local exporterSeries(config, matchers) =
  '{%s}' % std.join(', ', ['__name__=~"kms_exporter_build_info|kms_dns_srv_status|kms_host_up"'] + exporter(config) + matchers);

// A query variable: one, several or all of the label values a query finds.
local variable(name, query, texts, regex='', multi=true) = {
  type: 'query',
  name: name,
  label: texts[name].label,
  description: texts[name].description,
  datasource: datasource,
  definition: query,
  query: { query: query, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
  refresh: 2,
  regex: regex,
  sort: 1,
  hide: 0,
  multi: multi,
  includeAll: multi,
  options: [],
  skipUrlSync: false,
  current: if multi then { selected: true, text: ['All'], value: ['$__all'] } else {},
} + (if multi && regex == '' then {
       // Grafana's dashboard linter wants `.+` for job and instance (every series has both);
       // `site` keeps `.*` so that "All" also matches exporters without a site label.
       allValue: if std.member(['job', 'instance'], name) then '.+' else '.*',
     } else {});

local target(refId, expr, legendFormat, kind) = {
  datasource: datasource,
  refId: refId,
  expr: expr,
  editorMode: 'code',
  legendFormat: legendFormat,
} + kind;

{
  // Every panel and query reads the data source the `datasource` variable selects, so the same
  // JSON works through the import dialog and through file provisioning.
  datasource: datasource,

  // An instant query whose series become the rows of a table.
  table(refId, expr, legendFormat):: target(refId, expr, legendFormat, { format: 'table', instant: true, range: false }),
  // A query over the dashboard's time range, one line or band per series.
  range(refId, expr, legendFormat):: target(refId, expr, legendFormat, { format: 'time_series', instant: false, range: true }),
  // An instant query for stat and bar gauge panels.
  instant(refId, expr, legendFormat):: target(refId, expr, legendFormat, { format: 'time_series', instant: true, range: false }),

  // The address of a dashboard; Grafana only needs the uid, the slug is for people reading it.
  dashboardURL(uid, slug):: '/d/%s/%s' % [uid, slug],

  // The matchers every query starts its selectors with: the sites, scrape jobs and exporter
  // instances the variables select. A query writes `%(sel)s` where they go, `%(site)s` for the
  // site label's name (_config.siteLabel) and `%%` for a literal `%`.
  query(config):: function(expr) expr % { sel: selector(config), site: config.siteLabel },

  // The same for the recording rules kms:domain_activation_success:ratio_* (mixin/rules.libsonnet),
  // which average the exporters of a site: `%(sel)s` without the instance matcher.
  recorded(config):: function(expr)
    expr % { sel: std.join(', ', exporter(config) + ['%s=~"$site", job=~"$job"' % config.siteLabel]) },

  // kms_host_up of the selected hosts, the highest per site and per `by` labels: up where any
  // exporter of the site got a verified answer. Exporters that carry no site label count as a
  // site of their own, named by their instance (label_join copies it into the site label).
  hostUpPerSite(config, by)::
    local grouping = std.join(', ', by + [config.siteLabel]);
    local hosts = 'kms_host_up{%s, host=~"$host", %s' % [selector(config), config.siteLabel];
    'max by (%(g)s) (%(hosts)s!=""})\nor\nmax by (%(g)s) (label_join(%(hosts)s=""}, "%(site)s", "", "instance"))'
    % { g: grouping, hosts: hosts, site: config.siteLabel },

  // A data link to the host drill-down for `host` (a Grafana value such as `${__value.raw}`),
  // keeping the data source, the exporters and the time range.
  hostLink(uids):: function(host)
    self.dashboardURL(uids.host, 'kms-host')
    + '?${datasource:queryparam}&${site:queryparam}&${job:queryparam}&${instance:queryparam}&var-host=%s&${__url_time_range}' % host,

  // A column or legend name, or a link title, in the dashboard's language: `texts.labels` maps
  // the English text to it.
  label(texts):: function(english) texts.labels[english],

  // The variables of both dashboards, each filtered by the ones before it: the data source, then
  // site, job and instance (which exporters), then domain and host. `multiHost` lets the host
  // variable select several hosts (the overview) or one (the drill-down). Sites come from the
  // label _config.siteLabel; where exporters carry none, `site` has only "All", which matches
  // every series.
  variables(config, texts, multiHost):: [
    {
      type: 'datasource',
      name: 'datasource',
      label: texts.datasource.label,
      query: 'prometheus',
      description: texts.datasource.description,
      current: {},
      hide: 0,
      refresh: 1,
      regex: '',
      includeAll: false,
      multi: false,
      options: [],
      skipUrlSync: false,
    },
    variable('site', 'label_values(%s, %s)' % [exporterSeries(config, []), config.siteLabel], texts),
    variable('job', 'label_values(%s, job)' % exporterSeries(config, ['%s=~"$site"' % config.siteLabel]), texts),
    variable('instance', 'label_values(%s, instance)' % exporterSeries(config, ['%s=~"$site"' % config.siteLabel, 'job=~"$job"']), texts),
    variable('domain', 'label_values(kms_domain_hosts{%s}, domain)' % selector(config), texts),
    variable(
      'host',
      local sel = selector(config);
      'query_result((kms_host_up{%(sel)s} and on (job, instance, host, port) kms_domain_host_info{%(sel)s, domain=~"$domain"}) or (kms_host_up{%(sel)s} unless on (job, instance, host, port) kms_domain_host_info{%(sel)s}))' % { sel: sel },
      texts,
      regex='/host="([^"]+)"/',
      multi=multiHost,
    ),
  ],

  // Field settings shared by many panels.
  greenThresholds: {
    mode: 'absolute',
    steps: [
      {
        color: 'green',
        value: null,
      },
    ],
  },
  tableCustom: {
    align: 'auto',
    cellOptions: {
      type: 'auto',
    },
    inspect: false,
    filterable: true,
  },
  colorBackground: {
    id: 'custom.cellOptions',
    value: {
      type: 'color-background',
      mode: 'basic',
    },
  },
  tableFooter: {
    show: false,
    reducer: [
      'sum',
    ],
    countRows: false,
    fields: '',
  },
  redGreenThresholds: {
    mode: 'absolute',
    steps: [
      {
        color: 'red',
        value: null,
      },
      {
        color: 'green',
        value: 1,
      },
    ],
  },
  statOptions: {
    reduceOptions: {
      calcs: [
        'lastNotNull',
      ],
      fields: '',
      values: false,
    },
    colorMode: 'background',
    graphMode: 'none',
    textMode: 'value_and_name',
    justifyMode: 'auto',
    orientation: 'auto',
    wideLayout: true,
    showPercentChange: false,
  },
  textThresholds: {
    mode: 'absolute',
    steps: [
      {
        color: 'text',
        value: null,
      },
    ],
  },
  timelineCustom: {
    fillOpacity: 75,
    lineWidth: 0,
    spanNulls: false,
    hideFrom: {
      legend: false,
      tooltip: false,
      viz: false,
    },
  },
  timelineOptions: {
    mergeValues: true,
    showValue: 'auto',
    alignValue: 'left',
    rowHeight: 0.85,
    legend: {
      displayMode: 'list',
      placement: 'bottom',
      showLegend: false,
    },
    tooltip: {
      mode: 'single',
      sort: 'none',
    },
  },
  timeseriesCustom: {
    drawStyle: 'line',
    lineInterpolation: 'linear',
    lineWidth: 1,
    fillOpacity: 0,
    gradientMode: 'none',
    showPoints: 'never',
    pointSize: 4,
    spanNulls: false,
    axisPlacement: 'auto',
    axisLabel: '',
    axisCenteredZero: false,
    axisColorMode: 'text',
    scaleDistribution: {
      type: 'linear',
    },
    barAlignment: 0,
    stacking: {
      mode: 'none',
      group: 'A',
    },
    hideFrom: {
      legend: false,
      tooltip: false,
      viz: false,
    },
    lineStyle: {
      fill: 'solid',
    },
    thresholdsStyle: {
      mode: 'off',
    },
  },
  timeseriesOptions: {
    legend: {
      displayMode: 'list',
      placement: 'bottom',
      showLegend: true,
      calcs: [],
    },
    tooltip: {
      mode: 'multi',
      sort: 'desc',
    },
  },
}
