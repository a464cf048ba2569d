variable "aws_region" {
  type    = string
  default = "ap-southeast-2"
}

variable "project_name" {
  type    = string
  default = "ragbox"
}

variable "environment" {
  type    = string
  default = "sandbox"
}

# On by default: the runtime, the gateway, its policy and the target are created.
variable "enable_runtime" {
  type    = bool
  default = true
}

variable "container_image_uri" {
  type    = string
  default = ""
}

variable "model_arn" {
  type = string
}

variable "knowledge_base_arn" {
  type    = string
  default = ""
}

variable "tags" {
  type    = map(string)
  default = {}
}
