# The aws provider's acceptance configuration for an episodic strategy with overrides
# (internal/service/bedrockagentcore/testdata/MemoryStrategy/episodic_override/main.tf): consolidation on
# a cross-region inference profile (us.amazon.nova-2-lite-v1:0) and reflection on a foundation model
# (amazon.nova-lite-v1:0), invoked with the memory's role, which has only the AWS managed
# BedrockAgentCoreFullAccess. That policy allows bedrock:InvokeModel and InvokeModelWithResponseStream on
# every foundation model and inference profile: M1 is granted; the trust has no condition.
provider "aws" {
  region = "us-east-1"
}

variable "base_name" {
  type     = string
  nullable = false
}

variable "episode_namespace" {
  type     = string
  nullable = false
}

variable "reflection_namespace" {
  type     = string
  nullable = false
}

resource "aws_bedrockagentcore_memory_strategy" "episodes" {
  name                = "${var.base_name}_episodes"
  memory_id           = aws_bedrockagentcore_memory.episodes.id
  type                = "CUSTOM"
  namespace_templates = [var.episode_namespace]

  configuration {
    type = "EPISODIC_OVERRIDE"

    consolidation {
      append_to_prompt = "<task>Merge the episodes</task>"
      model_id         = "us.amazon.nova-2-lite-v1:0"
    }

    reflection {
      append_to_prompt    = "<task>Draw the lessons</task>"
      model_id            = "amazon.nova-lite-v1:0"
      namespace_templates = [var.reflection_namespace]
    }
  }
}

resource "aws_bedrockagentcore_memory" "episodes" {
  name                      = "${var.base_name}_memory"
  event_expiry_duration     = 7
  memory_execution_role_arn = aws_iam_role.episodes.arn
}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "episodes_trust" {
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

resource "aws_iam_role" "episodes" {
  name               = "${var.base_name}-memory"
  assume_role_policy = data.aws_iam_policy_document.episodes_trust.json
}

resource "aws_iam_role_policy_attachment" "episodes_full" {
  role       = aws_iam_role.episodes.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/BedrockAgentCoreFullAccess"
}
