"""The schedule the notifier creates: one-time, self-deleting, in its group, aimed at the
sender with ids only, at sent_at + the configured delay."""

from __future__ import annotations

import json
from datetime import timedelta

from carethread.data import keys
from carethread.data.models import Message
from carethread.services.notifications.notifier import notify_for_message, schedule_name
from carethread.settings import NotificationSettings

from tests.conftest import T0
from tests.integration.notifications.conftest import CLIENT, PROVIDER


def _only_message(thread_id: str) -> Message:
    [message] = Message.query(keys.thread_pk(thread_id))
    return message


def test_schedule_is_one_time_self_deleting_and_aimed_at_the_sender(pipeline, client_thread):
    # given
    message_id = pipeline.send(CLIENT.person_id, client_thread, "Hello there")

    # when
    pipeline.deliver()

    # then
    schedule = pipeline.schedule(PROVIDER.person_id, client_thread)
    settings = pipeline.settings
    assert schedule["GroupName"] == settings.schedule_group
    assert schedule["ScheduleExpression"] == "at(2026-12-03T15:02:00)"
    assert schedule["ScheduleExpressionTimezone"] == "UTC"
    assert schedule["ActionAfterCompletion"] == "DELETE"
    assert schedule["Target"]["Arn"] == settings.sender_function_arn
    assert schedule["Target"]["RoleArn"] == settings.scheduler_role_arn
    assert json.loads(schedule["Target"]["Input"]) == {
        "recipient_id": PROVIDER.person_id,
        "thread_id": client_thread,
        "message_id": message_id,
    }
    assert (
        pipeline.notifications(PROVIDER.person_id, client_thread)[0].schedule_name
        == (schedule["Name"])
    )


def test_delay_comes_from_settings(pipeline, client_thread):
    # given
    pipeline.send(CLIENT.person_id, client_thread, "Hello there")
    settings = NotificationSettings(delay=timedelta(minutes=10))

    # when
    notify_for_message(_only_message(client_thread), settings=settings)

    # then
    schedule = pipeline.schedule(PROVIDER.person_id, client_thread)
    assert schedule["ScheduleExpression"] == "at(2026-12-03T15:10:00)"


def test_a_late_record_is_scheduled_a_minute_ahead_not_in_the_past(pipeline, client_thread):
    # given the record reaches the notifier an hour after the message was sent
    pipeline.send(CLIENT.person_id, client_thread, "Hello there")
    pipeline.clock.set(T0 + timedelta(hours=1))

    # when
    pipeline.deliver()

    # then
    schedule = pipeline.schedule(PROVIDER.person_id, client_thread)
    assert schedule["ScheduleExpression"] == "at(2026-12-03T16:01:00)"


def test_schedule_name_is_deterministic_per_recipient_and_thread_and_unreadable():
    # given / when
    name = schedule_name("prov_ada", "t_abc")

    # then
    assert name == schedule_name("prov_ada", "t_abc")
    assert name != schedule_name("client_bo", "t_abc")
    assert name.startswith("notify-") and len(name) == 47
    assert "prov_ada" not in name and "t_abc" not in name
