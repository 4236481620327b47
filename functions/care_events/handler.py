"""Care-events Lambda: an EventBridge rule delivers one platform event per invocation."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext
from carethread.observability import logger, metrics
from carethread.services.care_events import handle_care_event


@logger.inject_lambda_context(log_event=False)  # never from the env: events hold PHI
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return handle_care_event(event)
