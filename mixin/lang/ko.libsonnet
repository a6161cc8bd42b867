// 알림의 요약과 설명(한국어). 설명은 Prometheus 템플릿이며, lang/en.libsonnet과 같은 쿼리를 씁니다.
// Terms: activate = 정품 인증, as in docs/runbooks/ko.md.
{
  KmsClientsCannotActivate: {
    summary: "사이트의 클라이언트가 도메인의 제품을 전혀 정품 인증하지 못합니다.",
    description: |||
      {{ with $labels.site }}사이트 {{ . }}의
      {{- else }}{{ $labels.instance }}에서 본{{ end }} 클라이언트 중 {{ $labels.domain }}에서
      {{ $labels.product }}을(를) 정품 인증하는 클라이언트의 {{ $value | humanizePercentage }}가
      {{ $labels.hresult }}을(를) 받으며, 정품 인증에 성공하는 클라이언트는 없습니다.
      {{- if $labels.site }} 클라이언트가 {{ $labels.hresult }}을(를) 받는 사이트:
      {{ range $i, $s := printf `kms_domain_activation_result_ratio{job=%q,domain=%q,product=%q,hresult=%q} > 0` $labels.job $labels.domain $labels.product $labels.hresult | query | sortByLabel "site" }}
      {{- if $i }}, {{ end }}{{ $s.Labels.site }}{{ end }}.{{ end }}
      {{ $labels.instance }}에서 찾은 내용(DNS 응답, 그리고 호스트마다 프로브가 멈춘 단계): DNS
      {{- range $i, $s := printf `kms_dns_srv_status{job=%q,instance=%q,exporter=%q,domain=%q} == 1` $labels.job $labels.instance $labels.exporter $labels.domain | query | sortByLabel "nameserver" }}
      {{- if $i }},{{ end }} {{ $s.Labels.nameserver }} `{{ $s.Labels.status }}`{{ else }} 보고 없음{{ end }}
      {{- range printf `kms_domain_host_info{job=%q,instance=%q,exporter=%q,domain=%q}` $labels.job $labels.instance $labels.exporter $labels.domain | query | sortByLabel "host" }}
      {{- $at := printf `job=%q,instance=%q,exporter=%q,host=%q,port=%q` $labels.job $labels.instance $labels.exporter .Labels.host .Labels.port }};
      {{ .Labels.host }}:{{ .Labels.port }}
      {{ with printf `kms_host_tcp_connect_status{%s,status!="ok"} == 1` $at | query }}TCP 연결 상태
      `{{ (index . 0).Labels.status }}`
      {{- else }}{{ with printf `kms_host_rpc_bind_success{%s} == 0` $at | query }}RPC 바인드 실패
      {{- else }}{{ with printf `kms_activation_status{%s,product=%q} == 1` $at $labels.product | query }}정품 인증 상태
      `{{ (index . 0).Labels.status }}`
      {{- if eq (index . 0).Labels.status "refused" }}{{ with printf `kms_activation_hresult{%s,product=%q} == %s` $at $labels.product $labels.hresult | query }} ({{ $labels.hresult }}){{ end }}{{ end }}
      {{- if eq (index . 0).Labels.status "ok" }}{{ with printf `kms_activation_current_clients{%s,product=%q} < kms_activation_required_clients{%s,product=%q}` $at $labels.product $at $labels.product | query }}, 개수 {{ (index . 0).Value }}(임계값 미만){{ end }}{{ end }}
      {{- else }}정품 인증 결과 없음{{ end }}{{ end }}{{ end }}
      {{- end }}. 이 코드의 원인과 해결 방법은 `kms_exporter explain {{ $labels.hresult }}` 명령으로
      확인할 수 있습니다.
    |||,
  },
  KmsSomeClientsCannotActivate: {
    summary: "사이트의 일부 클라이언트가 도메인의 제품 정품 인증을 거부당하고 있습니다.",
    description: |||
      {{ with $labels.site }}사이트 {{ . }}의
      {{- else }}{{ $labels.instance }}에서 본{{ end }} 클라이언트 중 {{ $labels.domain }}에서
      {{ $labels.product }}을(를) 정품 인증하는 클라이언트의 {{ $value | humanizePercentage }}가
      {{ range $i, $h := printf `kms_activation_hresult{job=%q,instance=%q,exporter=%q,product=%q} == %s and on (job, instance, exporter, host, port) kms_domain_host_info{job=%q,instance=%q,exporter=%q,domain=%q}` $labels.job $labels.instance $labels.exporter $labels.product $labels.hresult $labels.job $labels.instance $labels.exporter $labels.domain | query | sortByLabel "host" }}
      {{- if $i }}, {{ end }}{{ $h.Labels.host }}:{{ $h.Labels.port }}{{ end }}에서 {{ $labels.hresult }}을(를) 받고, 나머지는 정품 인증됩니다.
      거부된 클라이언트는 2시간마다 다시 시도하며, 그때 정품 인증을 해 주는 호스트를 고를 수도
      있습니다.
    |||,
  },
  KmsSrvRecordMissingOnNameserver: {
    summary: "다른 DNS 서버에는 있는 _vlmcs._tcp SRV 레코드가 특정 DNS 서버에 없습니다.",
    description: |||
      DNS 서버 {{ $labels.nameserver }}이(가) _vlmcs._tcp.{{ $labels.domain }}에 대해 NXDOMAIN 또는
      "레코드 없음"을 응답하지만, {{ $labels.instance }}에서 질의한 다른 DNS 서버는 레코드를 반환합니다.
      {{ $labels.nameserver }}을(를) 사용하는 클라이언트는 KMS 호스트를 찾을 수 없습니다.
    |||,
  },
  KmsDnsServerFailing: {
    summary: "특정 DNS 서버가 _vlmcs._tcp SRV 질의에 대부분 실패합니다.",
    description: |||
      DNS 서버 {{ $labels.nameserver }}이(가) 지난 1시간 중 {{ $value | humanizePercentage }} 동안
      {{ $labels.instance }}에서 보낸 _vlmcs._tcp.{{ $labels.domain }} SRV 질의에 실패했습니다{{ with printf
      "kms_dns_srv_status{domain=%q,nameserver=%q,instance=%q} == 1" $labels.domain
      $labels.nameserver $labels.instance | query }} (현재 상태: `{{ (index . 0).Labels.status
      }}`){{ end }}. 이 서버에 먼저 묻는 클라이언트는 응답을 기다린 뒤 다음 서버에 묻고, 이 서버만
      쓰는 클라이언트는 실패합니다.
    |||,
  },
  KmsUnexpectedHostPublished: {
    summary: "허용 목록에 없는 호스트가 _vlmcs._tcp SRV 레코드를 게시합니다.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}이(가) _vlmcs._tcp.{{ $labels.domain }}에 게시되어 있지만
      expected_hosts에 없습니다. 클라이언트는 게시된 호스트 중에서 고르므로, 일부는 이 알 수 없는
      호스트에서 정품 인증되거나 실패합니다.
    |||,
  },
  KmsExpectedHostNotPublished: {
    summary: "예상한 KMS 호스트가 도메인의 SRV 레코드에 없습니다.",
    description: |||
      {{ $labels.host }}은(는) {{ $labels.domain }}의 expected_hosts에 있지만, {{ $labels.instance }}에서
      질의한 어떤 DNS 서버도 _vlmcs._tcp.{{ $labels.domain }}에 이 호스트를 게시하지 않습니다. 클라이언트가
      이 호스트를 찾을 수 없으므로 도메인의 이중화가 계획보다 약합니다.
    |||,
  },
  KmsDomainSingleHost: {
    summary: "도메인이 KMS 호스트를 하나만 게시합니다.",
    description: |||
      _vlmcs._tcp.{{ $labels.domain }}에 KMS 호스트가 하나만 있습니다. 그 호스트가 실패하면
      {{ $labels.domain }}의 클라이언트가 대신 사용할 호스트가 없습니다.
    |||,
  },
  KmsSrvTargetUnresolvable: {
    summary: "DNS에 게시된 KMS 호스트에 A 또는 AAAA 레코드가 없습니다.",
    description: |||
      {{ $labels.host }}(포트 {{ $labels.port }})은(는) KMS 대상이지만, {{ with $labels.instance }}{{ . }}에서{{ else }}이 호스트를 검사하는 어느 익스포터에서도{{ end }}
      이 이름이 어떤 주소로도 확인되지 않습니다. SRV 레코드가 오래되었거나 호스트 레코드가 삭제되었습니다.
    |||,
  },
  KmsHostPortUnreachable: {
    summary: "KMS 호스트가 KMS 포트에서 TCP 연결을 받지 않습니다.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}에
      {{ $labels.instance }}에서 TCP로 연결할 수 없습니다{{ with printf
      "kms_host_tcp_connect_status{host=%q,port=%q,instance=%q} == 1" $labels.host
      $labels.port $labels.instance | query }} (연결 상태: `{{ (index . 0).Labels.status
      }}`){{ end }}. 이 호스트를 고른 클라이언트는 다른 호스트로 넘어가거나 포기합니다.
    |||,
  },
  KmsHostAddressUnreachable: {
    summary: "KMS 호스트의 주소 하나가 TCP 연결을 받지 않습니다. 다른 주소는 연결됩니다.",
    description: |||
      {{ $labels.instance }}에서 {{ $labels.host }}:{{ $labels.port }}에는 연결되지만
      {{ $labels.address }} 주소로는 연결되지 않습니다. 이 주소로 먼저 연결을 시도하는
      클라이언트(Windows는 IPv6를 우선합니다)도 정품 인증은 되지만, 그 시도가 시간 초과된 뒤
      다른 주소로 넘어가야 하므로 그만큼 기다립니다.
    |||,
  },
  KmsHostRpcBindFailing: {
    summary: "KMS 포트가 TCP 연결은 받지만 KMS RPC 인터페이스를 제공하지 않습니다.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}은(는) {{ $labels.instance }}의 TCP 연결을 받지만 KMS
      인터페이스에 대한 DCE/RPC 바인드가 실패합니다. 이 포트에서 키 관리 서비스가 아닌 다른 것이
      응답합니다.
    |||,
  },
  KmsHostProtocolVersionUnsupported: {
    summary: "KMS 호스트가 현재 클라이언트가 사용하는 KMS 프로토콜 버전을 거부합니다.",
    description: |||
      {{ if $labels.product }}{{ $labels.host }}:{{ $labels.port }}이(가) 익스포터가 시도한 모든
      프로토콜 버전에서 {{ $labels.product }}을(를) 0x8007000D(잘못된 데이터)로 거부합니다.{{ else }}
      {{- $labels.host }}:{{ $labels.port }}이(가) KMS 프로토콜 버전 {{ $labels.version }}을(를) 받지 않습니다.
      Windows 8.1, Windows Server 2012 R2 이후와 Office 2016 이후가 이 버전을 사용합니다.{{ end }}
    |||,
  },
  KmsHostInvalidResponse: {
    summary: "KMS 호스트가 응답하지만 응답이 검증에 실패합니다.",
    description: |||
      {{ $labels.instance }}에서 보낸 {{ $labels.product }} 요청에 대한 {{ $labels.host }}:{{ $labels.port }}의
      응답이 검증을 통과하지 못했습니다(검증 결과 `{{ $labels.status }}`). 호스트가 고장 났거나, 정상적인 KMS 호스트가 아니거나,
      경로상의 무언가가 트래픽을 변조합니다.
    |||,
  },
  KmsHostDownFromAllSites: {
    summary: "KMS 호스트가 어느 사이트의 익스포터에도 검증된 KMS 응답을 주지 않습니다.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}이(가) 이 호스트를 프로브하는 {{ $value }}개 사이트 중 어느
      익스포터에도 검증된 KMS 응답을 주지 않습니다. 한 사이트의 네트워크 경로가 아니라 호스트 자체가
      중단되었거나 고장 났습니다. 모든 사이트에서 이 호스트를 고른 클라이언트는 다른 호스트로
      넘어가며, 이 호스트가 마지막 호스트였던 도메인에서는 KmsClientsCannotActivate가 긴급 알림을
      보냅니다.
    |||,
  },
  KmsHostDownFromSomeSites: {
    summary: "KMS 호스트가 다른 사이트의 익스포터에는 응답하지만 특정 사이트의 익스포터에는 응답하지 않습니다.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}이(가) 사이트 {{ $labels.site }}의 익스포터에 검증된 KMS
      응답을 주지 않지만, 다른 사이트 {{ with printf
      "count without (site) (max without (instance, exporter) (kms_host_up{job=%q,host=%q,port=%q}) == 1)"
      $labels.job $labels.host $labels.port | query }}{{ . | first | value }}{{ else
      }}여러{{ end }}곳은 이 호스트에 도달합니다. 호스트는 동작하지만 {{ $labels.site }}에서 이
      호스트까지의 경로(방화벽, 라우팅, DNS)가 동작하지 않으며, {{ $labels.site }}에서 이 호스트를
      고른 클라이언트는 다른 호스트로 넘어가거나 포기합니다.
    |||,
  },
  KmsActivationCountBelowThreshold: {
    summary: "KMS 호스트의 정품 인증 개수가 제품의 임계값보다 적습니다.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}이(가) {{ $labels.product }}에 대해 개수 {{ $value }}을(를)
      보고합니다. 이런 클라이언트를 정품 인증하려면 서로 다른 컴퓨터가 {{ with printf
      "kms_activation_required_clients{host=%q,port=%q,product=%q,instance=%q}" $labels.host
      $labels.port $labels.product $labels.instance | query }}{{ . | first | value }}{{ else
      }}필요한 수{{ end }}대 필요하며, 그보다 적습니다.
    |||,
  },
  KmsHostNotActivated: {
    summary: "KMS 호스트 자신의 KMS 호스트 키가 정품 인증되지 않아 정품 인증을 거부합니다.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}이(가) {{ $labels.product }} 요청에 0xC004F041로 응답합니다.
      이 호스트에 설치된 KMS 호스트 키가 정품 인증되지 않았습니다. 이 호스트에 도달하는 모든
      클라이언트가 거부됩니다.
    |||,
  },
  KmsHostProductNotSupported: {
    summary: "KMS 호스트가 제품을 정품 인증할 수 없습니다.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}이(가) {{ $labels.product }}을(를) 0xC004F042로 거부합니다.
      KMS 호스트 키가 이 제품을 포함하지 않습니다(예: 오래된 호스트 키와 더 새로운 Windows, Windows
      Server 또는 Office 릴리스).
    |||,
  },
  KmsHostTimestampRefused: {
    summary: "요청의 타임스탬프가 호스트 시계와 너무 달라 KMS 호스트가 요청을 거부합니다.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}이(가) {{ $labels.instance }}의 {{ $labels.product }} 요청을
      0xC004F06C로 거부합니다. 이 호스트의 시계가 익스포터의 시계와 4시간 넘게 차이 납니다. 시계가
      정확한 클라이언트도 같은 방식으로 거부됩니다.
    |||,
  },
  KmsHostOvercharged: {
    summary: "KMS 호스트가 보안 프로세서의 잘못된 데이터를 보고합니다(클라이언트 테이블 포화).",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}이(가) {{ $labels.product }}을(를) 0xC004D104로 거부합니다.
      지나치게 큰 N 정책을 담은 요청으로 클라이언트 테이블이 넘치도록 채워진 호스트의 거부입니다.
      호스트는 스스로 복구되지 않습니다.
    |||,
  },
  KmsActivationRefused: {
    summary: "KMS 호스트가 다른 알림이 다루지 않는 HRESULT로 정품 인증을 거부합니다.",
    description: |||
      {{- $code := printf `kms_activation_hresult{job=%q,instance=%q,exporter=%q,host=%q,port=%q,product=%q}` $labels.job $labels.instance $labels.exporter $labels.host $labels.port $labels.product }}
      {{- $hex := "" }}
      {{- range printf `label_replace(floor(%[1]s / 268435456) %% 16, "d", "1", "", "") or label_replace(floor(%[1]s / 16777216) %% 16, "d", "2", "", "") or label_replace(floor(%[1]s / 1048576) %% 16, "d", "3", "", "") or label_replace(floor(%[1]s / 65536) %% 16, "d", "4", "", "") or label_replace(floor(%[1]s / 4096) %% 16, "d", "5", "", "") or label_replace(floor(%[1]s / 256) %% 16, "d", "6", "", "") or label_replace(floor(%[1]s / 16) %% 16, "d", "7", "", "") or label_replace(%[1]s %% 16, "d", "8", "", "")` $code | query | sortByLabel "d" }}
      {{- $hex = print $hex (.Value | printf "%.0f" | reReplaceAll "^10$" "A" | reReplaceAll "^11$" "B" | reReplaceAll "^12$" "C" | reReplaceAll "^13$" "D" | reReplaceAll "^14$" "E" | reReplaceAll "^15$" "F") }}
      {{- end }}
      {{- $labels.host }}:{{ $labels.port }}이(가) {{ $labels.product }}을(를)
      0x{{ $hex }}({{ printf "%.0f" $value }})(으)로 거부합니다. 코드의 이름, 원인, 해결 방법은
      `kms_exporter explain 0x{{ $hex }}` 명령으로 확인할 수 있습니다.
    |||,
  },
  KmsHostClockSkew: {
    summary: "KMS 호스트의 시계가 KMS의 4시간 한도에 가까워지고 있습니다.",
    description: |||
      {{ $labels.host }}의 시계가 익스포터의 시계와 {{ $value | humanizeDuration }} 차이 납니다
      ({{ $labels.instance }}에서 측정). 4시간이 되면 호스트가 모든 클라이언트를 0xC004F06C로 거부합니다.
    |||,
  },
  KmsExporterDown: {
    summary: "Prometheus가 kms_exporter를 스크레이프할 수 없습니다.",
    description: |||
      Prometheus가 {{ $labels.instance }}(job `{{ $labels.job }}`)을(를) 스크레이프하지 못합니다. 이 관측
      지점에서는 KMS를 감시하지 못하고 있으며, 이 지점의 다른 알림은 문제가 사라져서가 아니라
      데이터가 없어서 해소됩니다.
    |||,
  },
  KmsExporterDownOutsideBusinessHours: {
    summary: "업무 시간 외에 한 사이트의 kms_exporter를 하나도 스크레이프할 수 없습니다.",
    description: |||
      Prometheus가 {{ with $labels.site }}사이트 {{ . }}{{ else }}job `{{ $labels.job }}`{{ end }}의
      kms_exporter 대상을 하나도 스크레이프하지 못하고 있으며, 지금은 업무 시간 외입니다. 복구될
      때까지 이곳의 KMS 정품 인증은 아무도 감시하지 않습니다. 클라이언트가 정품 인증을 받지 못해도
      KmsClientsCannotActivate가 긴급 알림을 보낼 수 없고, KmsExporterDown 티켓은 업무 시간이
      시작될 때까지{{ with query "kms:business_hours:seconds_until" }}({{ . | first | value | humanizeDuration }} 후){{ end }}
      보류됩니다.
    |||,
  },
  KmsExporterProbesStale: {
    summary: "익스포터가 최근에 프로브 주기를 마치지 못했습니다.",
    description: |||
      {{ $labels.instance }}의 마지막으로 완료된 프로브 주기는 Prometheus의 시계로
      {{ $value | humanizeDuration }} 전에 끝났으며, 이는 간격 {{ with printf "kms_exporter_probe_interval_seconds{job=%q,instance=%q}" $labels.job
      $labels.instance | query }}{{ . | first | value | humanizeDuration }}{{ end }}의 두 배보다 깁니다.
      익스포터가 프로브를 멈췄거나 시계가 그만큼 늦습니다. 이 인스턴스의 kms_ 메트릭은 과거를
      나타내며, 이 인스턴스의 다른 KMS 알림은 신뢰할 수 없습니다.
    |||,
  },
  KmsExporterConfigReloadFailed: {
    summary: "익스포터가 구성을 다시 읽지 못했습니다.",
    description: |||
      {{ $labels.instance }}이(가) 마지막 다시 읽기에서 구성 파일을 거부했으며, 이전 구성으로 계속
      실행 중입니다.
    |||,
  },
  KmsExporterClockUnsynchronized: {
    summary: "익스포터의 시계가 동기화되지 않았습니다.",
    description: |||
      {{ $labels.instance }}의 시계가 적어도 {{ $value | humanizeDuration }} 어긋나 있습니다(clock.reference
      서버 기준, 또는 Prometheus의 시계보다 앞섬). 이 익스포터가 측정하는 호스트 시계 오차도 그만큼
      틀리고, 정품 인증 요청이 타임스탬프 때문에 거부될 수 있으며, 시계와 타임스탬프 알림은 고칠
      때까지 보류됩니다.
    |||,
  },
  KmsExporterNothingProbed: {
    summary: "익스포터에 프로브할 대상이 없습니다.",
    description: |||
      {{ $labels.instance }}의 구성에 도메인도 호스트도 없고 /etc/resolv.conf에서도 도메인을 찾지
      못했습니다. 아무것도 프로브하지 않으므로 이 사이트에 대해서는 어떤 KMS 알림도 발생할 수 없습니다.
    |||,
  },
  KmsActivationAvailabilityBelowObjective: {
    summary: "지난 30일 동안 한 사이트에서 도메인의 제품을 정품 인증할 수 있었던 클라이언트 비율이 목표보다 낮습니다.",
    description: |||
      지난 30일 동안 {{ with $labels.site }}{{ . }} 사이트{{ else }}{{ $labels.job }} 작업{{ end }}에서
      {{ $labels.domain }}의 {{ $labels.product }}을(를) 정품 인증하는 클라이언트 가운데 정품 인증할 수
      있었던 비율은 {{ $value | humanizePercentage }}로, 목표(믹스인 _config의
      activationAvailabilityObjective)에 못 미칩니다. 최근 하루:
      {{ with printf `kms:domain_activation_success:ratio_1d{job=%q,domain=%q,product=%q,site=%q}` $labels.job $labels.domain $labels.product $labels.site | query }}{{ . | first | value | humanizePercentage }}{{ else }}기록 없음{{ end }}.
    |||,
  },
  KmsActivationCountHeadingBelowThreshold: {
    summary: "KMS 호스트의 정품 인증 개수가 제품의 임계값 아래로 줄어드는 추세입니다.",
    description: |||
      {{ $labels.host }}:{{ $labels.port }}의 {{ $labels.product }} 개수는 아직 충분하지만 며칠째 줄고
      있습니다. 이 추세라면 {{ $value | humanizeDuration }} 뒤에 필요한 {{ with printf
      "kms_activation_required_clients{host=%q,port=%q,product=%q,instance=%q}" $labels.host
      $labels.port $labels.product $labels.instance | query }}{{ . | first | value }}{{ else
      }}수{{ end }}대보다 적어집니다. 그러면 클라이언트가 0xC004F038로 정품 인증되지 않습니다.
    |||,
  },
  KmsHostClockSkewHeadingPastLimit: {
    summary: "KMS 호스트의 시계가 하루 안에 KMS의 4시간 한도를 넘을 추세입니다.",
    description: |||
      {{ $labels.host }}의 시계는 익스포터 시계와
      {{ with printf `min without (method) (abs(kms_host_clock_offset_seconds{job=%q,instance=%q,exporter=%q,host=%q}))` $labels.job $labels.instance $labels.exporter $labels.host | query }}{{ . | first | value | humanizeDuration }}{{ end }}
      차이 나며 계속 벌어지고 있습니다({{ $labels.instance }}에서 측정). 이 추세라면
      {{ $value | humanizeDuration }} 뒤에 4시간을 넘고, 그때부터 호스트가 모든 클라이언트를
      0xC004F06C로 거부합니다.
    |||,
  },
  KmsHostClockSkewPastLimitBeforeBusinessDay: {
    summary: "다음 업무일이 시작되기 전에 KMS 호스트의 시계가 KMS의 4시간 한도를 넘습니다.",
    description: |||
      {{ $labels.host }}의 시계는 익스포터 시계와
      {{ with printf `min without (method) (abs(kms_host_clock_offset_seconds{job=%q,instance=%q,exporter=%q,host=%q}))` $labels.job $labels.instance $labels.exporter $labels.host | query }}{{ . | first | value | humanizeDuration }}{{ end }}
      차이 나며 계속 벌어지고 있습니다({{ $labels.instance }}에서 측정). 이 추세라면
      {{ $value | humanizeDuration }} 뒤, 다음 업무일이 시작되기
      전{{ with query "kms:business_hours:seconds_until" }}({{ . | first | value | humanizeDuration }} 뒤){{ end }}에
      4시간을 넘어 호스트가 모든 클라이언트를 0xC004F06C로 거부합니다. 티켓으로는 늦으니 지금 호스트
      시계를 맞추십시오.
    |||,
  },
}
