resource "aws_bedrockagentcore_policy_engine" "this" {
  name = "${replace(var.name_prefix, "-", "_")}_engine"
}

resource "aws_bedrockagentcore_oauth2_credential_provider" "backend" {
  name                       = "${var.name_prefix}-backend"
  credential_provider_vendor = "CustomOauth2"
  oauth2_provider_config {
    custom_oauth2_provider_config {
      client_id     = "shop-gateway"
      client_secret = "set-outside-terraform"
      oauth_discovery {
        discovery_url = var.idp_discovery_url
      }
    }
  }
}

resource "aws_bedrockagentcore_gateway" "this" {
  name            = "${var.name_prefix}-gateway"
  role_arn        = aws_iam_role.gateway.arn
  authorizer_type = "CUSTOM_JWT"
  authorizer_configuration {
    custom_jwt_authorizer {
      discovery_url    = var.idp_discovery_url
      allowed_audience = ["api://shop"]
    }
  }
  protocol_type = "MCP"
}

resource "aws_bedrockagentcore_gateway_target" "orders" {
  name               = "orders-api"
  gateway_identifier = aws_bedrockagentcore_gateway.this.gateway_id
  credential_provider_configuration {
    oauth {
      provider_arn = aws_bedrockagentcore_oauth2_credential_provider.backend.credential_provider_arn
      scopes       = ["orders.read"]
    }
  }
  target_configuration {
    mcp {
      open_api_schema {
        inline_payload {
          payload = jsonencode({ openapi = "3.0.0", servers = [{ url = var.backend_url }], paths = {} })
        }
      }
    }
  }
}
