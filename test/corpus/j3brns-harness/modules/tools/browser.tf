resource "aws_bedrockagentcore_browser" "this" {
  count = var.enable_browser ? 1 : 0

  name               = "${var.agent_name}-browser"
  execution_role_arn = aws_iam_role.browser[0].arn

  network_configuration {
    network_mode = var.browser_network_mode
  }

  dynamic "recording" {
    for_each = var.enable_browser_recording && var.browser_recording_s3_bucket != "" ? [1] : []
    content {
      enabled = true
      s3_location {
        bucket = var.browser_recording_s3_bucket
        prefix = "recordings"
      }
    }
  }

  tags = var.tags
}
