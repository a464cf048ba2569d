resource "awscc_bedrockagentcore_memory" "this" {
  for_each = var.memories

  name                      = each.key
  description               = each.value.description
  event_expiry_duration     = each.value.event_expiry_duration
  memory_execution_role_arn = each.value.execution_role_arn != null ? each.value.execution_role_arn : try(aws_iam_role.memory[each.key].arn, null)
  memory_strategies         = each.value.strategies
}
