# A smart-home assistant: one execution role shared by two runtimes (an MCP server and an
# orchestrator), a gateway with its own role, and customer-managed policies attached to both roles.
provider "aws" {
  region = "us-west-2"
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:aws:bedrock-agentcore:${local.region}:${local.account_id}:*" }
      }
    }]
  })
}

resource "aws_ecr_repository" "mcp" {
  name = "home-mcp"
}

resource "aws_ecr_repository" "orchestrator" {
  name = "home-orchestrator"
}

resource "aws_iam_role" "runtime" {
  name               = "home-runtime"
  assume_role_policy = local.trust
}

resource "aws_iam_role_policy_attachment" "runtime_base" {
  role       = aws_iam_role.runtime.name
  policy_arn = aws_iam_policy.base.arn
}

resource "aws_iam_role_policy_attachment" "runtime_data" {
  role       = aws_iam_role.runtime.name
  policy_arn = aws_iam_policy.data_access.arn
}

resource "aws_bedrockagentcore_agent_runtime" "mcp" {
  agent_runtime_name = "home_mcp"
  role_arn           = aws_iam_role.runtime.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "${aws_ecr_repository.mcp.repository_url}:latest"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
  protocol_configuration {
    server_protocol = "MCP"
  }
}

resource "aws_bedrockagentcore_agent_runtime" "orchestrator" {
  agent_runtime_name = "home_orchestrator"
  role_arn           = aws_iam_role.runtime.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "${aws_ecr_repository.orchestrator.repository_url}:latest"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
}

resource "aws_iam_role" "gateway" {
  name               = "home-gateway"
  assume_role_policy = local.trust
}

resource "aws_iam_role_policy_attachment" "gateway_base" {
  role       = aws_iam_role.gateway.name
  policy_arn = aws_iam_policy.base.arn
}

resource "aws_iam_role_policy_attachment" "gateway_tokens" {
  role       = aws_iam_role.gateway.name
  policy_arn = aws_iam_policy.gateway_tokens.arn
}

resource "aws_bedrockagentcore_gateway" "home" {
  name            = "home-gateway"
  role_arn        = aws_iam_role.gateway.arn
  authorizer_type = "CUSTOM_JWT"
  authorizer_configuration {
    custom_jwt_authorizer {
      discovery_url   = "https://cognito-idp.us-west-2.amazonaws.com/us-west-2_example/.well-known/openid-configuration"
      allowed_clients = ["home-app"]
    }
  }
  protocol_type = "MCP"
}
