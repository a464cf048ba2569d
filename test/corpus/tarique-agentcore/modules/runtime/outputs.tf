output "runtime_arn" {
  value = aws_bedrockagentcore_agent_runtime.this.agent_runtime_arn
}

output "role_arn" {
  value = aws_iam_role.runtime.arn
}
