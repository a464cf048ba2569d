resource "aws_iam_role" "agent" {
  count = local.create_role ? 1 : 0
  name  = "agentcore-${var.agent_name}"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
#     ^ warning trust-condition-missing runtime.trust: aws:SourceAccount
        Effect    = "Allow"
        Principal = { Service = "bedrock-agentcore.amazonaws.com" }
        Action    = "sts:AssumeRole"
      }
    ]
  })
}

# Logs on /aws/bedrock-agentcore/* (DescribeLogGroups too, which has no resource type), the code
# bundle, and model invocation; no X-Ray, no metrics.
resource "aws_iam_role_policy" "base" {
  count = local.create_role ? 1 : 0
  name  = "base"
  role  = aws_iam_role.agent[0].id

  policy = jsonencode({
#          ^^^^^^^^^^ error missing-permission runtime.R7: xray:PutTraceSegments
#          ^^^^^^^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
    Version = "2012-10-17"
    Statement = [
      {
#     ^ warning source-conflict runtime.R5: logs:DescribeLogGroups
        Sid    = "Logs"
        Effect = "Allow"
        Action = [
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "logs:DescribeLogGroups",
          "logs:DescribeLogStreams",
        ]
        Resource = [
          "arn:aws:logs:${var.region}:${local.account_id}:log-group:/aws/bedrock-agentcore/*",
          "arn:aws:logs:${var.region}:${local.account_id}:log-group:/aws/vendedlogs/bedrock-agentcore/*",
        ]
      },
      {
        Sid      = "ReadCode"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion"]
        Resource = "${local.bucket_arn}/*"
      },
      {
        Sid      = "Models"
        Effect   = "Allow"
        Action   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
        Resource = ["arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:${var.region}:${local.account_id}:inference-profile/*"]
      },
    ]
  })
}

resource "aws_iam_role_policy" "memory" {
  count = local.create_role && var.enable_memory ? 1 : 0
  name  = "memory"
  role  = aws_iam_role.agent[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["bedrock-agentcore:CreateEvent", "bedrock-agentcore:ListEvents", "bedrock-agentcore:RetrieveMemoryRecords"]
      Resource = "arn:aws:bedrock-agentcore:${var.region}:${local.account_id}:memory/*"
    }]
  })
}
