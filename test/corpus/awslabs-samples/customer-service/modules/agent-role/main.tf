# The runtime's role and six customer-managed policies attached to it.
variable "role_name" {
  type = string
}

variable "memory_arn" {
  type    = string
  default = ""
}

variable "repository_arn" {
  type    = string
  default = ""
}

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  region  = data.aws_region.current.name
  account = data.aws_caller_identity.current.account_id
}

resource "aws_iam_role" "this" {
  name = var.role_name
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock-agentcore:${local.region}:${local.account}:*" }
      }
    }]
  })
}

resource "aws_iam_policy" "image" {
  name = "${var.role_name}-image"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Resource = var.repository_arn == "" ? ["arn:aws:ecr:${local.region}:${local.account}:repository/*"] : [var.repository_arn]
      },
      {
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_policy" "logging" {
  name = "${var.role_name}-logging"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:DescribeLogStreams", "logs:CreateLogGroup"]
        Resource = ["arn:aws:logs:${local.region}:${local.account}:log-group:/aws/bedrock-agentcore/runtimes/*"]
      },
      {
        Effect   = "Allow"
        Action   = ["logs:DescribeLogGroups"]
        Resource = ["arn:aws:logs:${local.region}:${local.account}:log-group:*"]
      },
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["arn:aws:logs:${local.region}:${local.account}:log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*"]
      },
    ]
  })
}

# X-Ray's actions have no resource type: a statement scoped to trace/* grants none of them.
resource "aws_iam_policy" "monitoring" {
  name = "${var.role_name}-monitoring"
  policy = jsonencode({
#          ^^^^^^^^^^ error missing-permission runtime.R7: xray:PutTraceSegments
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
        Resource = ["arn:aws:xray:${local.region}:${local.account}:trace/*"]
      },
      {
        Effect    = "Allow"
        Action    = "cloudwatch:PutMetricData"
        Resource  = "*"
        Condition = { StringEquals = { "cloudwatch:namespace" = "bedrock-agentcore" } }
      },
    ]
  })
}

resource "aws_iam_policy" "agentcore" {
  name = "${var.role_name}-agentcore"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "bedrock-agentcore:GetWorkloadAccessToken",
          "bedrock-agentcore:GetWorkloadAccessTokenForJWT",
          "bedrock-agentcore:GetWorkloadAccessTokenForUserId",
        ]
        Resource = [
          "arn:aws:bedrock-agentcore:${local.region}:${local.account}:workload-identity-directory/default",
          "arn:aws:bedrock-agentcore:${local.region}:${local.account}:workload-identity-directory/default/workload-identity/*",
        ]
      },
      {
        Effect   = "Allow"
        Action   = ["bedrock-agentcore:CreateEvent", "bedrock-agentcore:ListEvents", "bedrock-agentcore:RetrieveMemoryRecords"]
        Resource = var.memory_arn == "" ? ["arn:aws:bedrock-agentcore:${local.region}:${local.account}:memory/*"] : [var.memory_arn]
      },
    ]
  })
}

resource "aws_iam_policy" "models" {
  name = "${var.role_name}-models"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
      Resource = ["arn:aws:bedrock:${local.region}::foundation-model/*"]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "image" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.image.arn
}

resource "aws_iam_role_policy_attachment" "logging" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.logging.arn
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.monitoring.arn
}

resource "aws_iam_role_policy_attachment" "agentcore" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.agentcore.arn
}

resource "aws_iam_role_policy_attachment" "models" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.models.arn
}

output "role_arn" {
  value = aws_iam_role.this.arn
}
