provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "us-east-1"
}

module "agentcore" {
  source = "../.."
  name   = "basic-agent"
  tags   = { Environment = "example" }
}
