data "aws_caller_identity" "current" {}

locals {
  account_id           = data.aws_caller_identity.current.account_id
  agent_name_sanitized = replace(var.agent_name, "-", "_")
  create_bucket        = var.bucket_name == null
  bucket_arn           = local.create_bucket ? aws_s3_bucket.code[0].arn : "arn:aws:s3:::${var.bucket_name}"
  create_role          = var.role_arn == null
  role_arn             = var.role_arn != null ? var.role_arn : aws_iam_role.agent[0].arn
}
