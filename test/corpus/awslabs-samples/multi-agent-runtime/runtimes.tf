resource "aws_bedrockagentcore_agent_runtime" "specialist" {
  agent_runtime_name = "specialist"
  role_arn           = aws_iam_role.specialist.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "${aws_ecr_repository.specialist.repository_url}:latest"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
}

resource "aws_bedrockagentcore_agent_runtime" "orchestrator" {
  agent_runtime_name = "orchestrator"
  role_arn           = aws_iam_role.orchestrator.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "${aws_ecr_repository.orchestrator.repository_url}:latest"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
  environment_variables = {
    SPECIALIST_ARN = aws_bedrockagentcore_agent_runtime.specialist.agent_runtime_arn
  }
}
