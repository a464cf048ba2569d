resource "aws_s3_bucket" "code" {
  count  = local.create_bucket ? 1 : 0
  bucket = "agentcore-${replace(local.agent_name_sanitized, "_", "-")}-${local.account_id}"
}

resource "aws_bedrockagentcore_agent_runtime" "this" {
  agent_runtime_name = local.agent_name_sanitized
  role_arn           = local.role_arn

  agent_runtime_artifact {
    code_configuration {
      entry_point = var.entry_point
      runtime     = "PYTHON_3_12"
      code {
        s3 {
          bucket = local.create_bucket ? aws_s3_bucket.code[0].id : var.bucket_name
          prefix = "${local.agent_name_sanitized}/package.zip"
        }
      }
    }
  }

  network_configuration {
    network_mode = "PUBLIC"
  }

  environment_variables = merge(
    { AWS_REGION = var.region },
    var.enable_memory ? { MEMORY_ID = aws_bedrockagentcore_memory.this[0].id } : {},
  )
}

resource "aws_bedrockagentcore_memory" "this" {
  count                 = var.enable_memory ? 1 : 0
  name                  = local.agent_name_sanitized
  event_expiry_duration = 30
}
