# No provider block: the region comes from the environment; the policies write var.aws_region.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.63"
    }
    archive = {
      source = "hashicorp/archive"
    }
  }
}
