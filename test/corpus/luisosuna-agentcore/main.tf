locals {
  runtime_name = replace(coalesce(var.runtime_name, var.name), "-", "_")
  # The role the module creates, or the caller's.
  execution_role_arn = var.create_execution_role ? aws_iam_role.execution[0].arn : var.execution_role_arn
  common_tags        = merge({ Module = "agentcore" }, var.tags)
}

resource "aws_ecr_repository" "this" {
  name = var.name
  tags = local.common_tags
}

resource "aws_bedrockagentcore_agent_runtime" "this" {
  agent_runtime_name = local.runtime_name
  role_arn           = local.execution_role_arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = "${aws_ecr_repository.this.repository_url}:${var.image_tag}"
    }
  }

  network_configuration {
    network_mode = var.network_mode
  }

  environment_variables = {
    AWS_REGION = data.aws_region.current.id
  }

  depends_on = [aws_iam_role_policy.execution, aws_iam_role_policy_attachment.full_access]
}
