variable "platform_versions" {
  type    = list(string)
  default = ["V1"]
}

variable "kernel_repos" {
  type = map(object({ arn = string, url = string }))
}

variable "kernel_tag" {
  type    = string
  default = "latest"
}

variable "workspace_bucket" {
  type = object({ arn = string, name = string })
}
