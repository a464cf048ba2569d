# The aws provider's documentation example "Browser with Execution Role and Recording",
# re-written: the role has a trust and nothing else, and the browser records to S3.
provider "aws" {
  region = "us-east-1"
}

data "aws_iam_policy_document" "browser_trust" {
  statement {
# ^^^^^^^^^ warning trust-condition-missing tools.T0: aws:SourceAccount
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "browser" {
#^^^^^^^ error missing-permission browser.B1: s3:PutObject
  name               = "research-browser"
  assume_role_policy = data.aws_iam_policy_document.browser_trust.json
}

resource "aws_s3_bucket" "recordings" {
  bucket = "research-browser-recordings"
}

resource "aws_bedrockagentcore_browser" "research" {
  name               = "research-browser"
  description        = "Browser whose sessions are recorded"
  execution_role_arn = aws_iam_role.browser.arn

  network_configuration = {
    network_mode = "PUBLIC"
  }

  recording = {
    enabled = true
    s3_location = {
      bucket = aws_s3_bucket.recordings.bucket
      prefix = "sessions/"
    }
  }
}
