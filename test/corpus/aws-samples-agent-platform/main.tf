# The platform's root: the runtime module with two platform versions, each kernel repository
# passed in as an object.
provider "aws" {
  region = "us-west-2"
}

variable "platform_versions" {
  type    = list(string)
  default = ["V1", "V2"]
}

resource "aws_ecr_repository" "kernel" {
  for_each = toset(["interactive-kernel", "headless-kernel", "tools-kernel"])
  name     = each.key
}

resource "aws_s3_bucket" "workspace" {
  bucket_prefix = "agent-platform-workspace-"
}

module "runtime" {
  source            = "./modules/runtime"
  platform_versions = var.platform_versions
  kernel_repos      = { for k, r in aws_ecr_repository.kernel : k => { arn = r.arn, url = r.repository_url } }
  workspace_bucket  = { arn = aws_s3_bucket.workspace.arn, name = aws_s3_bucket.workspace.bucket }
}
