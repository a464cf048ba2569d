# The aws provider's acceptance configuration for a self-managed memory strategy
# (internal/service/bedrockagentcore/testdata/MemoryStrategy/self_managed/main.tf): AgentCore delivers the
# payloads to an S3 bucket and notifies an SNS topic with the memory's role, which has the AWS managed
# BedrockAgentCoreFullAccess and two customer managed policies: every S3 action on the bucket and its
# objects, every SNS action on the topic. MS1 and MS2 are granted; the trust has no condition.
provider "aws" {
  region = "us-west-2"
}

variable "base_name" {
  type     = string
  nullable = false
}

variable "context_window" {
  type     = number
  nullable = true
  default  = null
}

resource "aws_bedrockagentcore_memory_strategy" "handoff" {
  name      = "${var.base_name}_handoff"
  memory_id = aws_bedrockagentcore_memory.handoff.id
  type      = "CUSTOM"

  configuration {
    type = "SELF_MANAGED"

    self_managed_configuration {
      historical_context_window_size = var.context_window

      invocation_configuration {
        payload_delivery_bucket_name = aws_s3_bucket.payloads.bucket
        topic_arn                    = aws_sns_topic.jobs.arn
      }
    }
  }
}

resource "aws_sns_topic" "jobs" {
  name = "${var.base_name}-jobs"
}

resource "aws_s3_bucket" "payloads" {
  bucket = "${replace(var.base_name, "_", "-")}-payloads"
}

resource "aws_bedrockagentcore_memory" "handoff" {
  name                      = "${var.base_name}_memory"
  event_expiry_duration     = 7
  memory_execution_role_arn = aws_iam_role.handoff.arn
}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "handoff_trust" {
  statement {
# ^^^^^^^^^ warning trust-condition-missing memory.trust: aws:SourceArn
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "handoff" {
  name               = "${var.base_name}-memory"
  assume_role_policy = data.aws_iam_policy_document.handoff_trust.json
}

resource "aws_iam_role_policy_attachment" "handoff_full" {
  role       = aws_iam_role.handoff.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/BedrockAgentCoreFullAccess"
}

resource "aws_iam_policy" "jobs_topic" {
  name = "${var.base_name}-jobs-topic"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sns:*", Resource = aws_sns_topic.jobs.arn }]
  })
}

resource "aws_iam_role_policy_attachment" "jobs_topic" {
  role       = aws_iam_role.handoff.name
  policy_arn = aws_iam_policy.jobs_topic.arn
}

resource "aws_iam_policy" "payload_bucket" {
  name = "${var.base_name}-payload-bucket"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "s3:*"
      Resource = [
        "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.payloads.bucket}",
        "arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.payloads.bucket}/*",
      ]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "payload_bucket" {
  role       = aws_iam_role.handoff.name
  policy_arn = aws_iam_policy.payload_bucket.arn
}
