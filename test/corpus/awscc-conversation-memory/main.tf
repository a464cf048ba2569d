# A conversation memory module: an awscc memory with two built-in strategies (semantic facts and a
# per-session summary, no overrides) and the role AgentCore assumes for it, whose policy names the
# memory's own ARN (the role policy is its own resource, so the memory and the role do not form a
# cycle). Built-in strategies without overrides invoke no model in the account: no permission of the
# role is required; its trust has no confused-deputy condition.

variable "project_name" {
  type = string
}

variable "environment" {
  type = string
}

variable "event_expiry_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "awscc_bedrockagentcore_memory" "conversation" {
  name        = "${replace("${var.project_name}-${var.environment}", "-", "_")}_conversation"
  description = "Conversation memory of the ${var.project_name} agents"

  event_expiry_duration     = var.event_expiry_days
  memory_execution_role_arn = aws_iam_role.memory.arn

  memory_strategies = [
    {
      semantic_memory_strategy = {
        name       = "conversation_facts"
        namespaces = ["conversation/facts/{actorId}"]
      }
    },
    {
      summary_memory_strategy = {
        name       = "conversation_summary"
        namespaces = ["conversation/summary/{actorId}/{sessionId}"]
      }
    },
  ]

  tags = var.tags
}

resource "aws_iam_role" "memory" {
  name = "${var.project_name}-${var.environment}-memory"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
# ^^^^^^^^^^^^^^^^ warning trust-condition-missing memory.trust: aws:SourceArn
}

resource "aws_iam_role_policy" "memory" {
  name = "memory-records"
  role = aws_iam_role.memory.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "Records"
        Effect = "Allow"
        Action = [
          "bedrock-agentcore:BatchCreateMemoryRecords",
          "bedrock-agentcore:RetrieveMemoryRecords",
          "bedrock-agentcore:ListMemoryRecords",
          "bedrock-agentcore:GetMemoryRecord",
          "bedrock-agentcore:BatchDeleteMemoryRecords",
          "bedrock-agentcore:BatchUpdateMemoryRecords",
        ]
        Resource = awscc_bedrockagentcore_memory.conversation.memory_arn
      },
      {
        Sid      = "Extraction"
        Effect   = "Allow"
        Action   = ["bedrock-agentcore:StartMemoryExtractionJob", "bedrock-agentcore:ListMemoryExtractionJobs"]
        Resource = "*"
      },
      {
        Sid      = "Models"
        Effect   = "Allow"
        Action   = ["bedrock:InvokeModel"]
        Resource = "*"
      }
    ]
  })
}
