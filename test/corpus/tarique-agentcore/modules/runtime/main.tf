resource "aws_iam_role" "runtime" {
  name = "agentcore-runtime-${var.runtime_name}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
#     ^ warning trust-condition-missing runtime.trust: aws:SourceAccount
        Action    = "sts:AssumeRole"
        Effect    = "Allow"
        Principal = { Service = "bedrock-agentcore.amazonaws.com" }
      }
    ]
  })
}

# One statement on "*": model invocation, three log actions and the image pull.
resource "aws_iam_role_policy" "runtime" {
  name = "agentcore-runtime"
  role = aws_iam_role.runtime.id
  policy = jsonencode({
#          ^^^^^^^^^^ error missing-permission runtime.R3: logs:DescribeLogStreams
#          ^^^^^^^^^^ error missing-permission runtime.R7: xray:PutTraceSegments
#          ^^^^^^^^^^ error missing-permission runtime.R8: cloudwatch:PutMetricData
    Version = "2012-10-17"
    Statement = [
      {
#     ^ error missing-permission runtime.R5: logs:DescribeLogGroups
        Effect = "Allow"
        Action = [
          "bedrock:InvokeModel",
          "bedrock:InvokeModelWithResponseStream",
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

resource "aws_bedrockagentcore_agent_runtime" "this" {
  agent_runtime_name = var.runtime_name
  role_arn           = aws_iam_role.runtime.arn

  agent_runtime_artifact {
    container_configuration {
      container_uri = var.image_uri
    }
  }

  network_configuration {
    network_mode = var.network_mode
    dynamic "network_mode_config" {
      for_each = var.network_mode == "VPC" ? [1] : []
      content {
        security_groups = var.security_groups
        subnets         = var.subnets
      }
    }
  }

  protocol_configuration {
    server_protocol = "HTTP"
  }
}
