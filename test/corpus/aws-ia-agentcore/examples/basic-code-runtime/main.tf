provider "aws" {
  region = "eu-west-1"
}

provider "awscc" {
  region = "eu-west-1"
}

module "agentcore" {
  source = "../.."

  runtimes = {
    my_agent = {
      source_type      = "CODE"
      code_entry_point = ["agent.py"]
      code_runtime     = "PYTHON_3_11"
      description      = "Basic Python agent"
    }
  }
}
