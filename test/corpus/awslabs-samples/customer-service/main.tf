# A customer-service agent: the runtime's role is made in a local module and reaches the runtime
# through the module's output; a gateway with its own role invokes a Lambda target.
provider "aws" {
  region = "us-east-1"
}

resource "aws_bedrockagentcore_memory" "conversations" {
  name                  = "SupportMemory"
  event_expiry_duration = 30
}

module "agent_role" {
  source         = "./modules/agent-role"
  role_name      = "support-agent-runtime"
  memory_arn     = aws_bedrockagentcore_memory.conversations.arn
  repository_arn = var.repository_arn
}

variable "repository_arn" {
  type    = string
  default = ""
}

variable "image_uri" {
  type = string
}

resource "aws_bedrockagentcore_agent_runtime" "support" {
  agent_runtime_name = "support_agent"
  role_arn           = module.agent_role.role_arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = var.image_uri
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
  protocol_configuration {
    server_protocol = "HTTP"
  }
}
