# A root configuration calling a local runtime module (./modules/runtime): the role, its policy
# and the runtime are all in the module.
provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-central-1"
}

variable "image_uri" {
  type = string
}

module "assistant" {
  source       = "./modules/runtime"
  runtime_name = "assistant"
  image_uri    = var.image_uri
  network_mode = "PUBLIC"
}

output "assistant_runtime_arn" {
  value = module.assistant.runtime_arn
}
