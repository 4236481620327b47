"""Invoked by EventBridge Scheduler with the schedule's Input (ids only) as the event."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext
from carethread.contracts.notifications import SchedulePayload
from carethread.observability import logger, metrics
from carethread.services.notifications.sender import send_notification


@logger.inject_lambda_context(log_event=False)  # never from the env: like every handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    outcome = send_notification(SchedulePayload.model_validate(event))
    return asdict(outcome)
