# One execution role per kernel; their policies merged from shared statement sets with
# source_policy_documents.
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account    = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  repo_arns  = [for r in values(var.kernel_repos) : r.arn]
}

data "aws_iam_policy_document" "assume" {
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

# Every kernel: image pull and logs under /aws/bedrock-agentcore/; no X-Ray, no metrics (the
# tools kernel's findings sit here: this is its whole policy).
data "aws_iam_policy_document" "base" {
#^^^^ error missing-permission runtime.R7: xray:PutTraceSegments
#^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
  statement {
    sid       = "EcrPull"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
    resources = local.repo_arns
  }
  statement {
    sid       = "EcrAuth"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
# ^^^^^^^^^ warning source-conflict runtime.R5: logs:DescribeLogGroups
    sid       = "Logs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"]
    resources = ["arn:aws:logs:${local.region}:${local.account}:log-group:/aws/bedrock-agentcore/*"]
  }
}

# The agent kernels: skills, models, built-in tools.
data "aws_iam_policy_document" "agent" {
  statement {
    sid       = "Skills"
    actions   = ["s3:GetObject"]
    resources = ["${var.workspace_bucket.arn}/skills/*"]
  }
  statement {
    sid       = "Models"
    actions   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
    resources = ["*"]
  }
  statement {
    sid       = "BuiltInTools"
    actions   = ["bedrock-agentcore:StartCodeInterpreterSession", "bedrock-agentcore:InvokeCodeInterpreter", "bedrock-agentcore:StopCodeInterpreterSession"]
    resources = ["arn:aws:bedrock-agentcore:${local.region}:aws:code-interpreter/aws.codeinterpreter.v1"]
  }
}

# The headless kernel also writes its task outputs and reads memory.
data "aws_iam_policy_document" "headless_extra" {
  statement {
    sid       = "Outputs"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${var.workspace_bucket.arn}/outputs/*"]
  }
  statement {
    sid       = "Memory"
    actions   = ["bedrock-agentcore:CreateEvent", "bedrock-agentcore:ListEvents", "bedrock-agentcore:RetrieveMemoryRecords"]
    resources = ["arn:aws:bedrock-agentcore:${local.region}:${local.account}:memory/*"]
  }
}

data "aws_iam_policy_document" "interactive" {
#^^^^ error missing-permission runtime.R7: xray:PutTraceSegments
#^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
  source_policy_documents = [
    data.aws_iam_policy_document.base.json,
    data.aws_iam_policy_document.agent.json,
  ]
}

data "aws_iam_policy_document" "headless" {
#^^^^ error missing-permission runtime.R7: xray:PutTraceSegments
#^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
  source_policy_documents = [
    data.aws_iam_policy_document.base.json,
    data.aws_iam_policy_document.agent.json,
    data.aws_iam_policy_document.headless_extra.json,
  ]
}

resource "aws_iam_role" "interactive" {
  name               = "platform-interactive-kernel"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role" "headless" {
  name               = "platform-headless-kernel"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role" "tools" {
  name               = "platform-tools-kernel"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "interactive" {
  name   = "kernel"
  role   = aws_iam_role.interactive.id
  policy = data.aws_iam_policy_document.interactive.json
}

resource "aws_iam_role_policy" "headless" {
  name   = "kernel"
  role   = aws_iam_role.headless.id
  policy = data.aws_iam_policy_document.headless.json
}

# The tools kernel gets the base set only.
resource "aws_iam_role_policy" "tools" {
  name   = "kernel"
  role   = aws_iam_role.tools.id
  policy = data.aws_iam_policy_document.base.json
}
