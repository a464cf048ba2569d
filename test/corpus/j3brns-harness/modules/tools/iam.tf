data "aws_caller_identity" "current" {}

locals {
  project_tag = lookup(var.tags, "Project", "AgentCore")
}

# The browser's role, scoped by a principal tag: a service principal carries no tags, so the
# condition never holds and the browser cannot assume the role.
resource "aws_iam_role" "browser" {
  count = var.enable_browser ? 1 : 0
  name  = "${var.agent_name}-browser"

  assume_role_policy = jsonencode({
#                      ^^^^^^^^^^ error trust-not-assumable tools.T0: bedrock-agentcore.amazonaws.com
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Condition = {
        StringEquals = { "aws:PrincipalTag/Project" = local.project_tag }
      }
    }]
  })
  tags = var.tags
}

resource "aws_iam_role_policy" "browser" {
  count = var.enable_browser ? 1 : 0
  name  = "${var.agent_name}-browser"
  role  = aws_iam_role.browser[0].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Effect   = "Allow"
        Action   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "arn:aws:logs:${var.region}:${data.aws_caller_identity.current.account_id}:log-group:/aws/bedrock/agentcore/browser/*"
      }],
      var.enable_browser_recording && var.browser_recording_s3_bucket != "" ? [{
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:PutObjectAcl"]
        Resource = "arn:aws:s3:::${var.browser_recording_s3_bucket}/*"
      }] : [],
    )
  })
}

# The code interpreter's role: the interpreter itself is created by a CLI call, so no Terraform
# component names this role; it is judged on its trust alone (it names the AgentCore service), and
# the same principal-tag condition keeps the service out.
resource "aws_iam_role" "code_interpreter" {
  count = var.enable_code_interpreter ? 1 : 0
  name  = "${var.agent_name}-code-interpreter"

  assume_role_policy = jsonencode({
#                      ^^^^^^^^^^ error trust-not-assumable agentcore.trust: bedrock-agentcore.amazonaws.com
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      Condition = {
        StringEquals = { "aws:PrincipalTag/Project" = local.project_tag }
      }
    }]
  })
}
