# The aws provider's documentation examples for aws_bedrockagentcore_gateway_target, put together as
# the page has them: the gateway of "Lambda Target with Gateway IAM Role" (its role has a trust and no
# policy) with that Lambda target and the target of "HTTP Target Routing to an AgentCore Runtime",
# which calls the runtime with the gateway's IAM role. The page's runtime names a role it does not
# define; here the caller gives it.
provider "aws" {
  region = "us-west-2"
}

variable "runtime_role_arn" {
  type = string
}

data "aws_iam_policy_document" "gateway_trust" {
  statement {
# ^^^^^^^^^ warning trust-condition-missing gateway.G0: aws:SourceAccount
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "gateway" {
#^^^^^^^ error missing-permission gateway.G1: lambda:InvokeFunction
#^^^^^^^ error missing-permission gateway.G14: bedrock-agentcore:InvokeAgentRuntime
  name               = "orders-gateway"
  assume_role_policy = data.aws_iam_policy_document.gateway_trust.json
}

data "aws_iam_policy_document" "function_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name               = "orders-function"
  assume_role_policy = data.aws_iam_policy_document.function_trust.json
}

resource "aws_lambda_function" "orders" {
  filename      = "orders.zip"
  function_name = "orders-lookup"
  role          = aws_iam_role.function.arn
  handler       = "index.handler"
  runtime       = "nodejs24.x"
}

resource "aws_bedrockagentcore_gateway" "orders" {
  name     = "orders-gateway"
  role_arn = aws_iam_role.gateway.arn

  authorizer_configuration {
    custom_jwt_authorizer {
      discovery_url = "https://accounts.google.com/.well-known/openid-configuration"
    }
  }
}

resource "aws_bedrockagentcore_gateway_target" "lookup" {
  name               = "orders-lookup"
  gateway_identifier = aws_bedrockagentcore_gateway.orders.gateway_id

  credential_provider_configuration {
    gateway_iam_role {}
  }

  target_configuration {
    mcp {
      lambda {
        lambda_arn = aws_lambda_function.orders.arn
        tool_schema {
          inline_payload {
            name        = "lookup_order"
            description = "Looks an order up"
            input_schema {
              type = "object"
              property {
                name     = "order_id"
                type     = "string"
                required = true
              }
            }
          }
        }
      }
    }
  }
}

resource "aws_bedrockagentcore_agent_runtime" "orders" {
  agent_runtime_name = "orders_agent"
  role_arn           = var.runtime_role_arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = "111122223333.dkr.ecr.us-west-2.amazonaws.com/orders-agent:latest"
    }
  }

  network_configuration {
    network_mode = "PUBLIC"
  }
}

resource "aws_bedrockagentcore_gateway_target" "agent" {
  name               = "orders-agent"
  gateway_identifier = aws_bedrockagentcore_gateway.orders.gateway_id

  credential_provider_configuration {
    gateway_iam_role {}
  }

  target_configuration {
    http {
      agentcore_runtime {
        arn       = aws_bedrockagentcore_agent_runtime.orders.agent_runtime_arn
        qualifier = "DEFAULT"
        schema {
          source {
            inline_payload {
              payload = file("${path.module}/agent-openapi.json")
            }
          }
        }
      }
    }
  }
}
