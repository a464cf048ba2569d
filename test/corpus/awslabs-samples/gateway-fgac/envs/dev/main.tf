# The dev environment: calls the shared module three folders up, as `check envs/dev` would read it.
provider "aws" {
  region = var.aws_region
}

variable "aws_region" {
  type    = string
  default = "us-east-1"
}

variable "idp_issuer" {
  type    = string
  default = "https://idp.example.com/oauth2/default"
}

module "agentcore" {
  source            = "../../modules/agentcore"
  name_prefix       = "shop-dev"
  idp_discovery_url = "${var.idp_issuer}/.well-known/openid-configuration"
  backend_url       = "https://shop-dev.internal.example.com"
}
