"""API Lambda entry point: resolve the REST proxy event through the app's routers."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from carethread.observability import logger, metrics

from api.app import app


# log_event pinned off: POWERTOOLS_LOGGER_LOG_EVENT would log every body (PHI).
@logger.inject_lambda_context(
    correlation_id_path=correlation_paths.API_GATEWAY_REST, log_event=False
)
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
