"""Eligibility sweep Lambda, run hourly by an EventBridge schedule (the event is ignored)."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext
from carethread.observability import logger, metrics
from carethread.services.sweep import run_sweep


@logger.inject_lambda_context(log_event=False)  # never from the env: like every handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, int]:
    return run_sweep(remaining_ms=context.get_remaining_time_in_millis).summary()
