// lang/dashboards/en.libsonnet의 한국어 번역: 대시보드의 제목, 설명, 변수 레이블, 열 이름.
// 용어는 docs/runbooks/ko.md와 lang/ko.libsonnet을 따릅니다(activate = 정품 인증, exporter = 익스포터).
{
  // 열 이름, 범례 이름, 링크 제목. 키는 영어 원문입니다.
  labels: {
    // Legends.
    'KMS answer · {{instance}}': 'KMS 응답 · {{instance}}',
    'RPC bind ok': 'RPC 바인드 성공',
    'RPC bind · {{instance}}': 'RPC 바인드 · {{instance}}',
    'TCP port open': 'TCP 포트 열림',
    'TCP · {{instance}}': 'TCP · {{instance}}',
    'TCP {{address}} · {{instance}}': 'TCP {{address}} · {{instance}}',
    'activation · {{instance}}': '정품 인증 간격 · {{instance}}',
    'renewal · {{instance}}': '갱신 간격 · {{instance}}',
    'exporter vs {{server}} · {{instance}}': '익스포터 대 {{server}} · {{instance}}',
    'host {{method}} · {{instance}}': '호스트 {{method}} · {{instance}}',
    'hosts probed': '프로브한 호스트',
    'leap · {{instance}}': '윤초 · {{instance}}',
    'stratum · {{instance}}': '스트라텀 · {{instance}}',
    'verified KMS answer': '검증된 KMS 응답',
    '{{domain}} via {{nameserver}}': '{{domain}} ({{nameserver}} 경유)',
    '{{product}} current · {{instance}}': '{{product}} 현재 · {{instance}}',
    '{{product}} required · {{instance}}': '{{product}} 필요 · {{instance}}',
    'KMS host drill-down': 'KMS 호스트 상세',
    'One host in detail': '호스트 하나를 자세히 보기',
    'Open the host drill-down for ${__value.text}': '${__value.text}의 호스트 상세 열기',
    published: '게시',
    up: '정상',
    'client gets': '클라이언트가 받는 결과',
    'share of clients': '클라이언트 비율',
    records: '레코드 수',
    'lookup time': '조회 시간',
    TCP: 'TCP',
    'RPC bind': 'RPC 바인드',
    addresses: '주소 수',
    'TCP connect time': 'TCP 연결 시간',
    'probe time': '프로브 시간',
    'Open the host drill-down for ${__field.labels.host}': '${__field.labels.host}의 호스트 상세 열기',
    HRESULT: 'HRESULT',
    'current clients': '현재 클라이언트 수',
    'required clients': '필요 클라이언트 수',
    'count / required': '개수 / 필요 개수',
    result: '결과',
    'activation interval': '정품 인증 간격',
    'renewal interval': '갱신 간격',

    'KMS activation overview': 'KMS 정품 인증 개요',
    runbook: '런북',
    Runbook: '런북 열기',
    'Open the runbook section of this alert': '이 알림의 런북 항목 열기',
    'All domains and hosts': '모든 도메인과 호스트',
  },
  overview: {
    title: 'KMS 정품 인증 개요',
    description: 'kms_exporter로 본 Microsoft KMS 볼륨 정품 인증: DNS SRV 레코드, KMS 호스트, 제품별 정품 인증, 시계 오프셋, 발생 중인 알림.',
    variables: {
      datasource: {
        label: '데이터 소스',
        description: 'kms_exporter를 스크레이프하는 Prometheus입니다.',
      },
      site: {
        label: '사이트',
        description: '사이트: 익스포터의 사이트를 나타내는 대상 레이블의 값입니다(examples/prometheus/multi-site.yml처럼 사이트마다 익스포터 하나). All을 선택하면 site 레이블이 없는 익스포터도 포함됩니다.',
      },
      job: {
        label: '스크레이프 job',
        description: 'kms_exporter를 스크레이프하는 job입니다.',
      },
      instance: {
        label: '인스턴스',
        description: 'kms_exporter 인스턴스입니다(관측 지점 또는 사이트마다 하나).',
      },
      domain: {
        label: '도메인',
        description: '_vlmcs._tcp 레코드를 확인하는 DNS 도메인입니다.',
      },
      host: {
        label: '호스트',
        description: '선택한 도메인에 게시된 KMS 호스트와 직접 구성한 호스트(어느 도메인에도 속하지 않음)입니다.',
      },
    },
    panels: {
      summary_row: {
        title: '요약',
      },
      firing_kms_alerts: {
        title: '발생 중인 KMS 알림',
        description: 'alerts/kms_exporter.rules.yml의 알림 중 지금 발생 중인 알림으로, 이 데이터 소스 뒤에 있는 Prometheus의 ALERTS 시계열에서 가져옵니다(그 Prometheus가 규칙 파일을 불러오지 않으면 비어 있습니다. 예를 들어 별도의 ruler가 규칙을 평가하는 경우). 사이트를 비교하거나 익스포터 전체를 합산하는 알림(예: KmsHostDownFromAllSites)에는 instance나 site 레이블이 없으므로, 어떤 사이트, 작업, 인스턴스를 선택하든 표시됩니다. 각 알림의 런북 섹션은 docs/runbooks/{en,ko,ja}.md#<소문자 알림 이름>입니다. 단위 없음: 모든 열이 레이블입니다(알림 이름, 심각도, 사이트, 도메인, 호스트, 제품, DNS 서버).',
      },
      hosts_up_per_domain: {
        title: '도메인별 정상 호스트',
        description: '도메인마다 _vlmcs._tcp SRV 레코드가 게시하는 서로 다른 KMS 호스트 수(kms_domain_hosts)와 그중 검증된 KMS 응답을 주는 호스트 수(kms_domain_hosts_up)를 보여 줍니다. 정상이 0이면 도메인의 어떤 클라이언트도 정품 인증할 수 없고, 게시가 1이면 대신 사용할 호스트가 없습니다. 정적으로 구성한 호스트는 어느 도메인에도 속하지 않으므로 여기서 세지 않습니다. 호스트 열의 값은 호스트 수입니다.',
      },
      last_probe_cycle_age: {
        title: '마지막 프로브 주기 경과 시간',
        description: '각 익스포터가 마지막 프로브 주기를 마친 뒤 지난 시간(초)입니다(time() - kms_exporter_last_cycle_timestamp_seconds). 주기는 `interval`마다 실행되며(기본 60초, 익스포터 행의 "구성된 간격" 참고), 간격 두 개에 5분을 더한 시간을 넘으면 KmsExporterProbesStale이 발생하고 다른 모든 패널은 오래된 데이터를 보여 줍니다. 색상은 기본 간격을 기준으로 합니다.',
      },
      probe_cycle_duration: {
        title: '프로브 주기 소요 시간',
        description: '각 익스포터의 마지막 프로브 주기에 걸린 시간입니다(kms_exporter_cycle_duration_seconds). 호스트는 동시에 프로브되며 각각 `timeout`(기본 10초)으로 제한됩니다. 주기가 `interval`(기본 60초)에 가까워지면 익스포터가 뒤처지고 있다는 뜻입니다.',
      },
      configuration_reload: {
        title: '구성 다시 로드',
        description: '각 익스포터의 마지막 구성 다시 로드(SIGHUP 또는 POST /-/reload)가 성공했는지 보여 줍니다(kms_exporter_config_last_reload_successful). 다시 로드에 실패하면 익스포터는 이전 구성으로 계속 프로브하며 KmsExporterConfigReloadFailed가 발생합니다. 단위 없음: `OK`(성공) 또는 `failed`(실패)로 표시되는 성공 여부입니다.',
      },
      clients_what_a_client_would_get_now_row: {
        title: '클라이언트: 지금 클라이언트가 받을 결과',
      },
      client_result_per_domain_and_product: {
        title: '도메인 및 제품별 클라이언트 결과',
        description: '이 사이트의 Windows 클라이언트가 지금 제품을 정품 인증하면 받을 결과입니다(kms_domain_activation_result_ratio). 사이트(익스포터), 도메인, 제품, 그리고 클라이언트 일부가 받을 코드마다 한 행이며, 그 비율을 함께 보여 줍니다. `OK` 행은 정품 인증에 성공하는 비율이고, 다른 코드는 나머지 클라이언트가 받는 코드를 이름으로 보여 줍니다: 0x8007232B는 _vlmcs._tcp 레코드 없음, 0x8007232A는 모든 DNS 서버 실패, 0xC004F074는 응답하는 호스트 없음, 0xC004F038은 개수가 임계값에 못 미치는 호스트(클라이언트는 유예 기간 안에서 기다림), 그 밖에는 호스트의 거부 코드입니다. 익스포터는 Windows 7 이후 클라이언트의 호스트 탐색을 그대로 따릅니다. SRV 우선순위(priority) 값이 낮은 그룹부터 시도하고, 그룹 안에서는 가중치(weight)에 비례해 호스트를 고르며, 세션이 실패하면 다음 호스트로 넘어가고, 처음 응답한 호스트가 결과를 정합니다. 따라서 응답하는 호스트가 있는 가장 낮은 우선순위 그룹이 결과를 정하고, 그 안에서 각 호스트는 가중치만큼의 몫을 맡습니다(가중치가 모두 0이면 같은 몫). `OK`가 0%이고 0xC004F038이 아닌 코드가 있으면 KmsClientsCannotActivate 알림이 긴급 알림을 보냅니다. `kms_exporter explain CODE`가 원인과 해결 방법을 보여 줍니다.',
      },
      clients_that_would_activate_over_time: {
        title: '시간에 따른 정품 인증 가능 클라이언트',
        description: '이 사이트의 Windows 클라이언트가 지금 시도하면 제품을 정품 인증할 비율(kms_domain_activation_result_ratio{hresult="0x00000000"})을 사이트, 도메인, 제품별로 시간에 따라 보여 줍니다. 100% 미만이면 옆의 표에서 나머지 클라이언트가 받을 코드를 볼 수 있습니다. 다른 호스트가 처리하는 동안 한 호스트가 다운되어도 이 값은 100%로 유지됩니다. 클라이언트가 다른 호스트로 장애 조치를 하기 때문입니다.',
      },
      activation_availability_30_days: {
        title: "정품 인증 가용성(30일)",
        description: "이 사이트의 Windows 클라이언트 중 제품을 정품 인증할 수 있었던 비율을 사이트, 도메인, 제품별로 최근 30일(kms:domain_activation_success:ratio_30d), 최근 하루(ratio_1d), 최근 1시간(ratio_1h) 평균으로 보여 줍니다. 점선은 목표치(믹스인 _config의 activationAvailabilityObjective)입니다. 30일 평균이 이보다 낮으면 KmsActivationAvailabilityBelowObjective가 티켓을 엽니다. 30일 선은 데이터가 30일 쌓여야 한 달 값이 됩니다.",
      },
      dns_vlmcs_tcp_srv_records_row: {
        title: 'DNS: _vlmcs._tcp SRV 레코드',
      },
      srv_lookup_status_per_domain_and_dns_server: {
        title: '도메인 및 DNS 서버별 SRV 조회 상태',
        description: '각 DNS 서버에 대한 최근 _vlmcs._tcp.<도메인> SRV 조회 결과입니다(nameserver `system` = 익스포터의 시스템 확인자): `ok`, `nxdomain` / `nodata`(레코드 없음: 클라이언트에 0x8007232B / 0x8007251D 표시), `servfail` / `refused` / `timeout` / `error`(서버 실패: 0x8007232A). `레코드 수`는 반환된 SRV 레코드의 수이고, `조회 시간`은 조회에 걸린 시간(초)입니다. 단위 없음: 상태 열은 상태 이름이며, 숫자 열은 각자의 단위(레코드 수, 초)를 가집니다.',
      },
      srv_lookup_status_history: {
        title: 'SRV 조회 상태 이력',
        description: '도메인과 DNS 서버별 SRV 조회 결과를 시간에 따라 보여 주므로, 레코드가 언제 사라졌는지 또는 서버가 언제부터 실패했는지 알 수 있습니다. 쿼리는 상태를 숫자로 인코딩하며(1 = `ok`, 2 = `nxdomain`, 3 = `nodata`, 4 = `servfail`, 5 = `refused`, 6 = `timeout`, 7 = `error`) 값 매핑이 이를 이름으로 보여 줍니다. 단위 없음: 값은 양이 아니라 상태 코드입니다.',
      },
      published_srv_records: {
        title: '게시된 SRV 레코드',
        description: '각 DNS 서버가 반환하는 _vlmcs._tcp.<도메인>의 모든 레코드입니다(kms_dns_srv_record_info): 대상 호스트, 포트, 우선순위, 가중치. 대상이 `.`이면 "서비스 없음"을 뜻합니다(RFC 2782). 호스트를 클릭하면 호스트 상세가 열립니다. 단위 없음: 모든 열이 레코드의 레이블입니다.',
      },
      allow_list_findings_expected_hosts: {
        title: '허용 목록 점검 결과(expected_hosts)',
        description: '도메인에 `expected_hosts`를 구성한 경우에만 표시됩니다: 목록에 없는데 _vlmcs._tcp 레코드를 게시하는 호스트(kms_dns_srv_record_expected == 0, 알림 KmsUnexpectedHostPublished)와, 목록에 있지만 어떤 DNS 서버도 게시하지 않는 호스트(kms_dns_expected_host_published == 0, 알림 KmsExpectedHostNotPublished). 비어 있으면 정상입니다. 단위 없음: 모든 열이 레이블입니다.',
      },
      srv_lookup_duration: {
        title: 'SRV 조회 소요 시간',
        description: '각 DNS 서버가 SRV 조회에 응답하는 데 걸리는 시간입니다(kms_dns_srv_lookup_duration_seconds). `timeout`에 걸린 조회는 포기할 때까지 걸린 시간을 보여 줍니다.',
      },
      kms_hosts_row: {
        title: 'KMS 호스트',
      },
      hosts_probed_tcp_open_rpc_bind_kms_answer: {
        title: '호스트: 프로브, TCP 열림, RPC 바인드, KMS 응답',
        description: '선택한 호스트의 프로브가 어느 단계까지 진행되는지를 선택한 익스포터 전체에 대해 합산합니다(두 익스포터가 프로브하는 호스트는 두 번 셉니다): 프로브한 호스트, 열린 TCP 포트(kms_host_tcp_connect_success), 수락된 KMS RPC 바인드(kms_host_rpc_bind_success), 검증된 KMS 응답(kms_host_up). 각 단계는 이전 단계보다 클 수 없으며, 숫자가 처음 줄어드는 단계를 살펴보면 됩니다. 값은 호스트 수입니다.',
      },
      host_health: {
        title: '호스트 상태',
        description: 'KMS 호스트(와 그 호스트를 게시하는 도메인)마다 한 행이며, 정적으로 구성한 호스트는 도메인이 없습니다: `정상` = 검증된 KMS 응답(kms_host_up), `TCP` = KMS 포트로의 TCP 연결 결과, `RPC 바인드` = KMS RPC 인터페이스 바인드, `주소 수` = A+AAAA 레코드 수(0 = 오래된 SRV 대상), 그리고 연결 시간과 프로브 시간(초). 호스트를 클릭하면 호스트 상세가 열립니다. 단위 없음: 정상, TCP, RPC 바인드는 이름으로 표시되는 상태이며, 숫자 열은 각자의 단위를 가집니다.',
      },
      which_site_reaches_which_host: {
        title: '사이트별 호스트 도달 여부',
        description: '호스트(행)와 사이트(열)별 kms_host_up: 그 사이트의 익스포터가 마지막 프로브 주기에서 호스트로부터 검증된 KMS 응답을 받았으면 `up`, 받지 못했으면 `down` 상태이며, 그 사이트가 호스트를 프로브하지 않으면(그 사이트의 DNS가 호스트를 게시하지 않음) 비어 있습니다. 일부 사이트에서만 다운인 호스트는 그 사이트들과 호스트 사이의 네트워크를 가리키고(알림 KmsHostDownFromSomeSites), 모든 사이트에서 다운이면 호스트 자체를 가리킵니다(KmsHostDownFromAllSites). site 레이블이 없는 익스포터는 인스턴스마다 열 하나를 차지합니다. 단위 없음: 각 셀은 `up`/`down` 상태입니다.',
      },
      host_up_history: {
        title: '호스트 정상 이력',
        description: '호스트별 kms_host_up을 시간에 따라 보여 줍니다: 각 프로브 주기에서 검증된 KMS 응답(성공 또는 KMS 거부)이 있었는지입니다. 행을 클릭하면 호스트 상세가 열립니다. 단위 없음: 값은 `up`/`down` 상태입니다.',
      },
      tcp_connect_status_history: {
        title: 'TCP 연결 상태 이력',
        description: '각 호스트의 KMS 포트로의 TCP 연결 결과를 시간에 따라 보여 줍니다: `ok`, `refused`(수신 대기 중인 것이 없음), `timeout`(패킷이 버려짐: 방화벽 또는 호스트 다운), `unreachable`, `no_address`(이름에 A/AAAA 레코드가 없음), `error`. 쿼리는 상태를 숫자로 인코딩하며(1 = `ok`, 2 = `refused`, 3 = `timeout`, 4 = `unreachable`, 5 = `no_address`, 6 = `error`) 값 매핑이 이를 이름으로 보여 줍니다. 단위 없음: 값은 양이 아니라 상태 코드입니다.',
      },
      activation_per_host_and_product_row: {
        title: '호스트 및 제품별 정품 인증',
      },
      activation_per_host_and_product: {
        title: '호스트 및 제품별 정품 인증',
        description: '호스트와 제품별 최근 정품 인증 요청 결과입니다(`activation_interval`마다 갱신, 기본 15분): `status`(`ok`, `refused`, `invalid_response`, `rpc_error`, `unreachable`), 이름으로 표시한 마지막 HRESULT(0 = `OK`), 호스트의 현재 개수(30일 동안의 서로 다른 클라이언트 수, 성공한 응답에서만), 제품의 필요 개수 N(Windows 클라이언트 25, Server/Office 5), 그리고 N 대비 개수의 비율. 클라이언트는 100% 이상일 때만 정품 인증되며, 그보다 낮으면 0xC004F038을 받습니다. 매핑되지 않은 코드는 16진수로 표시되며, `kms_exporter explain CODE`가 어떤 코드든 원인과 해결 방법을 영어, 한국어, 일본어로 보여 줍니다. 단위 없음: status와 HRESULT 열은 이름으로 표시되는 코드이고, 개수 열은 클라이언트 수입니다.',
      },
      activation_count_against_threshold: {
        title: '임계값 대비 정품 인증 개수',
        description: '각 호스트의 현재 개수를 제품의 필요 개수 N으로 나눈 값입니다(kms_activation_current_clients / kms_activation_required_clients). 100%는 임계값을 충족해 그 제품의 클라이언트가 정품 인증된다는 뜻이고, 100% 미만이면 클라이언트가 0xC004F038로 거부됩니다(알림 KmsActivationCountBelowThreshold). 막대는 200%에서 가득 찹니다. 성공적으로 응답하지 않은 호스트는 개수가 없으므로 여기에 나타나지 않습니다. 익스포터 자신도 제품군마다 클라이언트 하나를 더한다는 점에 유의하세요.',
      },
      last_hresult_history: {
        title: '마지막 HRESULT 이력',
        description: '호스트와 제품별 kms_activation_hresult를 시간에 따라 이름으로 보여 줍니다: `OK`, 또는 그 호스트에 그 제품을 요청하는 클라이언트가 받을 코드입니다(예: 0xC004F042 = 호스트 키가 제품을 포함하지 않음, 0xC004F06C = 시계 차이가 너무 큼, 0xC004D104 = 클라이언트 테이블이 포화된 호스트). 호스트가 코드를 주지 않는 동안(연결할 수 없음)에는 값이 없습니다. 매핑되지 않은 코드는 16진수로 표시되며, `kms_exporter explain CODE`가 어떤 코드든 원인과 해결 방법을 영어, 한국어, 일본어로 보여 줍니다.',
      },
      clock_the_4_hour_kms_limit_row: {
        title: '시계: KMS의 4시간 한도',
      },
      host_clock_offset_against_the_4_hour_limit: {
        title: '4시간 한도 대비 호스트 시계 오프셋',
        description: '각 KMS 호스트의 시계가 익스포터의 시계와 얼마나 차이 나는지를 크기로 보여 줍니다: 측정에 성공한 방법(ntp, smb) 중 가장 작은 |오프셋|이며, KmsHostClockSkew 알림과 같은 규칙입니다(1시간 초과 시 warning, 3시간 초과 시 critical). 4시간이 되면 호스트는 모든 클라이언트를 0xC004F06C로 거부합니다. 막대는 4시간에서 가득 찹니다. 시계 측정이 꺼져 있거나(`clock.methods: []`) 호스트에 도달하는 방법이 없으면 값이 없습니다.',
      },
      host_clock_offset_over_time_4_h: {
        title: '시간에 따른 호스트 시계 오프셋(±4시간)',
        description: '호스트와 방법별 kms_host_clock_offset_seconds: 호스트 시계에서 익스포터 시계를 뺀 값입니다(양수 = 호스트가 앞섬). 음영 띠는 1시간(warning), 3시간(critical), 그리고 넘으면 호스트가 클라이언트를 0xC004F06C로 거부하는 4시간 한도를 표시합니다. 눈금이 최소 ±4시간에 걸치므로 정상적인 오프셋은 0 선 위에 놓이며, 자세한 값은 호스트 상세에서 볼 수 있습니다. 오프셋은 익스포터 자신의 시계만큼만 정확합니다("익스포터 시계 오프셋" 참고).',
      },
      host_details_row: {
        title: '호스트 세부 정보',
      },
      protocol_versions: {
        title: '프로토콜 버전',
        description: '호스트별 KMS 프로토콜 버전입니다(kms_host_protocol_version_supported): 지원되거나 0x8007000D로 거부됩니다. 시도한 버전만 나열됩니다. V6를 먼저 시도하고, 이전 버전은 거부된 뒤에만 시도합니다. V6를 거부하는 호스트는 Windows 8.1 / Server 2012 R2 이후와 Office 2016 이후를 처리할 수 없습니다(알림 KmsHostProtocolVersionUnsupported). 단위 없음: 셀은 supported/refused 상태입니다.',
      },
      activation_and_renewal_intervals: {
        title: '정품 인증 및 갱신 간격',
        description: '각 호스트가 클라이언트에게 주는 간격입니다(kms_host_activation_interval_seconds, kms_host_renewal_interval_seconds): 정품 인증되지 않은 클라이언트가 얼마 뒤에 다시 시도하는지(기본 2시간)와 정품 인증된 클라이언트가 얼마나 자주 갱신하는지(기본 7일)입니다.',
      },
      host_key_and_os: {
        title: '호스트 키와 OS',
        description: '호스트와 애플리케이션(windows, office, office-2010)별로, 호스트가 반환하는 ePID에서 디코딩한 정보입니다(kms_host_info): 호스트 OS와 빌드, 호스트 키 유형(csvlk: 호스트 키가 정품 인증할 수 있는 제품군), 언어(lcid), 전체 ePID, HwId. 단위 없음: 모든 열이 레이블입니다.',
      },
      exporter_row: {
        title: '익스포터',
      },
      probe_cycle_duration_over_time: {
        title: '시간에 따른 프로브 주기 소요 시간',
        description: '각 익스포터의 프로브 주기에 걸리는 시간입니다(kms_exporter_cycle_duration_seconds): 모든 대상에 대한 DNS, TCP, RPC 바인드, 시계 프로브이며, 호스트마다 `timeout`으로 제한됩니다. 주기가 `interval`(기본 60초)에 가까우면 익스포터가 뒤처지고 있다는 뜻입니다.',
      },
      probe_results_per_second: {
        title: '초당 프로브 결과',
        description: '종류(dns_srv, dns_address, tcp, rpc_bind, activation)와 결과별 초당 프로브 수(kms_exporter_probes_total)를 선택한 익스포터 전체에 대해 합산합니다.',
      },
      exporter_clock_offset: {
        title: '익스포터 시계 오프셋',
        description: '익스포터 자신의 시계와 `clock.reference`의 각 기준 NTP 서버 사이의 오프셋입니다(kms_exporter_clock_offset_seconds). 호스트 시계 오프셋은 익스포터의 시계를 기준으로 측정하므로, ±300초를 넘으면 KmsExporterClockUnsynchronized가 발생하고 호스트 시계 알림이 보류됩니다.',
      },
      configured_targets: {
        title: '구성된 대상',
        description: '각 익스포터가 프로브하는 도메인과 정적 호스트입니다(kms_exporter_targets): 구성한 것이거나, 구성에 아무것도 없을 때 resolv.conf에서 찾은 것입니다. 둘 다 0이면 아무것도 프로브하지 않습니다.',
      },
      exporter_versions: {
        title: '익스포터 버전',
        description: '실행 중인 각 익스포터의 버전, 리비전, 컴파일러입니다(kms_exporter_build_info). 단위 없음: 모든 열이 레이블입니다.',
      },
      reference_ntp_servers_answering: {
        title: '응답하는 기준 NTP 서버',
        description: '각 clock.reference NTP 서버가 이번 주기에 익스포터에 응답했는지 보여 줍니다(kms_exporter_clock_probe_success). 모든 호스트 시계 오프셋은 익스포터 자신의 시계를 기준으로 측정하므로, 응답하는 기준 서버가 없으면 그 시계를 검증할 수 없습니다. 단위 없음: 1은 응답, 0은 응답 없음입니다.',
      },
      configured_intervals: {
        title: '구성된 간격',
        description: '각 익스포터가 구성에 따라 실행되는 주기입니다: 프로브 주기 사이의 `interval`(kms_exporter_probe_interval_seconds; DNS, TCP, RPC 바인드, 시계)과 각 호스트 및 제품에 대한 정품 인증 요청 사이의 `activation_interval`(kms_exporter_activation_interval_seconds). 데이터가 오래되었음을 알리는 알림의 기준 시간은 앞의 간격에 비례합니다.',
      },
      dns_continuity_row: {
        title: 'DNS 연속성',
      },
      age_of_the_last_srv_answer_with_records: {
        title: '레코드가 있는 마지막 SRV 응답 경과 시간',
        description: '도메인과 DNS 서버별 time() - kms_dns_srv_last_success_timestamp_seconds: 서버가 _vlmcs._tcp 조회에 레코드를 담아 마지막으로 응답한 지 얼마나 지났는지 보여 줍니다. 서버가 실패하는 동안 값이 커지며, 그동안 익스포터는 dns.keep_last_answer(기본 1h) 동안 그 응답에 있던 호스트를 계속 프로브합니다.',
      },
    },
  },
  host: {
    title: 'KMS 호스트 상세',
    description: 'kms_exporter로 본 KMS 호스트 하나: 연결 상태, 제품별 정품 인증, 4시간 한도 대비 시계, 식별 정보와 프로토콜.',
    variables: {
      datasource: {
        label: '데이터 소스',
        description: 'kms_exporter를 스크레이프하는 Prometheus입니다.',
      },
      site: {
        label: '사이트',
        description: '사이트: 익스포터의 사이트를 나타내는 대상 레이블의 값입니다(examples/prometheus/multi-site.yml처럼 사이트마다 익스포터 하나). All을 선택하면 site 레이블이 없는 익스포터도 포함됩니다.',
      },
      job: {
        label: '스크레이프 job',
        description: 'kms_exporter를 스크레이프하는 job입니다.',
      },
      instance: {
        label: '인스턴스',
        description: 'kms_exporter 인스턴스입니다(관측 지점 또는 사이트마다 하나).',
      },
      domain: {
        label: '도메인',
        description: '_vlmcs._tcp 레코드를 확인하는 DNS 도메인입니다.',
      },
      host: {
        label: '호스트',
        description: '선택한 도메인에 게시된 KMS 호스트와 직접 구성한 호스트(어느 도메인에도 속하지 않음)입니다.',
      },
    },
    panels: {
      reachability_row: {
        title: '연결 상태',
      },
      kms_answer: {
        title: 'KMS 응답',
        description: 'kms_host_up: 마지막 프로브 주기에서 호스트가 검증된 KMS 응답(성공 또는 KMS 거부)을 주었는지 익스포터별로 보여 줍니다. 단위 없음: `up`/`down` 상태입니다.',
      },
      tcp_connect: {
        title: 'TCP 연결',
        description: 'KMS 포트로의 마지막 TCP 연결 결과: `ok`, `refused`(수신 대기 중인 것이 없음), `timeout`(패킷이 버려짐: 방화벽 또는 호스트 다운), `unreachable`, `no_address`(A/AAAA 레코드 없음), `error`. 쿼리는 상태를 숫자로 인코딩하며(1 = `ok`, 2 = `refused`, 3 = `timeout`, 4 = `unreachable`, 5 = `no_address`, 6 = `error`) 이름으로 표시됩니다. 단위 없음: 양이 아니라 상태입니다.',
      },
      rpc_bind: {
        title: 'RPC 바인드',
        description: 'kms_host_rpc_bind_success: 마지막 주기에서 KMS RPC 인터페이스 바인드가 성공했는지 보여 줍니다. 포트는 열려 있는데 바인드가 실패하면 키 관리 서비스가 아닌 다른 것이 응답한다는 뜻입니다(알림 KmsHostRpcBindFailing). 단위 없음: 성공 여부입니다.',
      },
      resolved_addresses: {
        title: '확인된 주소',
        description: 'kms_host_resolved_addresses: 호스트 이름의 A + AAAA 주소입니다. 0이면 오래된 SRV 대상입니다(알림 KmsSrvTargetUnresolvable). 값은 주소 개수입니다.',
      },
      published_by: {
        title: '게시 현황',
        description: '이 호스트를 가리키는 _vlmcs._tcp SRV 레코드를 도메인과 DNS 서버별로 포트, 우선순위, 가중치와 함께 보여 줍니다(kms_dns_srv_record_info). 구성에 직접 지정했고 어디에도 게시되지 않은 호스트는 비어 있습니다. 단위 없음: 모든 열이 레이블입니다.',
      },
      up_tcp_and_rpc_bind_history: {
        title: '정상, TCP, RPC 바인드 이력',
        description: '프로브 주기별로 검증된 KMS 응답(kms_host_up), TCP 연결 결과(1 = `ok`, 2 = `refused`, 3 = `timeout`, 4 = `unreachable`, 5 = `no_address`, 6 = `error` 값으로 인코딩되어 이름으로 표시), RPC 바인드, 호스트의 주소별 TCP 연결(kms_host_address_tcp_connect_success, 최대 8개 주소)을 보여 줍니다. TCP 연결은 성공했는데 실패하는 주소가 있으면, 그 주소를 먼저 시도하는 클라이언트는 다음 주소로 넘어가기 전까지 기다립니다(알림 KmsHostAddressUnreachable). 단위 없음: 모든 행이 상태입니다.',
      },
      kms_answer_per_site: {
        title: '사이트별 KMS 응답',
        description: '각 사이트에서 본 이 호스트의 kms_host_up을 시간에 따라 보여 줍니다: 그 사이트의 익스포터가 검증된 KMS 응답을 받았으면 `up`, 아무도 받지 못했으면 `down` 상태입니다. 일부 사이트에서만 다운이면 그 사이트들과 호스트 사이의 네트워크 문제이고(알림 KmsHostDownFromSomeSites), 모든 사이트에서 다운이면 호스트 문제입니다(KmsHostDownFromAllSites). site 레이블이 없는 익스포터는 인스턴스마다 행 하나를 차지합니다. 단위 없음: 각 행은 `up`/`down` 상태입니다.',
      },
      tcp_connect_duration: {
        title: 'TCP 연결 소요 시간',
        description: 'kms_host_tcp_connect_duration_seconds: KMS 포트에 연결하는 데 걸린 시간, 또는 연결이 실패할 때까지 걸린 시간입니다(시간 초과이면 허용 시간 전체가 표시됩니다).',
      },
      probe_duration: {
        title: '프로브 소요 시간',
        description: 'kms_host_probe_duration_seconds: 주기마다 하는 호스트 프로브 전체(DNS, TCP, RPC 바인드, 그리고 때가 되면 정품 인증 요청)에 걸린 시간이며, `timeout`으로 제한됩니다.',
      },
      activation_per_product_row: {
        title: '제품별 정품 인증',
      },
      activation_now: {
        title: '현재 정품 인증',
        description: '제품별 최근 정품 인증 요청 결과입니다(`activation_interval`마다 갱신): status, 이름으로 표시한 HRESULT(0 = `OK`), 호스트의 현재 개수(성공한 응답에서만), 제품의 필요 개수 N. 클라이언트는 개수가 N 이상일 때만 정품 인증됩니다. 매핑되지 않은 코드는 16진수로 표시되며, `kms_exporter explain CODE`가 어떤 코드든 원인과 해결 방법을 영어, 한국어, 일본어로 보여 줍니다. 단위 없음: status와 HRESULT는 이름으로 표시되는 코드이고, 개수 열은 클라이언트 수입니다.',
      },
      activation_status_per_product: {
        title: '제품별 정품 인증 상태',
        description: '제품별 kms_activation_status를 시간에 따라 보여 줍니다: `ok`, `refused`(호스트가 HRESULT로 응답), `invalid_response`(응답이 검증에 실패), `rpc_error`, `unreachable`. 쿼리는 상태를 숫자로 인코딩하며(1 = `ok`, 2 = `refused`, 3 = `invalid_response`, 4 = `rpc_error`, 5 = `unreachable`) 이름으로 표시됩니다. 단위 없음: 값은 상태 코드입니다.',
      },
      hresult_per_product: {
        title: '제품별 HRESULT',
        description: '제품별 kms_activation_hresult를 시간에 따라 이름으로 보여 줍니다: `OK`, 또는 호스트가 그 제품을 거부할 때 쓰는 코드입니다. 매핑되지 않은 코드는 16진수로 표시되며, `kms_exporter explain CODE`가 어떤 코드든 원인과 해결 방법을 영어, 한국어, 일본어로 보여 줍니다.',
      },
      activation_count_against_required: {
        title: '필요 개수 대비 정품 인증 개수',
        description: '제품별로 호스트의 현재 개수(실선, 최근 30일 동안의 서로 다른 클라이언트 수, 성공한 응답에서만)와 제품의 필요 개수 N(점선)을 보여 줍니다. 실선이 점선과 같거나 그 위에 있는 동안에만 그 제품의 클라이언트가 정품 인증됩니다. 익스포터 자신도 제품군마다 클라이언트 하나로 계산됩니다.',
      },
      clock_the_4_hour_kms_limit_row: {
        title: '시계: KMS의 4시간 한도',
      },
      clock_offset_against_4_h: {
        title: '±4시간 대비 시계 오프셋',
        description: '방법(ntp, smb)별 kms_host_clock_offset_seconds: 호스트 시계에서 익스포터 시계를 뺀 값입니다(양수 = 호스트가 앞섬). 음영 띠: 1시간 warning, 3시간 critical(KmsHostClockSkew), 그리고 넘으면 호스트가 모든 클라이언트를 0xC004F06C로 거부하는 4시간 한도. 눈금은 최소 ±4시간에 걸치며, 다음 패널이 같은 오프셋을 자체 눈금으로 보여 줍니다.',
      },
      clock_offset_detail: {
        title: '시계 오프셋(상세)',
        description: '같은 kms_host_clock_offset_seconds를 자체 눈금으로 보여 주어 한도보다 훨씬 작은 드리프트와 급변을 볼 수 있게 하고, kms_exporter_clock_offset_seconds도 함께 보여 줍니다. 후자는 익스포터 자신의 시계와 기준 NTP 서버 사이의 오프셋으로, 모든 호스트 오프셋에 그대로 반영됩니다.',
      },
      clock_probe_round_trip_time: {
        title: '시계 프로브 왕복 시간',
        description: '방법별 kms_host_clock_rtt_seconds: NTP 또는 SMB 교환의 왕복 시간입니다. 오프셋의 불확실성은 그 절반 정도입니다.',
      },
      clock_probe_success: {
        title: '시계 프로브 성공',
        description: '방법별 kms_host_clock_probe_success: 호스트의 NTP(UDP 123) 또는 SMB(TCP 445) 시계 측정이 동작했는지 보여 줍니다. 실패하는 방법은 오프셋을 남기지 않습니다. 단위 없음: 성공/실패 상태입니다.',
      },
      ntp_stratum_and_leap_indicator: {
        title: 'NTP 계층(stratum)과 윤초 표시',
        description: '호스트의 NTP 응답에서 가져옵니다: kms_host_clock_ntp_stratum(1 = 기준 시계에 연결됨, 클수록 기준 시계에서 멂, 16 = 동기화되지 않음)과 kms_host_clock_ntp_leap(0 = 경고 없음, 1 / 2 = 윤초 예정, 3 = 호스트 시계가 동기화되지 않음). 단위 없음: 계층(stratum)은 단계이고 윤초 표시(leap indicator)는 코드입니다.',
      },
      identity_and_protocol_row: {
        title: '식별 정보와 프로토콜',
      },
      epid_host_os_host_key_and_hwid: {
        title: 'ePID, 호스트 OS, 호스트 키, HwId',
        description: '애플리케이션(windows, office, office-2010)별로, 호스트가 반환하는 ePID에서 디코딩한 정보입니다(kms_host_info): 호스트 OS와 빌드, 호스트 키 유형(csvlk), 언어(lcid), 전체 ePID, 하드웨어 ID. 단위 없음: 모든 열이 레이블입니다.',
      },
      protocol_versions: {
        title: '프로토콜 버전',
        description: 'kms_host_protocol_version_supported: 시도한 각 KMS 프로토콜 버전이 지원되는지, 0x8007000D로 거부되는지 보여 줍니다. V6를 먼저 시도하고, 이전 버전은 거부된 뒤에만 시도합니다. 단위 없음: supported/refused 상태입니다.',
      },
      intervals_given_to_clients: {
        title: '클라이언트에게 주는 간격',
        description: 'kms_host_activation_interval_seconds(정품 인증되지 않은 클라이언트가 얼마 뒤에 다시 시도하는지, 기본 2시간)와 kms_host_renewal_interval_seconds(정품 인증된 클라이언트가 얼마나 자주 갱신하는지, 기본 7일)를 호스트가 알리는 값 그대로 보여 줍니다.',
      },
      intervals_over_time: {
        title: '시간에 따른 간격',
        description: '같은 간격을 시간에 따라 보여 주므로, 호스트의 구성이 언제 바뀌었는지(slmgr /sai, /sri) 알 수 있습니다.',
      },
    },
  },
}
