// The overview dashboard (grafana/kms-overview.json and its translations): firing alerts, what
// clients get, DNS SRV records, hosts, activation, clocks, host details and the exporter itself.
local catalog = import '../lib/catalog.libsonnet';
local g = import 'lib.libsonnet';

// `config` is the mixin's _config, `texts` the dashboard texts of its language
// (lang/dashboards/*.libsonnet), `uids` the uids of both dashboards in that language, `alerts`
// the names of the mixin's alerts.
function(config, texts, uids, alerts)
  local t = texts.overview;
  local l = g.label(texts);
  local q = g.query(config);
  local hostLink = g.hostLink(uids);
  {
    uid: uids.overview,
    title: t.title,
    description: t.description,
    id: null,
    version: 1,
    schemaVersion: 39,
    tags: config.dashboardTags,
    timezone: config.dashboardTimezone,
    // Generated from the mixin: a change made in Grafana is lost at the next render.
    editable: false,
    graphTooltip: 1,
    fiscalYearStartMonth: 0,
    liveNow: false,
    weekStart: '',
    refresh: config.dashboardRefresh,
    time: {
      from: 'now-6h',
      to: 'now',
    },
    timepicker: {
      refresh_intervals: [
        '30s',
        '1m',
        '5m',
        '15m',
        '1h',
      ],
    },
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: {
            type: 'grafana',
            uid: '-- Grafana --',
          },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    links: [
      {
        title: l('KMS host drill-down'),
        type: 'link',
        url: g.dashboardURL(uids.host, 'kms-host'),
        icon: 'dashboard',
        includeVars: true,
        keepTime: true,
        asDropdown: false,
        targetBlank: false,
        tags: [],
        tooltip: l('One host in detail'),
      },
    ],
    templating: {
      list: g.variables(config, t.variables, multiHost=true),
    },
    panels: [
      {
        type: 'row',
        title: t.panels.summary_row.title,
        collapsed: false,
        id: 1,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 0,
        },
        panels: [],
      },
      {
        type: 'table',
        title: t.panels.firing_kms_alerts.title,
        description: t.panels.firing_kms_alerts.description,
        datasource: g.datasource,
        id: 2,
        gridPos: {
          h: 9,
          w: 12,
          x: 0,
          y: 1,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'severity',
              },
              properties: [
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        critical: {
                          index: 0,
                          text: 'critical',
                          color: 'red',
                        },
                        warning: {
                          index: 1,
                          text: 'warning',
                          color: 'orange',
                        },
                        info: {
                          index: 2,
                          text: 'info',
                          color: 'blue',
                        },
                      },
                    },
                  ],
                },
                g.colorBackground,
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'alertname',
              },
              properties: [
                {
                  id: 'custom.width',
                  value: 260,
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'runbook',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('runbook'),
                },
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'regex',
                      options: {
                        pattern: '.+',
                        result: {
                          index: 0,
                          text: l('Runbook'),
                        },
                      },
                    },
                  ],
                },
                {
                  id: 'links',
                  value: [
                    {
                      title: l('Open the runbook section of this alert'),
                      url: config.runbookURLPattern % { language: config.language, anchor: '${__value.raw}' },
                      targetBlank: true,
                    },
                  ],
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'host',
              },
              properties: [
                {
                  id: 'links',
                  value: [
                    {
                      title: l('Open the host drill-down for ${__value.text}'),
                      url: hostLink('${__value.raw}'),
                    },
                  ],
                },
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'severity',
              desc: false,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          // A `runbook` column: the anchor of the alert's section in the runbook (its name in lower
          // case, which Grafana's links cannot compute), one label_replace per alert of the mixin.
          g.table('A', std.foldl(
            function(expr, name) 'label_replace(%s, "runbook", "%s", "alertname", "%s")' % [expr, std.asciiLower(name), name],
            alerts,
            q('ALERTS{alertname=~"Kms.*", alertstate="firing", %(site)s=~"$site|", job=~"$job|", instance=~"$instance|"}'),
          ), '__auto'),
        ],
        transformations: [
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                Value: true,
                __name__: true,
                alertstate: true,
                job: true,
              },
              indexByName: {
                alertname: 0,
                severity: 1,
                domain: 2,
                nameserver: 3,
                host: 4,
                port: 5,
                product: 6,
                method: 7,
                instance: 8,
                [config.siteLabel]: 9,
                runbook: 10,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'table',
        title: t.panels.hosts_up_per_domain.title,
        description: t.panels.hosts_up_per_domain.description,
        datasource: g.datasource,
        id: 3,
        gridPos: {
          h: 9,
          w: 6,
          x: 12,
          y: 1,
        },
        fieldConfig: {
          defaults: {
            unit: 'short',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'Value #A',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('published'),
                },
                {
                  id: 'thresholds',
                  value: {
                    mode: 'absolute',
                    steps: [
                      {
                        color: 'red',
                        value: null,
                      },
                      {
                        color: 'orange',
                        value: 1,
                      },
                      {
                        color: 'green',
                        value: 2,
                      },
                    ],
                  },
                },
                g.colorBackground,
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #B',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('up'),
                },
                {
                  id: 'thresholds',
                  value: g.redGreenThresholds,
                },
                g.colorBackground,
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'domain',
              desc: false,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_domain_hosts{%(sel)s, domain=~"$domain"}'), '__auto'),
          g.table('B', q('kms_domain_hosts_up{%(sel)s, domain=~"$domain"}'), '__auto'),
        ],
        transformations: [
          {
            id: 'merge',
            options: {},
          },
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                job: true,
              },
              indexByName: {
                domain: 0,
                'Value #A': 1,
                'Value #B': 2,
                instance: 3,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'stat',
        title: t.panels.last_probe_cycle_age.title,
        description: t.panels.last_probe_cycle_age.description,
        datasource: g.datasource,
        id: 4,
        gridPos: {
          h: 3,
          w: 6,
          x: 18,
          y: 1,
        },
        fieldConfig: {
          defaults: {
            unit: 's',
            mappings: [],
            thresholds: {
              mode: 'absolute',
              steps: [
                {
                  color: 'green',
                  value: null,
                },
                {
                  color: 'orange',
                  value: 180,
                },
                {
                  color: 'red',
                  value: 420,
                },
              ],
            },
            color: {
              mode: 'thresholds',
            },
            noValue: 'no completed cycle',
          },
          overrides: [],
        },
        options: g.statOptions,
        targets: [
          g.instant('A', q('time() - kms_exporter_last_cycle_timestamp_seconds{%(sel)s}'), '{{instance}}'),
        ],
      },
      {
        type: 'stat',
        title: t.panels.probe_cycle_duration.title,
        description: t.panels.probe_cycle_duration.description,
        datasource: g.datasource,
        id: 5,
        gridPos: {
          h: 3,
          w: 6,
          x: 18,
          y: 4,
        },
        fieldConfig: {
          defaults: {
            unit: 's',
            mappings: [],
            thresholds: {
              mode: 'absolute',
              steps: [
                {
                  color: 'green',
                  value: null,
                },
                {
                  color: 'orange',
                  value: 30,
                },
                {
                  color: 'red',
                  value: 60,
                },
              ],
            },
            color: {
              mode: 'thresholds',
            },
            noValue: 'no completed cycle',
          },
          overrides: [],
        },
        options: g.statOptions,
        targets: [
          g.instant('A', q('kms_exporter_cycle_duration_seconds{%(sel)s}'), '{{instance}}'),
        ],
      },
      {
        type: 'stat',
        title: t.panels.configuration_reload.title,
        description: t.panels.configuration_reload.description,
        datasource: g.datasource,
        id: 6,
        gridPos: {
          h: 3,
          w: 6,
          x: 18,
          y: 7,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [
              {
                type: 'value',
                options: {
                  '1': {
                    index: 0,
                    text: 'OK',
                    color: 'green',
                  },
                  '0': {
                    index: 1,
                    text: 'failed: previous config in use',
                    color: 'red',
                  },
                },
              },
            ],
            thresholds: g.redGreenThresholds,
            color: {
              mode: 'thresholds',
            },
          },
          overrides: [],
        },
        options: g.statOptions,
        targets: [
          g.instant('A', q('kms_exporter_config_last_reload_successful{%(sel)s}'), '{{instance}}'),
        ],
      },
      {
        type: 'row',
        title: t.panels.clients_what_a_client_would_get_now_row.title,
        collapsed: false,
        id: 40,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 10,
        },
        panels: [],
      },
      {
        type: 'table',
        title: t.panels.client_result_per_domain_and_product.title,
        description: t.panels.client_result_per_domain_and_product.description,
        datasource: g.datasource,
        id: 41,
        gridPos: {
          h: 9,
          w: 12,
          x: 0,
          y: 11,
        },
        fieldConfig: {
          defaults: {
            unit: 'percentunit',
            min: 0,
            max: 1,
            mappings: [],
            thresholds: {
              mode: 'absolute',
              steps: [
                {
                  color: 'blue',
                  value: null,
                },
              ],
            },
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'hresult',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('client gets'),
                },
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        '0x00000000': {
                          index: 0,
                          text: 'OK',
                          color: 'green',
                        },
                        '0x8007232B': {
                          index: 1,
                          text: '0x8007232B DNS_ERROR_RCODE_NAME_ERROR',
                          color: 'red',
                        },
                        '0x8007251D': {
                          index: 2,
                          text: '0x8007251D DNS_INFO_NO_RECORDS',
                          color: 'red',
                        },
                        '0x80092328': {
                          index: 3,
                          text: '0x80092328 DNS name does not exist (same meaning as 0x8007232B)',
                          color: 'red',
                        },
                        '0x8007007B': {
                          index: 4,
                          text: '0x8007007B ERROR_INVALID_NAME',
                          color: 'red',
                        },
                        '0x8007232A': {
                          index: 5,
                          text: '0x8007232A DNS_ERROR_RCODE_SERVER_FAILURE',
                          color: 'red',
                        },
                        '0x800706BA': {
                          index: 6,
                          text: '0x800706BA RPC_S_SERVER_UNAVAILABLE',
                          color: 'red',
                        },
                        '0x000006BA': {
                          index: 7,
                          text: '0x000006BA RPC_S_SERVER_UNAVAILABLE',
                          color: 'red',
                        },
                        '0xC004F039': {
                          index: 8,
                          text: '0xC004F039 SL_E_VL_BINDING_SERVICE_NOT_ENABLED',
                          color: 'red',
                        },
                        '0xC004F074': {
                          index: 9,
                          text: '0xC004F074 SL_E_VL_BINDING_SERVICE_UNAVAILABLE',
                          color: 'red',
                        },
                        '0xC004F038': {
                          index: 10,
                          text: '0xC004F038 SL_E_VL_NOT_ENOUGH_COUNT',
                          color: 'orange',
                        },
                        '0xC004F041': {
                          index: 11,
                          text: '0xC004F041 SL_E_VL_KEY_MANAGEMENT_SERVICE_NOT_ACTIVATED',
                          color: 'red',
                        },
                        '0xC004F042': {
                          index: 12,
                          text: '0xC004F042 SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH',
                          color: 'red',
                        },
                        '0xC004F06C': {
                          index: 13,
                          text: '0xC004F06C SL_E_VL_INVALID_TIMESTAMP',
                          color: 'red',
                        },
                        '0x8007000D': {
                          index: 14,
                          text: '0x8007000D ERROR_INVALID_DATA',
                          color: 'red',
                        },
                        '0xC004D104': {
                          index: 15,
                          text: '0xC004D104 SL_REMAPPING_SP_STATUS_INVALIDARG',
                          color: 'red',
                        },
                        '0xC004F00F': {
                          index: 16,
                          text: '0xC004F00F SL_E_OUT_OF_TOLERANCE',
                          color: 'red',
                        },
                        '0xC004F014': {
                          index: 17,
                          text: '0xC004F014 SL_E_PKEY_NOT_INSTALLED',
                          color: 'red',
                        },
                        '0xC004F02C': {
                          index: 18,
                          text: '0xC004F02C SL_E_CIDIID_INVALID_DATA',
                          color: 'red',
                        },
                        '0xC004F035': {
                          index: 19,
                          text: '0xC004F035 SL_E_VL_NOT_WINDOWS_SLP',
                          color: 'red',
                        },
                        '0xC004F050': {
                          index: 20,
                          text: '0xC004F050 SL_E_INVALID_PRODUCT_KEY',
                          color: 'red',
                        },
                        '0xC004F051': {
                          index: 21,
                          text: '0xC004F051 SL_E_BLOCKED_PRODUCT_KEY',
                          color: 'red',
                        },
                        '0xC004F065': {
                          index: 22,
                          text: '0xC004F065 Running in the non-genuine grace period',
                          color: 'red',
                        },
                        '0x8004FE21': {
                          index: 23,
                          text: '0x8004FE21 This computer is not running genuine Windows',
                          color: 'red',
                        },
                        '0x80070005': {
                          index: 24,
                          text: '0x80070005 E_ACCESSDENIED',
                          color: 'red',
                        },
                        '0x8007267C': {
                          index: 25,
                          text: '0x8007267C DNS_ERROR_NO_DNS_SERVERS',
                          color: 'red',
                        },
                        '0xC004C001': {
                          index: 26,
                          text: '0xC004C001 SL_E_CHPA_PRODUCT_KEY_OUT_OF_RANGE',
                          color: 'red',
                        },
                        '0xC004C003': {
                          index: 27,
                          text: '0xC004C003 SL_E_CHPA_PRODUCT_KEY_BLOCKED',
                          color: 'red',
                        },
                        '0xC004C008': {
                          index: 28,
                          text: '0xC004C008 SL_E_CHPA_MAXIMUM_UNLOCK_EXCEEDED',
                          color: 'red',
                        },
                        '0xC004B100': {
                          index: 29,
                          text: '0xC004B100 SL_E_SRV_GENERAL_ERROR',
                          color: 'red',
                        },
                        '0xC004C020': {
                          index: 30,
                          text: '0xC004C020 SL_E_CHPA_DMAK_LIMIT_EXCEEDED',
                          color: 'red',
                        },
                        '0xC004C021': {
                          index: 31,
                          text: '0xC004C021 SL_E_CHPA_DMAK_EXTENSION_LIMIT_EXCEEDED',
                          color: 'red',
                        },
                        '0xC004F009': {
                          index: 32,
                          text: '0xC004F009 SL_E_GRACE_TIME_EXPIRED',
                          color: 'red',
                        },
                        '0xC004F064': {
                          index: 33,
                          text: '0xC004F064 SL_E_NONGENUINE_GRACE_TIME_EXPIRED',
                          color: 'red',
                        },
                        '0x80070490': {
                          index: 34,
                          text: '0x80070490 ERROR_NOT_FOUND',
                          color: 'red',
                        },
                      },
                    },
                  ],
                },
                {
                  id: 'custom.cellOptions',
                  value: {
                    type: 'color-text',
                  },
                },
                {
                  id: 'custom.width',
                  value: 420,
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('share of clients'),
                },
                {
                  id: 'custom.cellOptions',
                  value: {
                    type: 'gauge',
                    mode: 'basic',
                  },
                },
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'domain',
              desc: false,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_domain_activation_result_ratio{%(sel)s, domain=~"$domain"} > 0\nor\nkms_domain_activation_result_ratio{%(sel)s, domain=~"$domain", hresult="0x00000000"}'), '__auto'),
        ],
        transformations: [
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                job: true,
                __name__: true,
              },
              indexByName: {
                [config.siteLabel]: 0,
                instance: 1,
                domain: 2,
                product: 3,
                hresult: 4,
                Value: 5,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'timeseries',
        title: t.panels.clients_that_would_activate_over_time.title,
        description: t.panels.clients_that_would_activate_over_time.description,
        datasource: g.datasource,
        id: 37,
        gridPos: {
          h: 9,
          w: 12,
          x: 12,
          y: 11,
        },
        fieldConfig: {
          defaults: {
            unit: 'percentunit',
            min: 0,
            max: 1,
            color: {
              mode: 'palette-classic',
            },
            custom: {
              drawStyle: 'line',
              lineWidth: 1,
              fillOpacity: 0,
              showPoints: 'never',
            },
          },
          overrides: [],
        },
        options: {
          legend: {
            displayMode: 'list',
            placement: 'bottom',
            showLegend: true,
          },
          tooltip: {
            mode: 'multi',
            sort: 'none',
          },
        },
        targets: [
          {
            datasource: g.datasource,
            refId: 'A',
            expr: q('kms_domain_activation_result_ratio{%(sel)s, domain=~"$domain", hresult="0x00000000"}'),
            editorMode: 'code',
            range: true,
            legendFormat: '{{%s}} {{instance}} {{domain}} {{product}}' % config.siteLabel,
          },
        ],
      },
      {
        type: 'timeseries',
        title: t.panels.activation_availability_30_days.title,
        description: t.panels.activation_availability_30_days.description,
        datasource: g.datasource,
        id: 43,
        gridPos: {
          h: 8,
          w: 24,
          x: 0,
          y: 20,
        },
        fieldConfig: {
          defaults: {
            unit: 'percentunit',
            max: 1,
            decimals: 2,
            color: {
              mode: 'palette-classic',
            },
            // The objective of KmsActivationAvailabilityBelowObjective (_config), as a dashed line.
            thresholds: {
              mode: 'absolute',
              steps: [
                {
                  color: 'red',
                  value: null,
                },
                {
                  color: 'green',
                  value: std.get(config, 'activationAvailabilityObjective', 0.99),
                },
              ],
            },
            custom: g.timeseriesCustom {
              thresholdsStyle: {
                mode: 'dashed',
              },
            },
          },
          overrides: [],
        },
        options: g.timeseriesOptions {
          legend+: {
            displayMode: 'table',
            placement: 'right',
            calcs: ['lastNotNull', 'min'],
          },
        },
        targets: [
          // The recording rules keep job, the site label, domain and product: no instance matcher.
          g.range('A', g.recorded(config)(|||
            label_replace(kms:domain_activation_success:ratio_30d{%(sel)s, domain=~"$domain"}, "window", "30d", "", "")
            or
            label_replace(kms:domain_activation_success:ratio_1d{%(sel)s, domain=~"$domain"}, "window", "1d", "", "")
            or
            label_replace(kms:domain_activation_success:ratio_1h{%(sel)s, domain=~"$domain"}, "window", "1h", "", "")
          |||), '{{%s}} {{domain}} {{product}} · {{window}}' % config.siteLabel),
        ],
      },
      {
        type: 'row',
        title: t.panels.dns_vlmcs_tcp_srv_records_row.title,
        collapsed: false,
        id: 7,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 28,
        },
        panels: [],
      },
      {
        type: 'table',
        title: t.panels.srv_lookup_status_per_domain_and_dns_server.title,
        description: t.panels.srv_lookup_status_per_domain_and_dns_server.description,
        datasource: g.datasource,
        id: 8,
        gridPos: {
          h: 8,
          w: 12,
          x: 0,
          y: 29,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'status',
              },
              properties: [
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        ok: {
                          index: 0,
                          text: 'ok',
                          color: 'green',
                        },
                        nxdomain: {
                          index: 1,
                          text: 'nxdomain',
                          color: 'red',
                        },
                        nodata: {
                          index: 2,
                          text: 'nodata',
                          color: 'red',
                        },
                        servfail: {
                          index: 3,
                          text: 'servfail',
                          color: 'orange',
                        },
                        refused: {
                          index: 4,
                          text: 'refused',
                          color: 'orange',
                        },
                        timeout: {
                          index: 5,
                          text: 'timeout',
                          color: 'orange',
                        },
                        'error': {
                          index: 6,
                          text: 'error',
                          color: 'orange',
                        },
                      },
                    },
                  ],
                },
                g.colorBackground,
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #B',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('records'),
                },
                {
                  id: 'unit',
                  value: 'short',
                },
                {
                  id: 'thresholds',
                  value: g.redGreenThresholds,
                },
                {
                  id: 'custom.cellOptions',
                  value: {
                    type: 'color-text',
                  },
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #C',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('lookup time'),
                },
                {
                  id: 'unit',
                  value: 's',
                },
                {
                  id: 'decimals',
                  value: 3,
                },
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'domain',
              desc: false,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_dns_srv_status{%(sel)s, domain=~"$domain"} == 1'), '__auto'),
          g.table('B', q('kms_dns_srv_records{%(sel)s, domain=~"$domain"}'), '__auto'),
          g.table('C', q('kms_dns_srv_lookup_duration_seconds{%(sel)s, domain=~"$domain"}'), '__auto'),
        ],
        transformations: [
          {
            id: 'merge',
            options: {},
          },
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                job: true,
                __name__: true,
                'Value #A': true,
              },
              indexByName: {
                domain: 0,
                nameserver: 1,
                status: 2,
                'Value #B': 3,
                'Value #C': 4,
                instance: 5,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'state-timeline',
        title: t.panels.srv_lookup_status_history.title,
        description: t.panels.srv_lookup_status_history.description,
        datasource: g.datasource,
        id: 9,
        gridPos: {
          h: 8,
          w: 12,
          x: 12,
          y: 29,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [
              {
                type: 'value',
                options: {
                  '1': {
                    index: 0,
                    text: 'ok',
                    color: 'green',
                  },
                  '2': {
                    index: 1,
                    text: 'nxdomain',
                    color: 'red',
                  },
                  '3': {
                    index: 2,
                    text: 'nodata',
                    color: 'red',
                  },
                  '4': {
                    index: 3,
                    text: 'servfail',
                    color: 'orange',
                  },
                  '5': {
                    index: 4,
                    text: 'refused',
                    color: 'orange',
                  },
                  '6': {
                    index: 5,
                    text: 'timeout',
                    color: 'orange',
                  },
                  '7': {
                    index: 6,
                    text: 'error',
                    color: 'orange',
                  },
                },
              },
            ],
            thresholds: g.textThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.timelineCustom,
          },
          overrides: [],
        },
        options: g.timelineOptions,
        targets: [
          g.range('A', q('max without (status) (\n    kms_dns_srv_status{%(sel)s, domain=~"$domain", status="ok"} * 1\n  or\n    kms_dns_srv_status{%(sel)s, domain=~"$domain", status="nxdomain"} * 2\n  or\n    kms_dns_srv_status{%(sel)s, domain=~"$domain", status="nodata"} * 3\n  or\n    kms_dns_srv_status{%(sel)s, domain=~"$domain", status="servfail"} * 4\n  or\n    kms_dns_srv_status{%(sel)s, domain=~"$domain", status="refused"} * 5\n  or\n    kms_dns_srv_status{%(sel)s, domain=~"$domain", status="timeout"} * 6\n  or\n    kms_dns_srv_status{%(sel)s, domain=~"$domain", status="error"} * 7\n)'), '{{domain}} @ {{nameserver}}'),
        ],
      },
      {
        type: 'table',
        title: t.panels.published_srv_records.title,
        description: t.panels.published_srv_records.description,
        datasource: g.datasource,
        id: 10,
        gridPos: {
          h: 8,
          w: 12,
          x: 0,
          y: 37,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'host',
              },
              properties: [
                {
                  id: 'links',
                  value: [
                    {
                      title: l('Open the host drill-down for ${__value.text}'),
                      url: hostLink('${__value.raw}'),
                    },
                  ],
                },
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        '.': {
                          index: 0,
                          text: '. (service not available)',
                          color: 'red',
                        },
                      },
                    },
                  ],
                },
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'domain',
              desc: false,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_dns_srv_record_info{%(sel)s, domain=~"$domain"}'), '__auto'),
        ],
        transformations: [
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                Value: true,
                __name__: true,
                job: true,
              },
              indexByName: {
                domain: 0,
                nameserver: 1,
                host: 2,
                port: 3,
                priority: 4,
                weight: 5,
                instance: 6,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'table',
        title: t.panels.allow_list_findings_expected_hosts.title,
        description: t.panels.allow_list_findings_expected_hosts.description,
        datasource: g.datasource,
        id: 11,
        gridPos: {
          h: 8,
          w: 6,
          x: 12,
          y: 37,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'finding',
              },
              properties: [
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        'published, not in expected_hosts': {
                          index: 0,
                          text: 'published, not in expected_hosts',
                          color: 'orange',
                        },
                        'expected, not published': {
                          index: 1,
                          text: 'expected, not published',
                          color: 'orange',
                        },
                      },
                    },
                  ],
                },
                g.colorBackground,
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'host',
              },
              properties: [
                {
                  id: 'links',
                  value: [
                    {
                      title: l('Open the host drill-down for ${__value.text}'),
                      url: hostLink('${__value.raw}'),
                    },
                  ],
                },
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('label_replace(kms_dns_srv_record_expected{%(sel)s, domain=~"$domain"} == 0, "finding", "published, not in expected_hosts", "", "")\nor\nlabel_replace(kms_dns_expected_host_published{%(sel)s, domain=~"$domain"} == 0, "finding", "expected, not published", "", "")'), '__auto'),
        ],
        transformations: [
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                Value: true,
                __name__: true,
                job: true,
              },
              indexByName: {
                domain: 0,
                host: 1,
                port: 2,
                finding: 3,
                instance: 4,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'timeseries',
        title: t.panels.srv_lookup_duration.title,
        description: t.panels.srv_lookup_duration.description,
        datasource: g.datasource,
        id: 12,
        gridPos: {
          h: 8,
          w: 6,
          x: 18,
          y: 37,
        },
        fieldConfig: {
          defaults: {
            unit: 's',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'palette-classic',
            },
            custom: g.timeseriesCustom,
          },
          overrides: [],
        },
        options: g.timeseriesOptions,
        targets: [
          g.range('A', q('kms_dns_srv_lookup_duration_seconds{%(sel)s, domain=~"$domain"}'), '{{domain}} @ {{nameserver}}'),
        ],
      },
      {
        type: 'row',
        title: t.panels.kms_hosts_row.title,
        collapsed: false,
        id: 13,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 45,
        },
        panels: [],
      },
      {
        type: 'stat',
        title: t.panels.hosts_probed_tcp_open_rpc_bind_kms_answer.title,
        description: t.panels.hosts_probed_tcp_open_rpc_bind_kms_answer.description,
        datasource: g.datasource,
        id: 14,
        gridPos: {
          h: 3,
          w: 24,
          x: 0,
          y: 46,
        },
        fieldConfig: {
          defaults: {
            unit: 'short',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
          },
          overrides: [],
        },
        options: {
          reduceOptions: {
            calcs: [
              'lastNotNull',
            ],
            fields: '',
            values: false,
          },
          colorMode: 'none',
          graphMode: 'none',
          textMode: 'value_and_name',
          justifyMode: 'auto',
          orientation: 'auto',
          wideLayout: true,
          showPercentChange: false,
        },
        targets: [
          g.instant('A', q('count(kms_host_up{%(sel)s, host=~"$host"}) or vector(0)'), l('hosts probed')),
          g.instant('B', q('sum(kms_host_tcp_connect_success{%(sel)s, host=~"$host"}) or vector(0)'), l('TCP port open')),
          g.instant('C', q('sum(kms_host_rpc_bind_success{%(sel)s, host=~"$host"}) or vector(0)'), l('RPC bind ok')),
          g.instant('D', q('sum(kms_host_up{%(sel)s, host=~"$host"}) or vector(0)'), l('verified KMS answer')),
        ],
      },
      {
        type: 'table',
        title: t.panels.host_health.title,
        description: t.panels.host_health.description,
        datasource: g.datasource,
        id: 15,
        gridPos: {
          h: 9,
          w: 24,
          x: 0,
          y: 49,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'host',
              },
              properties: [
                {
                  id: 'links',
                  value: [
                    {
                      title: l('Open the host drill-down for ${__value.text}'),
                      url: hostLink('${__value.raw}'),
                    },
                  ],
                },
                {
                  id: 'custom.width',
                  value: 280,
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #A',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('up'),
                },
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        '1': {
                          index: 0,
                          text: 'up',
                          color: 'green',
                        },
                        '0': {
                          index: 1,
                          text: 'down',
                          color: 'red',
                        },
                      },
                    },
                  ],
                },
                g.colorBackground,
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'status',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('TCP'),
                },
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        ok: {
                          index: 0,
                          text: 'ok',
                          color: 'green',
                        },
                        refused: {
                          index: 1,
                          text: 'refused',
                          color: 'red',
                        },
                        timeout: {
                          index: 2,
                          text: 'timeout',
                          color: 'red',
                        },
                        unreachable: {
                          index: 3,
                          text: 'unreachable',
                          color: 'red',
                        },
                        no_address: {
                          index: 4,
                          text: 'no_address',
                          color: 'orange',
                        },
                        'error': {
                          index: 5,
                          text: 'error',
                          color: 'orange',
                        },
                      },
                    },
                  ],
                },
                g.colorBackground,
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #C',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('RPC bind'),
                },
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        '1': {
                          index: 0,
                          text: 'ok',
                          color: 'green',
                        },
                        '0': {
                          index: 1,
                          text: 'failed',
                          color: 'red',
                        },
                      },
                    },
                  ],
                },
                g.colorBackground,
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #D',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('addresses'),
                },
                {
                  id: 'unit',
                  value: 'short',
                },
                {
                  id: 'thresholds',
                  value: g.redGreenThresholds,
                },
                {
                  id: 'custom.cellOptions',
                  value: {
                    type: 'color-text',
                  },
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #E',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('TCP connect time'),
                },
                {
                  id: 'unit',
                  value: 's',
                },
                {
                  id: 'decimals',
                  value: 4,
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #F',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('probe time'),
                },
                {
                  id: 'unit',
                  value: 's',
                },
                {
                  id: 'decimals',
                  value: 4,
                },
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'up',
              desc: false,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_domain_host_info{%(sel)s, domain=~"$domain"}\n  * on (job, instance, host, port) group_left\n  kms_host_up{%(sel)s, host=~"$host"}\nor\n(\n  kms_host_up{%(sel)s, host=~"$host"}\n  unless on (job, instance, host, port)\n  kms_domain_host_info{%(sel)s}\n)'), '__auto'),
          g.table('B', q('kms_host_tcp_connect_status{%(sel)s, host=~"$host"} == 1'), '__auto'),
          g.table('C', q('kms_host_rpc_bind_success{%(sel)s, host=~"$host"}'), '__auto'),
          g.table('D', q('kms_host_resolved_addresses{%(sel)s, host=~"$host"}'), '__auto'),
          g.table('E', q('kms_host_tcp_connect_duration_seconds{%(sel)s, host=~"$host"}'), '__auto'),
          g.table('F', q('kms_host_probe_duration_seconds{%(sel)s, host=~"$host"}'), '__auto'),
        ],
        transformations: [
          {
            id: 'merge',
            options: {},
          },
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                job: true,
                __name__: true,
                'Value #B': true,
              },
              indexByName: {
                domain: 0,
                host: 1,
                port: 2,
                'Value #A': 3,
                status: 4,
                'Value #C': 5,
                'Value #D': 6,
                'Value #E': 7,
                'Value #F': 8,
                instance: 9,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'table',
        title: t.panels.which_site_reaches_which_host.title,
        description: t.panels.which_site_reaches_which_host.description,
        datasource: g.datasource,
        id: 42,
        gridPos: {
          h: 9,
          w: 24,
          x: 0,
          y: 58,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [
              {
                type: 'value',
                options: {
                  '1': { index: 0, text: 'up', color: 'green' },
                  '0': { index: 1, text: 'down', color: 'red' },
                },
              },
            ],
            thresholds: g.textThresholds,
            color: { mode: 'thresholds' },
            custom: g.tableCustom { cellOptions: { type: 'color-background', mode: 'basic' } },
          },
          overrides: [
            {
              // The first column holds the host names (its name joins row and column labels).
              matcher: { id: 'byType', options: 'string' },
              properties: [
                { id: 'custom.cellOptions', value: { type: 'auto' } },
                { id: 'links', value: [{ title: l('Open the host drill-down for ${__value.text}'), url: hostLink('${__value.raw}') }] },
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          footer: g.tableFooter,
        },
        targets: [
          // One column per site; exporters without the site label get a column per instance.
          g.table('A', g.hostUpPerSite(config, ['host']), '__auto'),
        ],
        transformations: [
          {
            id: 'groupingToMatrix',
            options: { rowField: 'host', columnField: config.siteLabel, valueField: 'Value', emptyValue: 'null' },
          },
        ],
      },
      {
        type: 'state-timeline',
        title: t.panels.host_up_history.title,
        description: t.panels.host_up_history.description,
        datasource: g.datasource,
        id: 16,
        gridPos: {
          h: 9,
          w: 12,
          x: 0,
          y: 67,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [
              {
                type: 'value',
                options: {
                  '1': {
                    index: 0,
                    text: 'up',
                    color: 'green',
                  },
                  '0': {
                    index: 1,
                    text: 'down',
                    color: 'red',
                  },
                },
              },
            ],
            thresholds: g.textThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.timelineCustom,
            links: [
              {
                title: l('Open the host drill-down for ${__field.labels.host}'),
                url: hostLink('${__field.labels.host}'),
              },
            ],
          },
          overrides: [],
        },
        options: g.timelineOptions,
        targets: [
          g.range('A', q('kms_host_up{%(sel)s, host=~"$host"}'), '{{host}}:{{port}} · {{instance}}'),
        ],
      },
      {
        type: 'state-timeline',
        title: t.panels.tcp_connect_status_history.title,
        description: t.panels.tcp_connect_status_history.description,
        datasource: g.datasource,
        id: 17,
        gridPos: {
          h: 9,
          w: 12,
          x: 12,
          y: 67,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [
              {
                type: 'value',
                options: {
                  '1': {
                    index: 0,
                    text: 'ok',
                    color: 'green',
                  },
                  '2': {
                    index: 1,
                    text: 'refused',
                    color: 'red',
                  },
                  '3': {
                    index: 2,
                    text: 'timeout',
                    color: 'red',
                  },
                  '4': {
                    index: 3,
                    text: 'unreachable',
                    color: 'red',
                  },
                  '5': {
                    index: 4,
                    text: 'no_address',
                    color: 'orange',
                  },
                  '6': {
                    index: 5,
                    text: 'error',
                    color: 'orange',
                  },
                },
              },
            ],
            thresholds: g.textThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.timelineCustom,
            links: [
              {
                title: l('Open the host drill-down for ${__field.labels.host}'),
                url: hostLink('${__field.labels.host}'),
              },
            ],
          },
          overrides: [],
        },
        options: g.timelineOptions,
        targets: [
          g.range('A', q('max without (status) (\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="ok"} * 1\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="refused"} * 2\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="timeout"} * 3\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="unreachable"} * 4\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="no_address"} * 5\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="error"} * 6\n)'), '{{host}}:{{port}} · {{instance}}'),
        ],
      },
      {
        type: 'row',
        title: t.panels.activation_per_host_and_product_row.title,
        collapsed: false,
        id: 18,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 76,
        },
        panels: [],
      },
      {
        type: 'table',
        title: t.panels.activation_per_host_and_product.title,
        description: t.panels.activation_per_host_and_product.description,
        datasource: g.datasource,
        id: 19,
        gridPos: {
          h: 9,
          w: 24,
          x: 0,
          y: 77,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'host',
              },
              properties: [
                {
                  id: 'links',
                  value: [
                    {
                      title: l('Open the host drill-down for ${__value.text}'),
                      url: hostLink('${__value.raw}'),
                    },
                  ],
                },
                {
                  id: 'custom.width',
                  value: 260,
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'status',
              },
              properties: [
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        ok: {
                          index: 0,
                          text: 'ok',
                          color: 'green',
                        },
                        refused: {
                          index: 1,
                          text: 'refused',
                          color: 'red',
                        },
                        invalid_response: {
                          index: 2,
                          text: 'invalid_response',
                          color: 'orange',
                        },
                        rpc_error: {
                          index: 3,
                          text: 'rpc_error',
                          color: 'orange',
                        },
                        unreachable: {
                          index: 4,
                          text: 'unreachable',
                          color: 'red',
                        },
                      },
                    },
                  ],
                },
                g.colorBackground,
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #B',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('HRESULT'),
                },
                {
                  id: 'unit',
                  value: 'hex0x',
                },
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        '0': {
                          index: 0,
                          text: 'OK',
                          color: 'green',
                        },
                        '2147951403': {
                          index: 1,
                          text: '0x8007232B DNS_ERROR_RCODE_NAME_ERROR',
                          color: 'red',
                        },
                        '2147951901': {
                          index: 2,
                          text: '0x8007251D DNS_INFO_NO_RECORDS',
                          color: 'red',
                        },
                        '2148082472': {
                          index: 3,
                          text: '0x80092328 DNS name does not exist (same meaning as 0x8007232B)',
                          color: 'red',
                        },
                        '2147942523': {
                          index: 4,
                          text: '0x8007007B ERROR_INVALID_NAME',
                          color: 'red',
                        },
                        '2147951402': {
                          index: 5,
                          text: '0x8007232A DNS_ERROR_RCODE_SERVER_FAILURE',
                          color: 'red',
                        },
                        '2147944122': {
                          index: 6,
                          text: '0x800706BA RPC_S_SERVER_UNAVAILABLE',
                          color: 'red',
                        },
                        '1722': {
                          index: 7,
                          text: '0x000006BA RPC_S_SERVER_UNAVAILABLE',
                          color: 'red',
                        },
                        '3221549113': {
                          index: 8,
                          text: '0xC004F039 SL_E_VL_BINDING_SERVICE_NOT_ENABLED',
                          color: 'red',
                        },
                        '3221549172': {
                          index: 9,
                          text: '0xC004F074 SL_E_VL_BINDING_SERVICE_UNAVAILABLE',
                          color: 'red',
                        },
                        '3221549112': {
                          index: 10,
                          text: '0xC004F038 SL_E_VL_NOT_ENOUGH_COUNT',
                          color: 'red',
                        },
                        '3221549121': {
                          index: 11,
                          text: '0xC004F041 SL_E_VL_KEY_MANAGEMENT_SERVICE_NOT_ACTIVATED',
                          color: 'red',
                        },
                        '3221549122': {
                          index: 12,
                          text: '0xC004F042 SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH',
                          color: 'red',
                        },
                        '3221549164': {
                          index: 13,
                          text: '0xC004F06C SL_E_VL_INVALID_TIMESTAMP',
                          color: 'red',
                        },
                        '2147942413': {
                          index: 14,
                          text: '0x8007000D ERROR_INVALID_DATA',
                          color: 'red',
                        },
                        '3221541124': {
                          index: 15,
                          text: '0xC004D104 SL_REMAPPING_SP_STATUS_INVALIDARG',
                          color: 'red',
                        },
                        '3221549071': {
                          index: 16,
                          text: '0xC004F00F SL_E_OUT_OF_TOLERANCE',
                          color: 'red',
                        },
                        '3221549076': {
                          index: 17,
                          text: '0xC004F014 SL_E_PKEY_NOT_INSTALLED',
                          color: 'red',
                        },
                        '3221549100': {
                          index: 18,
                          text: '0xC004F02C SL_E_CIDIID_INVALID_DATA',
                          color: 'red',
                        },
                        '3221549109': {
                          index: 19,
                          text: '0xC004F035 SL_E_VL_NOT_WINDOWS_SLP',
                          color: 'red',
                        },
                        '3221549136': {
                          index: 20,
                          text: '0xC004F050 SL_E_INVALID_PRODUCT_KEY',
                          color: 'red',
                        },
                        '3221549137': {
                          index: 21,
                          text: '0xC004F051 SL_E_BLOCKED_PRODUCT_KEY',
                          color: 'red',
                        },
                        '3221549157': {
                          index: 22,
                          text: '0xC004F065 Running in the non-genuine grace period',
                          color: 'red',
                        },
                        '2147810849': {
                          index: 23,
                          text: '0x8004FE21 This computer is not running genuine Windows',
                          color: 'red',
                        },
                        '2147942405': {
                          index: 24,
                          text: '0x80070005 E_ACCESSDENIED',
                          color: 'red',
                        },
                        '2147952252': {
                          index: 25,
                          text: '0x8007267C DNS_ERROR_NO_DNS_SERVERS',
                          color: 'red',
                        },
                        '3221536769': {
                          index: 26,
                          text: '0xC004C001 SL_E_CHPA_PRODUCT_KEY_OUT_OF_RANGE',
                          color: 'red',
                        },
                        '3221536771': {
                          index: 27,
                          text: '0xC004C003 SL_E_CHPA_PRODUCT_KEY_BLOCKED',
                          color: 'red',
                        },
                        '3221536776': {
                          index: 28,
                          text: '0xC004C008 SL_E_CHPA_MAXIMUM_UNLOCK_EXCEEDED',
                          color: 'red',
                        },
                        '3221532928': {
                          index: 29,
                          text: '0xC004B100 SL_E_SRV_GENERAL_ERROR',
                          color: 'red',
                        },
                        '3221536800': {
                          index: 30,
                          text: '0xC004C020 SL_E_CHPA_DMAK_LIMIT_EXCEEDED',
                          color: 'red',
                        },
                        '3221536801': {
                          index: 31,
                          text: '0xC004C021 SL_E_CHPA_DMAK_EXTENSION_LIMIT_EXCEEDED',
                          color: 'red',
                        },
                        '3221549065': {
                          index: 32,
                          text: '0xC004F009 SL_E_GRACE_TIME_EXPIRED',
                          color: 'red',
                        },
                        '3221549156': {
                          index: 33,
                          text: '0xC004F064 SL_E_NONGENUINE_GRACE_TIME_EXPIRED',
                          color: 'red',
                        },
                        '2147943568': {
                          index: 34,
                          text: '0x80070490 ERROR_NOT_FOUND',
                          color: 'red',
                        },
                      },
                    },
                  ],
                },
                {
                  id: 'thresholds',
                  value: {
                    mode: 'absolute',
                    steps: [
                      {
                        color: 'red',
                        value: null,
                      },
                    ],
                  },
                },
                {
                  id: 'custom.cellOptions',
                  value: {
                    type: 'color-text',
                  },
                },
                {
                  id: 'custom.width',
                  value: 420,
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #C',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('current clients'),
                },
                {
                  id: 'unit',
                  value: 'short',
                },
                {
                  id: 'decimals',
                  value: 0,
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #D',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('required clients'),
                },
                {
                  id: 'unit',
                  value: 'short',
                },
                {
                  id: 'decimals',
                  value: 0,
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #E',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('count / required'),
                },
                {
                  id: 'unit',
                  value: 'percentunit',
                },
                {
                  id: 'min',
                  value: 0,
                },
                {
                  id: 'max',
                  value: 2,
                },
                {
                  id: 'thresholds',
                  value: g.redGreenThresholds,
                },
                {
                  id: 'custom.cellOptions',
                  value: {
                    type: 'gauge',
                    mode: 'basic',
                    valueDisplayMode: 'text',
                  },
                },
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'HRESULT',
              desc: true,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_activation_status{%(sel)s, host=~"$host"} == 1'), '__auto'),
          g.table('B', q('kms_activation_hresult{%(sel)s, host=~"$host"}'), '__auto'),
          g.table('C', q('kms_activation_current_clients{%(sel)s, host=~"$host"}'), '__auto'),
          g.table('D', q('kms_activation_required_clients{%(sel)s, host=~"$host"}'), '__auto'),
          g.table('E', q('kms_activation_current_clients{%(sel)s, host=~"$host"}\n/\nkms_activation_required_clients{%(sel)s, host=~"$host"}'), '__auto'),
        ],
        transformations: [
          {
            id: 'merge',
            options: {},
          },
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                job: true,
                __name__: true,
                'Value #A': true,
              },
              indexByName: {
                host: 0,
                port: 1,
                product: 2,
                status: 3,
                'Value #B': 4,
                'Value #C': 5,
                'Value #D': 6,
                'Value #E': 7,
                instance: 8,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'bargauge',
        title: t.panels.activation_count_against_threshold.title,
        description: t.panels.activation_count_against_threshold.description,
        datasource: g.datasource,
        id: 20,
        gridPos: {
          h: 9,
          w: 12,
          x: 0,
          y: 86,
        },
        fieldConfig: {
          defaults: {
            unit: 'percentunit',
            mappings: [],
            thresholds: g.redGreenThresholds,
            color: {
              mode: 'thresholds',
            },
            min: 0,
            max: 2,
            links: [
              {
                title: l('Open the host drill-down for ${__field.labels.host}'),
                url: hostLink('${__field.labels.host}'),
              },
            ],
          },
          overrides: [],
        },
        options: {
          reduceOptions: {
            calcs: [
              'lastNotNull',
            ],
            fields: '',
            values: false,
          },
          displayMode: 'gradient',
          orientation: 'horizontal',
          showUnfilled: true,
          valueMode: 'color',
          namePlacement: 'left',
          minVizHeight: 16,
          minVizWidth: 8,
          maxVizHeight: 24,
          sizing: 'manual',
        },
        targets: [
          g.instant('A', q('kms_activation_current_clients{%(sel)s, host=~"$host"}\n/\nkms_activation_required_clients{%(sel)s, host=~"$host"}'), '{{host}} {{product}}'),
        ],
      },
      {
        type: 'state-timeline',
        title: t.panels.last_hresult_history.title,
        description: t.panels.last_hresult_history.description,
        datasource: g.datasource,
        id: 21,
        gridPos: {
          h: 9,
          w: 12,
          x: 12,
          y: 86,
        },
        fieldConfig: {
          defaults: {
            unit: 'hex0x',
            mappings: [
              {
                type: 'value',
                options: {
                  '0': {
                    index: 0,
                    text: 'OK',
                    color: 'green',
                  },
                  '2147951403': {
                    index: 1,
                    text: '0x8007232B DNS_ERROR_RCODE_NAME_ERROR',
                    color: 'red',
                  },
                  '2147951901': {
                    index: 2,
                    text: '0x8007251D DNS_INFO_NO_RECORDS',
                    color: 'red',
                  },
                  '2148082472': {
                    index: 3,
                    text: '0x80092328 DNS name does not exist (same meaning as 0x8007232B)',
                    color: 'red',
                  },
                  '2147942523': {
                    index: 4,
                    text: '0x8007007B ERROR_INVALID_NAME',
                    color: 'red',
                  },
                  '2147951402': {
                    index: 5,
                    text: '0x8007232A DNS_ERROR_RCODE_SERVER_FAILURE',
                    color: 'red',
                  },
                  '2147944122': {
                    index: 6,
                    text: '0x800706BA RPC_S_SERVER_UNAVAILABLE',
                    color: 'red',
                  },
                  '1722': {
                    index: 7,
                    text: '0x000006BA RPC_S_SERVER_UNAVAILABLE',
                    color: 'red',
                  },
                  '3221549113': {
                    index: 8,
                    text: '0xC004F039 SL_E_VL_BINDING_SERVICE_NOT_ENABLED',
                    color: 'red',
                  },
                  '3221549172': {
                    index: 9,
                    text: '0xC004F074 SL_E_VL_BINDING_SERVICE_UNAVAILABLE',
                    color: 'red',
                  },
                  '3221549112': {
                    index: 10,
                    text: '0xC004F038 SL_E_VL_NOT_ENOUGH_COUNT',
                    color: 'red',
                  },
                  '3221549121': {
                    index: 11,
                    text: '0xC004F041 SL_E_VL_KEY_MANAGEMENT_SERVICE_NOT_ACTIVATED',
                    color: 'red',
                  },
                  '3221549122': {
                    index: 12,
                    text: '0xC004F042 SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH',
                    color: 'red',
                  },
                  '3221549164': {
                    index: 13,
                    text: '0xC004F06C SL_E_VL_INVALID_TIMESTAMP',
                    color: 'red',
                  },
                  '2147942413': {
                    index: 14,
                    text: '0x8007000D ERROR_INVALID_DATA',
                    color: 'red',
                  },
                  '3221541124': {
                    index: 15,
                    text: '0xC004D104 SL_REMAPPING_SP_STATUS_INVALIDARG',
                    color: 'red',
                  },
                  '3221549071': {
                    index: 16,
                    text: '0xC004F00F SL_E_OUT_OF_TOLERANCE',
                    color: 'red',
                  },
                  '3221549076': {
                    index: 17,
                    text: '0xC004F014 SL_E_PKEY_NOT_INSTALLED',
                    color: 'red',
                  },
                  '3221549100': {
                    index: 18,
                    text: '0xC004F02C SL_E_CIDIID_INVALID_DATA',
                    color: 'red',
                  },
                  '3221549109': {
                    index: 19,
                    text: '0xC004F035 SL_E_VL_NOT_WINDOWS_SLP',
                    color: 'red',
                  },
                  '3221549136': {
                    index: 20,
                    text: '0xC004F050 SL_E_INVALID_PRODUCT_KEY',
                    color: 'red',
                  },
                  '3221549137': {
                    index: 21,
                    text: '0xC004F051 SL_E_BLOCKED_PRODUCT_KEY',
                    color: 'red',
                  },
                  '3221549157': {
                    index: 22,
                    text: '0xC004F065 Running in the non-genuine grace period',
                    color: 'red',
                  },
                  '2147810849': {
                    index: 23,
                    text: '0x8004FE21 This computer is not running genuine Windows',
                    color: 'red',
                  },
                  '2147942405': {
                    index: 24,
                    text: '0x80070005 E_ACCESSDENIED',
                    color: 'red',
                  },
                  '2147952252': {
                    index: 25,
                    text: '0x8007267C DNS_ERROR_NO_DNS_SERVERS',
                    color: 'red',
                  },
                  '3221536769': {
                    index: 26,
                    text: '0xC004C001 SL_E_CHPA_PRODUCT_KEY_OUT_OF_RANGE',
                    color: 'red',
                  },
                  '3221536771': {
                    index: 27,
                    text: '0xC004C003 SL_E_CHPA_PRODUCT_KEY_BLOCKED',
                    color: 'red',
                  },
                  '3221536776': {
                    index: 28,
                    text: '0xC004C008 SL_E_CHPA_MAXIMUM_UNLOCK_EXCEEDED',
                    color: 'red',
                  },
                  '3221532928': {
                    index: 29,
                    text: '0xC004B100 SL_E_SRV_GENERAL_ERROR',
                    color: 'red',
                  },
                  '3221536800': {
                    index: 30,
                    text: '0xC004C020 SL_E_CHPA_DMAK_LIMIT_EXCEEDED',
                    color: 'red',
                  },
                  '3221536801': {
                    index: 31,
                    text: '0xC004C021 SL_E_CHPA_DMAK_EXTENSION_LIMIT_EXCEEDED',
                    color: 'red',
                  },
                  '3221549065': {
                    index: 32,
                    text: '0xC004F009 SL_E_GRACE_TIME_EXPIRED',
                    color: 'red',
                  },
                  '3221549156': {
                    index: 33,
                    text: '0xC004F064 SL_E_NONGENUINE_GRACE_TIME_EXPIRED',
                    color: 'red',
                  },
                  '2147943568': {
                    index: 34,
                    text: '0x80070490 ERROR_NOT_FOUND',
                    color: 'red',
                  },
                },
              },
            ],
            thresholds: {
              mode: 'absolute',
              steps: [
                {
                  color: 'red',
                  value: null,
                },
              ],
            },
            color: {
              mode: 'thresholds',
            },
            custom: g.timelineCustom,
            links: [
              {
                title: l('Open the host drill-down for ${__field.labels.host}'),
                url: hostLink('${__field.labels.host}'),
              },
            ],
          },
          overrides: [],
        },
        options: g.timelineOptions,
        targets: [
          g.range('A', q('kms_activation_hresult{%(sel)s, host=~"$host"}'), '{{host}} {{product}}'),
        ],
      },
      {
        type: 'row',
        title: t.panels.clock_the_4_hour_kms_limit_row.title,
        collapsed: false,
        id: 22,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 95,
        },
        panels: [],
      },
      {
        type: 'bargauge',
        title: t.panels.host_clock_offset_against_the_4_hour_limit.title,
        description: t.panels.host_clock_offset_against_the_4_hour_limit.description,
        datasource: g.datasource,
        id: 23,
        gridPos: {
          h: 9,
          w: 12,
          x: 0,
          y: 96,
        },
        fieldConfig: {
          defaults: {
            unit: 's',
            mappings: [],
            thresholds: {
              mode: 'absolute',
              steps: [
                {
                  color: 'green',
                  value: null,
                },
                {
                  color: 'orange',
                  value: 3600,
                },
                {
                  color: 'red',
                  value: 10800,
                },
                {
                  color: 'dark-red',
                  value: catalog.clockToleranceSeconds,
                },
              ],
            },
            color: {
              mode: 'thresholds',
            },
            min: 0,
            max: catalog.clockToleranceSeconds,
            links: [
              {
                title: l('Open the host drill-down for ${__field.labels.host}'),
                url: hostLink('${__field.labels.host}'),
              },
            ],
          },
          overrides: [],
        },
        options: {
          reduceOptions: {
            calcs: [
              'lastNotNull',
            ],
            fields: '',
            values: false,
          },
          displayMode: 'gradient',
          orientation: 'horizontal',
          showUnfilled: true,
          valueMode: 'color',
          namePlacement: 'left',
          minVizHeight: 16,
          minVizWidth: 8,
          maxVizHeight: 24,
          sizing: 'manual',
        },
        targets: [
          g.instant('A', q('min without (method) (abs(kms_host_clock_offset_seconds{%(sel)s, host=~"$host"}))'), '{{host}}'),
        ],
      },
      {
        type: 'timeseries',
        title: t.panels.host_clock_offset_over_time_4_h.title,
        description: t.panels.host_clock_offset_over_time_4_h.description,
        datasource: g.datasource,
        id: 24,
        gridPos: {
          h: 9,
          w: 12,
          x: 12,
          y: 96,
        },
        fieldConfig: {
          defaults: {
            unit: 's',
            mappings: [],
            thresholds: {
              mode: 'absolute',
              steps: [
                {
                  color: 'dark-red',
                  value: null,
                },
                {
                  color: 'red',
                  value: -catalog.clockToleranceSeconds,
                },
                {
                  color: 'orange',
                  value: -10800,
                },
                {
                  color: 'transparent',
                  value: -3600,
                },
                {
                  color: 'orange',
                  value: 3600,
                },
                {
                  color: 'red',
                  value: 10800,
                },
                {
                  color: 'dark-red',
                  value: catalog.clockToleranceSeconds,
                },
              ],
            },
            color: {
              mode: 'palette-classic',
            },
            custom: {
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
                mode: 'line+area',
              },
              axisSoftMin: -catalog.clockToleranceSeconds,
              axisSoftMax: catalog.clockToleranceSeconds,
            },
            links: [
              {
                title: l('Open the host drill-down for ${__field.labels.host}'),
                url: hostLink('${__field.labels.host}'),
              },
            ],
          },
          overrides: [],
        },
        options: {
          legend: {
            displayMode: 'table',
            placement: 'right',
            showLegend: true,
            calcs: [
              'lastNotNull',
              'max',
            ],
          },
          tooltip: {
            mode: 'multi',
            sort: 'desc',
          },
        },
        targets: [
          g.range('A', q('kms_host_clock_offset_seconds{%(sel)s, host=~"$host"}'), '{{host}} ({{method}})'),
        ],
      },
      {
        type: 'row',
        title: t.panels.host_details_row.title,
        collapsed: false,
        id: 25,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 105,
        },
        panels: [],
      },
      {
        type: 'table',
        title: t.panels.protocol_versions.title,
        description: t.panels.protocol_versions.description,
        datasource: g.datasource,
        id: 26,
        gridPos: {
          h: 8,
          w: 12,
          x: 0,
          y: 106,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [
              {
                type: 'value',
                options: {
                  '1': {
                    index: 0,
                    text: 'supported',
                    color: 'green',
                  },
                  '0': {
                    index: 1,
                    text: 'refused',
                    color: 'red',
                  },
                },
              },
            ],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'host',
              },
              properties: [
                {
                  id: 'links',
                  value: [
                    {
                      title: l('Open the host drill-down for ${__value.text}'),
                      url: hostLink('${__value.raw}'),
                    },
                  ],
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'version',
              },
              properties: [
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        '4': {
                          index: 0,
                          text: 'V4',
                          color: 'text',
                        },
                        '5': {
                          index: 1,
                          text: 'V5',
                          color: 'text',
                        },
                        '6': {
                          index: 2,
                          text: 'V6',
                          color: 'text',
                        },
                      },
                    },
                  ],
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('result'),
                },
                g.colorBackground,
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'host',
              desc: false,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_host_protocol_version_supported{%(sel)s, host=~"$host"}'), '__auto'),
        ],
        transformations: [
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                job: true,
                __name__: true,
              },
              indexByName: {
                host: 0,
                port: 1,
                version: 2,
                Value: 3,
                instance: 4,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'table',
        title: t.panels.activation_and_renewal_intervals.title,
        description: t.panels.activation_and_renewal_intervals.description,
        datasource: g.datasource,
        id: 27,
        gridPos: {
          h: 8,
          w: 12,
          x: 12,
          y: 106,
        },
        fieldConfig: {
          defaults: {
            unit: 's',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'host',
              },
              properties: [
                {
                  id: 'links',
                  value: [
                    {
                      title: l('Open the host drill-down for ${__value.text}'),
                      url: hostLink('${__value.raw}'),
                    },
                  ],
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #A',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('activation interval'),
                },
              ],
            },
            {
              matcher: {
                id: 'byName',
                options: 'Value #B',
              },
              properties: [
                {
                  id: 'displayName',
                  value: l('renewal interval'),
                },
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'host',
              desc: false,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_host_activation_interval_seconds{%(sel)s, host=~"$host"}'), '__auto'),
          g.table('B', q('kms_host_renewal_interval_seconds{%(sel)s, host=~"$host"}'), '__auto'),
        ],
        transformations: [
          {
            id: 'merge',
            options: {},
          },
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                job: true,
                __name__: true,
              },
              indexByName: {
                host: 0,
                port: 1,
                'Value #A': 2,
                'Value #B': 3,
                instance: 4,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'table',
        title: t.panels.host_key_and_os.title,
        description: t.panels.host_key_and_os.description,
        datasource: g.datasource,
        id: 28,
        gridPos: {
          h: 8,
          w: 24,
          x: 0,
          y: 114,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
            custom: g.tableCustom,
          },
          overrides: [
            {
              matcher: {
                id: 'byName',
                options: 'host',
              },
              properties: [
                {
                  id: 'links',
                  value: [
                    {
                      title: l('Open the host drill-down for ${__value.text}'),
                      url: hostLink('${__value.raw}'),
                    },
                  ],
                },
              ],
            },
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'host',
              desc: false,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_host_info{%(sel)s, host=~"$host"}'), '__auto'),
        ],
        transformations: [
          {
            id: 'organize',
            options: {
              excludeByName: {
                Time: true,
                Value: true,
                __name__: true,
                job: true,
              },
              indexByName: {
                host: 0,
                port: 1,
                application: 2,
                host_os: 3,
                os_build: 4,
                csvlk: 5,
                lcid: 6,
                epid: 7,
                hwid: 8,
                instance: 9,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'row',
        title: t.panels.exporter_row.title,
        collapsed: true,
        id: 29,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 122,
        },
        panels: [
          {
            type: 'timeseries',
            title: t.panels.probe_cycle_duration_over_time.title,
            description: t.panels.probe_cycle_duration_over_time.description,
            datasource: g.datasource,
            id: 30,
            gridPos: {
              h: 8,
              w: 8,
              x: 0,
              y: 123,
            },
            fieldConfig: {
              defaults: {
                unit: 's',
                mappings: [],
                thresholds: g.greenThresholds,
                color: {
                  mode: 'palette-classic',
                },
                custom: g.timeseriesCustom,
              },
              overrides: [],
            },
            options: g.timeseriesOptions,
            targets: [
              g.range('A', q('kms_exporter_cycle_duration_seconds{%(sel)s}'), '{{instance}}'),
            ],
          },
          {
            type: 'timeseries',
            title: t.panels.probe_results_per_second.title,
            description: t.panels.probe_results_per_second.description,
            datasource: g.datasource,
            id: 31,
            gridPos: {
              h: 8,
              w: 8,
              x: 8,
              y: 123,
            },
            fieldConfig: {
              defaults: {
                unit: 'ops',
                mappings: [],
                thresholds: g.greenThresholds,
                color: {
                  mode: 'palette-classic',
                },
                custom: g.timeseriesCustom,
              },
              overrides: [],
            },
            options: g.timeseriesOptions,
            targets: [
              g.range('A', q('sum by (kind, result) (rate(kms_exporter_probes_total{%(sel)s}[$__rate_interval]))'), '{{kind}} {{result}}'),
            ],
          },
          {
            type: 'timeseries',
            title: t.panels.exporter_clock_offset.title,
            description: t.panels.exporter_clock_offset.description,
            datasource: g.datasource,
            id: 32,
            gridPos: {
              h: 8,
              w: 8,
              x: 16,
              y: 123,
            },
            fieldConfig: {
              defaults: {
                unit: 's',
                mappings: [],
                thresholds: {
                  mode: 'absolute',
                  steps: [
                    {
                      color: 'red',
                      value: null,
                    },
                    {
                      color: 'transparent',
                      value: -300,
                    },
                    {
                      color: 'red',
                      value: 300,
                    },
                  ],
                },
                color: {
                  mode: 'palette-classic',
                },
                custom: {
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
                    mode: 'line+area',
                  },
                },
              },
              overrides: [],
            },
            options: g.timeseriesOptions,
            targets: [
              g.range('A', q('kms_exporter_clock_offset_seconds{%(sel)s}'), '{{instance}} vs {{server}}'),
            ],
          },
          {
            type: 'stat',
            title: t.panels.configured_targets.title,
            description: t.panels.configured_targets.description,
            datasource: g.datasource,
            id: 33,
            gridPos: {
              h: 5,
              w: 8,
              x: 0,
              y: 131,
            },
            fieldConfig: {
              defaults: {
                unit: 'short',
                mappings: [],
                thresholds: g.greenThresholds,
                color: {
                  mode: 'thresholds',
                },
              },
              overrides: [],
            },
            options: {
              reduceOptions: {
                calcs: [
                  'lastNotNull',
                ],
                fields: '',
                values: false,
              },
              colorMode: 'none',
              graphMode: 'none',
              textMode: 'value_and_name',
              justifyMode: 'auto',
              orientation: 'auto',
              wideLayout: true,
              showPercentChange: false,
            },
            targets: [
              g.instant('A', q('kms_exporter_targets{%(sel)s}'), '{{instance}} {{kind}}'),
            ],
          },
          {
            type: 'table',
            title: t.panels.exporter_versions.title,
            description: t.panels.exporter_versions.description,
            datasource: g.datasource,
            id: 34,
            gridPos: {
              h: 5,
              w: 8,
              x: 8,
              y: 131,
            },
            fieldConfig: {
              defaults: {
                unit: 'none',
                mappings: [],
                thresholds: g.greenThresholds,
                color: {
                  mode: 'thresholds',
                },
                custom: g.tableCustom,
              },
              overrides: [],
            },
            options: {
              showHeader: true,
              cellHeight: 'sm',
              sortBy: [],
              footer: g.tableFooter,
            },
            targets: [
              g.table('A', q('kms_exporter_build_info{%(sel)s}'), '__auto'),
            ],
            transformations: [
              {
                id: 'organize',
                options: {
                  excludeByName: {
                    Time: true,
                    Value: true,
                    __name__: true,
                  },
                  indexByName: {
                    job: 0,
                    instance: 1,
                    version: 2,
                    revision: 3,
                    rustc_version: 4,
                  },
                  renameByName: {},
                },
              },
            ],
          },
          {
            id: 35,
            type: 'stat',
            title: t.panels.reference_ntp_servers_answering.title,
            description: t.panels.reference_ntp_servers_answering.description,
            datasource: g.datasource,
            gridPos: {
              h: 5,
              w: 8,
              x: 16,
              y: 131,
            },
            targets: [
              {
                datasource: g.datasource,
                refId: 'A',
                expr: q('kms_exporter_clock_probe_success{%(sel)s}'),
                legendFormat: '{{instance}} → {{server}}',
                instant: true,
              },
            ],
            fieldConfig: {
              defaults: {
                unit: 'none',
                mappings: [
                  {
                    type: 'value',
                    options: {
                      '0': {
                        text: 'no answer',
                        color: 'red',
                        index: 0,
                      },
                      '1': {
                        text: 'answering',
                        color: 'green',
                        index: 1,
                      },
                    },
                  },
                ],
                thresholds: g.redGreenThresholds,
                color: {
                  mode: 'thresholds',
                },
              },
              overrides: [],
            },
            options: {
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
              orientation: 'auto',
              justifyMode: 'auto',
            },
          },
          {
            type: 'stat',
            title: t.panels.configured_intervals.title,
            description: t.panels.configured_intervals.description,
            datasource: g.datasource,
            id: 39,
            gridPos: {
              h: 5,
              w: 8,
              x: 0,
              y: 136,
            },
            fieldConfig: {
              defaults: {
                unit: 's',
                mappings: [],
                thresholds: {
                  mode: 'absolute',
                  steps: [
                    {
                      color: 'blue',
                      value: null,
                    },
                  ],
                },
                color: {
                  mode: 'thresholds',
                },
              },
              overrides: [],
            },
            options: {
              reduceOptions: {
                calcs: [
                  'lastNotNull',
                ],
                fields: '',
                values: false,
              },
              colorMode: 'none',
              graphMode: 'none',
              textMode: 'value_and_name',
              justifyMode: 'auto',
              orientation: 'auto',
              wideLayout: true,
              showPercentChange: false,
            },
            targets: [
              g.instant('A', q('kms_exporter_probe_interval_seconds{%(sel)s}'), '{{instance}} interval'),
              g.instant('B', q('kms_exporter_activation_interval_seconds{%(sel)s}'), '{{instance}} activation_interval'),
            ],
          },
        ],
      },
      {
        type: 'row',
        title: t.panels.dns_continuity_row.title,
        collapsed: false,
        id: 36,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 141,
        },
        panels: [],
      },
      {
        type: 'timeseries',
        title: t.panels.age_of_the_last_srv_answer_with_records.title,
        description: t.panels.age_of_the_last_srv_answer_with_records.description,
        datasource: g.datasource,
        id: 38,
        gridPos: {
          h: 8,
          w: 24,
          x: 0,
          y: 142,
        },
        fieldConfig: {
          defaults: {
            unit: 's',
            min: 0,
            color: {
              mode: 'palette-classic',
            },
            custom: {
              drawStyle: 'line',
              lineWidth: 1,
              fillOpacity: 0,
              showPoints: 'never',
            },
          },
          overrides: [],
        },
        options: {
          legend: {
            displayMode: 'list',
            placement: 'bottom',
            showLegend: true,
          },
          tooltip: {
            mode: 'multi',
            sort: 'none',
          },
        },
        targets: [
          {
            datasource: g.datasource,
            refId: 'A',
            expr: q('time() - kms_dns_srv_last_success_timestamp_seconds{%(sel)s, domain=~"$domain"}'),
            editorMode: 'code',
            range: true,
            legendFormat: l('{{domain}} via {{nameserver}}'),
          },
        ],
      },
    ],
  }
