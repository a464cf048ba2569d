variable "agent_name" {
  type = string
}

variable "region" {
  type = string
}

variable "role_arn" {
  type        = string
  default     = null
  description = "An execution role of your own; null: the module creates one."
}

variable "bucket_name" {
  type    = string
  default = null
}

variable "entry_point" {
  type    = list(string)
  default = ["main.py"]
}

variable "enable_memory" {
  type    = bool
  default = false
}
