variable "name_prefix" {
  type = string
}

variable "environment" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

# Runtime
variable "create_runtime" {
  type    = bool
  default = true
}

variable "runtime_container_uri" {
  type = string
}

variable "runtime_role_arn" {
  description = "A role of the caller's; null creates one"
  type        = string
  default     = null
}

variable "runtime_protocol" {
  type    = string
  default = "HTTP"
}

variable "runtime_environment_variables" {
  type    = map(string)
  default = {}
}

variable "lambda_function_arns" {
  type    = list(string)
  default = ["*"]
}

variable "create_runtime_endpoint" {
  type    = bool
  default = true
}

# Cognito (JWT inbound auth)
variable "create_cognito" {
  type    = bool
  default = true
}

variable "cognito_discovery_url" {
  type    = string
  default = null
}

variable "cognito_client_id" {
  type    = string
  default = null
}

# Memory
variable "create_memory" {
  type    = bool
  default = true
}

variable "memory_role_arn" {
  description = "A role of the caller's; null creates one"
  type        = string
  default     = null
}

variable "memory_event_expiry_days" {
  type    = number
  default = 90
}

variable "memory_kms_key_arn" {
  type    = string
  default = null
}

variable "memory_enable_semantic" {
  type    = bool
  default = true
}

variable "memory_enable_summary" {
  type    = bool
  default = true
}

variable "memory_enable_user_preference" {
  type    = bool
  default = true
}

# A custom strategy with model overrides; none unless the caller gives one.
variable "memory_custom_strategy" {
  type = object({
    name        = string
    description = optional(string)
    namespaces  = list(string)
    configuration = optional(object({
      semantic_override = optional(object({
        extraction    = optional(object({ append_to_prompt = optional(string), model_id = optional(string) }))
        consolidation = optional(object({ append_to_prompt = optional(string), model_id = optional(string) }))
      }))
      summary_override = optional(object({
        consolidation = optional(object({ append_to_prompt = optional(string), model_id = optional(string) }))
      }))
      user_preference_override = optional(object({
        extraction    = optional(object({ append_to_prompt = optional(string), model_id = optional(string) }))
        consolidation = optional(object({ append_to_prompt = optional(string), model_id = optional(string) }))
      }))
    }))
  })
  default = null
}

# Gateway
variable "create_gateway" {
  type    = bool
  default = true
}

variable "gateway_role_arn" {
  description = "A role of the caller's; null creates one"
  type        = string
  default     = null
}
