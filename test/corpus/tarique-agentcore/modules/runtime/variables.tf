variable "runtime_name" {
  type = string
}

variable "image_uri" {
  type = string
}

variable "network_mode" {
  type    = string
  default = "PUBLIC"
}

variable "security_groups" {
  type    = list(string)
  default = []
}

variable "subnets" {
  type    = list(string)
  default = []
}
