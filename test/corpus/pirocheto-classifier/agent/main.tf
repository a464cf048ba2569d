# An aws_iam_role with an awscc runtime (both providers): the trust has both conditions, the policy
# is one statement on "*" without logs:DescribeLogStreams, logs:DescribeLogGroups and
# xray:PutTelemetryRecords.
provider "aws" {
  region = "eu-west-1"
}

provider "awscc" {
  region = "eu-west-1"
}

variable "runtime_name" {
  type    = string
  default = "document_classifier"
}

variable "container_uri" {
  type = string
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account-id = data.aws_caller_identity.current.account_id
}

resource "aws_iam_role" "runtime" {
  name = "${var.runtime_name}-runtime"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action    = "sts:AssumeRole"
        Effect    = "Allow"
        Principal = { Service = "bedrock-agentcore.amazonaws.com" }
        Condition = {
          StringEquals = { "aws:SourceAccount" = "${local.account-id}" }
          ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock-agentcore:${data.aws_region.current.region}:${local.account-id}:*" }
        }
      }
    ]
  })
}

resource "aws_iam_role_policy" "runtime" {
  role = aws_iam_role.runtime.name
  name = "${var.runtime_name}-runtime"
  policy = jsonencode({
#          ^^^^^^^^^^ error missing-permission runtime.R3: logs:DescribeLogStreams
#          ^^^^^^^^^^ error missing-permission runtime.R7: xray:PutTelemetryRecords
    Version = "2012-10-17"
    Statement = [
      {
#     ^ error missing-permission runtime.R5: logs:DescribeLogGroups
        Effect = "Allow"
        Action = [
          "bedrock:InvokeModel",
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "ecr:GetAuthorizationToken",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
          "xray:PutTraceSegments",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
          "cloudwatch:PutMetricData",
        ]
        Resource = "*"
      }
    ]
  })
}

resource "awscc_bedrockagentcore_runtime" "classifier" {
  agent_runtime_name = var.runtime_name
  role_arn           = aws_iam_role.runtime.arn
  agent_runtime_artifact = {
    container_configuration = {
      container_uri = var.container_uri
    }
  }
  network_configuration = {
    network_mode = "PUBLIC"
  }
}
