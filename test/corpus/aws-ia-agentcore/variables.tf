variable "project_prefix" {
  type    = string
  default = "agentcore"
}

# Each runtime: CODE (a zip in S3) or CONTAINER (an image); execution_role_arn brings a role of
# the caller's, null lets the module create one.
variable "runtimes" {
  type = map(object({
    source_type        = string
    description        = optional(string)
    execution_role_arn = optional(string)
    code_entry_point   = optional(list(string), ["main.py"])
    code_runtime       = optional(string, "PYTHON_3_12")
    container_uri      = optional(string)
    network_mode       = optional(string, "PUBLIC")
  }))
  default = {}
}

variable "memories" {
  type = map(object({
    description           = optional(string)
    event_expiry_duration = optional(number, 30)
    execution_role_arn    = optional(string)
    strategies            = optional(list(any), [])
  }))
  default = {}
}
