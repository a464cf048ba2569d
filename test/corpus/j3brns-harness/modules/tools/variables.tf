variable "agent_name" {
  type = string
}

variable "region" {
  type = string
}

variable "enable_browser" {
  type    = bool
  default = false
}

variable "enable_code_interpreter" {
  type    = bool
  default = false
}

variable "browser_network_mode" {
  type    = string
  default = "PUBLIC"
}

variable "enable_browser_recording" {
  type    = bool
  default = false
}

variable "browser_recording_s3_bucket" {
  type    = string
  default = ""
}

variable "tags" {
  type    = map(string)
  default = {}
}
