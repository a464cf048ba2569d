# The awscc provider's example for awscc_bedrockagentcore_runtime, re-written: an awscc_iam_role
# whose permissions come from a separate awscc_iam_role_policy (attached by role_name), one
# statement of seven actions on "*", and a runtime from a container image.
provider "awscc" {
  region = "us-east-1"
}

resource "random_id" "suffix" {
  byte_length = 4
}

resource "awscc_ecr_repository" "agent" {
  repository_name = "agents/runtime-${random_id.suffix.hex}"
}

resource "awscc_iam_role" "runtime" {
  role_name = "agent-runtime-${random_id.suffix.hex}"
  assume_role_policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
#     ^ warning trust-condition-missing runtime.trust: aws:SourceAccount
        Effect    = "Allow"
        Principal = { Service = "bedrock-agentcore.amazonaws.com" }
        Action    = "sts:AssumeRole"
      }
    ]
  })
}

resource "awscc_iam_role_policy" "runtime" {
  role_name   = awscc_iam_role.runtime.role_name
  policy_name = "agent-runtime"
  policy_document = jsonencode({
#                   ^^^^^^^^^^ error missing-permission runtime.R3: logs:DescribeLogStreams
#                   ^^^^^^^^^^ error missing-permission runtime.R7: xray:PutTraceSegments
#                   ^^^^^^^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
    Version = "2012-10-17"
    Statement = [
      {
#     ^ error missing-permission runtime.R5: logs:DescribeLogGroups
        Effect = "Allow"
        Action = [
          "bedrock:InvokeModel",
          "logs:CreateLogGroup",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "ecr:GetAuthorizationToken",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
        ]
        Resource = "*"
      }
    ]
  })
}

resource "awscc_bedrockagentcore_runtime" "example" {
  agent_runtime_name = "example_runtime_${random_id.suffix.hex}"
  role_arn           = awscc_iam_role.runtime.arn
  agent_runtime_artifact = {
    container_configuration = {
      container_uri = "${awscc_ecr_repository.agent.repository_uri}:latest"
    }
  }
  network_configuration = {
    network_mode = "PUBLIC"
  }
}
