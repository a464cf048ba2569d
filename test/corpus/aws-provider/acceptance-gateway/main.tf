# The aws provider's acceptance-test configuration for aws_bedrockagentcore_gateway, re-written:
# the gateway's role trusts bedrock.<DNS suffix of the partition>, not bedrock-agentcore.
provider "aws" {
  region = "us-west-2"
}

data "aws_partition" "current" {}

resource "aws_iam_role" "gateway" {
  name = "acc-test-gateway"
  assume_role_policy = jsonencode({
#                      ^^^^^^^^^^ error trust-not-assumable gateway.G0: bedrock-agentcore.amazonaws.com
    Version = "2012-10-17"
    Statement = [
      {
        Action    = "sts:AssumeRole"
        Effect    = "Allow"
        Principal = { Service = "bedrock.${data.aws_partition.current.dns_suffix}" }
      }
    ]
  })
}

resource "aws_bedrockagentcore_gateway" "test" {
  name     = "acc-test-gateway"
  role_arn = aws_iam_role.gateway.arn

  authorizer_configuration {
    custom_jwt_authorizer {
      discovery_url    = "https://accounts.google.com/.well-known/openid-configuration"
      allowed_audience = ["test1", "test2"]
    }
  }

  protocol_configuration {
    mcp {
      instructions       = "Test instructions"
      search_type        = "SEMANTIC"
      supported_versions = ["2025-03-26"]
    }
  }
}
