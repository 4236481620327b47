"""Placeholder router (api-views lane fills it); `api.app` already includes it."""

from aws_lambda_powertools.event_handler.router import APIGatewayRouter

router = APIGatewayRouter()
