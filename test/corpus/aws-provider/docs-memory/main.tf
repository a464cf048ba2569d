# The aws provider's documentation examples for aws_bedrockagentcore_memory, put together as a
# user would: the role of "Basic Usage" (AWS managed model-inference policy) named by the memory of
# "Memory with Custom Encryption and Role".
provider "aws" {
  region = "eu-central-1"
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
  name               = "support-memory"
  assume_role_policy = data.aws_iam_policy_document.memory_trust.json
}

resource "aws_iam_role_policy_attachment" "memory_inference" {
  role       = aws_iam_role.memory.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonBedrockAgentCoreMemoryBedrockModelInferenceExecutionRolePolicy"
}

resource "aws_kms_key" "memory" {
  description = "Support memory key"
}

resource "aws_bedrockagentcore_memory" "support" {
  name                      = "support_memory"
  description               = "Memory of the support agent"
  event_expiry_duration     = 60
  encryption_key_arn        = aws_kms_key.memory.arn
  memory_execution_role_arn = aws_iam_role.memory.arn
}
