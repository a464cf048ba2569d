# The harness's root: the tools module with a browser (the runtime, gateway and code interpreter of
# the original are created by CLI calls from null_resource provisioners, not Terraform components).
provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-2"
}

variable "agent_name" {
  type    = string
  default = "harness-agent"
}

variable "enable_browser" {
  type    = bool
  default = true
}

module "tools" {
  source                  = "./modules/tools"
  agent_name              = var.agent_name
  region                  = var.region
  enable_browser          = var.enable_browser
  enable_code_interpreter = true
  tags                    = { Project = "harness" }
}
