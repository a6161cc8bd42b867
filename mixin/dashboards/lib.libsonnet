// Small builders for the Grafana dashboards of the mixin (dashboards/*.libsonnet): the data
// source, the three kinds of query, links between the dashboards, and the field settings most
// panels share. Plain JSON objects: Grafana 10 or later reads them as they are.
local datasource = { type: 'prometheus', uid: '${datasource}' };
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

  // The matchers every query starts its selectors with: the scrape jobs and exporter instances
  // the variables select. A query writes `%(sel)s` where they go (and `%%` for a literal `%`).
  query(config):: function(expr) expr % { sel: 'job=~"$job", instance=~"$instance"' },

  // A data link to the host drill-down for `host` (a Grafana value such as `${__value.raw}`),
  // keeping the data source, the exporters and the time range.
  hostLink(uids):: function(host)
    self.dashboardURL(uids.host, 'kms-host')
    + '?${datasource:queryparam}&${job:queryparam}&${instance:queryparam}&var-host=%s&${__url_time_range}' % host,

  // A column or legend name, or a link title, in the dashboard's language: `texts.labels` maps
  // the English text to it.
  label(texts):: function(english) texts.labels[english],

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
