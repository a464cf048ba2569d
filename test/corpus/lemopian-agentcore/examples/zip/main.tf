provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-3"
}

module "agent" {
  source     = "../../modules/zip"
  agent_name = "research-agent"
  region     = var.region
}

output "runtime_arn" {
  value = module.agent.runtime_arn
}
