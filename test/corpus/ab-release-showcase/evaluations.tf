# A code-based evaluator (a Lambda function) and the online evaluation of the control endpoint that
# uses it; an LLM-as-a-judge evaluator that only a script runs (it is in no online configuration).

data "archive_file" "workflow_check" {
  type        = "zip"
  source_file = "${path.module}/workflow_check.py"
  output_path = "${path.module}/.build/workflow_check.zip"
}

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "workflow_check" {
  name               = "${var.project_name}-workflow-check"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

resource "aws_iam_role_policy_attachment" "workflow_check_logs" {
  role       = aws_iam_role.workflow_check.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_lambda_function" "workflow_check" {
  function_name    = "${var.project_name}-workflow-check"
  role             = aws_iam_role.workflow_check.arn
  runtime          = "python3.13"
  handler          = "workflow_check.handler"
  filename         = data.archive_file.workflow_check.output_path
  source_code_hash = data.archive_file.workflow_check.output_base64sha256
}

# Only AgentCore evaluators of this account may call the function.
resource "aws_lambda_permission" "evaluations" {
  statement_id   = "AllowAgentCoreEvaluations"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.workflow_check.function_name
  principal      = "bedrock-agentcore.amazonaws.com"
  source_account = local.account_id
  source_arn     = "arn:${local.partition}:bedrock-agentcore:${var.aws_region}:${local.account_id}:evaluator/*"
}

resource "aws_bedrockagentcore_evaluator" "workflow" {
  evaluator_name = "${var.agent_name}_workflow"
  level          = "TRACE"

  evaluator_config {
    code_based {
      lambda_config {
        lambda_arn                = aws_lambda_function.workflow_check.arn
        lambda_timeout_in_seconds = 30
      }
    }
  }

  depends_on = [aws_lambda_permission.evaluations]
}

resource "aws_bedrockagentcore_evaluator" "grounding" {
  evaluator_name = "${var.agent_name}_grounding"
  level          = "TRACE"

  evaluator_config {
    llm_as_a_judge {
      instructions = "Are the facts of {assistant_turn} found in the tool results of {context}?"
      model_config {
        bedrock_evaluator_model_config {
          model_id = var.judge_model_id
        }
      }
      rating_scale {
        numerical {
          label      = "Yes"
          value      = 1.0
          definition = "Every fact comes from a tool result."
        }
        numerical {
          label      = "No"
          value      = 0.0
          definition = "Some fact comes from nowhere."
        }
      }
    }
  }
}

# AgentCore creates a runtime's log group on its first call; this one is made ahead for the evaluation.
resource "aws_cloudwatch_log_group" "control" {
  name              = "/aws/bedrock-agentcore/runtimes/${aws_bedrockagentcore_agent_runtime.agent.agent_runtime_id}-${var.control_endpoint_name}"
  retention_in_days = 30
}

resource "aws_bedrockagentcore_online_evaluation_config" "control" {
  online_evaluation_config_name = "${var.agent_name}_${var.control_endpoint_name}_eval"
  enable_on_create              = true
  evaluation_execution_role_arn = aws_iam_role.evaluation.arn

  data_source_config {
    cloudwatch_logs {
      log_group_names = [aws_cloudwatch_log_group.control.name]
      service_names   = ["${var.agent_name}.${var.control_endpoint_name}"]
    }
  }

  evaluator {
    evaluator_id = aws_bedrockagentcore_evaluator.workflow.evaluator_id
  }

  rule {
    sampling_config {
      sampling_percentage = var.evaluation_sampling_percentage
    }
    session_config {
      session_timeout_minutes = var.evaluation_session_timeout_minutes
    }
  }

  depends_on = [aws_iam_role_policy.evaluation]
}
