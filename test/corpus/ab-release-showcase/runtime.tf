resource "aws_ecr_repository" "agent" {
  name                 = var.project_name
  image_tag_mutability = "MUTABLE"
  force_delete         = true
}

resource "aws_bedrockagentcore_agent_runtime" "agent" {
  agent_runtime_name = var.agent_name
  role_arn           = aws_iam_role.runtime.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = "${aws_ecr_repository.agent.repository_url}:${var.initial_image_tag}"
    }
  }

  network_configuration {
    network_mode = "PUBLIC"
  }

  protocol_configuration {
    server_protocol = "HTTP"
  }

  # Releases change the image outside Terraform.
  lifecycle {
    ignore_changes = [agent_runtime_artifact]
  }

  depends_on = [aws_iam_role_policy.runtime]
}

# The endpoint the release treats as its control arm (the release adds a treatment endpoint).
resource "aws_bedrockagentcore_agent_runtime_endpoint" "control" {
  name                  = var.control_endpoint_name
  agent_runtime_id      = aws_bedrockagentcore_agent_runtime.agent.agent_runtime_id
  agent_runtime_version = aws_bedrockagentcore_agent_runtime.agent.agent_runtime_version

  lifecycle {
    ignore_changes = [agent_runtime_version]
  }
}
