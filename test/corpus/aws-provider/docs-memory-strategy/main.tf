# The aws provider's documentation examples for aws_bedrockagentcore_memory_strategy on the memory of
# aws_bedrockagentcore_memory's "Basic Usage" (its role has the AWS managed model-inference policy):
# a built-in semantic strategy, and the custom strategies with a semantic override and a summary
# override, whose models AgentCore invokes with the memory's role.
provider "aws" {
  region = "us-east-1"
}

data "aws_iam_policy_document" "memory_trust" {
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

resource "aws_iam_role" "memory" {
  name               = "notes-memory"
  assume_role_policy = data.aws_iam_policy_document.memory_trust.json
}

resource "aws_iam_role_policy_attachment" "memory_inference" {
  role       = aws_iam_role.memory.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonBedrockAgentCoreMemoryBedrockModelInferenceExecutionRolePolicy"
}

resource "aws_bedrockagentcore_memory" "notes" {
  name                      = "notes_memory"
  event_expiry_duration     = 30
  memory_execution_role_arn = aws_iam_role.memory.arn
}

resource "aws_bedrockagentcore_memory_strategy" "facts" {
  name        = "facts"
  memory_id   = aws_bedrockagentcore_memory.notes.id
  type        = "SEMANTIC"
  description = "Facts from the conversation"
  namespaces  = ["default"]
}

resource "aws_bedrockagentcore_memory_strategy" "tuned_facts" {
  name        = "tuned-facts"
  memory_id   = aws_bedrockagentcore_memory.notes.id
  type        = "CUSTOM"
  description = "Facts, with our own prompts and models"
  namespaces  = ["{sessionId}"]

  configuration {
    type = "SEMANTIC_OVERRIDE"

    consolidation {
      append_to_prompt = "Keep the relations between the facts"
      model_id         = "anthropic.claude-3-sonnet-20240229-v1:0"
    }

    extraction {
      append_to_prompt = "Sort the facts by subject"
      model_id         = "anthropic.claude-3-haiku-20240307-v1:0"
    }
  }
}

resource "aws_bedrockagentcore_memory_strategy" "tuned_summary" {
  name        = "tuned-summary"
  memory_id   = aws_bedrockagentcore_memory.notes.id
  type        = "CUSTOM"
  description = "Summaries, with our own prompt and model"
  namespaces  = ["summaries"]

  configuration {
    type = "SUMMARY_OVERRIDE"

    consolidation {
      append_to_prompt = "Short summaries that keep the numbers"
      model_id         = "anthropic.claude-3-sonnet-20240229-v1:0"
    }
  }
}
