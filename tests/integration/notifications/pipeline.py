"""A test harness for the whole notification path on moto, in the order AWS runs it:

send (writes the message) → `deliver()` feeds the real stream records to the notifier handler
→ `fire()` invokes the sender handler with the schedule's own Input, at the schedule's time,
and deletes the schedule afterwards as ActionAfterCompletion=DELETE does → `emails()` reads
what SES accepted.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from typing import Any

import boto3
from carethread.clock import FixedClock
from carethread.data import keys
from carethread.data.models import Notification
from carethread.services.notifications.notifier import schedule_name
from carethread.settings import notification_settings
from carethread.timefmt import parse_instant

from tests.integration.notifications import messaging
from tests.support.email import SentEmail, sent_emails, verify_sender
from tests.support.events import FakeLambdaContext
from tests.support.stream import StreamReader


class Pipeline:
    def __init__(self, table: str, clock: FixedClock, *, verified: bool = True) -> None:
        self.clock = clock
        self.settings = notification_settings()
        self.scheduler: Any = _client("scheduler")
        self.scheduler.create_schedule_group(Name=self.settings.schedule_group)
        self.stream = StreamReader(
            table, dynamodb=_client("dynamodb"), streams=_client("dynamodbstreams")
        )
        self.last_event: dict[str, Any] = {"Records": []}
        self.fired: list[dict[str, Any]] = []  # every schedule as it was when it fired
        if verified:
            self.verify_sender()

    def verify_sender(self) -> None:
        verify_sender(self.settings.from_address, client=_client("sesv2"))

    # -- the product's actions (through the API once it serves them) --
    def send(self, sender_id: str, thread_id: str, body: str = "hello") -> str:
        return messaging.send(sender_id, thread_id, body)

    def read(self, reader_id: str, thread_id: str) -> None:
        messaging.read(reader_id, thread_id)

    # -- the pipeline --
    def deliver(self, event: dict[str, Any] | None = None) -> dict[str, Any]:
        """Feed the stream records written since the last delivery (or `event`) to the notifier."""
        from notifier.handler import lambda_handler

        if event is None:
            event = self.stream.next_event()
            self.last_event = event
        return lambda_handler(event, FakeLambdaContext())  # type: ignore[arg-type]

    def schedule(self, recipient_id: str, thread_id: str) -> dict[str, Any] | None:
        try:
            return self.scheduler.get_schedule(
                Name=schedule_name(recipient_id, thread_id), GroupName=self.settings.schedule_group
            )
        except self.scheduler.exceptions.ResourceNotFoundException:
            return None

    def schedules(self) -> list[dict[str, Any]]:
        listed = self.scheduler.list_schedules(GroupName=self.settings.schedule_group)
        return [
            self.scheduler.get_schedule(Name=s["Name"], GroupName=self.settings.schedule_group)
            for s in listed["Schedules"]
        ]

    def fire(self, recipient_id: str, thread_id: str, *, delete: bool = True) -> dict[str, Any]:
        """Run the pending schedule: move the clock to its time, invoke the sender with its
        Input, then delete it (ActionAfterCompletion=DELETE) unless the sender raised."""
        from sender.handler import lambda_handler

        schedule = self.schedule(recipient_id, thread_id)
        assert schedule is not None, "no pending schedule"
        self.fired.append(schedule)
        at = _at_time(schedule["ScheduleExpression"])
        if at > self.clock.now():
            self.clock.set(at)
        result = lambda_handler(json.loads(schedule["Target"]["Input"]), FakeLambdaContext())  # type: ignore[arg-type]
        if delete:
            self.scheduler.delete_schedule(
                Name=schedule["Name"], GroupName=self.settings.schedule_group
            )
        return result

    # -- what happened --
    def emails(self) -> list[SentEmail]:
        return sent_emails()

    def notifications(self, recipient_id: str, thread_id: str) -> list[Notification]:
        return list(Notification.query(keys.notification_pk(recipient_id, thread_id)))

    def decisions(self, recipient_id: str, thread_id: str) -> list[tuple[str, str | None]]:
        return [(n.status, n.reason) for n in self.notifications(recipient_id, thread_id)]


@cache
def _client(service: Any) -> Any:
    # Clients outlive one mock_aws (moto intercepts every call while a mock is active), and
    # building one costs ~70 ms: share them across tests.
    return boto3.client(service, region_name="us-east-1")


def _at_time(expression: str) -> datetime:
    # "at(2026-12-03T15:02:00)" in UTC
    return parse_instant(expression[3:-1] + "Z")
