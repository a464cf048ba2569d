# A module (modelled on the AWS-IA one, as its header says) that makes an awscc runtime, an awscc
# memory and an awscc gateway, each with a role it creates unless the caller gives one
# (`count = create && var.x_role_arn == null ? 1 : 0`, `role_arn = var.x != null ? var.x : role[0].arn`).
# Every trust is the bare service principal. No gateway target is written (the original leaves it to
# the CLI, in a comment).

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.id

  hyphens     = replace(var.name_prefix, "_", "-")
  underscores = replace(var.name_prefix, "-", "_")

  runtime_name = "${local.underscores}_runtime"
  memory_name  = "${local.underscores}_memory"
  gateway_name = "${local.hyphens}-gateway"

  tags = merge(var.tags, { Module = "agentcore", Environment = var.environment })
}

resource "random_string" "suffix" {
  length  = 8
  special = false
  upper   = false
}

# ---------------------------------------------------------------- runtime

resource "aws_iam_role" "runtime" {
#^^^^^^^ error missing-permission runtime.R3: logs:DescribeLogStreams
#^^^^^^^ error missing-permission runtime.R5: logs:DescribeLogGroups
#^^^^^^^ error missing-permission runtime.R7: xray:GetSamplingRules
#^^^^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
  count = var.create_runtime && var.runtime_role_arn == null ? 1 : 0

  name = "${var.name_prefix}-runtime-role-${random_string.suffix.result}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
# ^^^^^^^^^^^^^^^^ warning trust-condition-missing runtime.trust: aws:SourceAccount
  tags = local.tags
}

resource "aws_iam_role_policy" "runtime" {
  count = var.create_runtime && var.runtime_role_arn == null ? 1 : 0

  name = "${var.name_prefix}-runtime-policy"
  role = aws_iam_role.runtime[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Models"
        Effect   = "Allow"
        Action   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
        Resource = ["arn:aws:bedrock:${local.region}::foundation-model/*"]
      },
      {
        Sid      = "Functions"
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = var.lambda_function_arns
      },
      {
        Sid      = "ImagePull"
        Effect   = "Allow"
        Action   = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability"]
        Resource = ["arn:aws:ecr:${local.region}:${local.account_id}:repository/*"]
      },
      {
        Sid      = "ImageToken"
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = ["*"]
      },
      {
        Sid      = "Logs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["arn:aws:logs:${local.region}:${local.account_id}:*"]
      },
      {
        Sid      = "Traces"
        Effect   = "Allow"
        Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
        Resource = ["*"]
      }
    ]
  })
}

resource "time_sleep" "runtime_role" {
  count           = var.create_runtime && var.runtime_role_arn == null ? 1 : 0
  depends_on      = [aws_iam_role_policy.runtime]
  create_duration = "15s"
}

# ---------------------------------------------------------------- cognito

resource "aws_cognito_user_pool" "this" {
  count = var.create_cognito ? 1 : 0
  name  = "${var.name_prefix}-users-${random_string.suffix.result}"
  tags  = local.tags
}

resource "aws_cognito_user_pool_client" "this" {
  count        = var.create_cognito ? 1 : 0
  name         = "${var.name_prefix}-client"
  user_pool_id = aws_cognito_user_pool.this[0].id
}

locals {
  discovery_url = var.create_cognito ? "https://cognito-idp.${local.region}.amazonaws.com/${aws_cognito_user_pool.this[0].id}/.well-known/openid-configuration" : var.cognito_discovery_url
  client_id     = var.create_cognito ? aws_cognito_user_pool_client.this[0].id : var.cognito_client_id
  jwt           = var.create_cognito || var.cognito_discovery_url != null
}

resource "awscc_bedrockagentcore_runtime" "this" {
  count = var.create_runtime ? 1 : 0

  agent_runtime_name = local.runtime_name
  role_arn           = var.runtime_role_arn != null ? var.runtime_role_arn : aws_iam_role.runtime[0].arn

  agent_runtime_artifact = {
    container_configuration = {
      container_uri = var.runtime_container_uri
    }
  }

  network_configuration = {
    network_mode = "PUBLIC"
  }

  protocol_configuration = var.runtime_protocol
  environment_variables  = var.runtime_environment_variables

  authorizer_configuration = local.jwt ? {
    custom_jwt_authorizer = {
      discovery_url   = local.discovery_url
      allowed_clients = [local.client_id]
    }
  } : null

  tags       = local.tags
  depends_on = [time_sleep.runtime_role]
}

resource "awscc_bedrockagentcore_runtime_endpoint" "this" {
  count = var.create_runtime && var.create_runtime_endpoint ? 1 : 0

  name             = "${local.underscores}_endpoint"
  agent_runtime_id = awscc_bedrockagentcore_runtime.this[0].agent_runtime_id
}

# ---------------------------------------------------------------- memory

resource "aws_iam_role" "memory" {
  count = var.create_memory && var.memory_role_arn == null ? 1 : 0

  name = "${var.name_prefix}-memory-role-${random_string.suffix.result}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
# ^^^^^^^^^^^^^^^^ warning trust-condition-missing memory.trust: aws:SourceArn
  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "memory" {
  count = var.create_memory && var.memory_role_arn == null ? 1 : 0

  role       = aws_iam_role.memory[0].name
  policy_arn = "arn:aws:iam::aws:policy/AmazonBedrockAgentCoreMemoryBedrockModelInferenceExecutionRolePolicy"
}

resource "time_sleep" "memory_role" {
  count           = var.create_memory && var.memory_role_arn == null ? 1 : 0
  depends_on      = [aws_iam_role_policy_attachment.memory]
  create_duration = "15s"
}

resource "awscc_bedrockagentcore_memory" "this" {
  count = var.create_memory ? 1 : 0

  name                      = local.memory_name
  event_expiry_duration     = var.memory_event_expiry_days
  memory_execution_role_arn = var.memory_role_arn != null ? var.memory_role_arn : aws_iam_role.memory[0].arn
  encryption_key_arn        = var.memory_kms_key_arn

  # Built-in strategies, each behind a switch, and a custom one only when the caller gives it.
  memory_strategies = concat(
    var.memory_enable_semantic ? [{
      semantic_memory_strategy = {
        name       = "semantic_${var.name_prefix}"
        namespaces = ["/strategies/{memoryStrategyId}/actors/{actorId}"]
      }
    }] : [],
    var.memory_enable_summary ? [{
      summary_memory_strategy = {
        name       = "summary_${var.name_prefix}"
        namespaces = ["/strategies/{memoryStrategyId}/actors/{actorId}/sessions/{sessionId}"]
      }
    }] : [],
    var.memory_enable_user_preference ? [{
      user_preference_memory_strategy = {
        name       = "preference_${var.name_prefix}"
        namespaces = ["/strategies/{memoryStrategyId}/actors/{actorId}"]
      }
    }] : [],
    var.memory_custom_strategy != null ? [{
      custom_memory_strategy = var.memory_custom_strategy
    }] : []
  )

  tags       = local.tags
  depends_on = [time_sleep.memory_role]
}

# ---------------------------------------------------------------- gateway

resource "aws_iam_role" "gateway" {
  count = var.create_gateway && var.gateway_role_arn == null ? 1 : 0

  name = "${var.name_prefix}-gateway-role-${random_string.suffix.result}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
# ^^^^^^^^^^^^^^^^ warning trust-condition-missing gateway.G0: aws:SourceAccount
  tags = local.tags
}

resource "aws_iam_role_policy" "gateway" {
  count = var.create_gateway && var.gateway_role_arn == null ? 1 : 0

  name = "${var.name_prefix}-gateway-policy"
  role = aws_iam_role.gateway[0].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Functions"
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = var.lambda_function_arns
      },
      {
        Sid      = "Logs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["arn:aws:logs:${local.region}:${local.account_id}:*"]
      }
    ]
  })
}

resource "time_sleep" "gateway_role" {
  count           = var.create_gateway && var.gateway_role_arn == null ? 1 : 0
  depends_on      = [aws_iam_role_policy.gateway]
  create_duration = "15s"
}

resource "awscc_bedrockagentcore_gateway" "this" {
  count = var.create_gateway ? 1 : 0

  name          = local.gateway_name
  role_arn      = var.gateway_role_arn != null ? var.gateway_role_arn : aws_iam_role.gateway[0].arn
  protocol_type = "MCP"

  protocol_configuration = {
    mcp = {
      search_type        = "DEFAULT"
      supported_versions = ["2025-11-25"]
    }
  }

  authorizer_type = local.jwt ? "CUSTOM_JWT" : "AWS_IAM"
  authorizer_configuration = local.jwt ? {
    custom_jwt_authorizer = {
      discovery_url   = local.discovery_url
      allowed_clients = [local.client_id]
    }
  } : null

  tags       = local.tags
  depends_on = [time_sleep.gateway_role]
}
