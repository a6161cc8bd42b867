// The host drill-down (grafana/kms-host.json and its translations): one KMS host in detail.
local catalog = import '../lib/catalog.libsonnet';
local g = import 'lib.libsonnet';

// `config` is the mixin's _config, `texts` the dashboard texts of its language
// (lang/dashboards/*.libsonnet), `uids` the uids of both dashboards in that language.
function(config, texts, uids)
  local t = texts.host;
  local l = g.label(texts);
  local q = g.query(config);
  {
    uid: uids.host,
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
        title: l('KMS activation overview'),
        type: 'link',
        url: g.dashboardURL(uids.overview, 'kms-overview'),
        icon: 'dashboard',
        includeVars: false,
        keepTime: true,
        asDropdown: false,
        targetBlank: false,
        tags: [],
        tooltip: l('All domains and hosts'),
      },
    ],
    templating: {
      list: g.variables(config, t.variables, multiHost=false),
    },
    panels: [
      {
        type: 'row',
        title: t.panels.reachability_row.title,
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
        type: 'stat',
        title: t.panels.kms_answer.title,
        description: t.panels.kms_answer.description,
        datasource: g.datasource,
        id: 2,
        gridPos: {
          h: 4,
          w: 4,
          x: 0,
          y: 1,
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
            thresholds: g.redGreenThresholds,
            color: {
              mode: 'thresholds',
            },
          },
          overrides: [],
        },
        options: g.statOptions,
        targets: [
          g.instant('A', q('kms_host_up{%(sel)s, host=~"$host"}'), '{{instance}}'),
        ],
      },
      {
        type: 'stat',
        title: t.panels.tcp_connect.title,
        description: t.panels.tcp_connect.description,
        datasource: g.datasource,
        id: 3,
        gridPos: {
          h: 4,
          w: 4,
          x: 4,
          y: 1,
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
            thresholds: g.greenThresholds,
            color: {
              mode: 'thresholds',
            },
          },
          overrides: [],
        },
        options: g.statOptions,
        targets: [
          g.instant('A', q('max without (status) (\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="ok"} * 1\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="refused"} * 2\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="timeout"} * 3\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="unreachable"} * 4\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="no_address"} * 5\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="error"} * 6\n)'), '{{instance}}'),
        ],
      },
      {
        type: 'stat',
        title: t.panels.rpc_bind.title,
        description: t.panels.rpc_bind.description,
        datasource: g.datasource,
        id: 4,
        gridPos: {
          h: 4,
          w: 4,
          x: 8,
          y: 1,
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
                  '0': {
                    index: 1,
                    text: 'failed',
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
          g.instant('A', q('kms_host_rpc_bind_success{%(sel)s, host=~"$host"}'), '{{instance}}'),
        ],
      },
      {
        type: 'stat',
        title: t.panels.resolved_addresses.title,
        description: t.panels.resolved_addresses.description,
        datasource: g.datasource,
        id: 5,
        gridPos: {
          h: 4,
          w: 4,
          x: 12,
          y: 1,
        },
        fieldConfig: {
          defaults: {
            unit: 'short',
            mappings: [],
            thresholds: g.redGreenThresholds,
            color: {
              mode: 'thresholds',
            },
          },
          overrides: [],
        },
        options: g.statOptions,
        targets: [
          g.instant('A', q('kms_host_resolved_addresses{%(sel)s, host=~"$host"}'), '{{instance}}'),
        ],
      },
      {
        type: 'table',
        title: t.panels.published_by.title,
        description: t.panels.published_by.description,
        datasource: g.datasource,
        id: 6,
        gridPos: {
          h: 8,
          w: 8,
          x: 16,
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
          overrides: [],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_dns_srv_record_info{%(sel)s, host=~"$host"}'), '__auto'),
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
                host: true,
              },
              indexByName: {
                domain: 0,
                nameserver: 1,
                port: 2,
                priority: 3,
                weight: 4,
                instance: 5,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'state-timeline',
        title: t.panels.up_tcp_and_rpc_bind_history.title,
        description: t.panels.up_tcp_and_rpc_bind_history.description,
        datasource: g.datasource,
        id: 7,
        gridPos: {
          h: 4,
          w: 16,
          x: 0,
          y: 5,
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
          },
          overrides: [
            {
              matcher: {
                id: 'byFrameRefID',
                options: 'B',
              },
              properties: [
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
                },
              ],
            },
            {
              matcher: {
                id: 'byFrameRefID',
                options: 'C',
              },
              properties: [
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
              ],
            },
            {
              matcher: {
                id: 'byFrameRefID',
                options: 'D',
              },
              properties: [
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
              ],
            },
          ],
        },
        options: g.timelineOptions,
        targets: [
          g.range('A', q('kms_host_up{%(sel)s, host=~"$host"}'), l('KMS answer · {{instance}}')),
          g.range('B', q('max without (status) (\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="ok"} * 1\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="refused"} * 2\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="timeout"} * 3\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="unreachable"} * 4\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="no_address"} * 5\n  or\n    kms_host_tcp_connect_status{%(sel)s, host=~"$host", status="error"} * 6\n)'), l('TCP · {{instance}}')),
          g.range('C', q('kms_host_rpc_bind_success{%(sel)s, host=~"$host"}'), l('RPC bind · {{instance}}')),
          g.range('D', q('kms_host_address_tcp_connect_success{%(sel)s, host=~"$host"}'), l('TCP {{address}} · {{instance}}')),
        ],
      },
      {
        type: 'state-timeline',
        title: t.panels.kms_answer_per_site.title,
        description: t.panels.kms_answer_per_site.description,
        datasource: g.datasource,
        id: 26,
        gridPos: {
          h: 6,
          w: 24,
          x: 0,
          y: 9,
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
            custom: g.timelineCustom,
          },
          overrides: [],
        },
        options: g.timelineOptions,
        targets: [
          // One row per site; exporters without the site label get a row per instance.
          g.range('A', g.hostUpPerSite(config, []), '{{%s}}' % config.siteLabel),
        ],
      },
      {
        type: 'timeseries',
        title: t.panels.tcp_connect_duration.title,
        description: t.panels.tcp_connect_duration.description,
        datasource: g.datasource,
        id: 8,
        gridPos: {
          h: 8,
          w: 12,
          x: 0,
          y: 15,
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
          g.range('A', q('kms_host_tcp_connect_duration_seconds{%(sel)s, host=~"$host"}'), '{{port}} · {{instance}}'),
        ],
      },
      {
        type: 'timeseries',
        title: t.panels.probe_duration.title,
        description: t.panels.probe_duration.description,
        datasource: g.datasource,
        id: 9,
        gridPos: {
          h: 8,
          w: 12,
          x: 12,
          y: 15,
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
          g.range('A', q('kms_host_probe_duration_seconds{%(sel)s, host=~"$host"}'), '{{port}} · {{instance}}'),
        ],
      },
      {
        type: 'row',
        title: t.panels.activation_per_product_row.title,
        collapsed: false,
        id: 10,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 23,
        },
        panels: [],
      },
      {
        type: 'table',
        title: t.panels.activation_now.title,
        description: t.panels.activation_now.description,
        datasource: g.datasource,
        id: 11,
        gridPos: {
          h: 6,
          w: 24,
          x: 0,
          y: 24,
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
          ],
        },
        options: {
          showHeader: true,
          cellHeight: 'sm',
          sortBy: [
            {
              displayName: 'product',
              desc: false,
            },
          ],
          footer: g.tableFooter,
        },
        targets: [
          g.table('A', q('kms_activation_status{%(sel)s, host=~"$host"} == 1'), '__auto'),
          g.table('B', q('kms_activation_hresult{%(sel)s, host=~"$host"}'), '__auto'),
          g.table('C', q('kms_activation_current_clients{%(sel)s, host=~"$host"}'), '__auto'),
          g.table('D', q('kms_activation_required_clients{%(sel)s, host=~"$host"}'), '__auto'),
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
                host: true,
              },
              indexByName: {
                product: 0,
                port: 1,
                status: 2,
                'Value #B': 3,
                'Value #C': 4,
                'Value #D': 5,
                instance: 6,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'state-timeline',
        title: t.panels.activation_status_per_product.title,
        description: t.panels.activation_status_per_product.description,
        datasource: g.datasource,
        id: 12,
        gridPos: {
          h: 7,
          w: 12,
          x: 0,
          y: 30,
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
                    text: 'invalid_response',
                    color: 'orange',
                  },
                  '4': {
                    index: 3,
                    text: 'rpc_error',
                    color: 'orange',
                  },
                  '5': {
                    index: 4,
                    text: 'unreachable',
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
          },
          overrides: [],
        },
        options: g.timelineOptions,
        targets: [
          g.range('A', q('max without (status) (\n    kms_activation_status{%(sel)s, host=~"$host", status="ok"} * 1\n  or\n    kms_activation_status{%(sel)s, host=~"$host", status="refused"} * 2\n  or\n    kms_activation_status{%(sel)s, host=~"$host", status="invalid_response"} * 3\n  or\n    kms_activation_status{%(sel)s, host=~"$host", status="rpc_error"} * 4\n  or\n    kms_activation_status{%(sel)s, host=~"$host", status="unreachable"} * 5\n)'), '{{product}} · {{instance}}'),
        ],
      },
      {
        type: 'state-timeline',
        title: t.panels.hresult_per_product.title,
        description: t.panels.hresult_per_product.description,
        datasource: g.datasource,
        id: 13,
        gridPos: {
          h: 7,
          w: 12,
          x: 12,
          y: 30,
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
          },
          overrides: [],
        },
        options: g.timelineOptions,
        targets: [
          g.range('A', q('kms_activation_hresult{%(sel)s, host=~"$host"}'), '{{product}} · {{instance}}'),
        ],
      },
      {
        type: 'timeseries',
        title: t.panels.activation_count_against_required.title,
        description: t.panels.activation_count_against_required.description,
        datasource: g.datasource,
        id: 14,
        gridPos: {
          h: 8,
          w: 24,
          x: 0,
          y: 37,
        },
        fieldConfig: {
          defaults: {
            unit: 'short',
            mappings: [],
            thresholds: g.greenThresholds,
            color: {
              mode: 'palette-classic',
            },
            custom: g.timeseriesCustom,
            decimals: 0,
            min: 0,
          },
          overrides: [
            {
              matcher: {
                id: 'byFrameRefID',
                options: 'B',
              },
              properties: [
                {
                  id: 'custom.lineStyle',
                  value: {
                    fill: 'dash',
                    dash: [
                      10,
                      10,
                    ],
                  },
                },
              ],
            },
          ],
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
          g.range('A', q('kms_activation_current_clients{%(sel)s, host=~"$host"}'), l('{{product}} current · {{instance}}')),
          g.range('B', q('kms_activation_required_clients{%(sel)s, host=~"$host"}'), l('{{product}} required · {{instance}}')),
        ],
      },
      {
        type: 'row',
        title: t.panels.clock_the_4_hour_kms_limit_row.title,
        collapsed: false,
        id: 15,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 45,
        },
        panels: [],
      },
      {
        type: 'timeseries',
        title: t.panels.clock_offset_against_4_h.title,
        description: t.panels.clock_offset_against_4_h.description,
        datasource: g.datasource,
        id: 16,
        gridPos: {
          h: 8,
          w: 12,
          x: 0,
          y: 46,
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
          },
          overrides: [],
        },
        options: g.timeseriesOptions,
        targets: [
          g.range('A', q('kms_host_clock_offset_seconds{%(sel)s, host=~"$host"}'), '{{method}} · {{instance}}'),
        ],
      },
      {
        type: 'timeseries',
        title: t.panels.clock_offset_detail.title,
        description: t.panels.clock_offset_detail.description,
        datasource: g.datasource,
        id: 17,
        gridPos: {
          h: 8,
          w: 12,
          x: 12,
          y: 46,
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
          g.range('A', q('kms_host_clock_offset_seconds{%(sel)s, host=~"$host"}'), l('host {{method}} · {{instance}}')),
          g.range('B', q('kms_exporter_clock_offset_seconds{%(sel)s}'), l('exporter vs {{server}} · {{instance}}')),
        ],
      },
      {
        type: 'timeseries',
        title: t.panels.clock_probe_round_trip_time.title,
        description: t.panels.clock_probe_round_trip_time.description,
        datasource: g.datasource,
        id: 18,
        gridPos: {
          h: 7,
          w: 8,
          x: 0,
          y: 54,
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
          g.range('A', q('kms_host_clock_rtt_seconds{%(sel)s, host=~"$host"}'), '{{method}} · {{instance}}'),
        ],
      },
      {
        type: 'state-timeline',
        title: t.panels.clock_probe_success.title,
        description: t.panels.clock_probe_success.description,
        datasource: g.datasource,
        id: 19,
        gridPos: {
          h: 7,
          w: 8,
          x: 8,
          y: 54,
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
                  '0': {
                    index: 1,
                    text: 'failed',
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
          },
          overrides: [],
        },
        options: g.timelineOptions,
        targets: [
          g.range('A', q('kms_host_clock_probe_success{%(sel)s, host=~"$host"}'), '{{method}} · {{instance}}'),
        ],
      },
      {
        type: 'stat',
        title: t.panels.ntp_stratum_and_leap_indicator.title,
        description: t.panels.ntp_stratum_and_leap_indicator.description,
        datasource: g.datasource,
        id: 20,
        gridPos: {
          h: 7,
          w: 8,
          x: 16,
          y: 54,
        },
        fieldConfig: {
          defaults: {
            unit: 'none',
            mappings: [],
            thresholds: {
              mode: 'absolute',
              steps: [
                {
                  color: 'green',
                  value: null,
                },
                {
                  color: 'red',
                  value: 16,
                },
              ],
            },
            color: {
              mode: 'thresholds',
            },
          },
          overrides: [
            {
              matcher: {
                id: 'byFrameRefID',
                options: 'B',
              },
              properties: [
                {
                  id: 'mappings',
                  value: [
                    {
                      type: 'value',
                      options: {
                        '0': {
                          index: 0,
                          text: 'no warning',
                          color: 'green',
                        },
                        '1': {
                          index: 1,
                          text: 'leap +1 s pending',
                          color: 'yellow',
                        },
                        '2': {
                          index: 2,
                          text: 'leap -1 s pending',
                          color: 'yellow',
                        },
                        '3': {
                          index: 3,
                          text: 'unsynchronized',
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
          reduceOptions: {
            calcs: [
              'lastNotNull',
            ],
            fields: '',
            values: false,
          },
          colorMode: 'value',
          graphMode: 'none',
          textMode: 'value_and_name',
          justifyMode: 'auto',
          orientation: 'auto',
          wideLayout: true,
          showPercentChange: false,
        },
        targets: [
          g.instant('A', q('kms_host_clock_ntp_stratum{%(sel)s, host=~"$host"}'), l('stratum · {{instance}}')),
          g.instant('B', q('kms_host_clock_ntp_leap{%(sel)s, host=~"$host"}'), l('leap · {{instance}}')),
        ],
      },
      {
        type: 'row',
        title: t.panels.identity_and_protocol_row.title,
        collapsed: false,
        id: 21,
        gridPos: {
          h: 1,
          w: 24,
          x: 0,
          y: 61,
        },
        panels: [],
      },
      {
        type: 'table',
        title: t.panels.epid_host_os_host_key_and_hwid.title,
        description: t.panels.epid_host_os_host_key_and_hwid.description,
        datasource: g.datasource,
        id: 22,
        gridPos: {
          h: 5,
          w: 24,
          x: 0,
          y: 62,
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
                host: true,
              },
              indexByName: {
                port: 0,
                application: 1,
                host_os: 2,
                os_build: 3,
                csvlk: 4,
                lcid: 5,
                epid: 6,
                hwid: 7,
                instance: 8,
              },
              renameByName: {},
            },
          },
        ],
      },
      {
        type: 'stat',
        title: t.panels.protocol_versions.title,
        description: t.panels.protocol_versions.description,
        datasource: g.datasource,
        id: 23,
        gridPos: {
          h: 5,
          w: 8,
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
            thresholds: g.redGreenThresholds,
            color: {
              mode: 'thresholds',
            },
          },
          overrides: [],
        },
        options: g.statOptions,
        targets: [
          g.instant('A', q('kms_host_protocol_version_supported{%(sel)s, host=~"$host"}'), 'V{{version}} · {{instance}}'),
        ],
      },
      {
        type: 'stat',
        title: t.panels.intervals_given_to_clients.title,
        description: t.panels.intervals_given_to_clients.description,
        datasource: g.datasource,
        id: 24,
        gridPos: {
          h: 5,
          w: 8,
          x: 8,
          y: 67,
        },
        fieldConfig: {
          defaults: {
            unit: 's',
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
          g.instant('A', q('kms_host_activation_interval_seconds{%(sel)s, host=~"$host"}'), l('activation · {{instance}}')),
          g.instant('B', q('kms_host_renewal_interval_seconds{%(sel)s, host=~"$host"}'), l('renewal · {{instance}}')),
        ],
      },
      {
        type: 'timeseries',
        title: t.panels.intervals_over_time.title,
        description: t.panels.intervals_over_time.description,
        datasource: g.datasource,
        id: 25,
        gridPos: {
          h: 5,
          w: 8,
          x: 16,
          y: 67,
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
          g.range('A', q('kms_host_activation_interval_seconds{%(sel)s, host=~"$host"}'), l('activation · {{instance}}')),
          g.range('B', q('kms_host_renewal_interval_seconds{%(sel)s, host=~"$host"}'), l('renewal · {{instance}}')),
        ],
      },
    ],
  }
