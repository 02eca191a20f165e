variable "multi_region" {
  type    = bool
  default = false
}
