variable "aws_region" {
  type    = string
  default = "eu-central-1"
}

variable "project_name" {
  type    = string
  default = "release-demo"
}

variable "agent_name" {
  description = "The runtime's name: letters, digits and underscores"
  type        = string
  default     = "demo_agent"
}

variable "initial_image_tag" {
  type    = string
  default = "bootstrap"
}

variable "control_endpoint_name" {
  type    = string
  default = "control"
}

variable "bedrock_model_id" {
  type    = string
  default = "openai.gpt-oss-20b-1:0"
}

variable "judge_model_id" {
  type    = string
  default = "openai.gpt-oss-120b-1:0"
}

variable "evaluation_sampling_percentage" {
  type    = number
  default = 100
}

variable "evaluation_session_timeout_minutes" {
  type    = number
  default = 2
}

variable "github_oidc_sub_prefix" {
  type    = string
  default = "repo:example/release-demo"
}
