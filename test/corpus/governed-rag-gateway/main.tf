# A retrieval sandbox: one AgentCore runtime behind an IAM-authenticated gateway whose only target is
# that runtime, called over HTTP with the gateway's own role (SigV4). The runtime, the gateway, the
# gateway's policy and the target exist only when var.enable_runtime is true; both roles always.
provider "aws" {
  region = var.aws_region
}

locals {
  prefix = replace("${var.project_name}-${var.environment}", "-", "")

  # One trust for both AgentCore roles, without a confused-deputy condition.
  service_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
    }]
  })
# ^^^^^^^^^^^^^^^^^^^ warning trust-condition-missing runtime.trust: aws:SourceAccount
# ^^^^^^^^^^^^^^^^^^^ warning trust-condition-missing gateway.G0: aws:SourceAccount

  tags = merge(var.tags, { Project = var.project_name, Environment = var.environment })
}

data "aws_caller_identity" "current" {}

resource "aws_ecr_repository" "agent" {
  name                 = "${var.project_name}-${var.environment}"
  image_tag_mutability = "IMMUTABLE"
  tags                 = local.tags
}

resource "aws_iam_role" "runtime" {
#^^^^^^^ error missing-permission runtime.R3: logs:DescribeLogStreams
#^^^^^^^ error missing-permission runtime.R5: logs:DescribeLogGroups
#^^^^^^^ error missing-permission runtime.R6: logs:CreateLogStream
#^^^^^^^ error missing-permission runtime.R7: xray:PutTraceSegments
#^^^^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
  name               = "${local.prefix}-runtime"
  assume_role_policy = local.service_trust
  tags               = local.tags
}

resource "aws_iam_role_policy" "runtime_image" {
  name = "${local.prefix}-runtime-image"
  role = aws_iam_role.runtime.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Resource = aws_ecr_repository.agent.arn
      }
    ]
  })
}

resource "aws_iam_role_policy" "runtime_retrieval" {
  count = var.enable_runtime ? 1 : 0

  name = "${local.prefix}-runtime-retrieval"
  role = aws_iam_role.runtime.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["bedrock:Retrieve", "bedrock:RetrieveAndGenerate"]
        Resource = var.knowledge_base_arn
      },
      {
        Effect   = "Allow"
        Action   = ["bedrock:InvokeModel"]
        Resource = var.model_arn
      }
    ]
  })
}

resource "aws_iam_role" "gateway" {
  name               = "${local.prefix}-gateway"
  assume_role_policy = local.service_trust
  tags               = local.tags
}

resource "aws_bedrockagentcore_agent_runtime" "rag" {
  count = var.enable_runtime ? 1 : 0

  agent_runtime_name = local.prefix
  description        = "Answers from synthetic documents only"
  role_arn           = aws_iam_role.runtime.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = var.container_image_uri
    }
  }

  environment_variables = {
    RAG_KNOWLEDGE_BASE = var.knowledge_base_arn
    RAG_MODEL          = var.model_arn
  }

  network_configuration {
    network_mode = "PUBLIC"
  }

  protocol_configuration {
    server_protocol = "HTTP"
  }

  tags       = local.tags
  depends_on = [aws_iam_role_policy.runtime_retrieval]
}

# The gateway may call the runtime: granted on the runtime's ARN, not on its endpoints.
resource "aws_iam_role_policy" "gateway_calls_runtime" {
  count = var.enable_runtime ? 1 : 0

  name = "${local.prefix}-gateway-calls-runtime"
  role = aws_iam_role.gateway.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["bedrock-agentcore:InvokeAgentRuntime"]
      Resource = aws_bedrockagentcore_agent_runtime.rag[0].agent_runtime_arn
    }]
  })
# ^^^^^^ error missing-permission gateway.G14: runtime-endpoint
}

resource "aws_bedrockagentcore_gateway" "rag" {
  count = var.enable_runtime ? 1 : 0

  name            = "${var.project_name}-rag"
  description     = "IAM-authenticated front of the retrieval runtime"
  authorizer_type = "AWS_IAM"
  role_arn        = aws_iam_role.gateway.arn
  tags            = local.tags

  depends_on = [aws_iam_role_policy.gateway_calls_runtime]
}

resource "aws_bedrockagentcore_gateway_target" "rag" {
  count = var.enable_runtime ? 1 : 0

  gateway_identifier = aws_bedrockagentcore_gateway.rag[0].gateway_id
  name               = "rag-runtime"
  description        = "The one runtime this gateway fronts"

  target_configuration {
    http {
      agentcore_runtime {
        arn       = aws_bedrockagentcore_agent_runtime.rag[0].agent_runtime_arn
        qualifier = aws_bedrockagentcore_agent_runtime.rag[0].agent_runtime_version
      }
    }
  }

  credential_provider_configuration {
    gateway_iam_role {
      service = "bedrock-agentcore"
      region  = var.aws_region
    }
  }
}
