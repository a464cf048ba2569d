# The aws provider's documentation examples for aws_bedrockagentcore_gateway, put together: the
# role of "Gateway with JWT Authorization" (a trust and nothing else) named by the gateway of
# "Gateway with Interceptor Configuration", whose interceptor is a Lambda function.
provider "aws" {
  region = "us-east-1"
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
  name               = "tools-gateway"
  assume_role_policy = data.aws_iam_policy_document.gateway_trust.json
}

resource "aws_iam_role" "interceptor" {
  name = "tools-gateway-interceptor"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_lambda_function" "interceptor" {
  filename      = "interceptor.zip"
  function_name = "tools-gateway-interceptor"
  role          = aws_iam_role.interceptor.arn
  handler       = "index.handler"
  runtime       = "python3.12"
}

resource "aws_bedrockagentcore_gateway" "tools" {
  name     = "tools-gateway"
  role_arn = aws_iam_role.gateway.arn

  authorizer_type = "AWS_IAM"
  protocol_type   = "MCP"

  interceptor_configuration {
    interception_points = ["REQUEST", "RESPONSE"]
    interceptor {
      lambda {
        arn = aws_lambda_function.interceptor.arn
      }
    }
    input_configuration {
      pass_request_headers = true
    }
  }
}
