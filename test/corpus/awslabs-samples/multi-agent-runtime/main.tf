# Two runtimes (an orchestrator calling a specialist), each with its own execution role: the AWS
# managed policy BedrockAgentCoreFullAccess plus an inline policy of the documented statements.
provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "stack" {
  type    = string
  default = "two-agents"
}

data "aws_caller_identity" "me" {}
data "aws_region" "here" {}

resource "aws_ecr_repository" "orchestrator" {
  name = "${var.stack}-orchestrator"
}

resource "aws_ecr_repository" "specialist" {
  name = "${var.stack}-specialist"
}
