/**
 * The catalog's reasons, notes and conflicts as a Japanese engineer writes them (the catalog's own
 * text is English, core/catalog/). Keyed by requirement and conflict id; a test holds every id of the
 * catalog to an entry here (test/unit/l10n/messages.test.ts). IAM actions, ARNs, page names stay as they are.
 */

/** Why each requirement is needed, in plain form (messages write 「理由: …」). */
export const WHY_JA: Record<string, string> = {
  'runtime.trust': 'AgentCore Runtime はエージェントを実行するために実行ロールを引き受ける',
  'runtime.R1': 'Runtime は ECR からエージェントのコンテナイメージを取得する',
  'runtime.R2': 'Runtime がコンテナイメージを取得するには ECR の認可トークンが必要になる（このアクションにはリソースタイプがない）',
  'runtime.R3': 'Runtime は /aws/bedrock-agentcore/runtimes/ 配下に自身のロググループを作成・参照する',
  'runtime.R4': '2026-07-24 以降、Runtime は X-Ray のスパンを自身のロググループに送るが、X-Ray がそこに書き込めるのはロールが付与したリソースポリシーがある場合だけであり、このアクションにはリソースタイプがないため Resource "*" でしか許可されない',
  'runtime.R5': 'Runtime は自身のロググループを見つけるためにロググループを参照する。このアクションは Service Authorization Reference 上リソースタイプを持たないため、Resource "*" でしか許可されない',
  'runtime.R6': 'Runtime はエージェントのログを自身のロググループのストリームに書き込む',
  'runtime.R7': 'Runtime は X-Ray にトレースを送信し、サンプリングルールを読み取る（これらのアクションにはリソースタイプがない）',
  'runtime.R8': 'Runtime は bedrock-agentcore 名前空間にメトリクスを発行する',
  'runtime.R9': '2025-10-13 より前に作成された Runtime は実行ロールでワークロードアクセストークンを取得する',
  'runtime.R10': 'エージェントが Bedrock の基盤モデルを呼び出す',
  'runtime.R11': 'EFS マウントを持つ Runtime はそのアクセスポイントとマウントターゲットを参照する（AWS の CDK コンストラクトは付与しているが、開発者ガイドにはまだ記載がない）',
  'runtime.R12': 'S3 Files マウントを持つ Runtime はそのアクセスポイント、マウントターゲット、ファイルシステムを読み取る（AWS の CDK コンストラクトは付与しているが、開発者ガイドにはまだ記載がない）',
  'gateway.G0': 'AgentCore Gateway はターゲットを呼び出すためにサービスロールを引き受ける',
  'gateway.G1': 'Gateway は Lambda ターゲット（および Lambda インターセプター）を呼び出す',
  'gateway.G2': 'OAuth または API キーのアウトバウンド認証では、Gateway 用のワークロードアクセストークンが必要になる',
  'gateway.G3': 'OAuth のアウトバウンド認証では、認証情報プロバイダーからトークンを取得する',
  'gateway.G4': 'API キーのアウトバウンド認証では、認証情報プロバイダーからキーを読み取る',
  'gateway.G5': 'OAuth と API キーのアウトバウンド認証では、プロバイダーのシークレットを読み取る',
  'gateway.G6': 'gateway-outbound-auth のページが、IAM（SigV4）アウトバウンド認証向けにこの権限の確認を求めている',
  'gateway.G7': 'Policy Engine を使う Gateway はその設定を読み取る',
  'gateway.G8': 'これがないと Policy Engine のアタッチに失敗し、すべてのツールが拒否される',
  'gateway.G9': '時間ベースのポリシー（エンジンをアタッチした状態のポリシーセッション ID）にはワークロードアクセストークンが必要になる',
  'gateway.G13': '自分の KMS キーで暗号化した Gateway はサービスロール経由でそのキーを使い、キーポリシーはその許可を IAM ポリシーに委ねている',
  'gateway.G14': 'Gateway は AgentCore Runtime ターゲットへの呼び出しをサービスロールで署名（SigV4）し、InvokeAgentRuntime は Runtime とその呼び出すエンドポイントの両方を認可の対象とする',
  'memory.trust': 'AgentCore Memory はメモリを処理するために実行ロールを引き受ける',
  'memory.M1': 'オーバーライド付きの組み込み戦略は、自アカウントの Bedrock モデルを呼び出す',
  'memory.M2': 'オーバーライド付きの新しい組み込み戦略は Bedrock Mantle を呼び出す',
  'memory.M3': 'オーバーライド付きの新しい組み込み戦略は、ベアラートークンで Bedrock Mantle を呼び出す',
  'memory.MS1': 'セルフマネージド戦略はペイロードを自分の S3 バケットに配信する',
  'memory.MS2': 'セルフマネージド戦略は自分の SNS トピックに通知する',
  'memory.MS3': '暗号化されたバケットやトピックにはそのキーが必要になる',
  'memory.MK1': 'レコードストリーミングを使う Memory は、メモリレコードのイベントを自分の Kinesis データストリームに書き込む',
  'memory.MK2': 'カスタマーマネージドキーで暗号化した Kinesis ストリームへの書き込みには、そのキーのデータキーが必要になる',
  'tools.T0': 'Code Interpreter / Browser はセッション内で実行ロールを引き受ける',
  'browser.B1': 'Browser のセッション記録は自分の S3 バケットに書き込む',
  'browser.B2': 'browser-session-recording のページが、記録用に CloudWatch Logs のアクションを挙げている',
  'evaluation.trust': 'AgentCore Evaluations はトレースの読み取りと結果の書き込みのために実行ロールを引き受ける',
  'evaluation.E1': '評価はエージェントのログとスパンをクエリする',
  'evaluation.E2': '評価は /aws/bedrock-agentcore/evaluations/ 配下に結果を書き込む',
  'evaluation.E3': '評価は aws/spans ロググループをインデックス化する',
  'evaluation.E4': 'カスタム評価器は Bedrock モデルを呼び出す',
  'evaluation.E5': 'コードベースの評価器は自分の Lambda 関数を実行し、サービスはこのロールでその関数を読み取り・呼び出す',
  'agentcore.trust': 'AgentCore のサービスがこのロールを引き受ける',
};

/** The requirements' notes (sentences). */
export const NOTE_JA: Record<string, string> = {
  'runtime.trust': 'この条件はドキュメントに記載された confused deputy 対策（"Use the full ARN when possible"）であり、条件がなくてもロールは動作する。',
  'runtime.R1': 'リポジトリがわかっている場合、starter toolkit は repository/<repository name> に絞って許可する。',
  'runtime.R4': 'Runtime 自身のロググループに配信されるスパン（Transaction Search、ADOT 0.18.0 以降）に必要。古い runtime-permissions のページと starter toolkit には記載がなく、runtime-permissions のページはロググループに絞っているが、IAM のルール上それでは何も許可されない（カタログの不一致 C1）',
  'runtime.R9': '2025-10-13 以降に作成された Runtime は、これらの権限を持つサービスリンクロール AWSServiceRoleForBedrockAgentCoreRuntimeIdentity を使う。このステートメントが必要なのは、それより前に作成された Runtime だけ。',
  'gateway.G0': 'Gateway の ARN は初回作成時にはまだわからないため、ドキュメントでは初回作成時に Condition を省略してよいとしている。',
  'gateway.G6': 'リソースも例も記載されていない（カタログの不一致 C9）。',
  'gateway.G7': 'policy-permissions のページは Gateway の「Service-Linked Role」に追加するよう書いているが、付与先は Gateway の実行ロール（role_arn）である。',
  'gateway.G8': 'これがないと Policy Engine のアタッチに失敗する（"InternalServerException - Policy evaluation failed"）。policy-permissions のページは Gateway の「Service-Linked Role」に追加するよう書いているが、付与先は Gateway の実行ロール（role_arn）である。',
  'gateway.G13': 'gateway-encryption のページはこれらをキーポリシーで kms:ViaService = bedrock-agentcore.<region>.amazonaws.com を付けて許可している。アカウントだけを許可するキーポリシー（KMS のデフォルトのキーポリシーと同じ）では、ロール自身のポリシーでの許可が必要になる。',
  'gateway.G14': 'Runtime ターゲットのページの「Outbound authorization」の節は読めていない（読んだのは冒頭、考慮事項、目次だけ）。IAM が評価する内容から必須とした: ロールは InvokeAgentRuntime を呼び出し、その必須リソースタイプは Runtime とそのエンドポイント（qualifier を指定しなければ DEFAULT）の 2 つ。Runtime のリソースベースポリシー（aws_bedrockagentcore_resource_policy）が代わりにロールを許可することもあるため、それを持つ Runtime やワークスペース外の Runtime では、不足は「不明」であり「不足」ではない。',
  'memory.MK1': '権限の不足は作成時のエラーではなく、StreamUserError メトリクス（名前空間 AWS/Bedrock-AgentCore）として現れる。',
  'evaluation.E5': 'オンデマンド評価（Evaluate）では、このロールではなく呼び出し元の認証情報で関数が呼び出される。',
  'browser.B2': 'これらを挙げているのは browser-session-recording のページだけ（カタログの不一致 C4）。',
  'agentcore.trust': 'AgentCore の全種別に共通する信頼要件（runtime.trust、gateway.G0、memory.trust、tools.T0、evaluation.trust）。コンポーネントが構成内にないロールに適用する。',
};

/** The catalog's conflicts between AWS's own sources. */
export const CONFLICT_JA: Record<string, string> = {
  C1: 'logs:PutResourcePolicy: 2026-07-24 以降、Runtime は X-Ray のスパンを自身のロググループに配信し、そのために実行ロールにこのアクションが必要になる。runtime-permissions のページは Runtime のロググループに絞っているが、CloudWatch のガイド、Service Authorization Reference、BedrockAgentCoreFullAccess v19 は "*" に対して許可している（このアクションにはリソースタイプがない）ため、IAM のルール上、絞ったステートメントでは何も許可されない。古い runtime-permissions のページと starter toolkit には記載がない。"*" ならどの解釈でも動作する。',
  C2: '認証情報プロバイダーの ARN: scope-credential-provider-access は token-vault/default/api-key/<name> と oauth2-credential-provider/<name> と書いている（2026-12-07 時点でも同じで、DenyAccessToSensitiveProvider の例も同様）。一方、Service Authorization Reference、CloudFormation、gateway-outbound-auth、toolkit は apikeycredentialprovider/<name> と oauth2credentialprovider/<name> と書いている。ハイフン区切りの形式を指定したステートメントはどのリソースにも一致せず、Allow なら何も許可せず、Deny なら何も保護しない。',
  C3: 'GetAgentAccessToken: runtime-permissions のページはコンテナ Runtime 向けにまだ記載しているが、2025-10-13 以降に作成された Runtime はサービスリンクロール AWSServiceRoleForBedrockAgentCoreRuntimeIdentity を使い、toolkit からも削除されている。',
  C4: 'Browser の記録: browser-resource-session-management は bucket/prefix/* に対する aws:ResourceAccount 条件付きの S3 アクション 3 つを挙げ、browser-session-recording はバケットと bucket/* に対する S3 アクション 5 つと CloudWatch Logs のアクションを挙げている。',
  C5: 'ドキュメントにある Browser と Code Interpreter の呼び出し元 ARN（…:<account>:browser/*、code-interpreter/*）は、Service Authorization Reference の AWS 所有の形式（…:aws:browser/…）にもカスタムの形式（browser-custom/…）にも一致しない。',
  C6: '信頼ポリシーの条件はコンポーネントごとに異なる: Runtime・ツール・Memory のオーバーライドは SourceAccount + SourceArn …:<account>:*、Gateway は SourceArn …:gateway/<name>-*（初回作成時は省略可）、Memory のセルフマネージドは SourceArn …:memory/* のみ、Evaluations は aws:ResourceAccount も加える。',
  C7: 'gateway-outbound-auth の JSON サンプルは Action 配列の末尾にカンマがある（公開されているままでは不正な JSON）。',
  C8: 'runtime-code-deploy-common-issues は CMK の場合について記述が矛盾している（実行ロールなのか、Create/UpdateAgentRuntime の呼び出し元なのか）。',
  C9: 'Gateway のサービスロールの bedrock-agentcore:InvokeGateway（IAM アウトバウンド認証）: リソースも例も示されておらず、目的が不明確。',
  C10: 'logs:DescribeLogGroups: runtime-permissions のページと starter toolkit は log-group:* に絞っているが、Service Authorization Reference にはこのアクションのリソースタイプがなく（IAM のルール上 "*" でしか許可されない）、AWS の AgentCore 向け CDK コンストラクトは "*" と書いており（"DescribeLogGroups requires * (AWS limitation)"）、IaC でデプロイした Runtime のログが出ない場合の AWS のトラブルシューティングも Resource "*" を解決策としている。ページどおりのステートメントでは Runtime のログが出ないことがある。"*" ならどの解釈でも動作する。',
};

/** Where an action the bundled Service Authorization Reference lacks was seen (catalog SDK_ONLY_ACTIONS). */
export const SDK_SEEN_JA: Record<string, string> = {
  'bedrock-agentcore:IngestData': 'AWS SDK for JavaScript v3（2026-10）に IngestData オペレーションがある',
};
