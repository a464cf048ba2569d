variable "name" {
  type = string
}

variable "runtime_name" {
  type    = string
  default = null
}

variable "image_tag" {
  type    = string
  default = "latest"
}

variable "network_mode" {
  type    = string
  default = "PUBLIC"
}

variable "create_execution_role" {
  type        = bool
  default     = true
  description = "false: bring your own role in execution_role_arn."
}

variable "execution_role_arn" {
  type    = string
  default = null
}

variable "attach_full_access_policy" {
  type        = bool
  default     = true
  description = "Attach the AWS managed policy BedrockAgentCoreFullAccess to the created role."
}

variable "extra_statements" {
  type    = list(any)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
