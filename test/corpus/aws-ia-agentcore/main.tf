# Runtimes, one per entry of var.runtimes, split by artifact: the role is the caller's when given,
# else the one the module creates for the same key.
resource "aws_s3_bucket" "code" {
  for_each      = { for name, rt in var.runtimes : name => rt if rt.source_type == "CODE" }
  bucket_prefix = "${var.project_prefix}-${replace(each.key, "_", "-")}-"
}

resource "awscc_bedrockagentcore_runtime" "code" {
  for_each = { for name, rt in var.runtimes : name => rt if rt.source_type == "CODE" }

  agent_runtime_name = each.key
  description        = each.value.description
  role_arn           = each.value.execution_role_arn != null ? each.value.execution_role_arn : aws_iam_role.runtime[each.key].arn

  agent_runtime_artifact = {
    code_configuration = {
      code = {
        s3 = {
          bucket = aws_s3_bucket.code[each.key].id
          prefix = "source.zip"
        }
      }
      entry_point = each.value.code_entry_point
      runtime     = each.value.code_runtime
    }
  }

  network_configuration = {
    network_mode = each.value.network_mode
  }
}

resource "awscc_bedrockagentcore_runtime" "container" {
  for_each = { for name, rt in var.runtimes : name => rt if rt.source_type == "CONTAINER" }

  agent_runtime_name = each.key
  description        = each.value.description
  role_arn           = each.value.execution_role_arn != null ? each.value.execution_role_arn : aws_iam_role.runtime[each.key].arn

  agent_runtime_artifact = {
    container_configuration = {
      container_uri = each.value.container_uri
    }
  }

  network_configuration = {
    network_mode = each.value.network_mode
  }
}
