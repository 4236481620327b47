"""EventBridge Scheduler, locally: fire every one-time schedule of the group whose time has
come on the runtime's clock, by invoking its target with the schedule's input, then delete it
(as `ActionAfterCompletion: DELETE` does)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from carethread.clock import Clock
from carethread.observability import logger

Deliver = Callable[[str, dict[str, Any]], Any]
_AT = re.compile(r"^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$")
# A schedule that keeps rescheduling itself would otherwise spin forever.
MAX_ROUNDS = 50


@dataclass(frozen=True)
class DueSchedule:
    name: str
    at: datetime
    target_arn: str
    payload: dict[str, Any]


def schedule_time(expression: str, timezone: str | None) -> datetime | None:
    """The instant of an `at(...)` expression in its zone; None for rate/cron schedules."""
    match = _AT.match(expression.strip())
    if match is None:
        return None
    local = datetime.fromisoformat(match.group(1))
    return local.replace(tzinfo=ZoneInfo(timezone or "UTC"))


class SchedulePump:
    """Fires due one-time schedules of one group through `deliver(target_arn, payload)`."""

    def __init__(self, client: Any, group: str, clock: Clock, deliver: Deliver) -> None:
        self._client = client
        self._group = group
        self._clock = clock
        self._deliver = deliver
        # Schedules are immutable once made here, so each is read once.
        self._details: dict[tuple[str, Any], DueSchedule | None] = {}

    def pending(self) -> list[DueSchedule]:
        """Every one-time schedule in the group, earliest first."""
        schedules = []
        for page in self._client.get_paginator("list_schedules").paginate(GroupName=self._group):
            for summary in page["Schedules"]:
                version = (summary["Name"], summary.get("LastModificationDate"))
                if version not in self._details:
                    self._details[version] = self._read(summary["Name"])
                schedule = self._details[version]
                if schedule is not None:
                    schedules.append(schedule)
        return sorted(schedules, key=lambda s: s.at)

    def _read(self, name: str) -> DueSchedule | None:
        detail = self._client.get_schedule(Name=name, GroupName=self._group)
        at = schedule_time(detail["ScheduleExpression"], detail.get("ScheduleExpressionTimezone"))
        if at is None:
            return None
        target = detail["Target"]
        payload = json.loads(target.get("Input") or "{}")
        return DueSchedule(name, at, target["Arn"], payload)

    def fire_due(self) -> int:
        """Fire what is due at the clock's now, again until nothing is; the number fired."""
        fired = 0
        for _ in range(MAX_ROUNDS):
            now = self._clock.now()
            due = [s for s in self.pending() if s.at <= now]
            if not due:
                break
            for schedule in due:
                self._fire(schedule)
                fired += 1
        return fired

    def _fire(self, schedule: DueSchedule) -> None:
        try:
            self._deliver(schedule.target_arn, schedule.payload)
        except Exception as error:
            logger.error(
                "schedule target failed", schedule=schedule.name, error_type=type(error).__name__
            )
        finally:
            self._client.delete_schedule(Name=schedule.name, GroupName=self._group)
            self._details = {k: v for k, v in self._details.items() if k[0] != schedule.name}
