//! The catalog's data: one entry per code, with the texts several entries share.

use super::ActivationType::{KmsClient, KmsHost, Mak};
use super::{Detection, ErrorCode, Text};

const fn text(en: &'static str, ko: &'static str, ja: &'static str) -> Text {
    Text { en, ko, ja }
}

/// Shared reasons for codes the exporter cannot see.
const MAK_REASON: Text = text(
    "MAK activation happens between the machine and Microsoft's activation service over the Internet; no KMS host takes part, so a probe of your KMS infrastructure cannot see it.",
    "MAK 정품 인증은 해당 컴퓨터와 Microsoft 정품 인증 서비스 사이에서 인터넷을 통해 이루어지며 KMS 호스트가 관여하지 않습니다. 따라서 KMS 인프라를 점검하는 프로브로는 확인할 수 없습니다.",
    "MAK によるライセンス認証はコンピューターと Microsoft のライセンス認証サービスの間でインターネット経由で行われ、KMS ホストは関与しません。そのため、KMS インフラストラクチャを調べるプローブからは見えません。",
);

const CLIENT_LOCAL_REASON: Text = text(
    "The check happens inside the machine that shows the code (its licence store, installed key or local settings). Nothing about it travels over the network to the KMS host.",
    "이 검사는 코드를 표시하는 컴퓨터 내부(라이선스 저장소, 설치된 키, 로컬 설정)에서 이루어집니다. 이와 관련된 정보는 네트워크를 통해 KMS 호스트로 전달되지 않습니다.",
    "この確認はコードを表示したコンピューターの内部 (ライセンス ストア、インストール済みのキー、ローカル設定) で行われます。ネットワーク経由で KMS ホストに届く情報はありません。",
);

/// How the exporter sees the codes a client gets when `_vlmcs._tcp` has no usable SRV record
/// (NXDOMAIN, NODATA and the codes Windows reports for the same answer): shared by those entries.
const SRV_RECORD_MISSING: Detection = Detection::Network {
    alerts: &[
        "KmsClientsCannotActivate",
        "KmsSrvRecordMissingOnNameserver",
    ],
    metrics: &[
        "kms_domain_activation_result_ratio{hresult=\"0x8007232B\"}",
        "kms_dns_srv_status{status=~\"nxdomain|nodata\"}",
    ],
};

/// How the exporter sees "the RPC server is unavailable" (0x800706BA, and 0x000006BA as some
/// clients show it): shared by both entries.
const RPC_SERVER_UNAVAILABLE: Detection = Detection::Network {
    alerts: &[
        "KmsClientsCannotActivate",
        "KmsSrvTargetUnresolvable",
        "KmsHostPortUnreachable",
        "KmsHostRpcBindFailing",
        "KmsHostDownFromAllSites",
        "KmsHostDownFromSomeSites",
    ],
    metrics: &[
        "kms_domain_activation_result_ratio{hresult=\"0xC004F074\"}",
        "kms_host_resolved_addresses",
        "kms_host_tcp_connect_success",
        "kms_host_rpc_bind_success",
        "kms_host_up",
    ],
};

/// The catalog. Grouped by where the fault lies: DNS discovery, the path to the host, the
/// host's answer, then client-local and MAK codes.
pub(super) static CATALOG: &[ErrorCode] = &[
    // ---------------------------------------------------------------- DNS discovery
    ErrorCode {
        code: 0x8007_232B,
        name: Some("DNS_ERROR_RCODE_NAME_ERROR"),
        activation: &[KmsClient],
        title: text(
            "DNS name does not exist: no _vlmcs._tcp SRV record",
            "DNS 이름이 없음: _vlmcs._tcp SRV 레코드 없음",
            "DNS 名が存在しない: _vlmcs._tcp SRV レコードがない",
        ),
        cause: text(
            "The client looked up _vlmcs._tcp.<its DNS domain> to find a KMS host and DNS answered that the name does not exist. Either no KMS host has registered in that zone (no host installed, DNS publishing turned off with DisableDnsPublishing, no permission to update the zone, record removed by scavenging), or the client searches a different DNS suffix than the one the host publishes in.",
            "클라이언트가 KMS 호스트를 찾기 위해 _vlmcs._tcp.<자신의 DNS 도메인>을 조회했으나 DNS가 해당 이름이 없다고 응답했습니다. 그 영역에 어떤 KMS 호스트도 레코드를 등록하지 않았거나(호스트 미설치, DisableDnsPublishing으로 DNS 게시 해제, 영역 업데이트 권한 없음, 청소(scavenging)로 레코드 삭제), 클라이언트가 호스트가 게시하는 것과 다른 DNS 접미사를 검색하고 있습니다.",
            "クライアントは KMS ホストを探すために _vlmcs._tcp.<自身の DNS ドメイン> を照会しましたが、DNS はその名前が存在しないと応答しました。そのゾーンにどの KMS ホストも登録していない (ホスト未構築、DisableDnsPublishing による DNS 公開の無効化、ゾーン更新の権限不足、スカベンジングによる削除) か、クライアントが検索する DNS サフィックスとホストの公開先が異なっています。",
        ),
        fix: text(
            "Check the record with nslookup -type=srv _vlmcs._tcp.<domain>. On the KMS host make sure DisableDnsPublishing under HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SL is absent or 0, add other zones to DnsDomainPublishList, and give the host the right to update the zone, then restart the Software Protection service to re-register. Where dynamic updates are not allowed, create the SRV record by hand (service _vlmcs, protocol _tcp, port 1688, target the host's FQDN). Until DNS is fixed, clients can be pointed at a host with slmgr /skms <host>:1688; without any KMS host, use MAK keys instead.",
            "nslookup -type=srv _vlmcs._tcp.<도메인>으로 레코드를 확인합니다. KMS 호스트에서 HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SL의 DisableDnsPublishing 값이 없거나 0인지 확인하고, 다른 영역에도 게시하려면 DnsDomainPublishList에 추가하며, 호스트에 영역 업데이트 권한을 준 다음 Software Protection 서비스를 다시 시작해 다시 등록하게 합니다. 동적 업데이트를 허용하지 않는 환경에서는 SRV 레코드를 직접 만듭니다(서비스 _vlmcs, 프로토콜 _tcp, 포트 1688, 대상은 호스트의 FQDN). DNS를 고치기 전까지는 slmgr /skms <호스트>:1688로 클라이언트가 호스트를 직접 가리키게 할 수 있으며, KMS 호스트가 전혀 없다면 MAK 키를 사용합니다.",
            "nslookup -type=srv _vlmcs._tcp.<ドメイン> でレコードを確認します。KMS ホストで HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SL の DisableDnsPublishing が存在しないか 0 であることを確認し、他のゾーンにも公開する場合は DnsDomainPublishList に追加し、ホストにゾーンの更新権限を与えてから Software Protection サービスを再起動して再登録させます。動的更新が許可されていない環境では SRV レコードを手動で作成します (サービス _vlmcs、プロトコル _tcp、ポート 1688、ターゲットはホストの FQDN)。DNS を修正するまでの間は slmgr /skms <ホスト>:1688 でクライアントにホストを直接指定できます。KMS ホストがまったくない場合は MAK を使用します。",
        ),
        detection: SRV_RECORD_MISSING,
    },
    ErrorCode {
        code: 0x8007_251D,
        name: Some("DNS_INFO_NO_RECORDS"),
        activation: &[KmsClient],
        title: text(
            "No records found for the DNS query",
            "DNS 쿼리에 대한 레코드 없음",
            "DNS クエリに対するレコードがない",
        ),
        cause: text(
            "The name _vlmcs._tcp.<domain> exists in DNS but holds no SRV records (a NODATA answer), for example after the last KMS host's record was deleted or scavenged while other records of the name remained.",
            "_vlmcs._tcp.<도메인> 이름은 DNS에 있지만 SRV 레코드가 하나도 없습니다(NODATA 응답). 예를 들어 마지막 KMS 호스트의 레코드가 삭제되거나 청소로 제거되었는데 이름 자체는 남아 있는 경우입니다.",
            "DNS に _vlmcs._tcp.<ドメイン> という名前は存在しますが、SRV レコードが 1 件もありません (NODATA 応答)。たとえば最後の KMS ホストのレコードが削除またはスカベンジングされ、名前だけが残っている場合です。",
        ),
        fix: text(
            "Treat it like 0x8007232B: find out why the KMS host no longer registers (event 12293 in the host's Key Management Service log reports failed DNS publishing), restore the record or create it by hand, and check that DNS servers replicate the zone.",
            "0x8007232B와 같은 방법으로 처리합니다. KMS 호스트가 더 이상 등록하지 않는 이유를 찾고(호스트의 Key Management Service 로그에서 이벤트 12293이 DNS 게시 실패를 알려 줍니다), 레코드를 복원하거나 직접 만든 다음 DNS 서버 간에 영역이 복제되는지 확인합니다.",
            "0x8007232B と同じ手順で対処します。KMS ホストが登録しなくなった理由を調べ (ホストの Key Management Service ログのイベント 12293 が DNS 公開の失敗を示します)、レコードを復元するか手動で作成し、DNS サーバー間でゾーンがレプリケートされていることを確認します。",
        ),
        detection: SRV_RECORD_MISSING,
    },
    ErrorCode {
        code: 0x8009_2328,
        name: None,
        activation: &[KmsClient],
        title: text(
            "DNS name does not exist (same meaning as 0x8007232B)",
            "DNS 이름이 없음(0x8007232B와 같은 의미)",
            "DNS 名が存在しない (0x8007232B と同じ意味)",
        ),
        cause: text(
            "Microsoft documents this code with the same meaning as 0x8007232B: the client found no _vlmcs._tcp SRV record for its domain in DNS.",
            "Microsoft는 이 코드를 0x8007232B와 같은 의미로 안내합니다. 클라이언트가 DNS에서 자신의 도메인에 대한 _vlmcs._tcp SRV 레코드를 찾지 못한 것입니다.",
            "Microsoft はこのコードを 0x8007232B と同じ意味として案内しています。クライアントが DNS で自身のドメインの _vlmcs._tcp SRV レコードを見つけられていません。",
        ),
        fix: text(
            "Follow the steps for 0x8007232B: confirm the record with nslookup -type=srv, restore the host's DNS publishing or create the record by hand, and use slmgr /skms as a stopgap.",
            "0x8007232B의 절차를 따릅니다. nslookup -type=srv로 레코드를 확인하고, 호스트의 DNS 게시를 복구하거나 레코드를 직접 만들며, 임시로 slmgr /skms를 사용합니다.",
            "0x8007232B の手順に従います。nslookup -type=srv でレコードを確認し、ホストの DNS 公開を復旧するかレコードを手動で作成し、当面は slmgr /skms で回避します。",
        ),
        detection: SRV_RECORD_MISSING,
    },
    ErrorCode {
        code: 0x8007_007B,
        name: Some("ERROR_INVALID_NAME"),
        activation: &[KmsClient],
        title: text(
            "Invalid name: the KMS SRV record was not found",
            "잘못된 이름: KMS SRV 레코드를 찾지 못함",
            "無効な名前: KMS SRV レコードが見つからない",
        ),
        cause: text(
            "A generic \"invalid name\" error that activation returns when the client cannot find the _vlmcs._tcp SRV record in DNS.",
            "클라이언트가 DNS에서 _vlmcs._tcp SRV 레코드를 찾지 못했을 때 정품 인증이 반환하는 일반적인 \"잘못된 이름\" 오류입니다.",
            "クライアントが DNS で _vlmcs._tcp SRV レコードを見つけられないときにライセンス認証が返す、汎用的な「無効な名前」エラーです。",
        ),
        fix: text(
            "Check the SRV record as for 0x8007232B. If the client was pointed at a host by hand, rule out a mistyped name: check it with slmgr /dlv (the KMS machine name line) and correct it with slmgr /skms <FQDN>:1688, or return to DNS discovery with slmgr /ckms.",
            "0x8007232B와 같이 SRV 레코드를 확인합니다. 클라이언트에 호스트를 수동으로 지정했다면 이름에 오타가 없는지 slmgr /dlv에서 KMS 컴퓨터 이름을 확인하고 slmgr /skms <FQDN>:1688로 고치거나, slmgr /ckms로 DNS 자동 검색으로 되돌립니다.",
            "0x8007232B と同様に SRV レコードを確認します。クライアントにホストを手動で指定している場合は、名前の入力ミスがないか slmgr /dlv で KMS コンピューター名を確認し、slmgr /skms <FQDN>:1688 で修正するか、slmgr /ckms で DNS による自動検出に戻します。",
        ),
        detection: SRV_RECORD_MISSING,
    },
    ErrorCode {
        code: 0x8007_232A,
        name: Some("DNS_ERROR_RCODE_SERVER_FAILURE"),
        activation: &[KmsClient, KmsHost],
        title: text("DNS server failure", "DNS 서버 오류", "DNS サーバーの障害"),
        cause: text(
            "The DNS server could not answer the query: it returned SERVFAIL, refused it, or did not answer at all. A KMS host sees it when registering its SRV record, a client when looking the record up. Typical reasons are a zone that failed to load, broken forwarding or delegation, AD-integrated DNS that cannot reach a domain controller, or a network problem between the machine and the DNS server.",
            "DNS 서버가 쿼리에 답하지 못했습니다. SERVFAIL을 반환했거나 거부했거나 아예 응답하지 않았습니다. KMS 호스트는 SRV 레코드를 등록할 때, 클라이언트는 레코드를 조회할 때 이 코드를 받습니다. 영역 로드 실패, 전달자나 위임 설정 오류, 도메인 컨트롤러에 연결할 수 없는 AD 통합 DNS, 컴퓨터와 DNS 서버 사이의 네트워크 문제가 흔한 원인입니다.",
            "DNS サーバーがクエリに応答できませんでした。SERVFAIL を返した、拒否した、またはまったく応答しなかったかのいずれかです。KMS ホストは SRV レコードの登録時に、クライアントはレコードの検索時にこのコードを受け取ります。ゾーンの読み込み失敗、フォワーダーや委任の設定誤り、ドメイン コントローラーに接続できない AD 統合 DNS、コンピューターと DNS サーバー間のネットワーク障害がよくある原因です。",
        ),
        fix: text(
            "Query the server directly (Resolve-DnsName -Type SRV _vlmcs._tcp.<domain> -Server <dns server>), check that it is reachable on port 53 (Test-NetConnection <dns server> -Port 53), look at the DNS Server event log and run dcdiag /test:dns on AD-integrated servers. Take a failing server out of the clients' DNS server list until it is repaired.",
            "서버에 직접 쿼리하고(Resolve-DnsName -Type SRV _vlmcs._tcp.<도메인> -Server <DNS 서버>), 53번 포트로 연결되는지 확인하며(Test-NetConnection <DNS 서버> -Port 53), DNS 서버 이벤트 로그를 보고 AD 통합 서버에서는 dcdiag /test:dns를 실행합니다. 복구될 때까지 오류가 나는 서버를 클라이언트의 DNS 서버 목록에서 제외합니다.",
            "サーバーに直接照会し (Resolve-DnsName -Type SRV _vlmcs._tcp.<ドメイン> -Server <DNS サーバー>)、ポート 53 に接続できるか確認し (Test-NetConnection <DNS サーバー> -Port 53)、DNS Server イベント ログを確認し、AD 統合サーバーでは dcdiag /test:dns を実行します。修復するまでは、障害のあるサーバーをクライアントの DNS サーバー一覧から外します。",
        ),
        detection: Detection::Network {
            alerts: &["KmsClientsCannotActivate", "KmsDnsServerFailing"],
            metrics: &[
                "kms_domain_activation_result_ratio{hresult=\"0x8007232A\"}",
                "kms_dns_srv_status{status=~\"servfail|refused|timeout|error\"}",
            ],
        },
    },
    // ---------------------------------------------------------------- the path to the host
    ErrorCode {
        code: 0x8007_06BA,
        name: Some("RPC_S_SERVER_UNAVAILABLE"),
        activation: &[KmsClient],
        title: text(
            "The RPC server is unavailable",
            "RPC 서버를 사용할 수 없음",
            "RPC サーバーを利用できない",
        ),
        cause: text(
            "The client knows a KMS host but cannot open the KMS RPC connection to it: TCP port 1688 is blocked by the host's firewall (the Key Management Service exception is not enabled) or by a firewall on the way, the SRV record is stale and names a machine that no longer exists or no longer runs KMS, or the host name resolves to a wrong address.",
            "클라이언트가 KMS 호스트를 알고 있지만 KMS RPC 연결을 열 수 없습니다. 호스트의 방화벽(키 관리 서비스 방화벽 예외가 사용되지 않음)이나 경로상의 방화벽이 TCP 1688 포트를 차단하고 있거나, SRV 레코드가 오래되어 더 이상 없거나 KMS를 실행하지 않는 컴퓨터를 가리키거나, 호스트 이름이 잘못된 주소로 확인되는 경우입니다.",
            "クライアントは KMS ホストを把握していますが、KMS の RPC 接続を確立できません。ホストのファイアウォール (キー管理サービスのファイアウォール例外が無効) または経路上のファイアウォールが TCP 1688 をブロックしている、SRV レコードが古く、すでに存在しないか KMS を実行していないコンピューターを指している、あるいはホスト名が誤ったアドレスに解決される、のいずれかです。",
        ),
        fix: text(
            "From the client's network run Test-NetConnection <host> -Port 1688. On the host enable the inbound firewall rule for TCP 1688, selected by port since its display name is translated on non-English Windows (Get-NetFirewallPortFilter -Protocol TCP | Where-Object LocalPort -eq 1688 | Get-NetFirewallRule | Where-Object { $_.Direction -eq 'Inbound' -and $_.Action -eq 'Allow' } | Enable-NetFirewallRule) and check that the Software Protection service runs. Remove SRV records that point to retired machines, and check the host's A/AAAA records.",
            "클라이언트와 같은 네트워크에서 Test-NetConnection <호스트> -Port 1688을 실행합니다. 호스트에서 TCP 1688 인바운드 방화벽 규칙을 사용하도록 설정하고(규칙의 표시 이름은 Windows 표시 언어에 따라 번역되므로 포트로 고릅니다: Get-NetFirewallPortFilter -Protocol TCP | Where-Object LocalPort -eq 1688 | Get-NetFirewallRule | Where-Object { $_.Direction -eq 'Inbound' -and $_.Action -eq 'Allow' } | Enable-NetFirewallRule) Software Protection 서비스가 실행 중인지 확인합니다. 폐기된 컴퓨터를 가리키는 SRV 레코드를 삭제하고 호스트의 A/AAAA 레코드를 확인합니다.",
            "クライアントと同じネットワークから Test-NetConnection <ホスト> -Port 1688 を実行します。ホストでTCP 1688 の受信ファイアウォール規則を有効にし (規則の表示名は Windows の表示言語によって翻訳されるため、ポートで選びます: Get-NetFirewallPortFilter -Protocol TCP | Where-Object LocalPort -eq 1688 | Get-NetFirewallRule | Where-Object { $_.Direction -eq 'Inbound' -and $_.Action -eq 'Allow' } | Enable-NetFirewallRule)、Software Protection サービスが実行中であることを確認します。廃止したコンピューターを指す SRV レコードを削除し、ホストの A/AAAA レコードを確認します。",
        ),
        detection: RPC_SERVER_UNAVAILABLE,
    },
    ErrorCode {
        code: 0x0000_06BA,
        name: Some("RPC_S_SERVER_UNAVAILABLE"),
        activation: &[KmsClient],
        title: text(
            "The RPC server is unavailable (Win32 form of 0x800706BA)",
            "RPC 서버를 사용할 수 없음(0x800706BA의 Win32 형식)",
            "RPC サーバーを利用できない (0x800706BA の Win32 形式)",
        ),
        cause: text(
            "The same failure as 0x800706BA written as a plain Win32 error (1722), as some logs and tools print it: the RPC connection to the KMS host on TCP 1688 could not be made.",
            "0x800706BA와 같은 오류를 일부 로그와 도구가 출력하는 일반 Win32 오류(1722)로 나타낸 것입니다. TCP 1688로 KMS 호스트에 RPC 연결을 만들 수 없었습니다.",
            "0x800706BA と同じエラーを、一部のログやツールが出力する通常の Win32 エラー (1722) として表したものです。TCP 1688 で KMS ホストへの RPC 接続を確立できませんでした。",
        ),
        fix: text(
            "Follow 0x800706BA: test port 1688 from the client's network, enable the inbound firewall rule for TCP 1688 on the host, and remove stale SRV records.",
            "0x800706BA의 절차를 따릅니다. 클라이언트 네트워크에서 1688 포트를 테스트하고, 호스트에서 TCP 1688 인바운드 방화벽 규칙을 사용하도록 설정하며, 오래된 SRV 레코드를 삭제합니다.",
            "0x800706BA の手順に従います。クライアントのネットワークからポート 1688 をテストし、ホストで TCP 1688 の受信ファイアウォール規則を有効にし、古い SRV レコードを削除します。",
        ),
        detection: RPC_SERVER_UNAVAILABLE,
    },
    ErrorCode {
        code: 0xC004_F039,
        name: Some("SL_E_VL_BINDING_SERVICE_NOT_ENABLED"),
        activation: &[KmsClient],
        title: text(
            "The Key Management Service is not enabled: no answer from the KMS host",
            "키 관리 서비스가 사용되지 않음: KMS 호스트의 응답 없음",
            "キー管理サービスが有効になっていない: KMS ホストから応答がない",
        ),
        cause: text(
            "Despite its wording, the code means the client received no answer to its KMS request: TCP 1688 is filtered somewhere between client and host, or the host does not answer on that port.",
            "메시지 문구와 달리 이 코드는 클라이언트가 KMS 요청에 대한 응답을 받지 못했다는 뜻입니다. 클라이언트와 호스트 사이 어딘가에서 TCP 1688이 필터링되고 있거나 호스트가 해당 포트에서 응답하지 않습니다.",
            "メッセージの文言とは異なり、このコードはクライアントが KMS 要求に対する応答を受け取れなかったことを意味します。クライアントとホストの間のどこかで TCP 1688 がフィルターされているか、ホストがそのポートで応答していません。",
        ),
        fix: text(
            "Test the path with Test-NetConnection <host> -Port 1688 from the client's subnet, check routers and firewalls between the sites (stateful return traffic must be allowed too), and on the host check the inbound firewall rule for TCP 1688 and that the Software Protection service runs.",
            "클라이언트 서브넷에서 Test-NetConnection <호스트> -Port 1688로 경로를 테스트하고, 사이트 사이의 라우터와 방화벽(상태 저장 응답 트래픽도 허용해야 함)을 확인하며, 호스트에서 TCP 1688 인바운드 방화벽 규칙과 Software Protection 서비스 실행 여부를 확인합니다.",
            "クライアントのサブネットから Test-NetConnection <ホスト> -Port 1688 で経路をテストし、サイト間のルーターとファイアウォール (ステートフルな戻りの通信も許可が必要) を確認し、ホストでは TCP 1688 の受信ファイアウォール規則と Software Protection サービスの実行状態を確認します。",
        ),
        detection: Detection::Network {
            alerts: &[
                "KmsClientsCannotActivate",
                "KmsHostPortUnreachable",
                "KmsHostDownFromAllSites",
                "KmsHostDownFromSomeSites",
            ],
            metrics: &[
                "kms_domain_activation_result_ratio{hresult=\"0xC004F074\"}",
                "kms_host_tcp_connect_success",
                "kms_host_up",
            ],
        },
    },
    ErrorCode {
        code: 0xC004_F074,
        name: Some("SL_E_VL_BINDING_SERVICE_UNAVAILABLE"),
        activation: &[KmsClient],
        title: text(
            "No Key Management Service could be contacted",
            "키 관리 서비스에 연결할 수 없음",
            "キー管理サービスに接続できない",
        ),
        cause: text(
            "The client tried every KMS host it knows (from DNS, or the one set with slmgr /skms) and each attempt failed: unreachable, not answering, or answering with an error. The code summarises those failures; the reason for each host is recorded in the client's Application log (events 12288 and 12289).",
            "클라이언트가 알고 있는 모든 KMS 호스트(DNS에서 찾았거나 slmgr /skms로 지정한 호스트)에 시도했지만 모두 실패했습니다. 연결할 수 없거나, 응답하지 않거나, 오류로 응답했습니다. 이 코드는 그 실패들을 요약한 것이며 호스트별 원인은 클라이언트의 애플리케이션 로그(이벤트 12288, 12289)에 기록됩니다.",
            "クライアントは把握しているすべての KMS ホスト (DNS で見つけたホスト、または slmgr /skms で指定したホスト) に接続を試みましたが、いずれも失敗しました。到達できない、応答がない、またはエラーが返された、のいずれかです。このコードはそれらの失敗をまとめたもので、ホストごとの原因はクライアントのアプリケーション ログ (イベント 12288 と 12289) に記録されます。",
        ),
        fix: text(
            "Read events 12288 (request sent) and 12289 (result) in the client's Application log: they name the host tried and the result code, which usually points to one of the other codes in this catalog. Check each KMS host with slmgr /dlv and its Key Management Service log (event 12290 shows whether the request arrived), and test port 1688 from the client's network.",
            "클라이언트 애플리케이션 로그의 이벤트 12288(요청 전송)과 12289(결과)를 확인합니다. 시도한 호스트와 결과 코드가 기록되어 있으며 대개 이 카탈로그의 다른 코드 중 하나를 가리킵니다. 각 KMS 호스트에서 slmgr /dlv와 Key Management Service 로그(이벤트 12290으로 요청 도착 여부 확인)를 점검하고, 클라이언트 네트워크에서 1688 포트를 테스트합니다.",
            "クライアントのアプリケーション ログでイベント 12288 (要求の送信) と 12289 (結果) を確認します。試行したホストと結果コードが記録されており、多くの場合このカタログの別のコードを示しています。各 KMS ホストで slmgr /dlv と Key Management Service ログ (イベント 12290 で要求が届いたか確認) を点検し、クライアントのネットワークからポート 1688 をテストします。",
        ),
        detection: Detection::Network {
            alerts: &["KmsClientsCannotActivate", "KmsHostInvalidResponse"],
            metrics: &[
                "kms_domain_activation_result_ratio{hresult=\"0xC004F074\"}",
                "kms_activation_status",
            ],
        },
    },
    // ---------------------------------------------------------------- the host's answer
    ErrorCode {
        code: 0xC004_F038,
        name: Some("SL_E_VL_NOT_ENOUGH_COUNT"),
        activation: &[KmsClient],
        title: text(
            "The count reported by the KMS host is insufficient",
            "KMS 호스트가 보고한 개수가 부족함",
            "KMS ホストが報告したカウントが不足している",
        ),
        cause: text(
            "The host answered, but fewer distinct machines have asked it for activation in the last 30 days than the product requires: 25 for Windows client editions, 5 for Windows Server and for Office. The client compares the count itself and refuses to activate below its threshold. Cloned machines that were not generalized share one client machine ID and count once.",
            "호스트가 응답했지만 최근 30일 동안 정품 인증을 요청한 서로 다른 컴퓨터의 수가 제품이 요구하는 수보다 적습니다. Windows 클라이언트 에디션은 25대, Windows Server와 Office는 5대가 필요합니다. 클라이언트가 이 개수를 직접 비교하며 기준에 못 미치면 정품 인증을 하지 않습니다. generalize 없이 복제한 컴퓨터는 같은 클라이언트 컴퓨터 ID(CMID)를 공유하므로 한 대로만 계산됩니다.",
            "ホストは応答しましたが、過去 30 日間にライセンス認証を要求した異なるコンピューターの数が製品の要件を下回っています。Windows クライアント エディションは 25 台、Windows Server と Office は 5 台が必要です。クライアントはこのカウントを自分で比較し、しきい値未満ではライセンス認証を行いません。generalize せずに複製したコンピューターは同じクライアント コンピューター ID (CMID) を共有するため、1 台としか数えられません。",
        ),
        fix: text(
            "Run slmgr /dli on the KMS host to read the current count. Let more machines request activation (virtual machines count as well), and make sure images were prepared with sysprep /generalize so that each clone gets its own CMID. A falling count means machines stopped renewing, for example after a VDI pool was retired.",
            "KMS 호스트에서 slmgr /dli를 실행해 현재 개수를 확인합니다. 더 많은 컴퓨터가 정품 인증을 요청하게 하고(가상 컴퓨터도 계산됨), 각 복제본이 고유한 CMID를 갖도록 이미지를 sysprep /generalize로 준비했는지 확인합니다. 개수가 줄어든다면 VDI 풀 폐기처럼 컴퓨터들이 갱신을 멈춘 것입니다.",
            "KMS ホストで slmgr /dli を実行して現在のカウントを確認します。より多くのコンピューターにライセンス認証を要求させ (仮想マシンも数えられます)、各複製に固有の CMID が付くよう、イメージを sysprep /generalize で準備したことを確認します。カウントが減っている場合は、VDI プールの廃止などでコンピューターが更新を止めています。",
        ),
        detection: Detection::Network {
            alerts: &[
                "KmsActivationCountBelowThreshold",
                "KmsActivationCountHeadingBelowThreshold",
            ],
            metrics: &[
                "kms_activation_current_clients",
                "kms_activation_required_clients",
            ],
        },
    },
    ErrorCode {
        code: 0xC004_F041,
        name: Some("SL_E_VL_KEY_MANAGEMENT_SERVICE_NOT_ACTIVATED"),
        activation: &[KmsClient],
        title: text(
            "The KMS host is not activated",
            "KMS 호스트가 정품 인증되지 않음",
            "KMS ホストがライセンス認証されていない",
        ),
        cause: text(
            "The KMS host key (CSVLK) on the host is installed but the host itself has not been activated with Microsoft, or lost its activation (for example after a large hardware change, 0xC004F00F). An unactivated host refuses every client.",
            "호스트에 KMS 호스트 키(CSVLK)가 설치되어 있지만 호스트 자체가 Microsoft에서 정품 인증을 받지 않았거나 정품 인증을 잃었습니다(예: 큰 하드웨어 변경 후의 0xC004F00F). 정품 인증되지 않은 호스트는 모든 클라이언트를 거부합니다.",
            "ホストに KMS ホスト キー (CSVLK) はインストールされていますが、ホスト自体が Microsoft でライセンス認証されていないか、ライセンス認証を失っています (大きなハードウェア変更後の 0xC004F00F など)。ライセンス認証されていないホストはすべてのクライアントを拒否します。",
        ),
        fix: text(
            "On the host run slmgr /dlv and check the licence status. Activate it online with slmgr /ato, or by phone (slmgr /dti for the installation ID, then slmgr /atp <confirmation ID>). If activation fails with 0xC004C008 the host key has used up its activations.",
            "호스트에서 slmgr /dlv를 실행해 라이선스 상태를 확인합니다. slmgr /ato로 온라인 정품 인증을 하거나 전화로 정품 인증합니다(slmgr /dti로 설치 ID를 얻은 뒤 slmgr /atp <확인 ID>). 0xC004C008로 실패하면 호스트 키의 정품 인증 횟수를 모두 사용한 것입니다.",
            "ホストで slmgr /dlv を実行してライセンスの状態を確認します。slmgr /ato でオンラインでライセンス認証するか、電話でライセンス認証します (slmgr /dti でインストール ID を取得し、slmgr /atp <確認 ID> を実行)。0xC004C008 で失敗する場合は、ホスト キーのライセンス認証回数を使い切っています。",
        ),
        detection: Detection::Network {
            alerts: &[
                "KmsClientsCannotActivate",
                "KmsSomeClientsCannotActivate",
                "KmsHostNotActivated",
            ],
            metrics: &[
                "kms_domain_activation_result_ratio{hresult=\"0xC004F041\"}",
                "kms_activation_hresult",
            ],
        },
    },
    ErrorCode {
        code: 0xC004_F042,
        name: Some("SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH"),
        activation: &[KmsClient],
        title: text(
            "The KMS host cannot activate this product",
            "KMS 호스트가 이 제품을 정품 인증할 수 없음",
            "KMS ホストがこの製品をライセンス認証できない",
        ),
        cause: text(
            "The host answered but its host key does not cover the product the client asked for: an older CSVLK meets a newer release (Windows 11 or Windows Server 2025 clients against a host with an older key), an Office client reaches a host without the Office host key, or a client reaches a host set up for a different product family.",
            "호스트가 응답했지만 호스트 키가 클라이언트가 요청한 제품을 포함하지 않습니다. 오래된 CSVLK에 새 릴리스가 요청한 경우(Windows 11이나 Windows Server 2025 클라이언트가 이전 키를 가진 호스트에 요청), Office 호스트 키가 없는 호스트에 Office 클라이언트가 요청한 경우, 다른 제품군용으로 구성된 호스트에 요청한 경우입니다.",
            "ホストは応答しましたが、ホスト キーがクライアントの要求した製品に対応していません。古い CSVLK に新しいリリースが要求した場合 (古いキーのホストに Windows 11 や Windows Server 2025 のクライアントが要求)、Office のホスト キーがないホストに Office クライアントが要求した場合、別の製品ファミリー用に構成されたホストに要求した場合です。",
        ),
        fix: text(
            "Install on the host a CSVLK of the newest release you need to activate (a newer host key also covers older releases) and activate it; for Office, install the Office volume licence pack and the Office host key. Where hosts are dedicated to products, point clients at the right one with slmgr /skms.",
            "정품 인증해야 하는 가장 최신 릴리스의 CSVLK를 호스트에 설치하고 정품 인증합니다(새 호스트 키는 이전 릴리스도 포함). Office는 Office 볼륨 라이선스 팩과 Office 호스트 키를 설치합니다. 제품별 전용 호스트를 쓰는 경우 slmgr /skms로 클라이언트가 올바른 호스트를 가리키게 합니다.",
            "ライセンス認証が必要な最新リリースの CSVLK をホストにインストールしてライセンス認証します (新しいホスト キーは以前のリリースにも対応します)。Office の場合は Office ボリューム ライセンス パックと Office のホスト キーをインストールします。製品ごとに専用のホストを使う場合は、slmgr /skms でクライアントに正しいホストを指定します。",
        ),
        detection: Detection::Network {
            alerts: &[
                "KmsClientsCannotActivate",
                "KmsSomeClientsCannotActivate",
                "KmsHostProductNotSupported",
            ],
            metrics: &[
                "kms_domain_activation_result_ratio{hresult=\"0xC004F042\"}",
                "kms_activation_hresult",
            ],
        },
    },
    ErrorCode {
        code: 0xC004_F06C,
        name: Some("SL_E_VL_INVALID_TIMESTAMP"),
        activation: &[KmsClient],
        title: text(
            "The KMS host rejected the request timestamp",
            "KMS 호스트가 요청 타임스탬프를 거부함",
            "KMS ホストが要求のタイムスタンプを拒否した",
        ),
        cause: text(
            "The client's clock and the host's clock differ by more than 4 hours. Both compare UTC, so time zones do not matter; one of the two clocks is simply wrong.",
            "클라이언트 시계와 호스트 시계의 차이가 4시간을 넘습니다. 둘 다 UTC로 비교하므로 표준 시간대는 관계없으며, 두 시계 중 하나가 실제로 틀린 것입니다.",
            "クライアントの時計とホストの時計の差が 4 時間を超えています。どちらも UTC で比較するためタイム ゾーンは関係なく、どちらかの時計が実際にずれています。",
        ),
        fix: text(
            "Find which clock is wrong with w32tm /stripchart /computer:<host> /dataonly /samples:5 from a machine with correct time, and w32tm /query /status on the host. Make both follow the domain time hierarchy or an NTP source (w32tm /resync), and check virtual machines' time-synchronisation settings, which can override W32Time.",
            "시간이 정확한 컴퓨터에서 w32tm /stripchart /computer:<호스트> /dataonly /samples:5를 실행하고 호스트에서 w32tm /query /status를 실행해 어느 쪽 시계가 틀렸는지 찾습니다. 둘 다 도메인 시간 계층이나 NTP 원본을 따르게 하고(w32tm /resync), W32Time보다 우선할 수 있는 가상 컴퓨터의 시간 동기화 설정도 확인합니다.",
            "時刻が正しいコンピューターから w32tm /stripchart /computer:<ホスト> /dataonly /samples:5 を実行し、ホストで w32tm /query /status を実行して、どちらの時計がずれているかを特定します。両方をドメインの時刻階層または NTP ソースに従わせ (w32tm /resync)、W32Time より優先されることがある仮想マシンの時刻同期設定も確認します。",
        ),
        detection: Detection::Network {
            alerts: &[
                "KmsClientsCannotActivate",
                "KmsSomeClientsCannotActivate",
                "KmsHostTimestampRefused",
                "KmsHostClockSkew",
                "KmsHostClockSkewHeadingPastLimit",
                "KmsHostClockSkewPastLimitBeforeBusinessDay",
            ],
            metrics: &[
                "kms_domain_activation_result_ratio{hresult=\"0xC004F06C\"}",
                "kms_activation_hresult",
                "kms_host_clock_offset_seconds",
            ],
        },
    },
    ErrorCode {
        code: 0x8007_000D,
        name: Some("ERROR_INVALID_DATA"),
        activation: &[KmsClient],
        title: text(
            "The data is invalid: the KMS host cannot handle this request",
            "데이터가 잘못됨: KMS 호스트가 이 요청을 처리할 수 없음",
            "データが無効: KMS ホストがこの要求を処理できない",
        ),
        cause: text(
            "From a KMS host, the code means the host rejected the request data. Usually the host's Windows does not speak the KMS protocol version the client uses (hosts on old Windows versions know only the older versions that Windows 8.1, Server 2012 R2, Office 2016 and later no longer use), or something on the path altered the request. On a single client the same code can also come from a damaged licence store or an unsuitable product key, which has nothing to do with the host.",
            "KMS 호스트에서 온 경우 호스트가 요청 데이터를 거부했다는 뜻입니다. 대개 호스트의 Windows가 클라이언트가 사용하는 KMS 프로토콜 버전을 지원하지 않거나(오래된 Windows의 호스트는 Windows 8.1, Server 2012 R2, Office 2016 이후 버전이 더 이상 쓰지 않는 이전 버전만 이해함), 경로상의 장비가 요청을 변조한 경우입니다. 한 클라이언트에서만 나타난다면 손상된 라이선스 저장소나 맞지 않는 제품 키 때문일 수도 있으며, 이 경우는 호스트와 관계가 없습니다.",
            "KMS ホストから返された場合は、ホストが要求データを拒否したことを意味します。多くの場合、ホストの Windows がクライアントの使う KMS プロトコル バージョンに対応していない (古い Windows のホストは、Windows 8.1、Server 2012 R2、Office 2016 以降がもう使わない古いバージョンしか理解しません) か、経路上の機器が要求を改変しています。1 台のクライアントだけで発生する場合は、破損したライセンス ストアや不適切なプロダクト キーが原因のこともあり、その場合はホストとは関係ありません。",
        ),
        fix: text(
            "Check the host's Windows version and update or replace hosts that cannot serve current clients, then install a current CSVLK. Exempt port 1688 from inspecting proxies and IPS. For a single client, reinstall the KMS client setup key with slmgr /ipk <key> and run slmgr /ato.",
            "호스트의 Windows 버전을 확인하고 현재 클라이언트를 처리할 수 없는 호스트는 업데이트하거나 교체한 다음 최신 CSVLK를 설치합니다. 트래픽을 검사하는 프록시와 IPS에서 1688 포트를 예외로 합니다. 클라이언트 한 대의 문제라면 slmgr /ipk <키>로 KMS 클라이언트 설정 키를 다시 설치하고 slmgr /ato를 실행합니다.",
            "ホストの Windows バージョンを確認し、現在のクライアントに対応できないホストは更新または置き換えたうえで、最新の CSVLK をインストールします。通信を検査するプロキシや IPS ではポート 1688 を除外します。クライアント 1 台だけの問題であれば、slmgr /ipk <キー> で KMS クライアント セットアップ キーを再インストールし、slmgr /ato を実行します。",
        ),
        detection: Detection::Network {
            alerts: &[
                "KmsClientsCannotActivate",
                "KmsSomeClientsCannotActivate",
                "KmsHostProtocolVersionUnsupported",
            ],
            metrics: &[
                "kms_domain_activation_result_ratio{hresult=\"0x8007000D\"}",
                "kms_host_protocol_version_supported",
                "kms_activation_hresult",
            ],
        },
    },
    ErrorCode {
        code: 0xC004_D104,
        name: Some("SL_REMAPPING_SP_STATUS_INVALIDARG"),
        activation: &[KmsClient, KmsHost],
        title: text(
            "The security processor reported invalid data (overcharged KMS host)",
            "보안 프로세서가 잘못된 데이터를 보고함(클라이언트 테이블이 부풀려진 KMS 호스트)",
            "セキュリティ プロセッサが無効なデータを報告した (クライアント テーブルが膨れ上がった KMS ホスト)",
        ),
        cause: text(
            "As a KMS refusal this is the known failure of an \"overcharged\" host: requests that claimed a far larger required count (N policy) than the real 25 or 5, typically sent by test or abuse tools, made the host enlarge its client table until it broke. From then on the host refuses requests with this code.",
            "KMS 거부로 나타날 때는 클라이언트 테이블이 부풀려져 고장 난 호스트(영어 자료에서는 overcharged host)의 알려진 오류입니다. 실제 값인 25나 5보다 훨씬 큰 필요 개수(N 정책)를 담은 요청이, 주로 테스트 도구나 악용 도구에서 전송되어 호스트가 클라이언트 테이블을 계속 늘리다가 고장 난 상태입니다. 그 뒤로 호스트는 이 코드로 요청을 거부합니다.",
            "KMS の拒否として返される場合は、クライアント テーブルが膨れ上がって壊れたホスト (英語の資料では overcharged host) の既知の障害です。実際の 25 や 5 よりはるかに大きい必要数 (N ポリシー) を含む要求が、主にテスト ツールや悪用ツールから送られ、ホストがクライアント テーブルを拡大し続けた結果、壊れた状態です。以後、ホストはこのコードで要求を拒否します。",
        ),
        fix: text(
            "Find and stop the source of the oversized requests (event 12290 in the host's Key Management Service log names the requesting machines). Then rebuild the host's KMS state: remove and reinstall the host key (slmgr /upk, slmgr /ipk <CSVLK>, slmgr /ato); if the refusals continue, move KMS to a freshly installed server and remove the old host's SRV record.",
            "과도한 요청을 보내는 출처를 찾아 중단합니다(호스트의 Key Management Service 로그 이벤트 12290에 요청한 컴퓨터 이름이 있음). 그런 다음 호스트의 KMS 상태를 다시 구성합니다. 호스트 키를 제거하고 다시 설치하며(slmgr /upk, slmgr /ipk <CSVLK>, slmgr /ato), 그래도 거부가 계속되면 새로 설치한 서버로 KMS를 옮기고 이전 호스트의 SRV 레코드를 삭제합니다.",
            "過大な要求の送信元を特定して停止します (ホストの Key Management Service ログのイベント 12290 に要求元のコンピューター名が記録されています)。次にホストの KMS の状態を作り直します。ホスト キーを削除して再インストールし (slmgr /upk、slmgr /ipk <CSVLK>、slmgr /ato)、それでも拒否が続く場合は新しくインストールしたサーバーに KMS を移し、古いホストの SRV レコードを削除します。",
        ),
        detection: Detection::Network {
            alerts: &[
                "KmsClientsCannotActivate",
                "KmsSomeClientsCannotActivate",
                "KmsHostOvercharged",
            ],
            metrics: &[
                "kms_domain_activation_result_ratio{hresult=\"0xC004D104\"}",
                "kms_activation_hresult",
            ],
        },
    },
    // ---------------------------------------------------------------- inside one machine
    ErrorCode {
        code: 0xC004_F00F,
        name: Some("SL_E_OUT_OF_TOLERANCE"),
        activation: &[Mak, KmsClient, KmsHost],
        title: text(
            "Hardware binding is beyond the level of tolerance",
            "하드웨어 바인딩이 허용 범위를 벗어남",
            "ハードウェア バインドが許容範囲を超えている",
        ),
        cause: text(
            "Enough of the machine's hardware changed, or drivers were updated in a way that changed its hardware identity, for the existing activation to no longer match the machine.",
            "컴퓨터의 하드웨어가 많이 바뀌었거나 드라이버 업데이트로 하드웨어 식별 정보가 달라져서 기존 정품 인증이 더 이상 이 컴퓨터와 맞지 않습니다.",
            "コンピューターのハードウェアが大きく変更されたか、ドライバーの更新でハードウェアの識別情報が変わったため、既存のライセンス認証がこのコンピューターと一致しなくなりました。",
        ),
        fix: text(
            "KMS client: restart, or run slmgr /ato to activate again. MAK: activate again online or by phone within the out-of-tolerance grace period. KMS host: activate the host again at once, because until then it refuses clients with 0xC004F041.",
            "KMS 클라이언트는 다시 시작하거나 slmgr /ato로 다시 정품 인증합니다. MAK는 허용 범위 초과 유예 기간 안에 온라인이나 전화로 다시 정품 인증합니다. KMS 호스트는 즉시 다시 정품 인증합니다. 그때까지 클라이언트를 0xC004F041로 거부하기 때문입니다.",
            "KMS クライアントは再起動するか、slmgr /ato で再度ライセンス認証します。MAK は許容範囲外の猶予期間内にオンラインまたは電話で再度ライセンス認証します。KMS ホストはただちに再度ライセンス認証します。それまではクライアントを 0xC004F041 で拒否するためです。",
        ),
        detection: Detection::NotFromNetwork {
            reason: text(
                "The hardware comparison runs inside each machine. On a KMS host its effect becomes visible as 0xC004F041, which KmsHostNotActivated detects.",
                "하드웨어 비교는 각 컴퓨터 내부에서 이루어집니다. KMS 호스트에서 발생하면 그 결과가 0xC004F041로 나타나며 KmsHostNotActivated가 이를 탐지합니다.",
                "ハードウェアの比較は各コンピューターの内部で行われます。KMS ホストで発生した場合、その結果は 0xC004F041 として現れ、KmsHostNotActivated が検出します。",
            ),
        },
    },
    ErrorCode {
        code: 0xC004_F014,
        name: Some("SL_E_PKEY_NOT_INSTALLED"),
        activation: &[Mak, KmsClient],
        title: text(
            "No product key is installed",
            "제품 키가 설치되어 있지 않음",
            "プロダクト キーがインストールされていない",
        ),
        cause: text(
            "The machine has no product key for this product, so there is nothing to activate.",
            "이 컴퓨터에 해당 제품의 제품 키가 없어서 정품 인증할 대상이 없습니다.",
            "このコンピューターには対象製品のプロダクト キーがないため、ライセンス認証する対象がありません。",
        ),
        fix: text(
            "Install a key from an elevated prompt with slmgr /ipk <key>: a MAK, or for KMS the public KMS client setup key (GVLK) of the edition, also found in sources\\pid.txt on volume media. Then run slmgr /ato.",
            "관리자 권한 명령 프롬프트에서 slmgr /ipk <키>로 키를 설치합니다. MAK이거나, KMS의 경우 에디션별로 공개된 KMS 클라이언트 설정 키(GVLK)이며 볼륨 미디어의 sources\\pid.txt에도 있습니다. 그런 다음 slmgr /ato를 실행합니다.",
            "管理者として実行したコマンド プロンプトで slmgr /ipk <キー> を実行してキーをインストールします。MAK、または KMS の場合はエディションごとに公開されている KMS クライアント セットアップ キー (GVLK) で、ボリューム メディアの sources\\pid.txt にも記載されています。その後 slmgr /ato を実行します。",
        ),
        detection: Detection::NotFromNetwork {
            reason: CLIENT_LOCAL_REASON,
        },
    },
    ErrorCode {
        code: 0xC004_F02C,
        name: Some("SL_E_CIDIID_INVALID_DATA"),
        activation: &[Mak, KmsClient],
        title: text(
            "The offline (phone) activation data is in the wrong format",
            "오프라인(전화) 정품 인증 데이터의 형식이 잘못됨",
            "オフライン (電話) ライセンス認証のデータ形式が正しくない",
        ),
        cause: text(
            "During phone activation the confirmation ID that was typed in is not valid.",
            "전화 정품 인증 중에 입력한 확인 ID가 올바르지 않습니다.",
            "電話によるライセンス認証で入力した確認 ID が正しくありません。",
        ),
        fix: text(
            "Enter the confirmation ID again carefully (slmgr /atp <confirmation ID>); if it keeps failing, get a new one for the current installation ID (slmgr /dti).",
            "확인 ID를 주의해서 다시 입력합니다(slmgr /atp <확인 ID>). 계속 실패하면 현재 설치 ID(slmgr /dti)로 새 확인 ID를 받습니다.",
            "確認 ID を慎重に入力し直します (slmgr /atp <確認 ID>)。失敗が続く場合は、現在のインストール ID (slmgr /dti) で新しい確認 ID を取得します。",
        ),
        detection: Detection::NotFromNetwork {
            reason: text(
                "Phone activation exchanges codes by voice or web page, not over the network to a KMS host.",
                "전화 정품 인증은 음성이나 웹 페이지로 코드를 주고받으며 네트워크로 KMS 호스트와 통신하지 않습니다.",
                "電話によるライセンス認証では音声または Web ページでコードをやり取りし、ネットワーク経由で KMS ホストと通信しません。",
            ),
        },
    },
    ErrorCode {
        code: 0xC004_F035,
        name: Some("SL_E_VL_NOT_WINDOWS_SLP"),
        activation: &[KmsClient, KmsHost],
        title: text(
            "The computer cannot be activated with a volume licence key",
            "볼륨 라이선스 키로 컴퓨터를 정품 인증할 수 없음",
            "ボリューム ライセンス キーではコンピューターをライセンス認証できない",
        ),
        cause: text(
            "Volume editions of Windows 7 are licensed only as upgrades of a qualifying operating system. The firmware of this computer carries no OEM Windows marker showing such a qualifying licence, which KMS activation requires.",
            "Windows 7 볼륨 에디션은 자격을 갖춘 운영 체제의 업그레이드로만 라이선스가 부여됩니다. 이 컴퓨터의 펌웨어에는 그런 자격 라이선스를 나타내는 OEM Windows 마커가 없는데, KMS 정품 인증에는 이 마커가 필요합니다.",
            "Windows 7 のボリューム エディションは、対象となるオペレーティング システムのアップグレードとしてのみライセンスされます。このコンピューターのファームウェアには、そのようなライセンスを示す OEM の Windows マーカーがなく、KMS によるライセンス認証にはこのマーカーが必要です。",
        ),
        fix: text(
            "Use a MAK or a retail key instead of the KMS client key, backed by a qualifying operating-system licence; if online activation then fails with 0x80072EE2, activate by phone.",
            "KMS 클라이언트 키 대신 자격을 갖춘 운영 체제 라이선스를 바탕으로 MAK이나 소매용 키를 사용합니다. 그 후 온라인 정품 인증이 0x80072EE2로 실패하면 전화로 정품 인증합니다.",
            "KMS クライアント キーの代わりに、対象となるオペレーティング システムのライセンスに基づいて MAK またはリテール キーを使用します。その後オンラインでのライセンス認証が 0x80072EE2 で失敗する場合は電話でライセンス認証します。",
        ),
        detection: Detection::NotFromNetwork {
            reason: text(
                "The check reads the computer's own firmware; nothing about it crosses the network.",
                "이 검사는 컴퓨터 자체의 펌웨어를 읽으며 네트워크를 거치는 정보가 없습니다.",
                "この確認はコンピューター自身のファームウェアを読み取るもので、ネットワークを通る情報はありません。",
            ),
        },
    },
    ErrorCode {
        code: 0xC004_F050,
        name: Some("SL_E_INVALID_PRODUCT_KEY"),
        activation: &[Mak, KmsClient, KmsHost],
        title: text(
            "The product key is invalid",
            "제품 키가 잘못됨",
            "プロダクト キーが無効",
        ),
        cause: text(
            "The key was mistyped, belongs to another edition or version, or is a pre-release key used on a released version. Keys pasted from documents sometimes carry long dashes instead of hyphens.",
            "키를 잘못 입력했거나, 다른 에디션이나 버전의 키이거나, 정식 버전에 시험판 키를 사용한 경우입니다. 문서에서 붙여 넣은 키는 하이픈 대신 긴 대시가 들어 있는 경우가 있습니다.",
            "キーの入力ミス、別のエディションやバージョンのキー、または正式版へのプレリリース版キーの使用が原因です。文書から貼り付けたキーでは、ハイフンの代わりに長いダッシュが入っていることがあります。",
        ),
        fix: text(
            "Install the key that matches the edition and version (on a KMS host, the CSVLK for the products you serve), typing it or checking that every separator is a plain hyphen.",
            "에디션과 버전에 맞는 키(KMS 호스트라면 제공할 제품용 CSVLK)를 설치합니다. 직접 입력하거나 모든 구분 기호가 일반 하이픈인지 확인합니다.",
            "エディションとバージョンに合ったキー (KMS ホストでは提供する製品用の CSVLK) をインストールします。手入力するか、区切り文字がすべて通常のハイフンであることを確認します。",
        ),
        detection: Detection::NotFromNetwork {
            reason: CLIENT_LOCAL_REASON,
        },
    },
    ErrorCode {
        code: 0xC004_F051,
        name: Some("SL_E_BLOCKED_PRODUCT_KEY"),
        activation: &[Mak, KmsHost],
        title: text(
            "The product key is blocked",
            "제품 키가 차단됨",
            "プロダクト キーがブロックされている",
        ),
        cause: text(
            "Microsoft has blocked the MAK or KMS host key, so its activation service refuses it.",
            "Microsoft가 MAK 또는 KMS 호스트 키를 차단했으므로 정품 인증 서비스가 이 키를 거부합니다.",
            "Microsoft が MAK または KMS ホスト キーをブロックしたため、ライセンス認証サービスがこのキーを拒否します。",
        ),
        fix: text(
            "Get a new MAK or KMS host key from the Volume Licensing Service Center or the Microsoft Licensing Activation Centers, install it and activate again.",
            "볼륨 라이선스 서비스 센터나 Microsoft 라이선스 정품 인증 센터에서 새 MAK 또는 KMS 호스트 키를 받아 설치한 뒤 다시 정품 인증합니다.",
            "ボリューム ライセンス サービス センターまたはマイクロソフト ライセンス認証専用窓口から新しい MAK または KMS ホスト キーを入手し、インストールして再度ライセンス認証します。",
        ),
        detection: Detection::NotFromNetwork { reason: MAK_REASON },
    },
    ErrorCode {
        code: 0xC004_F065,
        name: None,
        activation: &[Mak, KmsClient],
        title: text(
            "Running in the non-genuine grace period",
            "정품이 아닌 상태의 유예 기간에 실행 중",
            "非正規版の猶予期間で実行中",
        ),
        cause: text(
            "Windows' genuine checks found the installation not genuine; it keeps working only until the non-genuine grace period ends.",
            "Windows의 정품 확인에서 이 설치가 정품이 아니라고 판단했습니다. 정품이 아닌 상태의 유예 기간이 끝날 때까지만 계속 작동합니다.",
            "Windows の正規品確認で、このインストールは正規品ではないと判断されました。非正規版の猶予期間が終わるまでしか動作し続けません。",
        ),
        fix: text(
            "Install a genuine product key and activate before the grace period ends; otherwise the machine enters notification mode.",
            "유예 기간이 끝나기 전에 정품 제품 키를 설치하고 정품 인증합니다. 그렇지 않으면 컴퓨터가 알림 모드로 전환됩니다.",
            "猶予期間が終わる前に正規のプロダクト キーをインストールしてライセンス認証します。そうしないとコンピューターは通知モードになります。",
        ),
        detection: Detection::NotFromNetwork {
            reason: CLIENT_LOCAL_REASON,
        },
    },
    ErrorCode {
        code: 0x8004_FE21,
        name: None,
        activation: &[Mak, KmsClient],
        title: text(
            "This computer is not running genuine Windows",
            "이 컴퓨터에서 정품 Windows를 실행하고 있지 않음",
            "このコンピューターでは正規品の Windows が実行されていない",
        ),
        cause: text(
            "Language packs (MUI) were installed on an edition whose licence does not include extra languages (some applications do this on their own, so it is not necessarily tampering), malware modified Windows, or system files are damaged.",
            "추가 언어가 라이선스에 포함되지 않은 에디션에 언어 팩(MUI)이 설치되었거나(일부 애플리케이션이 스스로 설치하기도 하므로 반드시 변조를 뜻하지는 않음), 악성 코드가 Windows를 수정했거나, 시스템 파일이 손상된 경우입니다.",
            "追加の言語がライセンスに含まれないエディションに言語パック (MUI) がインストールされた (アプリケーションが自動でインストールすることもあり、必ずしも改ざんを意味しません)、マルウェアが Windows を変更した、またはシステム ファイルが破損している、のいずれかです。",
        ),
        fix: text(
            "Microsoft's documented remedy is to reinstall the operating system.",
            "Microsoft가 안내하는 해결 방법은 운영 체제를 다시 설치하는 것입니다.",
            "Microsoft が案内している対処方法は、オペレーティング システムの再インストールです。",
        ),
        detection: Detection::NotFromNetwork {
            reason: CLIENT_LOCAL_REASON,
        },
    },
    ErrorCode {
        code: 0x8007_0005,
        name: Some("E_ACCESSDENIED"),
        activation: &[Mak, KmsClient, KmsHost],
        title: text(
            "Access denied: the command needs elevation",
            "액세스 거부: 관리자 권한이 필요함",
            "アクセス拒否: 管理者特権が必要",
        ),
        cause: text(
            "slmgr or another activation command ran in a command prompt that was not elevated, and User Account Control blocked it.",
            "slmgr 등 정품 인증 명령을 관리자 권한이 없는 명령 프롬프트에서 실행했고 사용자 계정 컨트롤(UAC)이 이를 막았습니다.",
            "slmgr などのライセンス認証コマンドを管理者特権のないコマンド プロンプトで実行したため、ユーザー アカウント制御 (UAC) がブロックしました。",
        ),
        fix: text(
            "Open the command prompt with Run as administrator and run the command again.",
            "[관리자 권한으로 실행]으로 명령 프롬프트를 열고 명령을 다시 실행합니다.",
            "[管理者として実行] でコマンド プロンプトを開き、コマンドを再実行します。",
        ),
        detection: Detection::NotFromNetwork {
            reason: CLIENT_LOCAL_REASON,
        },
    },
    ErrorCode {
        code: 0x8007_267C,
        name: Some("DNS_ERROR_NO_DNS_SERVERS"),
        activation: &[KmsHost],
        title: text(
            "No DNS servers are configured on the machine",
            "컴퓨터에 DNS 서버가 구성되어 있지 않음",
            "コンピューターに DNS サーバーが構成されていない",
        ),
        cause: text(
            "The KMS host tried to publish its SRV record (event 12293 in its Key Management Service log carries this code) but its network configuration lists no DNS server.",
            "KMS 호스트가 SRV 레코드를 게시하려 했지만(Key Management Service 로그의 이벤트 12293에 이 코드가 기록됨) 네트워크 구성에 DNS 서버가 하나도 없습니다.",
            "KMS ホストが SRV レコードを公開しようとしましたが (Key Management Service ログのイベント 12293 にこのコードが記録されます)、ネットワーク構成に DNS サーバーが 1 つもありません。",
        ),
        fix: text(
            "Configure DNS servers on the host (ipconfig /all shows the current ones; check static settings or DHCP option 6), then restart the Software Protection service so that it publishes again.",
            "호스트에 DNS 서버를 구성하고(ipconfig /all로 현재 설정 확인, 고정 설정이나 DHCP 옵션 6 확인) Software Protection 서비스를 다시 시작해 다시 게시하게 합니다.",
            "ホストに DNS サーバーを構成し (ipconfig /all で現在の設定を確認し、静的設定または DHCP オプション 6 を確認)、Software Protection サービスを再起動して再度公開させます。",
        ),
        detection: Detection::NotFromNetwork {
            reason: text(
                "The failure happens inside the host before any query leaves it. What the network shows is the result, a record that is missing or never updated, which KmsClientsCannotActivate (clients get 0x8007232B) and KmsExpectedHostNotPublished detect.",
                "이 오류는 쿼리가 호스트를 떠나기 전에 호스트 내부에서 발생합니다. 네트워크에서 보이는 것은 그 결과인 누락되거나 갱신되지 않은 레코드이며, KmsClientsCannotActivate(클라이언트가 0x8007232B를 받음)와 KmsExpectedHostNotPublished가 이를 탐지합니다.",
                "このエラーはクエリがホストから送信される前に、ホスト内部で発生します。ネットワークから見えるのはその結果である欠落または更新されないレコードで、KmsClientsCannotActivate (クライアントは 0x8007232B を受け取る) と KmsExpectedHostNotPublished が検出します。",
            ),
        },
    },
    // ---------------------------------------------------------------- MAK and Microsoft
    ErrorCode {
        code: 0xC004_C001,
        name: Some("SL_E_CHPA_PRODUCT_KEY_OUT_OF_RANGE"),
        activation: &[Mak],
        title: text(
            "The activation server found the product key invalid",
            "정품 인증 서버가 제품 키를 잘못된 키로 판단함",
            "ライセンス認証サーバーがプロダクト キーを無効と判断した",
        ),
        cause: text(
            "The MAK entered is not a valid key for Microsoft's activation service.",
            "입력한 MAK이 Microsoft 정품 인증 서비스에서 유효한 키가 아닙니다.",
            "入力した MAK は Microsoft のライセンス認証サービスにとって有効なキーではありません。",
        ),
        fix: text(
            "Enter the MAK again exactly as issued to you; if it is still refused, have it checked by the Microsoft Licensing Activation Centers.",
            "발급받은 MAK을 정확히 다시 입력합니다. 그래도 거부되면 Microsoft 라이선스 정품 인증 센터에 키 확인을 요청합니다.",
            "発行された MAK を正確に入力し直します。それでも拒否される場合は、マイクロソフト ライセンス認証専用窓口にキーの確認を依頼します。",
        ),
        detection: Detection::NotFromNetwork { reason: MAK_REASON },
    },
    ErrorCode {
        code: 0xC004_C003,
        name: Some("SL_E_CHPA_PRODUCT_KEY_BLOCKED"),
        activation: &[Mak],
        title: text(
            "The activation server found the product key blocked",
            "정품 인증 서버가 제품 키를 차단된 키로 판단함",
            "ライセンス認証サーバーがプロダクト キーをブロック済みと判断した",
        ),
        cause: text(
            "Microsoft's activation service has blocked this MAK.",
            "Microsoft 정품 인증 서비스가 이 MAK을 차단했습니다.",
            "Microsoft のライセンス認証サービスがこの MAK をブロックしています。",
        ),
        fix: text(
            "Obtain a new MAK through the Microsoft Licensing Activation Centers, install it and activate again.",
            "Microsoft 라이선스 정품 인증 센터를 통해 새 MAK을 받아 설치하고 다시 정품 인증합니다.",
            "マイクロソフト ライセンス認証専用窓口で新しい MAK を入手し、インストールして再度ライセンス認証します。",
        ),
        detection: Detection::NotFromNetwork { reason: MAK_REASON },
    },
    ErrorCode {
        code: 0xC004_C008,
        name: Some("SL_E_CHPA_MAXIMUM_UNLOCK_EXCEEDED"),
        activation: &[KmsHost],
        title: text(
            "The KMS host key has used up its activations",
            "KMS 호스트 키의 정품 인증 횟수를 모두 사용함",
            "KMS ホスト キーのライセンス認証回数を使い切った",
        ),
        cause: text(
            "A KMS host key (CSVLK) can be activated only a limited number of times (10 activations on at most 6 different machines); this key has reached that limit.",
            "KMS 호스트 키(CSVLK)는 정해진 횟수만 정품 인증할 수 있는데(최대 6대의 서로 다른 컴퓨터에서 10회), 이 키는 그 한도에 도달했습니다.",
            "KMS ホスト キー (CSVLK) でライセンス認証できる回数には上限があり (最大 6 台の異なるコンピューターで 10 回)、このキーはその上限に達しています。",
        ),
        fix: text(
            "Ask the Microsoft Licensing Activation Centers for additional activations of the host key.",
            "Microsoft 라이선스 정품 인증 센터에 호스트 키의 추가 정품 인증을 요청합니다.",
            "マイクロソフト ライセンス認証専用窓口にホスト キーの追加のライセンス認証を依頼します。",
        ),
        detection: Detection::NotFromNetwork {
            reason: text(
                "It occurs while the KMS host activates its own key with Microsoft. The host stays unactivated and then refuses clients with 0xC004F041, which KmsHostNotActivated detects.",
                "KMS 호스트가 Microsoft에서 자신의 키를 정품 인증하는 과정에서 발생합니다. 호스트는 정품 인증되지 않은 상태로 남아 클라이언트를 0xC004F041로 거부하며, KmsHostNotActivated가 이를 탐지합니다.",
                "KMS ホストが自身のキーを Microsoft でライセンス認証する際に発生します。ホストはライセンス認証されないまま残り、クライアントを 0xC004F041 で拒否します。これは KmsHostNotActivated が検出します。",
            ),
        },
    },
    ErrorCode {
        code: 0xC004_B100,
        name: Some("SL_E_SRV_GENERAL_ERROR"),
        activation: &[Mak],
        title: text(
            "The activation server could not activate the computer",
            "정품 인증 서버가 컴퓨터를 정품 인증할 수 없음",
            "ライセンス認証サーバーがコンピューターをライセンス認証できなかった",
        ),
        cause: text(
            "Microsoft's activation service does not accept the MAK used for this product.",
            "Microsoft 정품 인증 서비스가 이 제품에 사용한 MAK을 받아들이지 않습니다.",
            "Microsoft のライセンス認証サービスが、この製品に使用した MAK を受け付けません。",
        ),
        fix: text(
            "Make sure the MAK is the one Microsoft issued for this product, and have it verified by the Microsoft Licensing Activation Centers.",
            "MAK이 이 제품용으로 Microsoft에서 발급한 키인지 확인하고 Microsoft 라이선스 정품 인증 센터에 확인을 요청합니다.",
            "MAK がこの製品用に Microsoft から発行されたキーであることを確認し、マイクロソフト ライセンス認証専用窓口に確認を依頼します。",
        ),
        detection: Detection::NotFromNetwork { reason: MAK_REASON },
    },
    ErrorCode {
        code: 0xC004_C020,
        name: Some("SL_E_CHPA_DMAK_LIMIT_EXCEEDED"),
        activation: &[Mak],
        title: text(
            "The MAK has exceeded its activation limit",
            "MAK의 정품 인증 한도를 초과함",
            "MAK のライセンス認証の上限を超えた",
        ),
        cause: text(
            "Each MAK allows a fixed number of activations, and this one has used them all.",
            "MAK마다 정품 인증 횟수가 정해져 있으며 이 키는 모두 사용했습니다.",
            "MAK ごとにライセンス認証の回数が決まっており、このキーはすべて使い切っています。",
        ),
        fix: text(
            "Request more activations for the MAK from the Microsoft Licensing Activation Centers.",
            "Microsoft 라이선스 정품 인증 센터에 MAK의 추가 정품 인증을 요청합니다.",
            "マイクロソフト ライセンス認証専用窓口に MAK の追加のライセンス認証を依頼します。",
        ),
        detection: Detection::NotFromNetwork { reason: MAK_REASON },
    },
    ErrorCode {
        code: 0xC004_C021,
        name: Some("SL_E_CHPA_DMAK_EXTENSION_LIMIT_EXCEEDED"),
        activation: &[Mak],
        title: text(
            "The MAK has exceeded its extension limit",
            "MAK의 확장 한도를 초과함",
            "MAK の拡張の上限を超えた",
        ),
        cause: text(
            "The additional activations granted to this MAK have been used up as well.",
            "이 MAK에 추가로 부여된 정품 인증 횟수도 모두 사용했습니다.",
            "この MAK に追加で付与されたライセンス認証の回数も使い切っています。",
        ),
        fix: text(
            "Contact the Microsoft Licensing Activation Centers for a further extension or a new MAK.",
            "Microsoft 라이선스 정품 인증 센터에 추가 확장이나 새 MAK을 요청합니다.",
            "マイクロソフト ライセンス認証専用窓口に、さらなる拡張または新しい MAK を依頼します。",
        ),
        detection: Detection::NotFromNetwork { reason: MAK_REASON },
    },
    ErrorCode {
        code: 0xC004_F009,
        name: Some("SL_E_GRACE_TIME_EXPIRED"),
        activation: &[Mak],
        title: text(
            "The grace period expired",
            "유예 기간이 만료됨",
            "猶予期間が終了した",
        ),
        cause: text(
            "The machine was not activated before its grace period ended and is now in notification mode.",
            "유예 기간이 끝나기 전에 정품 인증을 받지 않아 현재 알림 모드입니다.",
            "猶予期間が終わる前にライセンス認証されなかったため、現在は通知モードです。",
        ),
        fix: text(
            "Activate now with the MAK, online or by phone; contact the Microsoft Licensing Activation Centers if activation is refused.",
            "지금 MAK으로 온라인이나 전화로 정품 인증합니다. 거부되면 Microsoft 라이선스 정품 인증 센터에 문의합니다.",
            "今すぐ MAK でオンラインまたは電話でライセンス認証します。拒否される場合はマイクロソフト ライセンス認証専用窓口に問い合わせます。",
        ),
        detection: Detection::NotFromNetwork { reason: MAK_REASON },
    },
    ErrorCode {
        code: 0xC004_F064,
        name: Some("SL_E_NONGENUINE_GRACE_TIME_EXPIRED"),
        activation: &[Mak],
        title: text(
            "The non-genuine grace period expired",
            "정품이 아닌 상태의 유예 기간이 만료됨",
            "非正規版の猶予期間が終了した",
        ),
        cause: text(
            "Windows' genuine checks judged the installation not genuine, and the grace period they allow has ended.",
            "Windows 정품 확인에서 이 설치를 정품이 아니라고 판단했고, 허용된 유예 기간이 끝났습니다.",
            "Windows の正規品確認でこのインストールが正規品ではないと判断され、認められた猶予期間が終了しました。",
        ),
        fix: text(
            "Install a genuine key and activate it; ask the Microsoft Licensing Activation Centers for help if the installation should be genuine.",
            "정품 키를 설치하고 정품 인증합니다. 정품이어야 하는 설치라면 Microsoft 라이선스 정품 인증 센터에 도움을 요청합니다.",
            "正規のキーをインストールしてライセンス認証します。正規品であるはずの場合は、マイクロソフト ライセンス認証専用窓口に支援を依頼します。",
        ),
        detection: Detection::NotFromNetwork { reason: MAK_REASON },
    },
    ErrorCode {
        code: 0x8007_0490,
        name: Some("ERROR_NOT_FOUND"),
        activation: &[Mak],
        title: text(
            "The product key did not work",
            "제품 키가 작동하지 않음",
            "プロダクト キーが機能しなかった",
        ),
        cause: text(
            "The MAK is not valid, or a known issue of Windows Server 2019 prevented the key from being accepted through the Settings page.",
            "MAK이 올바르지 않거나, Windows Server 2019의 알려진 문제 때문에 설정 화면에서 키가 받아들여지지 않았습니다.",
            "MAK が有効でないか、Windows Server 2019 の既知の問題により設定画面からキーが受け付けられませんでした。",
        ),
        fix: text(
            "Install the key from an elevated command prompt with slmgr /ipk <key>, then activate with slmgr /ato.",
            "관리자 권한 명령 프롬프트에서 slmgr /ipk <키>로 키를 설치한 다음 slmgr /ato로 정품 인증합니다.",
            "管理者として実行したコマンド プロンプトで slmgr /ipk <キー> を実行してキーをインストールし、slmgr /ato でライセンス認証します。",
        ),
        detection: Detection::NotFromNetwork { reason: MAK_REASON },
    },
];

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::codes::{Detection, Lang, all, lookup};

    #[test]
    fn codes_are_unique() {
        let mut seen = HashSet::new();
        for entry in all() {
            assert!(seen.insert(entry.code), "duplicate {}", entry.hex());
        }
    }

    #[test]
    fn every_entry_has_text_in_every_language() {
        for entry in all() {
            let mut texts = vec![
                ("title", entry.title),
                ("cause", entry.cause),
                ("fix", entry.fix),
            ];
            match entry.detection {
                Detection::Network { alerts, metrics } => {
                    assert!(!alerts.is_empty(), "{}: no alert", entry.hex());
                    assert!(!metrics.is_empty(), "{}: no metric", entry.hex());
                }
                Detection::NotFromNetwork { reason } => texts.push(("reason", reason)),
            }
            assert!(
                !entry.activation.is_empty(),
                "{}: no activation type",
                entry.hex()
            );
            for (field, text) in texts {
                for lang in Lang::ALL {
                    assert!(
                        !text.get(lang).trim().is_empty(),
                        "{} {field} is empty in {lang}",
                        entry.hex()
                    );
                }
                // Korean and Japanese text must be written in those scripts, not left in English.
                assert!(
                    text.ko
                        .chars()
                        .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)),
                    "{} {field}: ko has no Hangul",
                    entry.hex()
                );
                assert!(
                    text.ja
                        .chars()
                        .any(|c| ('\u{3040}'..='\u{30FF}').contains(&c)
                            || ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                    "{} {field}: ja has no kana or kanji",
                    entry.hex()
                );
            }
        }
    }

    #[test]
    fn catalog_holds_every_seed_table_code_and_the_protocol_codes() {
        // The Korean troubleshooting table (29 rows), 0x80070490 from the Japanese one, and the
        // codes of docs/protocol.md §4.2.
        let expected: [u32; 33] = [
            0xC004_C001,
            0xC004_C003,
            0xC004_C008,
            0xC004_B100,
            0xC004_C020,
            0xC004_C021,
            0xC004_F009,
            0xC004_F00F,
            0xC004_F014,
            0xC004_F02C,
            0xC004_F035,
            0xC004_F038,
            0xC004_F039,
            0xC004_F041,
            0xC004_F042,
            0xC004_F050,
            0xC004_F051,
            0xC004_F064,
            0xC004_F065,
            0xC004_F06C,
            0x8007_0005,
            0x8007_232A,
            0x8007_232B,
            0x8007_06BA,
            0x8007_251D,
            0xC004_F074,
            0x8004_FE21,
            0x8009_2328,
            0x8007_007B,
            0x8007_0490,
            0x8007_000D,
            0xC004_D104,
            0x0000_06BA,
        ];
        for code in expected {
            assert!(
                lookup(code).is_some(),
                "0x{code:08X} missing from the catalog"
            );
        }
    }
}
