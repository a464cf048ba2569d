data "aws_iam_policy_document" "agentcore_trust" {
  statement {
# ^^^^^^^^^ warning trust-condition-missing runtime.trust: aws:SourceAccount
# ^^^^^^^^^ warning trust-condition-missing memory.trust: aws:SourceArn
    actions = ["sts:AssumeRole"]
    effect  = "Allow"
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}

# One role per runtime that brings none.
resource "aws_iam_role" "runtime" {
  for_each = { for name, rt in var.runtimes : name => rt if rt.execution_role_arn == null }

  name               = "${var.project_prefix}-${each.key}-runtime"
  assume_role_policy = data.aws_iam_policy_document.agentcore_trust.json
}

resource "aws_iam_role_policy" "runtime" {
  for_each = aws_iam_role.runtime

  role   = each.value.name
  policy = data.aws_iam_policy_document.runtime[each.key].json
}

# Logs on /aws/bedrock-agentcore/* without the two Describe actions, X-Ray without the sampling
# actions, and metrics under a namespace the runtime does not use.
data "aws_iam_policy_document" "runtime" {
#^^^^ error missing-permission runtime.R3: logs:DescribeLogStreams
#^^^^ error missing-permission runtime.R5: logs:DescribeLogGroups
#^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
  for_each = { for name, rt in var.runtimes : name => rt if rt.execution_role_arn == null }

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:${data.aws_region.current.id}:${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock-agentcore/*"]
  }

  statement {
# ^^^^^^^^^ error missing-permission runtime.R7: xray:GetSamplingRules
    sid       = "Traces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  statement {
    sid       = "Metrics"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["AWS/Bedrock-AgentCore"]
    }
  }

  statement {
    sid       = "Models"
    actions   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = each.value.source_type == "CODE" ? [1] : []
    content {
      sid       = "ReadCode"
      actions   = ["s3:GetObject", "s3:GetObjectVersion"]
      resources = ["${aws_s3_bucket.code[each.key].arn}/*"]
    }
  }

  dynamic "statement" {
    for_each = each.value.source_type == "CONTAINER" ? [1] : []
    content {
      sid       = "PullImage"
      actions   = ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
      resources = ["*"]
    }
  }
}

# One role per memory with strategies that brings none; it gets no policy (built-in strategies
# without overrides need none).
resource "aws_iam_role" "memory" {
  for_each = { for name, m in var.memories : name => m if m.execution_role_arn == null && length(m.strategies) > 0 }

  name               = "${var.project_prefix}-${each.key}-memory"
  assume_role_policy = data.aws_iam_policy_document.agentcore_trust.json
}
