"""EventBridge Scheduler: one-time schedules that invoke the sender Lambda."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from botocore.exceptions import ClientError

from carethread.settings import NotificationSettings, core_settings, notification_settings
from carethread.timefmt import to_utc


@lru_cache(maxsize=1)
def default_client() -> Any:
    """One client per process (Lambda reuses it across invocations)."""
    import boto3  # late: only scheduling needs it, so boto3 stays off the cold start

    return boto3.client(
        "scheduler",
        region_name=core_settings().region,
        endpoint_url=notification_settings().aws_endpoint,
    )


def at_expression(at: datetime) -> str:
    """`at(yyyy-mm-ddThh:mm:ss)` in UTC; Scheduler has 1-minute precision anyway."""
    return f"at({to_utc(at):%Y-%m-%dT%H:%M:%S})"


def create_one_time_schedule(
    *,
    name: str,
    at: datetime,
    target_input: str,
    settings: NotificationSettings,
    client: Any = None,
) -> bool:
    """Create a one-time schedule that deletes itself after it ran.

    Returns False when a schedule of that name already exists in the group (Scheduler's
    ConflictException): the caller's deterministic name means "already scheduled".
    """
    target: dict[str, Any] = {
        "Arn": settings.sender_function_arn,
        "RoleArn": settings.scheduler_role_arn,
        "Input": target_input,
        "RetryPolicy": {"MaximumEventAgeInSeconds": 3600, "MaximumRetryAttempts": 10},
    }
    if settings.scheduler_dlq_arn:
        target["DeadLetterConfig"] = {"Arn": settings.scheduler_dlq_arn}
    try:
        (client or default_client()).create_schedule(
            Name=name,
            GroupName=settings.schedule_group,
            ScheduleExpression=at_expression(at),
            ScheduleExpressionTimezone="UTC",
            FlexibleTimeWindow={"Mode": "OFF"},
            ActionAfterCompletion="DELETE",
            State="ENABLED",
            Target=target,
        )
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConflictException":
            return False
        raise
    return True


def pending_schedule_input(
    *, name: str, settings: NotificationSettings, client: Any = None
) -> str | None:
    """The `Input` of the named schedule, or None when it no longer exists."""
    try:
        schedule = (client or default_client()).get_schedule(
            Name=name, GroupName=settings.schedule_group
        )
    except ClientError as error:
        if error.response["Error"]["Code"] == "ResourceNotFoundException":
            return None
        raise
    return str(schedule["Target"]["Input"])
