// ダッシュボードのテキスト (日本語): lang/dashboards/en.libsonnet の日本語訳です。タイトル、説明、変数のラベル、列名。
// en.libsonnet と同じフィールドを持ちます。欠けているフィールドはエラーになります。
// Terms as in docs/runbooks/ja.md and lang/ja.libsonnet: activate = ライセンス認証, exporter = エクスポーター,
// probe cycle = プローブ周期, clock offset = 時計のオフセット, refusal = 拒否, drill-down = ホストの詳細.
{
  // 列名と凡例名、リンクのタイトル。英語のテキストをキーにします。
  labels: {
    // Legends.
    'KMS answer · {{instance}}': 'KMS 応答 · {{instance}}',
    'RPC bind ok': 'RPC バインド成功',
    'RPC bind · {{instance}}': 'RPC バインド · {{instance}}',
    'TCP port open': 'TCP ポート開放',
    'TCP · {{instance}}': 'TCP · {{instance}}',
    'TCP {{address}} · {{instance}}': 'TCP {{address}} · {{instance}}',
    'activation · {{instance}}': 'ライセンス認証の間隔 · {{instance}}',
    'renewal · {{instance}}': '更新の間隔 · {{instance}}',
    'exporter vs {{server}} · {{instance}}': 'エクスポーター対 {{server}} · {{instance}}',
    'host {{method}} · {{instance}}': 'ホスト {{method}} · {{instance}}',
    'hosts probed': 'プローブしたホスト',
    'leap · {{instance}}': 'うるう秒 · {{instance}}',
    'stratum · {{instance}}': 'ストラタム · {{instance}}',
    'verified KMS answer': '検証済みの KMS 応答',
    '{{domain}} via {{nameserver}}': '{{domain}} ({{nameserver}} 経由)',
    '{{product}} current · {{instance}}': '{{product}} 現在 · {{instance}}',
    '{{product}} required · {{instance}}': '{{product}} 必要数 · {{instance}}',
    'KMS host drill-down': 'KMS ホストの詳細',
    'One host in detail': '1 台のホストを詳しく表示',
    'Open the host drill-down for ${__value.text}': '${__value.text} の詳細を開く',
    published: '公開',
    up: '稼働',
    'client gets': 'クライアントの結果',
    'share of clients': 'クライアントの割合',
    records: 'レコード数',
    'lookup time': '照会時間',
    TCP: 'TCP',
    'RPC bind': 'RPC バインド',
    addresses: 'アドレス数',
    'TCP connect time': 'TCP 接続時間',
    'probe time': 'プローブ時間',
    'Open the host drill-down for ${__field.labels.host}': '${__field.labels.host} の詳細を開く',
    HRESULT: 'HRESULT',
    'current clients': '現在のクライアント数',
    'required clients': '必要なクライアント数',
    'count / required': 'カウント / 必要数',
    result: '結果',
    'activation interval': 'ライセンス認証の間隔',
    'renewal interval': '更新の間隔',

    'KMS activation overview': 'KMS ライセンス認証の概要',
    runbook: 'ランブック',
    Runbook: 'ランブックを開く',
    'Open the runbook section of this alert': 'このアラートのランブックの項目を開く',
    'All domains and hosts': 'すべてのドメインとホスト',
  },
  overview: {
    title: 'KMS ライセンス認証の概要',
    description: 'kms_exporter から見た Microsoft KMS ボリューム ライセンス認証: DNS SRV レコード、KMS ホスト、製品ごとのライセンス認証、時計のオフセット、発生中のアラート。',
    variables: {
      datasource: {
        label: 'データ ソース',
        description: 'kms_exporter をスクレイプする Prometheus。',
      },
      site: {
        label: 'サイト',
        description: 'サイト: エクスポーターのサイトを示すターゲット ラベルの値 (examples/prometheus/multi-site.yml のように、サイトごとにエクスポーターを 1 つ置きます)。「All」には site ラベルのないエクスポーターも含まれます。',
      },
      job: {
        label: 'ジョブ',
        description: 'kms_exporter を含むスクレイプ ジョブ。',
      },
      instance: {
        label: 'インスタンス',
        description: 'kms_exporter のインスタンス (観測地点またはサイトごとに 1 つ)。',
      },
      domain: {
        label: 'ドメイン',
        description: '_vlmcs._tcp レコードを確認する DNS ドメイン。',
      },
      host: {
        label: 'ホスト',
        description: '選択したドメインで公開されている KMS ホストと、直接構成したホスト (どのドメインにも属しません)。',
      },
    },
    panels: {
      summary_row: {
        title: 'サマリー',
      },
      firing_kms_alerts: {
        title: '発生中の KMS アラート',
        description: '現在発生している alerts/kms_exporter.rules.yml のアラート。このデータ ソースの背後にある Prometheus の ALERTS 系列から取得します (その Prometheus がルール ファイルを読み込んでいない場合、たとえば別の ruler が評価している場合は空です)。サイトを比較するアラートやエクスポーター全体で集計するアラート (KmsHostDownFromAllSites など) には instance ラベルも site ラベルもないため、選択したサイト、ジョブ、インスタンスにかかわらず表示されます。各アラートのランブックのセクションは docs/runbooks/{en,ko,ja}.md#<小文字のアラート名> です。単位なし: すべての列はラベルです (アラート名、重大度、サイト、ドメイン、ホスト、製品、DNS サーバー)。',
      },
      hosts_up_per_domain: {
        title: 'ドメインごとの稼働ホスト',
        description: 'ドメインごとに、_vlmcs._tcp SRV レコードが公開している異なる KMS ホストの数 (kms_domain_hosts) と、そのうち検証済みの KMS 応答を返すホストの数 (kms_domain_hosts_up)。稼働が 0 ならドメインのどのクライアントもライセンス認証できず、公開が 1 なら代わりのホストがありません。静的に構成したホストはどのドメインにも属さず、ここでは数えません。ホストの列はホストの台数です。',
      },
      last_probe_cycle_age: {
        title: '最後のプローブ周期からの経過時間',
        description: '各エクスポーターが最後のプローブ周期を終えてからの秒数 (time() - kms_exporter_last_cycle_timestamp_seconds)。周期は `interval` ごとに実行されます (既定 60 秒。「エクスポーター」行の「構成した間隔」を参照)。間隔 2 つに 5 分を足した時間を超えると KmsExporterProbesStale が発生し、ほかのすべてのパネルは古いデータを表示します。色分けは既定の間隔を前提としています。',
      },
      probe_cycle_duration: {
        title: 'プローブ周期の所要時間',
        description: '各エクスポーターの最後のプローブ周期にかかった時間 (kms_exporter_cycle_duration_seconds)。ホストは並行してプローブされ、それぞれ `timeout` (既定 10 秒) で打ち切られます。周期が `interval` (既定 60 秒) に近づいている場合、エクスポーターは処理が追いついていません。',
      },
      configuration_reload: {
        title: '構成の再読み込み',
        description: '各エクスポーターの最後の構成の再読み込み (SIGHUP または POST /-/reload) が成功したかどうか (kms_exporter_config_last_reload_successful)。再読み込みに失敗すると、エクスポーターは以前の構成でプローブを続け、KmsExporterConfigReloadFailed が発生します。単位なし: `OK` または失敗 (`failed`) として表示する成功フラグです。',
      },
      clients_what_a_client_would_get_now_row: {
        title: 'クライアント: 今ライセンス認証したときの結果',
      },
      client_result_per_domain_and_product: {
        title: 'ドメインと製品ごとのクライアントの結果',
        description: 'このサイトの Windows クライアントが今その製品をライセンス認証したら受け取る結果 (kms_domain_activation_result_ratio)。サイト (エクスポーター)、ドメイン、製品と、クライアントの一部が受け取るコードごとに 1 行で、その割合を示します。`OK` はライセンス認証される割合で、ほかのコードは残りのクライアントが受け取るものを名前で示します: 0x8007232B は _vlmcs._tcp レコードなし、0x8007232A はすべての DNS サーバーの失敗、0xC004F074 は応答するホストなし、0xC004F038 はカウントがしきい値に満たないホスト (クライアントは猶予期間のまま待機)、またはホストの拒否です。エクスポーターは Windows 7 以降のクライアントのホスト探索を再現します。SRV の優先度 (priority) の値が小さいグループから試し、グループ内では重み (weight) に比例してホストを選び、セッションが失敗すると次のホストに移り、最初に応答したホストが結果を決めます。そのため、応答するホストを含む最も優先度の高いグループが結果を決め、その中で各ホストは重みに応じた割合を受け持ちます (重みがすべて 0 なら同じ割合)。`OK` が 0% で 0xC004F038 以外のコードがある場合は、KmsClientsCannotActivate が発報します。`kms_exporter explain CODE` で原因と対処を表示できます。',
      },
      clients_that_would_activate_over_time: {
        title: 'ライセンス認証されるクライアントの推移',
        description: 'このサイトの Windows クライアントのうち、今試行すれば製品のライセンス認証に成功する割合 (kms_domain_activation_result_ratio{hresult="0x00000000"}) の、サイト、ドメイン、製品ごとの推移。100% を下回る場合、残りのクライアントが受け取るコードは隣の表に表示されます。ほかのホストがサービスを続けている間は、1 台のホストが停止してもこの値は 100% のままです。クライアントがフェールオーバーするためです。',
      },
      activation_availability_30_days: {
        title: "ライセンス認証の可用性 (30 日間)",
        description: "このサイトの Windows クライアントのうち製品をライセンス認証できた割合を、サイト、ドメイン、製品ごとに、過去 30 日間 (kms:domain_activation_success:ratio_30d)、過去 1 日 (ratio_1d)、過去 1 時間 (ratio_1h) の平均で示します。破線は目標値 (ミックスインの _config の activationAvailabilityObjective) です。30 日間の平均がこれを下回ると、KmsActivationAvailabilityBelowObjective がチケットを起票します。30 日間の線は、データが 30 日分たまって初めて 1 か月の値になります。",
      },
      dns_vlmcs_tcp_srv_records_row: {
        title: 'DNS: _vlmcs._tcp SRV レコード',
      },
      srv_lookup_status_per_domain_and_dns_server: {
        title: 'ドメインと DNS サーバーごとの SRV 照会の状態',
        description: '各 DNS サーバーに対する最新の _vlmcs._tcp.<ドメイン> の SRV 照会の結果 (nameserver `system` はエクスポーターのシステム リゾルバー): `ok`、`nxdomain` / `nodata` (レコードなし: クライアントは 0x8007232B / 0x8007251D を表示)、`servfail` / `refused` / `timeout` / `error` (サーバーの失敗: 0x8007232A)。`レコード数` は返された SRV レコードの数、`照会時間` は照会にかかった秒数です。単位なし: 状態の列は状態名で、数値の列はそれぞれ独自の単位 (レコード数、秒) を持ちます。',
      },
      srv_lookup_status_history: {
        title: 'SRV 照会の状態の履歴',
        description: 'ドメインと DNS サーバーごとの SRV 照会の結果の推移。レコードが消えた時刻や、サーバーが失敗し始めた時刻を確認できます。クエリは状態を数値に変換し (1 = `ok`、2 = `nxdomain`、3 = `nodata`、4 = `servfail`、5 = `refused`、6 = `timeout`、7 = `error`)、値のマッピングがそれを名前で表示します。単位なし: 値は状態コードで、量ではありません。',
      },
      published_srv_records: {
        title: '公開されている SRV レコード',
        description: '各 DNS サーバーが返す _vlmcs._tcp.<ドメイン> のすべてのレコード (kms_dns_srv_record_info): ターゲット ホスト、ポート、優先度、重み。ターゲット `.` は「サービスなし」を意味します (RFC 2782)。ホストをクリックすると、そのホストの詳細を開きます。単位なし: すべての列はレコードのラベルです。',
      },
      allow_list_findings_expected_hosts: {
        title: '許可リストの検出結果 (expected_hosts)',
        description: 'ドメインに `expected_hosts` を構成した場合のみ: 一覧にないのに _vlmcs._tcp レコードを公開しているホスト (kms_dns_srv_record_expected == 0、アラート KmsUnexpectedHostPublished) と、一覧にあるのにどの DNS サーバーも公開していないホスト (kms_dns_expected_host_published == 0、アラート KmsExpectedHostNotPublished)。空であれば正常です。単位なし: すべての列はラベルです。',
      },
      srv_lookup_duration: {
        title: 'SRV 照会の所要時間',
        description: '各 DNS サーバーが SRV 照会に応答するまでの時間 (kms_dns_srv_lookup_duration_seconds)。`timeout` に達した照会は、打ち切られるまでにかかった時間を示します。',
      },
      kms_hosts_row: {
        title: 'KMS ホスト',
      },
      hosts_probed_tcp_open_rpc_bind_kms_answer: {
        title: 'ホスト: プローブ、TCP 接続、RPC バインド、KMS 応答',
        description: '選択したホストのプローブがどの段階まで進むかを、選択したエクスポーター全体で合計したもの (2 つのエクスポーターがプローブするホストは 2 回数えます): プローブしたホスト、TCP ポートが開いている (kms_host_tcp_connect_success)、KMS の RPC バインドが受け付けられた (kms_host_rpc_bind_success)、検証済みの KMS 応答がある (kms_host_up)。各段階の数は前の段階以下にしかならず、最初に数が減る段階が確認すべき場所です。値はホストの台数です。',
      },
      host_health: {
        title: 'ホストの正常性',
        description: 'KMS ホスト (とそれを公開するドメイン。静的に構成したホストにはドメインがありません) ごとに 1 行: `稼働` = 検証済みの KMS 応答 (kms_host_up)、`TCP` = KMS ポートへの TCP 接続の結果、`RPC バインド` = KMS の RPC インターフェイスへのバインド、`アドレス数` = A+AAAA レコードの数 (0 = 古い SRV ターゲット)、接続時間とプローブ時間 (秒)。ホストをクリックすると、そのホストの詳細を開きます。単位なし: 稼働、TCP、RPC バインドは名前で表示する状態で、数値の列はそれぞれ独自の単位を持ちます。',
      },
      which_site_reaches_which_host: {
        title: 'サイトごとのホストへの到達',
        description: 'ホスト (行) とサイト (列) ごとの kms_host_up: そのサイトのエクスポーターが最後のプローブ周期でホストから検証済みの KMS 応答を受け取った場合は `up`、受け取れなかった場合は `down`、そのサイトがホストをプローブしていない (そのサイトの DNS がホストを公開していない) 場合は空です。一部のサイトからだけ停止しているホストは、それらのサイトとホストの間のネットワークの問題を示し (アラート KmsHostDownFromSomeSites)、すべてのサイトから停止しているホストはホスト自体の問題を示します (KmsHostDownFromAllSites)。site ラベルのないエクスポーターはインスタンスごとに 1 列になります。単位なし: 各セルは `up`/down の状態です。',
      },
      host_up_history: {
        title: 'ホストの稼働履歴',
        description: 'ホストごとの kms_host_up の推移: 各プローブ周期で検証済みの KMS 応答 (成功または KMS の拒否) があったかどうか。行をクリックすると、そのホストの詳細を開きます。単位なし: 値は `up`/down の状態です。',
      },
      tcp_connect_status_history: {
        title: 'TCP 接続の状態の履歴',
        description: '各ホストの KMS ポートへの TCP 接続の結果の推移: `ok`、`refused` (待ち受けているものなし)、`timeout` (破棄: ファイアウォールまたはホストの停止)、`unreachable`、`no_address` (名前に A/AAAA レコードなし)、`error`。クエリは状態を数値に変換し (1 = `ok`、2 = `refused`、3 = `timeout`、4 = `unreachable`、5 = `no_address`、6 = `error`)、値のマッピングがそれを名前で表示します。単位なし: 値は状態コードで、量ではありません。',
      },
      activation_per_host_and_product_row: {
        title: 'ホストと製品ごとのライセンス認証',
      },
      activation_per_host_and_product: {
        title: 'ホストと製品ごとのライセンス認証',
        description: 'ホストと製品ごとの最新のライセンス認証要求 (`activation_interval` ごとに更新、既定 15 分): `status` (`ok`、`refused`、`invalid_response`、`rpc_error`、`unreachable`)、最後の HRESULT の名前 (0 = `OK`)、ホストの現在のカウント (30 日間の異なるクライアントの数。成功した応答からのみ)、製品の必要数 N (Windows クライアントは 25、Server/Office は 5)、N に対するカウントの割合。クライアントがライセンス認証されるのは 100% 以上の場合だけです (それ未満では 0xC004F038 を受け取ります)。名前が登録されていないコードは 16 進数で表示します。`kms_exporter explain CODE` で任意のコードの原因と対処を英語、韓国語、日本語で表示できます。単位なし: status と HRESULT の列は名前で表示するコードで、カウントの列はクライアントの数です。',
      },
      activation_count_against_threshold: {
        title: 'しきい値に対するライセンス認証カウント',
        description: '各ホストの現在のカウントを製品の必要数 N で割った値 (kms_activation_current_clients / kms_activation_required_clients): 100% はしきい値を満たしていて、その製品のクライアントがライセンス認証されることを意味します。100% 未満ではクライアントは 0xC004F038 で拒否されます (アラート KmsActivationCountBelowThreshold)。バーは 200% で満杯になります。正常に応答しなかったホストにはカウントがなく、ここには表示されません。エクスポーター自身も製品ファミリーごとにクライアント 1 台として数えられることに注意してください。',
      },
      last_hresult_history: {
        title: '最後の HRESULT の履歴',
        description: 'ホストと製品ごとの kms_activation_hresult の推移を名前で表示します: `OK`、またはその製品についてそのホストに要求したクライアントが受け取るコード (例: 0xC004F042 = ホスト キーがその製品に対応していない、0xC004F06C = 時計のずれが大きすぎる、0xC004D104 = クライアント テーブルがあふれたホスト)。ホストがコードを返さない間 (到達不能) は表示されません。名前が登録されていないコードは 16 進数で表示します。`kms_exporter explain CODE` で任意のコードの原因と対処を英語、韓国語、日本語で表示できます。',
      },
      clock_the_4_hour_kms_limit_row: {
        title: '時計: KMS の 4 時間の上限',
      },
      host_clock_offset_against_the_4_hour_limit: {
        title: '4 時間の上限に対するホストの時計のオフセット',
        description: '各 KMS ホストの時計がエクスポーターの時計からどれだけずれているかを大きさで示します: 測定できた方式 (ntp、smb) のうち最小の |オフセット| で、KmsHostClockSkew アラートと同じ規則です (1 時間超で warning、3 時間超で critical)。4 時間に達すると、ホストはすべてのクライアントを 0xC004F06C で拒否します。バーは 4 時間で満杯になります。時計の測定が無効な場合 (`clock.methods: []`) や、どの方式もホストに届かない場合は表示されません。',
      },
      host_clock_offset_over_time_4_h: {
        title: 'ホストの時計のオフセットの推移 (±4 時間)',
        description: 'ホストと方式ごとの kms_host_clock_offset_seconds: ホストの時計からエクスポーターの時計を引いた値 (正 = ホストが進んでいる)。網掛けの帯は 1 時間 (warning)、3 時間 (critical)、そしてそれを超えるとホストがクライアントを 0xC004F06C で拒否する 4 時間の上限を示します。目盛りは少なくとも ±4 時間の範囲を持つため、正常なオフセットはゼロの線に重なります。詳しい値はホストの詳細で確認できます。オフセットの正確さはエクスポーター自身の時計に左右されます (「エクスポーターの時計のオフセット」を参照)。',
      },
      host_details_row: {
        title: 'ホスト情報',
      },
      protocol_versions: {
        title: 'プロトコル バージョン',
        description: 'ホストごとの KMS プロトコル バージョン (kms_host_protocol_version_supported): 対応、または 0x8007000D で拒否。表示されるのは試したバージョンだけです。まず V6 を試し、それより古いバージョンは拒否された後にだけ試します。V6 を拒否するホストは、Windows 8.1 / Server 2012 R2 以降や Office 2016 以降にサービスを提供できません (アラート KmsHostProtocolVersionUnsupported)。単位なし: セルは対応/拒否 (supported/refused) の状態です。',
      },
      activation_and_renewal_intervals: {
        title: 'ライセンス認証と更新の間隔',
        description: '各ホストがクライアントに伝える間隔 (kms_host_activation_interval_seconds、kms_host_renewal_interval_seconds): ライセンス認証されていないクライアントが再試行するまでの時間 (既定 2 時間) と、ライセンス認証済みのクライアントが更新する頻度 (既定 7 日)。',
      },
      host_key_and_os: {
        title: 'ホスト キーと OS',
        description: 'ホストとアプリケーション (windows、office、office-2010) ごとに、ホストが返す ePID から解読した情報 (kms_host_info): ホスト OS とビルド、ホスト キーの種類 (csvlk: ホスト キーがライセンス認証できる製品ファミリー)、言語 (lcid)、完全な ePID、HwId。単位なし: すべての列はラベルです。',
      },
      exporter_row: {
        title: 'エクスポーター',
      },
      probe_cycle_duration_over_time: {
        title: 'プローブ周期の所要時間の推移',
        description: '各エクスポーターのプローブ周期にかかる時間 (kms_exporter_cycle_duration_seconds): すべてのターゲットの DNS、TCP、RPC バインド、時計のプローブで、ホストごとに `timeout` で打ち切られます。周期が `interval` (既定 60 秒) に近い場合、エクスポーターは処理が追いついていません。',
      },
      probe_results_per_second: {
        title: '1 秒あたりのプローブ結果',
        description: '種類 (dns_srv、dns_address、tcp、rpc_bind、activation) と結果ごとのプローブの発生率 (kms_exporter_probes_total) を、選択したエクスポーター全体で合計したもの。',
      },
      exporter_clock_offset: {
        title: 'エクスポーターの時計のオフセット',
        description: 'エクスポーター自身の時計と、`clock.reference` の各基準 NTP サーバーとのオフセット (kms_exporter_clock_offset_seconds)。ホストの時計のオフセットはエクスポーターの時計を基準に測定するため、±300 秒を超えると KmsExporterClockUnsynchronized が発生し、ホストの時計に関するアラートは保留されます。',
      },
      configured_targets: {
        title: '構成したターゲット',
        description: '各エクスポーターがプローブするドメインと静的ホスト (kms_exporter_targets): 構成したもの、または構成に何も指定がない場合は resolv.conf から検出したもの。両方が 0 なら何もプローブしていません。',
      },
      exporter_versions: {
        title: 'エクスポーターのバージョン',
        description: '実行中の各エクスポーターのバージョン、リビジョン、コンパイラー (kms_exporter_build_info)。単位なし: すべての列はラベルです。',
      },
      reference_ntp_servers_answering: {
        title: '基準 NTP サーバーの応答',
        description: '各 clock.reference NTP サーバーがこの周期にエクスポーターに応答したかどうか (kms_exporter_clock_probe_success)。ホストの時計のオフセットはすべてエクスポーター自身の時計を基準に測定されるため、応答する基準サーバーがなければその時計は確認されていません。単位なし: 1 は応答あり、0 は応答なしです。',
      },
      configured_intervals: {
        title: '構成した間隔',
        description: '各エクスポーターが構成に従って動作する周期: プローブ周期の間隔 `interval` (kms_exporter_probe_interval_seconds。DNS、TCP、RPC バインド、時計) と、各ホストと製品へのライセンス認証要求の間隔 `activation_interval` (kms_exporter_activation_interval_seconds)。データの古さを検出するアラートは前者に合わせて調整されます。',
      },
      dns_continuity_row: {
        title: 'DNS の継続性',
      },
      age_of_the_last_srv_answer_with_records: {
        title: 'レコードを含む最後の SRV 応答からの経過時間',
        description: 'ドメインと DNS サーバーごとの time() - kms_dns_srv_last_success_timestamp_seconds: サーバーが最後に _vlmcs._tcp の照会にレコードを返してからの時間。サーバーが失敗している間は増え続けます。その間もエクスポーターは dns.keep_last_answer (既定 1 時間) の間、その応答にあったホストをプローブし続けます。',
      },
    },
  },
  host: {
    title: 'KMS ホストの詳細',
    description: 'kms_exporter から見た 1 台の KMS ホスト: 到達性、製品ごとのライセンス認証、4 時間の上限に対する時計、識別情報、プロトコル。',
    variables: {
      datasource: {
        label: 'データ ソース',
        description: 'kms_exporter をスクレイプする Prometheus。',
      },
      site: {
        label: 'サイト',
        description: 'サイト: エクスポーターのサイトを示すターゲット ラベルの値 (examples/prometheus/multi-site.yml のように、サイトごとにエクスポーターを 1 つ置きます)。「All」には site ラベルのないエクスポーターも含まれます。',
      },
      job: {
        label: 'ジョブ',
        description: 'kms_exporter を含むスクレイプ ジョブ。',
      },
      instance: {
        label: 'インスタンス',
        description: 'kms_exporter のインスタンス (観測地点またはサイトごとに 1 つ)。',
      },
      domain: {
        label: 'ドメイン',
        description: '_vlmcs._tcp レコードを確認する DNS ドメイン。',
      },
      host: {
        label: 'ホスト',
        description: '選択したドメインで公開されている KMS ホストと、直接構成したホスト (どのドメインにも属しません)。',
      },
    },
    panels: {
      reachability_row: {
        title: '到達性',
      },
      kms_answer: {
        title: 'KMS 応答',
        description: 'kms_host_up: 最後のプローブ周期でホストが検証済みの KMS 応答 (成功または KMS の拒否) を返したかどうか (エクスポーターごと)。単位なし: `up`/down の状態です。',
      },
      tcp_connect: {
        title: 'TCP 接続',
        description: 'KMS ポートへの最後の TCP 接続の結果: `ok`、`refused` (待ち受けているものなし)、`timeout` (破棄: ファイアウォールまたはホストの停止)、`unreachable`、`no_address` (A/AAAA レコードなし)、`error`。クエリは状態を数値に変換し (1 = `ok`、2 = `refused`、3 = `timeout`、4 = `unreachable`、5 = `no_address`、6 = `error`)、名前で表示します。単位なし: 量ではなく状態です。',
      },
      rpc_bind: {
        title: 'RPC バインド',
        description: 'kms_host_rpc_bind_success: 最後の周期で KMS の RPC インターフェイスへのバインドが成功したかどうか。ポートは開いているのにバインドが失敗する場合は、キー管理サービス以外のものが応答しています (アラート KmsHostRpcBindFailing)。単位なし: 成功フラグです。',
      },
      resolved_addresses: {
        title: '解決されたアドレス',
        description: 'kms_host_resolved_addresses: ホスト名の A + AAAA アドレスの数。0 は古い SRV ターゲットを意味します (アラート KmsSrvTargetUnresolvable)。値はアドレスの数です。',
      },
      published_by: {
        title: '公開元',
        description: 'このホストを指す _vlmcs._tcp SRV レコード (ドメインと DNS サーバーごと、kms_dns_srv_record_info) と、そのポート、優先度、重み。構成で直接指定し、どこにも公開されていないホストでは空です。単位なし: すべての列はラベルです。',
      },
      up_tcp_and_rpc_bind_history: {
        title: '稼働、TCP、RPC バインドの履歴',
        description: 'プローブ周期ごとに、検証済みの KMS 応答 (kms_host_up)、TCP 接続の結果 (1 = `ok`、2 = `refused`、3 = `timeout`、4 = `unreachable`、5 = `no_address`、6 = `error` に変換して名前で表示)、RPC バインド、ホストのアドレスごとの TCP 接続 (kms_host_address_tcp_connect_success、最大 8 アドレス) を示します。TCP が `ok` なのに失敗しているアドレスがあると、そのアドレスを先に試すクライアントは次のアドレスに切り替えるまで待たされます (アラート KmsHostAddressUnreachable)。単位なし: すべての行は状態です。',
      },
      kms_answer_per_site: {
        title: 'サイトごとの KMS 応答',
        description: '各サイトから見たこのホストの kms_host_up の推移: そのサイトのエクスポーターが検証済みの KMS 応答を受け取った場合は `up`、どのエクスポーターも受け取れなかった場合は `down` です。一部のサイトからだけ停止している場合はそれらのサイトとホストの間のネットワークの問題 (アラート KmsHostDownFromSomeSites)、すべてのサイトから停止している場合はホストの問題です (KmsHostDownFromAllSites)。site ラベルのないエクスポーターはインスタンスごとに 1 行になります。単位なし: 各行は `up`/down の状態です。',
      },
      tcp_connect_duration: {
        title: 'TCP 接続の所要時間',
        description: 'kms_host_tcp_connect_duration_seconds: KMS ポートへの接続にかかった時間、または接続が失敗するまでにかかった時間 (タイムアウトでは割り当てられた時間の全体を示します)。',
      },
      probe_duration: {
        title: 'プローブの所要時間',
        description: 'kms_host_probe_duration_seconds: 周期ごとのホストのプローブ全体 (DNS、TCP、RPC バインド、および時期が来ていればライセンス認証要求) にかかった時間で、`timeout` で打ち切られます。',
      },
      activation_per_product_row: {
        title: '製品ごとのライセンス認証',
      },
      activation_now: {
        title: '現在のライセンス認証',
        description: '製品ごとの最新のライセンス認証要求 (`activation_interval` ごとに更新): 状態、HRESULT の名前 (0 = `OK`)、ホストの現在のカウント (成功した応答からのみ)、製品の必要数 N。クライアントがライセンス認証されるのは、カウントが N 以上の場合だけです。名前が登録されていないコードは 16 進数で表示します。`kms_exporter explain CODE` で任意のコードの原因と対処を英語、韓国語、日本語で表示できます。単位なし: 状態と HRESULT は名前で表示するコードで、カウントの列はクライアントの数です。',
      },
      activation_status_per_product: {
        title: '製品ごとのライセンス認証の状態',
        description: '製品ごとの kms_activation_status の推移: `ok`、`refused` (ホストが HRESULT で応答)、`invalid_response` (応答が検証に失敗)、`rpc_error`、`unreachable`。クエリは状態を数値に変換し (1 = `ok`、2 = `refused`、3 = `invalid_response`、4 = `rpc_error`、5 = `unreachable`)、名前で表示します。単位なし: 値は状態コードです。',
      },
      hresult_per_product: {
        title: '製品ごとの HRESULT',
        description: '製品ごとの kms_activation_hresult の推移を名前で表示します: `OK`、またはホストがその製品を拒否するコード。名前が登録されていないコードは 16 進数で表示します。`kms_exporter explain CODE` で任意のコードの原因と対処を英語、韓国語、日本語で表示できます。',
      },
      activation_count_against_required: {
        title: '必要数に対するライセンス認証カウント',
        description: '製品ごとに、ホストの現在のカウント (実線。過去 30 日間の異なるクライアントの数で、成功した応答からのみ) と製品の必要数 N (破線)。その製品のクライアントがライセンス認証されるのは、実線が破線以上にある間だけです。エクスポーター自身も製品ファミリーごとにクライアント 1 台として数えられます。',
      },
      clock_the_4_hour_kms_limit_row: {
        title: '時計: KMS の 4 時間の上限',
      },
      clock_offset_against_4_h: {
        title: '±4 時間に対する時計のオフセット',
        description: '方式 (ntp、smb) ごとの kms_host_clock_offset_seconds: ホストの時計からエクスポーターの時計を引いた値 (正 = ホストが進んでいる)。網掛けの帯: 1 時間で warning、3 時間で critical (KmsHostClockSkew)、そしてそれを超えるとホストがすべてのクライアントを 0xC004F06C で拒否する 4 時間の上限。目盛りは少なくとも ±4 時間の範囲を持ちます。次のパネルは同じオフセットをそれ自身の目盛りで表示します。',
      },
      clock_offset_detail: {
        title: '時計のオフセット (詳細)',
        description: '同じ kms_host_clock_offset_seconds をそれ自身の目盛りで表示し、上限よりはるかに小さいずれの変化や急な跳びを確認できるようにします。あわせて kms_exporter_clock_offset_seconds (基準 NTP サーバーに対するエクスポーター自身の時計のオフセット。すべてのホストのオフセットにそのまま含まれます) も表示します。',
      },
      clock_probe_round_trip_time: {
        title: '時計のプローブの往復時間',
        description: '方式ごとの kms_host_clock_rtt_seconds: NTP または SMB のやり取りの往復時間。オフセットの不確かさはその約半分です。',
      },
      clock_probe_success: {
        title: '時計のプローブの成否',
        description: '方式ごとの kms_host_clock_probe_success: ホストの NTP (UDP 123) または SMB (TCP 445) による時計の測定が成功したかどうか。失敗した方式ではオフセットが得られません。単位なし: 成功/失敗の状態です。',
      },
      ntp_stratum_and_leap_indicator: {
        title: 'NTP ストラタムとうるう秒指示子',
        description: 'ホストの NTP 応答から得た値: kms_host_clock_ntp_stratum (1 = 基準時計に接続、大きいほど基準時計から遠い、16 = 未同期) と kms_host_clock_ntp_leap (0 = 警告なし、1 / 2 = うるう秒の予定あり、3 = ホストの時計が同期されていない)。単位なし: ストラタムは階層のレベルで、うるう秒指示子はコードです。',
      },
      identity_and_protocol_row: {
        title: '識別情報とプロトコル',
      },
      epid_host_os_host_key_and_hwid: {
        title: 'ePID、ホスト OS、ホスト キー、HwId',
        description: 'アプリケーション (windows、office、office-2010) ごとに、ホストが返す ePID から解読した情報 (kms_host_info): ホスト OS とビルド、ホスト キーの種類 (csvlk)、言語 (lcid)、完全な ePID、ハードウェア ID。単位なし: すべての列はラベルです。',
      },
      protocol_versions: {
        title: 'プロトコル バージョン',
        description: 'kms_host_protocol_version_supported: 試した各 KMS プロトコル バージョンに対応しているか、0x8007000D で拒否されたか。まず V6 を試し、それより古いバージョンは拒否された後にだけ試します。単位なし: 対応/拒否 (supported/refused) の状態です。',
      },
      intervals_given_to_clients: {
        title: 'クライアントに伝える間隔',
        description: 'ホストが通知する kms_host_activation_interval_seconds (ライセンス認証されていないクライアントが再試行するまでの時間、既定 2 時間) と kms_host_renewal_interval_seconds (ライセンス認証済みのクライアントが更新する頻度、既定 7 日)。',
      },
      intervals_over_time: {
        title: '間隔の推移',
        description: '同じ間隔の推移。ホストの構成が変更された時刻 (slmgr /sai、/sri) を確認できます。',
      },
    },
  },
}
