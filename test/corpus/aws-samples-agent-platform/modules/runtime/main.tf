# One interactive and one headless runtime per platform version, on the same image and role;
# one MCP tools runtime.
locals {
  version_suffix = { V1 = "", V2 = "_v2" }
}

resource "aws_bedrockagentcore_agent_runtime" "interactive" {
  for_each = toset(var.platform_versions)

  agent_runtime_name = "interactive_kernel${local.version_suffix[each.key]}"
  role_arn           = aws_iam_role.interactive.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "${var.kernel_repos["interactive-kernel"].url}:${var.kernel_tag}"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
  depends_on = [aws_iam_role_policy.interactive]
}

resource "aws_bedrockagentcore_agent_runtime" "headless" {
  for_each = toset(var.platform_versions)

  agent_runtime_name = "headless_kernel${local.version_suffix[each.key]}"
  role_arn           = aws_iam_role.headless.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "${var.kernel_repos["headless-kernel"].url}:${var.kernel_tag}"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
  depends_on = [aws_iam_role_policy.headless]
}

resource "aws_bedrockagentcore_agent_runtime" "tools" {
  agent_runtime_name = "tools_kernel"
  role_arn           = aws_iam_role.tools.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "${var.kernel_repos["tools-kernel"].url}:${var.kernel_tag}"
    }
  }
  network_configuration {
    network_mode = "PUBLIC"
  }
  protocol_configuration {
    server_protocol = "MCP"
  }
  depends_on = [aws_iam_role_policy.tools]
}
