# An HTTP gateway (no protocol_type) in front of the runtime; its one target calls the control
# endpoint (qualifier = the endpoint's name) with the gateway's role.
resource "aws_bedrockagentcore_gateway" "agent" {
  name            = "${var.project_name}-gateway"
  role_arn        = aws_iam_role.gateway.arn
  authorizer_type = "AWS_IAM"
}

resource "aws_bedrockagentcore_gateway_target" "control" {
  name               = var.control_endpoint_name
  gateway_identifier = aws_bedrockagentcore_gateway.agent.gateway_id

  credential_provider_configuration {
    gateway_iam_role {}
  }

  target_configuration {
    http {
      agentcore_runtime {
        arn       = aws_bedrockagentcore_agent_runtime.agent.agent_runtime_arn
        qualifier = aws_bedrockagentcore_agent_runtime_endpoint.control.name
      }
    }
  }
}
