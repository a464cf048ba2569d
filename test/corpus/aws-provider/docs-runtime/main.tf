# The aws provider's documentation example for aws_bedrockagentcore_agent_runtime ("Basic Usage"),
# re-written: trust from a policy document data source (no conditions), an inline role policy
# that only lets the runtime pull its image, and a runtime from a container image.
provider "aws" {
  region = "us-west-2"
}

resource "aws_ecr_repository" "agent" {
  name = "support-agent"
}

data "aws_iam_policy_document" "trust" {
  statement {
# ^^^^^^^^^ warning trust-condition-missing runtime.trust: aws:SourceAccount
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "pull_image" {
#^^^^ error missing-permission runtime.R3: logs:DescribeLogStreams
#^^^^ error missing-permission runtime.R5: logs:DescribeLogGroups
#^^^^ error missing-permission runtime.R6: logs:CreateLogStream
#^^^^ error missing-permission runtime.R7: xray:PutTraceSegments
#^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
  statement {
    effect    = "Allow"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    effect    = "Allow"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [aws_ecr_repository.agent.arn]
  }
}

resource "aws_iam_role" "runtime" {
  name               = "support-agent-runtime"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "runtime" {
  role   = aws_iam_role.runtime.id
  policy = data.aws_iam_policy_document.pull_image.json
}

resource "aws_bedrockagentcore_agent_runtime" "support" {
  agent_runtime_name = "support_agent"
  role_arn           = aws_iam_role.runtime.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = "${aws_ecr_repository.agent.repository_url}:latest"
    }
  }

  network_configuration {
    network_mode = "PUBLIC"
  }
}
