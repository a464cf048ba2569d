# The web stack lives in ap-northeast-1 (the default provider); the agent, its role and its code
# bucket use a provider alias for the AgentCore region.
provider "aws" {
  region = "ap-northeast-1"
}

provider "aws" {
  alias  = "agent"
  region = var.agent_region
}

variable "agent_region" {
  type    = string
  default = "us-east-1"
}

variable "runtime_name" {
  type    = string
  default = "stock_insights"
}

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "agent_code" {
  provider = aws.agent
  bucket   = "agent-code-${data.aws_caller_identity.current.account_id}-${var.agent_region}"
}

resource "aws_opensearchserverless_collection" "stocks" {
  provider = aws.agent
  name     = "stock-data"
  type     = "VECTORSEARCH"
}

data "aws_iam_policy_document" "trust" {
  statement {
# ^^^^^^^^^ warning trust-condition-missing runtime.trust: aws:SourceAccount
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}

# The agent's own needs (its code, the model, the search collection) and none of the runtime's.
data "aws_iam_policy_document" "runtime" {
#^^^^ error missing-permission runtime.R3: logs:DescribeLogStreams
#^^^^ error missing-permission runtime.R5: logs:DescribeLogGroups
#^^^^ error missing-permission runtime.R6: logs:CreateLogStream
#^^^^ error missing-permission runtime.R7: xray:PutTraceSegments
#^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
  statement {
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${aws_s3_bucket.agent_code.arn}/*"]
  }
  statement {
    effect    = "Allow"
    actions   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
    resources = ["arn:aws:bedrock:${var.agent_region}::foundation-model/*"]
  }
  statement {
    effect    = "Allow"
    actions   = ["aoss:APIAccessAll"]
    resources = [aws_opensearchserverless_collection.stocks.arn]
  }
}

resource "aws_iam_role" "runtime" {
  provider           = aws.agent
  name               = "stock-agent-runtime"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role_policy" "runtime" {
  provider = aws.agent
  name     = "stock-agent-runtime"
  role     = aws_iam_role.runtime.id
  policy   = data.aws_iam_policy_document.runtime.json
}

resource "aws_bedrockagentcore_agent_runtime" "stock" {
  provider           = aws.agent
  agent_runtime_name = var.runtime_name
  role_arn           = aws_iam_role.runtime.arn

  agent_runtime_artifact {
    code_configuration {
      entry_point = ["agent.js"]
      runtime     = "NODE_22"
      code {
        s3 {
          bucket = aws_s3_bucket.agent_code.id
          prefix = "${var.runtime_name}/package.zip"
        }
      }
    }
  }

  network_configuration {
    network_mode = "PUBLIC"
  }
}

resource "aws_bedrockagentcore_agent_runtime_endpoint" "stock" {
  provider         = aws.agent
  name             = "${var.runtime_name}_ep"
  agent_runtime_id = aws_bedrockagentcore_agent_runtime.stock.agent_runtime_id
}
