"""Whether a new message should email its recipient: a pure function of stamped facts.

Windows are inclusive: a reply sent exactly 5:00 (or 60:00) after the recipient's latest
message in the thread still counts as "within" the window and is suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from carethread.settings import NotificationSettings

Direction = Literal["client_to_provider", "provider_to_client", "provider_to_provider"]


@dataclass(frozen=True)
class NotificationWindows:
    client_reply_window: timedelta = timedelta(minutes=5)
    provider_reply_window: timedelta = timedelta(minutes=60)


def windows_from_settings(settings: NotificationSettings) -> NotificationWindows:
    """The policy's windows from configuration (`CARETHREAD_CLIENT_REPLY_WINDOW`, ...)."""
    return NotificationWindows(
        client_reply_window=settings.client_reply_window,
        provider_reply_window=settings.provider_reply_window,
    )


@dataclass(frozen=True)
class MessageFacts:
    direction: Direction
    sent_at: datetime
    is_first_message: bool
    recipient_last_sent_at: datetime | None
    recipient_notified_in_streak: bool


@dataclass(frozen=True)
class NotificationDecision:
    notify: bool
    reason: str  # notify: "initial_message" | "new_message"; suppress: see below


def decide_notification(facts: MessageFacts, windows: NotificationWindows) -> NotificationDecision:
    """Notify, or suppress with `already_notified` / `quick_reply`."""
    if facts.recipient_notified_in_streak:
        return NotificationDecision(False, "already_notified")
    if facts.direction == "provider_to_provider" and facts.is_first_message:
        return NotificationDecision(True, "initial_message")
    window = (
        windows.provider_reply_window
        if facts.direction == "provider_to_provider"
        else windows.client_reply_window
    )
    if _replies_within(facts, window):
        return NotificationDecision(False, "quick_reply")
    return NotificationDecision(True, "new_message")


def _replies_within(facts: MessageFacts, window: timedelta) -> bool:
    last = facts.recipient_last_sent_at
    return last is not None and timedelta(0) <= facts.sent_at - last <= window
