data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

locals {
  arn_prefix = "arn:aws:bedrock-agentcore:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}"
}

data "aws_iam_policy_document" "gateway_trust" {
  statement {
# ^^^^^^^^^ warning trust-condition-missing gateway.G0: aws:SourceAccount
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "gateway" {
  name               = "${var.name_prefix}-gateway"
  assume_role_policy = data.aws_iam_policy_document.gateway_trust.json
}

# What the gateway does at run time: a workload token and an OAuth token for the outbound call,
# the OAuth client secret, and the policy engine's checks.
data "aws_iam_policy_document" "gateway" {
  statement {
    sid = "TokenVault"
    actions = [
      "bedrock-agentcore:GetWorkloadAccessToken",
      "bedrock-agentcore:GetWorkloadAccessTokenForJWT",
      "bedrock-agentcore:GetResourceOauth2Token",
    ]
    resources = [
      "${local.arn_prefix}:workload-identity-directory/default",
      "${local.arn_prefix}:workload-identity-directory/default/workload-identity/*",
      "${local.arn_prefix}:token-vault/default",
      "${local.arn_prefix}:token-vault/default/oauth2credentialprovider/*",
    ]
  }
  statement {
    sid       = "OAuthClientSecret"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:aws:secretsmanager:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:secret:bedrock-agentcore-identity!default/oauth2/*"]
  }
  statement {
    sid       = "ReadPolicyEngine"
    actions   = ["bedrock-agentcore:GetPolicyEngine"]
    resources = [aws_bedrockagentcore_policy_engine.this.policy_engine_arn]
  }
  statement {
    sid       = "Authorize"
    actions   = ["bedrock-agentcore:AuthorizeAction", "bedrock-agentcore:PartiallyAuthorizeActions"]
    resources = [aws_bedrockagentcore_gateway.this.gateway_arn, aws_bedrockagentcore_policy_engine.this.policy_engine_arn]
  }
}

resource "aws_iam_role_policy" "gateway" {
  name   = "${var.name_prefix}-gateway"
  role   = aws_iam_role.gateway.id
  policy = data.aws_iam_policy_document.gateway.json
}
