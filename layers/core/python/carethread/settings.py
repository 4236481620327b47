"""Settings: one pydantic model per concern, read once from the environment.

Every value has a production default or comes from the stack's environment variables
(prefix `CARETHREAD_`). Domain code receives settings objects; it never reads `os.environ`.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict

_ENV = SettingsConfigDict(env_prefix="CARETHREAD_", env_nested_delimiter="__", extra="ignore")


class CrisisResource(BaseModel):
    name: str
    contact: str


class CoreSettings(BaseSettings):
    """What every function needs: where the table is."""

    model_config = _ENV
    table_name: str = "carethread"
    region: str = "us-east-1"
    # Only set when talking to an emulator (the local runtime's moto server).
    dynamodb_endpoint: str | None = None


class MessagingSettings(BaseSettings):
    model_config = _ENV
    body_max_chars: int = 10_000
    # Room for the longest valid body in the widest JSON spelling: 10,000 characters escaped as
    # surrogate pairs (`\ud83d\ude00`, 12 bytes each) is 120,000 bytes, plus the envelope.
    request_max_bytes: int = 128_000
    idempotency_ttl: timedelta = timedelta(hours=24)
    crisis_text: str = (
        "Messaging is not for emergencies. If you are in crisis or thinking about harming "
        "yourself, call or text 988, call 911, or text HOME to 741741."
    )
    crisis_resources: list[CrisisResource] = [
        CrisisResource(name="988 Suicide & Crisis Lifeline", contact="Call or text 988"),
        CrisisResource(name="Emergency services", contact="Call 911"),
        CrisisResource(name="Crisis Text Line", contact="Text HOME to 741741"),
    ]
    new_client_text: str = (
        "This client chose you as their provider. Their first appointment is on {date}. "
        "You can message them before it."
    )


class NotificationSettings(BaseSettings):
    model_config = _ENV
    client_reply_window: timedelta = timedelta(minutes=5)
    provider_reply_window: timedelta = timedelta(minutes=60)
    delay: timedelta = timedelta(minutes=2)
    schedule_group: str = "carethread-notifications"
    sender_function_arn: str = "arn:aws:lambda:us-east-1:000000000000:function:carethread-sender"
    scheduler_role_arn: str = "arn:aws:iam::000000000000:role/carethread-scheduler"
    scheduler_dlq_arn: str | None = None
    from_address: str = "no-reply@carethread.example"
    configuration_set: str = "carethread"
    sign_in_url: str = "https://app.carethread.example/sign-in"
    email_subject: str = "You have a new secure message"
    email_text: str = (
        "You have a new secure message waiting in CareThread.\n\n"
        "Sign in to read it: {sign_in_url}\n\n"
        "For your privacy, this email does not include the message."
    )
    # `{sign_in_url}` is HTML-escaped before it is put in.
    email_html: str = (
        "<p>You have a new secure message waiting in CareThread.</p>"
        '<p><a href="{sign_in_url}">Sign in to read it</a></p>'
        "<p>For your privacy, this email does not include the message.</p>"
    )
    # Only set when talking to an emulator (the local runtime): Scheduler and SES endpoint.
    aws_endpoint: str | None = None


class SweepSettings(BaseSettings):
    model_config = _ENV
    due_shards: int = 8
    page_size: int = 100
    # Stop starting new work when less than this remains of the invocation.
    time_budget_margin_ms: int = 10_000


class CareEventsSettings(BaseSettings):
    """The care-events Lambda: where rejected platform events go (an SQS queue)."""

    model_config = _ENV
    dead_letter_queue_url: str | None = None


@lru_cache(maxsize=1)
def core_settings() -> CoreSettings:
    return CoreSettings()


@lru_cache(maxsize=1)
def messaging_settings() -> MessagingSettings:
    return MessagingSettings()


@lru_cache(maxsize=1)
def notification_settings() -> NotificationSettings:
    return NotificationSettings()


@lru_cache(maxsize=1)
def sweep_settings() -> SweepSettings:
    return SweepSettings()


@lru_cache(maxsize=1)
def care_events_settings() -> CareEventsSettings:
    return CareEventsSettings()
