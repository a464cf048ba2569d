# A configuration that uses the AWS-IA module from the Terraform registry. `terraform init` has
# installed it under .terraform/modules/agentcore and written .terraform/modules/modules.json.
provider "aws" {
  region = "us-west-2"
}

provider "awscc" {
  region = "us-west-2"
}

module "agentcore" {
  source  = "aws-ia/agentcore/aws"
  version = "0.0.3"

  create_runtime        = true
  runtime_name          = "faq_agent"
  runtime_container_uri = "123456789012.dkr.ecr.us-west-2.amazonaws.com/faq-agent:1.4.0"
}
