# The module's complete example: two runtimes (one per artifact) and a memory, all with roles the
# module creates. `check examples/complete` reads the module two folders up.
provider "aws" {
  region = "us-east-1"
}

provider "awscc" {
  region = "us-east-1"
}

module "agentcore" {
  source         = "../.."
  project_prefix = "complete"

  runtimes = {
    python_agent = {
      source_type      = "CODE"
      code_entry_point = ["agent.py"]
      code_runtime     = "PYTHON_3_11"
      description      = "Python agent from a zip"
    }
    container_agent = {
      source_type   = "CONTAINER"
      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/container-agent:latest"
      description   = "Agent from an image"
    }
  }

  memories = {
    facts = {
      description           = "Facts the agents learn"
      event_expiry_duration = 90
      strategies = [
        { semantic_memory_strategy = { name = "facts", namespaces = ["/facts/{actorId}"] } }
      ]
    }
  }
}
