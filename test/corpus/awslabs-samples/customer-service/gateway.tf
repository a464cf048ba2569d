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
  name               = "support-gateway"
  assume_role_policy = data.aws_iam_policy_document.gateway_trust.json
}

resource "aws_iam_role_policy" "gateway" {
  name = "support-gateway"
  role = aws_iam_role.gateway.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = aws_lambda_function.web_search.arn
      },
    ]
  })
}

resource "aws_iam_role" "search_lambda" {
  name = "support-web-search"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_lambda_function" "web_search" {
  function_name = "support-web-search"
  role          = aws_iam_role.search_lambda.arn
  filename      = "web_search.zip"
  handler       = "web_search.handler"
  runtime       = "python3.12"
}

resource "aws_bedrockagentcore_gateway" "support" {
  name            = "support-gateway"
  role_arn        = aws_iam_role.gateway.arn
  authorizer_type = "CUSTOM_JWT"
  authorizer_configuration {
    custom_jwt_authorizer {
      discovery_url   = "https://idp.example.com/.well-known/openid-configuration"
      allowed_clients = ["support-web"]
    }
  }
  protocol_type = "MCP"
}

resource "aws_bedrockagentcore_gateway_target" "web_search" {
  name               = "web-search"
  gateway_identifier = aws_bedrockagentcore_gateway.support.gateway_id
  credential_provider_configuration {
    gateway_iam_role {}
  }
  target_configuration {
    mcp {
      lambda {
        lambda_arn = aws_lambda_function.web_search.arn
        tool_schema {
          inline_payload {
            name        = "web_search"
            description = "Search the web"
            input_schema {
              type = "object"
            }
          }
        }
      }
    }
  }
}
