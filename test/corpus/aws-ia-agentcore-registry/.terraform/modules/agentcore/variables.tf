variable "create_runtime" {
  type    = bool
  default = true
}

variable "runtime_name" {
  type = string
}

variable "runtime_container_uri" {
  type = string
}

variable "runtime_role_arn" {
  type        = string
  default     = null
  description = "An execution role of your own; null: the module creates one."
}

variable "runtime_network_mode" {
  type    = string
  default = "PUBLIC"
}

variable "permissions_boundary_arn" {
  type    = string
  default = null
}
