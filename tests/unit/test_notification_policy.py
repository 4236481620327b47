"""Notification policy (DESIGN.md §1): who gets an email for a new message, at the edges."""

from __future__ import annotations

from datetime import timedelta

import pytest
from carethread.domain.notification_policy import (
    Direction,
    MessageFacts,
    NotificationDecision,
    NotificationWindows,
    decide_notification,
    windows_from_settings,
)
from carethread.settings import NotificationSettings

from tests.support.care_builders import NOW

WINDOWS = NotificationWindows()
SECOND = timedelta(seconds=1)
FIVE_MINUTES = timedelta(minutes=5)
SIXTY_MINUTES = timedelta(minutes=60)
CLIENT_DIRECTIONS = ["client_to_provider", "provider_to_client"]


def message(
    direction: Direction,
    *,
    after_recipient: timedelta | None = None,
    first: bool = False,
    notified: bool = False,
) -> MessageFacts:
    """A message sent at NOW, `after_recipient` after the recipient's latest one (None: never)."""
    return MessageFacts(
        direction=direction,
        sent_at=NOW,
        is_first_message=first,
        recipient_last_sent_at=None if after_recipient is None else NOW - after_recipient,
        recipient_notified_in_streak=notified,
    )


@pytest.mark.parametrize("direction", CLIENT_DIRECTIONS)
def test_reply_at_4_59_is_suppressed(direction: Direction) -> None:
    # given a reply 4:59 after the recipient's latest message
    facts = message(direction, after_recipient=FIVE_MINUTES - SECOND)
    # when
    decision = decide_notification(facts, WINDOWS)
    # then
    assert decision == NotificationDecision(False, "quick_reply")


@pytest.mark.parametrize("direction", CLIENT_DIRECTIONS)
def test_reply_at_exactly_5_00_is_suppressed_because_the_window_is_inclusive(
    direction: Direction,
) -> None:
    # given a reply exactly 5:00 after the recipient's latest message
    facts = message(direction, after_recipient=FIVE_MINUTES)
    # when
    decision = decide_notification(facts, WINDOWS)
    # then
    assert decision == NotificationDecision(False, "quick_reply")


@pytest.mark.parametrize("direction", CLIENT_DIRECTIONS)
def test_reply_at_5_01_notifies(direction: Direction) -> None:
    # given a reply 5:00 + 1 s after the recipient's latest message
    facts = message(direction, after_recipient=FIVE_MINUTES + SECOND)
    # when
    decision = decide_notification(facts, WINDOWS)
    # then
    assert decision == NotificationDecision(True, "new_message")


@pytest.mark.parametrize("direction", CLIENT_DIRECTIONS)
def test_message_to_a_recipient_who_never_sent_notifies(direction: Direction) -> None:
    # given the recipient has not sent anything in this thread
    facts = message(direction, after_recipient=None)
    # when
    decision = decide_notification(facts, WINDOWS)
    # then
    assert decision == NotificationDecision(True, "new_message")


def test_provider_thread_initial_message_notifies() -> None:
    # given the first message of a provider thread
    facts = message("provider_to_provider", first=True)
    # when
    decision = decide_notification(facts, WINDOWS)
    # then
    assert decision == NotificationDecision(True, "initial_message")


def test_provider_reply_at_exactly_60_00_is_suppressed() -> None:
    # given a provider reply exactly 60:00 after the other provider's latest message
    facts = message("provider_to_provider", after_recipient=SIXTY_MINUTES)
    # when
    decision = decide_notification(facts, WINDOWS)
    # then
    assert decision == NotificationDecision(False, "quick_reply")


def test_provider_reply_at_60_01_notifies() -> None:
    # given a provider reply 60:01 after the other provider's latest message
    facts = message("provider_to_provider", after_recipient=SIXTY_MINUTES + SECOND)
    # when
    decision = decide_notification(facts, WINDOWS)
    # then
    assert decision == NotificationDecision(True, "new_message")


def test_provider_reply_window_is_not_the_client_one() -> None:
    # given a provider reply 30 minutes after the other provider's (past 5 min, inside 60)
    facts = message("provider_to_provider", after_recipient=timedelta(minutes=30))
    # when
    decision = decide_notification(facts, WINDOWS)
    # then
    assert decision == NotificationDecision(False, "quick_reply")


@pytest.mark.parametrize(
    "facts",
    [
        message("client_to_provider", after_recipient=timedelta(hours=3), notified=True),
        message("provider_to_client", after_recipient=None, notified=True),
        message("provider_to_provider", first=True, notified=True),
    ],
    ids=["client-to-provider", "provider-to-client", "provider-initial"],
)
def test_recipient_already_notified_in_this_streak_is_suppressed(facts: MessageFacts) -> None:
    # given the recipient was already emailed for this thread and has not read it since
    # when
    decision = decide_notification(facts, WINDOWS)
    # then
    assert decision == NotificationDecision(False, "already_notified")


def test_recipient_message_stamped_after_this_one_notifies() -> None:
    # given (concurrent sends / clock skew) the recipient's latest message is 1 s later
    facts = message("client_to_provider", after_recipient=-SECOND)
    # when
    decision = decide_notification(facts, WINDOWS)
    # then an impossible ordering errs toward telling the recipient
    assert decision == NotificationDecision(True, "new_message")


def test_windows_come_from_notification_settings() -> None:
    # given configured windows (as the environment would set them)
    configured = NotificationSettings(
        client_reply_window=timedelta(minutes=2), provider_reply_window=timedelta(minutes=15)
    )
    # when
    windows = windows_from_settings(configured)
    # then
    assert windows == NotificationWindows(timedelta(minutes=2), timedelta(minutes=15))


def test_default_settings_give_the_designed_windows() -> None:
    # given the production defaults
    # when
    windows = windows_from_settings(NotificationSettings())
    # then
    assert windows == NotificationWindows(FIVE_MINUTES, SIXTY_MINUTES)


def test_environment_configures_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # given the window set in the environment (an ISO 8601 duration)
    monkeypatch.setenv("CARETHREAD_CLIENT_REPLY_WINDOW", "PT10M")
    # when
    windows = windows_from_settings(NotificationSettings())
    # then
    assert windows.client_reply_window == timedelta(minutes=10)
