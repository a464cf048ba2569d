variable "name_prefix" {
  type = string
}

variable "idp_discovery_url" {
  type = string
}

variable "backend_url" {
  type = string
}
