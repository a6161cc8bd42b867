// アラートの概要と説明 (日本語)。説明は Prometheus のテンプレートで、lang/en.libsonnet と同じクエリを使います。
// Terms: activate = ライセンス認証, as in docs/runbooks/ja.md.
{
  KmsClientsCannotActivate: {
    summary: "サイトのクライアントが、ドメインの製品をまったくライセンス認証できません。",
    description: |||
      {{ with $labels.site }}サイト {{ . }} の
      {{- else }}{{ $labels.instance }} から見た{{ end }}クライアントのうち、{{ $labels.domain }} で
      {{ $labels.product }} をライセンス認証するクライアントの {{ $value | humanizePercentage }} が
      {{ $labels.hresult }} を受け取り、ライセンス認証に成功するクライアントはありません。{{- if $labels.site }} クライアントが {{ $labels.hresult }} を受け取るサイト:
      {{ range $i, $s := printf `kms_domain_activation_result_ratio{job=%q,domain=%q,product=%q,hresult=%q} > 0` $labels.job $labels.domain $labels.product $labels.hresult | query | sortByLabel "site" }}
      {{- if $i }}, {{ end }}{{ $s.Labels.site }}{{ end }}.{{ end }}
      {{ $labels.instance }} からの調査結果 (DNS の応答と、ホストごとにプローブが止まった段階): DNS
      {{- range $i, $s := printf `kms_dns_srv_status{job=%q,instance=%q,exporter=%q,domain=%q} == 1` $labels.job $labels.instance $labels.exporter $labels.domain | query | sortByLabel "nameserver" }}
      {{- if $i }},{{ end }} {{ $s.Labels.nameserver }} `{{ $s.Labels.status }}`{{ else }} 報告なし{{ end }}
      {{- range printf `kms_domain_host_info{job=%q,instance=%q,exporter=%q,domain=%q}` $labels.job $labels.instance $labels.exporter $labels.domain | query | sortByLabel "host" }}
      {{- $at := printf `job=%q,instance=%q,exporter=%q,host=%q,port=%q` $labels.job $labels.instance $labels.exporter .Labels.host .Labels.port }};
      {{ .Labels.host }}:{{ .Labels.port }}
      {{ with printf `kms_host_tcp_connect_status{%s,status!="ok"} == 1` $at | query }}TCP 接続の状態
      `{{ (index . 0).Labels.status }}`
      {{- else }}{{ with printf `kms_host_rpc_bind_success{%s} == 0` $at | query }}RPC バインド失敗
      {{- else }}{{ with printf `kms_activation_status{%s,product=%q} == 1` $at $labels.product | query }}ライセンス認証の状態
      `{{ (index . 0).Labels.status }}`
      {{- if eq (index . 0).Labels.status "refused" }}{{ with printf `kms_activation_hresult{%s,product=%q} == %s` $at $labels.product $labels.hresult | query }} ({{ $labels.hresult }}){{ end }}{{ end }}
      {{- if eq (index . 0).Labels.status "ok" }}{{ with printf `kms_activation_current_clients{%s,product=%q} < kms_activation_required_clients{%s,product=%q}` $at $labels.product $at $labels.product | query }}、カウント {{ (index . 0).Value }} (しきい値未満){{ end }}{{ end }}
      {{- else }}ライセンス認証の結果なし{{ end }}{{ end }}{{ end }}
      {{- end }}。`kms_exporter explain {{ $labels.hresult }}` でこのコードの原因と対処を表示できます。
    |||,
  },
  KmsSomeClientsCannotActivate: {
    summary: "サイトの一部のクライアントが、ドメインの製品のライセンス認証を拒否されています。",
    description: |||
      {{ with $labels.site }}サイト {{ . }} の
      {{- else }}{{ $labels.instance }} から見た{{ end }}クライアントのうち、{{ $labels.domain }} で
      {{ $labels.product }} をライセンス認証するクライアントの {{ $value | humanizePercentage }} が
      {{ range $i, $h := printf `kms_activation_hresult{job=%q,instance=%q,exporter=%q,product=%q} == %s and on (job, instance, exporter, host, port) kms_domain_host_info{job=%q,instance=%q,exporter=%q,domain=%q}` $labels.job $labels.instance $labels.exporter $labels.product $labels.hresult $labels.job $labels.instance $labels.exporter $labels.domain | query | sortByLabel "host" }}
      {{- if $i }}, {{ end }}{{ $h.Labels.host }}:{{ $h.Labels.port }}{{ end }} から {{ $labels.hresult }} を受け取り、残りはライセンス認証されます。拒否されたクライアントは 2 時間ごとに再試行し、そのときに認証してくれるホストを選ぶこともあります。
    |||,
  },
  KmsSrvRecordMissingOnNameserver: {
    summary: "ほかの DNS サーバーにある _vlmcs._tcp SRV レコードが、特定の DNS サーバーにありません。",
    description: |||
      DNS サーバー {{ $labels.nameserver }} は _vlmcs._tcp.{{ $labels.domain }} に NXDOMAIN または「レコードなし」を返しますが、{{ $labels.instance }} から問い合わせた他の DNS サーバーはレコードを返します。{{ $labels.nameserver }} を使うクライアントは KMS ホストを検出できません。
    |||,
  },
  KmsDnsServerFailing: {
    summary: "特定の DNS サーバーが _vlmcs._tcp SRV クエリの大半に失敗しています。",
    description: |||
      DNS サーバー {{ $labels.nameserver }} は、直近 1 時間の {{ $value | humanizePercentage }} の間、{{ $labels.instance }} からの _vlmcs._tcp.{{ $labels.domain }} の SRV クエリに失敗しました{{ with printf
      "kms_dns_srv_status{domain=%q,nameserver=%q,instance=%q} == 1" $labels.domain
      $labels.nameserver $labels.instance | query }} (現在の状態: `{{ (index . 0).Labels.status
      }}`){{ end }}。このサーバーに最初に問い合わせるクライアントは応答を待ってから次のサーバーに問い合わせ、このサーバーしか使わないクライアントは失敗します。
    |||,
  },
  KmsUnexpectedHostPublished: {
    summary: "許可リストにないホストが _vlmcs._tcp SRV レコードを公開しています。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} は _vlmcs._tcp.{{ $labels.domain }} に公開されていますが、expected_hosts にありません。クライアントは公開されたホストから選ぶため、一部はこの不明なホストでライセンス認証されるか、失敗します。
    |||,
  },
  KmsExpectedHostNotPublished: {
    summary: "想定した KMS ホストがドメインの SRV レコードにありません。",
    description: |||
      {{ $labels.host }} は {{ $labels.domain }} の expected_hosts にありますが、{{ $labels.instance }} から問い合わせたどの DNS サーバーも _vlmcs._tcp.{{ $labels.domain }} にこのホストを公開していません。クライアントはこのホストを検出できないため、ドメインの冗長性が計画より低くなっています。
    |||,
  },
  KmsDomainSingleHost: {
    summary: "ドメインが KMS ホストを 1 台しか公開していません。",
    description: |||
      _vlmcs._tcp.{{ $labels.domain }} に KMS ホストが 1 台しかありません。そのホストが故障すると、{{ $labels.domain }} のクライアントには代わりのホストがありません。
    |||,
  },
  KmsSrvTargetUnresolvable: {
    summary: "DNS で公開された KMS ホストに A または AAAA レコードがありません。",
    description: |||
      {{ $labels.host }} (ポート {{ $labels.port }}) は KMS の対象ですが、{{ with $labels.instance }}{{ . }} から{{ else }}このホストを調べるどのエクスポーターからも{{ end }}この名前をアドレスに解決できません。SRV レコードが古いか、ホストのレコードが削除されています。
    |||,
  },
  KmsHostPortUnreachable: {
    summary: "KMS ホストが KMS ポートで TCP 接続を受け付けません。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} に
      {{ $labels.instance }} から TCP で接続できません{{ with printf
      "kms_host_tcp_connect_status{host=%q,port=%q,instance=%q} == 1" $labels.host
      $labels.port $labels.instance | query }} (接続の状態: `{{ (index . 0).Labels.status
      }}`){{ end }}。このホストを選んだクライアントは別のホストに切り替えるか、あきらめます。
    |||,
  },
  KmsHostAddressUnreachable: {
    summary: "KMS ホストのアドレスの 1 つが TCP 接続を受け付けません。別のアドレスには接続できます。",
    description: |||
      {{ $labels.instance }} から {{ $labels.host }}:{{ $labels.port }} には接続できますが、アドレス {{ $labels.address }} には接続できません。{{ $labels.address }} を先に試すクライアント (Windows は IPv6 を優先します) もライセンス認証はできますが、その試行がタイムアウトして別のアドレスに切り替えるまで待たされます。
    |||,
  },
  KmsHostRpcBindFailing: {
    summary: "KMS ポートは TCP 接続を受け付けますが、KMS の RPC インターフェイスを提供していません。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} は {{ $labels.instance }} からの TCP 接続を受け付けますが、KMS インターフェイスへの DCE/RPC バインドが失敗します。このポートではキー管理サービス以外のものが応答しています。
    |||,
  },
  KmsHostProtocolVersionUnsupported: {
    summary: "KMS ホストが、現在のクライアントが使う KMS プロトコル バージョンを拒否します。",
    description: |||
      {{ if $labels.product }}{{ $labels.host }}:{{ $labels.port }} は、エクスポーターが試したすべてのプロトコル バージョンで {{ $labels.product }} を 0x8007000D (無効なデータ) で拒否します。{{ else }}
      {{- $labels.host }}:{{ $labels.port }} は KMS プロトコル バージョン {{ $labels.version }} を受け付けません。Windows 8.1、Windows Server 2012 R2 以降と Office 2016 以降がこのバージョンを使います。{{ end }}
    |||,
  },
  KmsHostInvalidResponse: {
    summary: "KMS ホストは応答しますが、その応答が検証に失敗します。",
    description: |||
      {{ $labels.instance }} からの {{ $labels.product }} の要求に対する {{ $labels.host }}:{{ $labels.port }} の応答が検証を通りませんでした (検証結果 `{{ $labels.status }}`)。ホストが壊れているか、正規の KMS ホストではないか、経路上の何かが通信を改変しています。
    |||,
  },
  KmsHostDownFromAllSites: {
    summary: "KMS ホストがどのサイトのエクスポーターにも検証済みの KMS 応答を返しません。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} は、このホストをプローブする {{ $value }} サイトのどのエクスポーターにも検証済みの KMS 応答を返しません。1 つのサイトのネットワーク経路ではなく、ホスト自体が停止しているか壊れています。どのサイトでもこのホストを選んだクライアントは別のホストに切り替え、このホストが最後のホストだったドメインについては KmsClientsCannotActivate が発報します。
    |||,
  },
  KmsHostDownFromSomeSites: {
    summary: "KMS ホストが他のサイトのエクスポーターには応答しますが、あるサイトのエクスポーターには応答しません。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} はサイト {{ $labels.site }} のエクスポーターに検証済みの KMS
      応答を返しませんが、他のサイト {{ with printf
      "count without (site) (max without (instance, exporter) (kms_host_up{job=%q,host=%q,port=%q}) == 1)"
      $labels.job $labels.host $labels.port | query }}{{ . | first | value }}{{ else
      }}複数{{ end }} か所はこのホストに到達します。ホストは動作していますが、{{ $labels.site }} からこのホストへの経路 (ファイアウォール、ルーティング、DNS) が機能しておらず、{{ $labels.site }} でこのホストを選んだクライアントは別のホストに切り替えるか、あきらめます。
    |||,
  },
  KmsActivationCountBelowThreshold: {
    summary: "KMS ホストのライセンス認証カウントが製品のしきい値を下回っています。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} は {{ $labels.product }} のカウントとして {{ $value }} を報告しています。このようなクライアントをライセンス認証するには異なるコンピューターが {{ with printf
      "kms_activation_required_clients{host=%q,port=%q,product=%q,instance=%q}" $labels.host
      $labels.port $labels.product $labels.instance | query }}{{ . | first | value }}{{ else
      }}必要な数{{ end }} 台必要で、それを下回っています。
    |||,
  },
  KmsHostNotActivated: {
    summary: "KMS ホスト自身の KMS ホスト キーがライセンス認証されていないため、ライセンス認証を拒否します。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} は {{ $labels.product }} の要求に 0xC004F041 で応答します。このホストにインストールされた KMS ホスト キーがライセンス認証されていません。このホストに到達するすべてのクライアントが拒否されます。
    |||,
  },
  KmsHostProductNotSupported: {
    summary: "KMS ホストが製品をライセンス認証できません。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} は {{ $labels.product }} を 0xC004F042 で拒否します。KMS ホスト キーがこの製品を対象としていません (たとえば古いホスト キーと、より新しい Windows、Windows Server、Office のリリース)。
    |||,
  },
  KmsHostTimestampRefused: {
    summary: "要求のタイムスタンプがホストの時計から離れすぎているため、KMS ホストが要求を拒否します。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} は {{ $labels.instance }} からの {{ $labels.product }} の要求を
      0xC004F06C で拒否します。このホストの時計はエクスポーターの時計と 4 時間以上ずれています。時計が正しいクライアントも同じように拒否されます。
    |||,
  },
  KmsHostOvercharged: {
    summary: "KMS ホストがセキュリティ プロセッサの無効なデータを報告しています (クライアント テーブルのあふれ)。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} は {{ $labels.product }} を 0xC004D104 で拒否します。過大な N ポリシーを持つ要求でクライアント テーブルがあふれたホストの拒否です。ホストは自然には回復しません。
    |||,
  },
  KmsActivationRefused: {
    summary: "KMS ホストが、他のアラートが扱わない HRESULT でライセンス認証を拒否します。",
    description: |||
      {{- $code := printf `kms_activation_hresult{job=%q,instance=%q,exporter=%q,host=%q,port=%q,product=%q}` $labels.job $labels.instance $labels.exporter $labels.host $labels.port $labels.product }}
      {{- $hex := "" }}
      {{- range printf `label_replace(floor(%[1]s / 268435456) %% 16, "d", "1", "", "") or label_replace(floor(%[1]s / 16777216) %% 16, "d", "2", "", "") or label_replace(floor(%[1]s / 1048576) %% 16, "d", "3", "", "") or label_replace(floor(%[1]s / 65536) %% 16, "d", "4", "", "") or label_replace(floor(%[1]s / 4096) %% 16, "d", "5", "", "") or label_replace(floor(%[1]s / 256) %% 16, "d", "6", "", "") or label_replace(floor(%[1]s / 16) %% 16, "d", "7", "", "") or label_replace(%[1]s %% 16, "d", "8", "", "")` $code | query | sortByLabel "d" }}
      {{- $hex = print $hex (.Value | printf "%.0f" | reReplaceAll "^10$" "A" | reReplaceAll "^11$" "B" | reReplaceAll "^12$" "C" | reReplaceAll "^13$" "D" | reReplaceAll "^14$" "E" | reReplaceAll "^15$" "F") }}
      {{- end }}
      {{- $labels.host }}:{{ $labels.port }} は {{ $labels.product }} を
      0x{{ $hex }} ({{ printf "%.0f" $value }}) で拒否します。`kms_exporter explain 0x{{ $hex }}` を実行すると、コードの名前、原因、対処を表示できます。
    |||,
  },
  KmsHostClockSkew: {
    summary: "KMS ホストの時計のずれが KMS の 4 時間の上限に近づいています。",
    description: |||
      {{ $labels.host }} の時計はエクスポーターの時計と {{ $value | humanizeDuration }} ずれています
      ({{ $labels.instance }} から測定)。4 時間に達すると、ホストはすべてのクライアントを 0xC004F06C で拒否します。
    |||,
  },
  KmsExporterDown: {
    summary: "Prometheus が kms_exporter をスクレイプできません。",
    description: |||
      Prometheus は {{ $labels.instance }} (job `{{ $labels.job }}`) のスクレイプに失敗しています。この観測点からは KMS を監視できておらず、この観測点のほかのアラートは、問題が解消したからではなくデータがないために解決します。
    |||,
  },
  KmsExporterDownOutsideBusinessHours: {
    summary: "業務時間外に、あるサイトの kms_exporter を 1 つもスクレイプできません。",
    description: |||
      Prometheus は {{ with $labels.site }}サイト {{ . }}{{ else }}job `{{ $labels.job }}`{{ end }} の kms_exporter のターゲットを 1 つもスクレイプできておらず、現在は業務時間外です。復旧するまで、ここでは KMS のライセンス認証を誰も監視していません。クライアントがライセンス認証できなくなっても KmsClientsCannotActivate は発報できず、KmsExporterDown のチケットは業務時間が始まるまで{{ with query "kms:business_hours:seconds_until" }}（あと {{ . | first | value | humanizeDuration }}）{{ end }}保留されます。
    |||,
  },
  KmsExporterProbesStale: {
    summary: "エクスポーターが最近プローブ サイクルを完了していません。",
    description: |||
      {{ $labels.instance }} の最後に完了したプローブ サイクルは、Prometheus の時計で
      {{ $value | humanizeDuration }} 前に終わっており、間隔 {{ with printf "kms_exporter_probe_interval_seconds{job=%q,instance=%q}" $labels.job
      $labels.instance | query }}{{ . | first | value | humanizeDuration }}{{ end }} の 2 倍を超えています。エクスポーターがプローブを止めたか、時計がそれだけ遅れています。このインスタンスの kms_ メトリックは過去を表しており、このインスタンスの他の KMS アラートは信頼できません。
    |||,
  },
  KmsExporterConfigReloadFailed: {
    summary: "エクスポーターが構成の再読み込みに失敗しました。",
    description: |||
      {{ $labels.instance }} は前回の再読み込みで構成ファイルを拒否し、以前の構成で動作を続けています。
    |||,
  },
  KmsExporterClockUnsynchronized: {
    summary: "エクスポーターの時計が同期されていません。",
    description: |||
      {{ $labels.instance }} の時計は少なくとも {{ $value | humanizeDuration }} ずれています (clock.reference
      サーバーに対して、または Prometheus の時計より進んでいます)。このエクスポーターが測るホストの時計のずれも同じだけ誤り、ライセンス認証の要求がタイムスタンプのために拒否されることがあり、時計とタイムスタンプのアラートは修正されるまで保留されます。
    |||,
  },
  KmsExporterNothingProbed: {
    summary: "エクスポーターにプローブする対象がありません。",
    description: |||
      {{ $labels.instance }} の構成にはドメインもホストもなく、/etc/resolv.conf にもドメインが見つかりませんでした。何もプローブしないため、このサイトについてはどの KMS アラートも発生しません。
    |||,
  },
  KmsActivationAvailabilityBelowObjective: {
    summary: "過去 30 日間に、あるサイトでドメインの製品をライセンス認証できたクライアントの割合が目標を下回っています。",
    description: |||
      過去 30 日間に{{ with $labels.site }}サイト {{ . }}{{ else }}ジョブ {{ $labels.job }}{{ end }} で {{ $labels.domain }} の {{ $labels.product }} をライセンス認証するクライアントのうち、ライセンス認証できた割合は {{ $value | humanizePercentage }} で、目標 (ミックスインの _config の activationAvailabilityObjective) を下回っています。直近 1 日: {{ with printf `kms:domain_activation_success:ratio_1d{job=%q,domain=%q,product=%q,site=%q}` $labels.job $labels.domain $labels.product $labels.site | query }}{{ . | first | value | humanizePercentage }}{{ else }}記録なし{{ end }}。
    |||,
  },
  KmsActivationCountHeadingBelowThreshold: {
    summary: "KMS ホストのライセンス認証カウントが製品のしきい値を下回る傾向にあります。",
    description: |||
      {{ $labels.host }}:{{ $labels.port }} の {{ $labels.product }} のカウントはまだ足りていますが、数日前から減り続けています。このペースでは {{ $value | humanizeDuration }} 後に、必要な {{ with printf
      "kms_activation_required_clients{host=%q,port=%q,product=%q,instance=%q}" $labels.host
      $labels.port $labels.product $labels.instance | query }}{{ . | first | value }}{{ else
      }}数{{ end }} 台を下回ります。そうなると、クライアントは 0xC004F038 でライセンス認証されません。
    |||,
  },
  KmsHostClockSkewHeadingPastLimit: {
    summary: "KMS ホストの時計が 1 日以内に KMS の 4 時間の上限を超える傾向にあります。",
    description: |||
      {{ $labels.host }} の時計はエクスポーターの時計と {{ with printf `min without (method) (abs(kms_host_clock_offset_seconds{job=%q,instance=%q,exporter=%q,host=%q}))` $labels.job $labels.instance $labels.exporter $labels.host | query }}{{ . | first | value | humanizeDuration }}{{ end }} ずれており、ずれは広がり続けています ({{ $labels.instance }} から測定)。このペースでは {{ $value | humanizeDuration }} 後に 4 時間を超え、それ以降、ホストはすべてのクライアントを 0xC004F06C で拒否します。
    |||,
  },
  KmsHostClockSkewPastLimitBeforeBusinessDay: {
    summary: "次の営業日が始まる前に、KMS ホストの時計が KMS の 4 時間の上限を超えます。",
    description: |||
      {{ $labels.host }} の時計はエクスポーターの時計と {{ with printf `min without (method) (abs(kms_host_clock_offset_seconds{job=%q,instance=%q,exporter=%q,host=%q}))` $labels.job $labels.instance $labels.exporter $labels.host | query }}{{ . | first | value | humanizeDuration }}{{ end }} ずれており、ずれは広がり続けています ({{ $labels.instance }} から測定)。このペースでは {{ $value | humanizeDuration }} 後、次の営業日が始まる前{{ with query "kms:business_hours:seconds_until" }} ({{ . | first | value | humanizeDuration }} 後){{ end }}に 4 時間を超え、ホストはすべてのクライアントを 0xC004F06C で拒否します。チケットでは間に合わないため、今すぐホストの時計を合わせてください。
    |||,
  },
}
