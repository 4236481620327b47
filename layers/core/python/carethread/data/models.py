"""The single table through PynamoDB polymorphism: one base model, one subclass per entity.

Key layout and access patterns: see `carethread.data.keys`. Table models never leave the
data/service layer; handlers return pydantic contracts.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    DiscriminatorAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.connection import TableConnection
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from carethread.data import keys
from carethread.settings import core_settings


class Gsi1(GlobalSecondaryIndex["TableItem"]):
    """Overloaded: a client's care team (`CLIENT#c`/`PROVIDER#p`); audit per actor."""

    class Meta:
        index_name = keys.GSI1_NAME
        projection = AllProjection()

    gsi1pk = UnicodeAttribute(hash_key=True)
    gsi1sk = UnicodeAttribute(range_key=True)


class DueIndex(GlobalSecondaryIndex["TableItem"]):
    """Sparse: only relationships whose status will change at `due_at` are in it."""

    class Meta:
        index_name = keys.DUE_INDEX_NAME
        projection = AllProjection()

    due_shard = UnicodeAttribute(hash_key=True)
    due_at = UnicodeAttribute(range_key=True)


class TableItem(Model):
    class Meta:
        table_name = core_settings().table_name
        region = core_settings().region
        host = core_settings().dynamodb_endpoint
        billing_mode = "PAY_PER_REQUEST"

    pk = UnicodeAttribute(hash_key=True, attr_name=keys.PK)
    sk = UnicodeAttribute(range_key=True, attr_name=keys.SK)
    entity = DiscriminatorAttribute(attr_name=keys.DISCRIMINATOR)
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi1 = Gsi1()
    due_index = DueIndex()

    @classmethod
    def _get_connection(cls) -> TableConnection:
        # Every entity lives in this one table, so all share the base's connection. PynamoDB
        # would otherwise build one per subclass on its first use, each with its own botocore
        # session and client (~70-100 ms): a cold request paid that two or three times.
        if cls is TableItem:
            return super()._get_connection()
        return TableItem._get_connection()


def bind_table(table_name: str, *, region: str | None = None, host: str | None = None) -> None:
    """Point every model at another table/endpoint (test fixtures, the local runtime)."""
    meta = TableItem.Meta
    target = (table_name, region or meta.region, host)
    if (meta.table_name, meta.region, meta.host) == target:
        return  # keep the cached connections: each costs a botocore session (~70 ms)
    meta.table_name, meta.region, meta.host = target
    # PynamoDB caches its connection per model class.
    for model in (TableItem, *TableItem.__subclasses__()):
        setattr(model, "_connection", None)  # noqa: B010 - private cache, no public reset


class Person(TableItem, discriminator="person"):
    person_id = UnicodeAttribute()
    role = UnicodeAttribute()  # provider | client | system
    display_name = UnicodeAttribute()
    email = UnicodeAttribute(null=True)
    timezone = UnicodeAttribute(null=True)
    updated_at = UTCDateTimeAttribute()


class AppointmentFact(MapAttribute[str, Any]):
    appointment_id = UnicodeAttribute()
    starts_at = UTCDateTimeAttribute()
    status = UnicodeAttribute()  # scheduled | completed | canceled | no_show
    is_initial = BooleanAttribute(default=False)
    changed_at = UTCDateTimeAttribute(null=True)


class Relationship(TableItem, discriminator="relationship"):
    """One provider–client pair: the appointment facts and the evaluated status.

    Appointments live on the relationship item so one GetItem evaluates the rule
    (see docs/decisions.md for the size bound). `status`, `status_reason` and
    `next_transition_at` are a cache of `evaluate_care` at `evaluated_at`; the send path
    re-evaluates from the facts, the sweep refreshes the cache when `due_at` passes.
    """

    provider_id = UnicodeAttribute()
    client_id = UnicodeAttribute()
    appointments = ListAttribute(of=AppointmentFact, default=list)
    rematched_at = UTCDateTimeAttribute(null=True)
    rematched_to = UnicodeAttribute(null=True)
    status = UnicodeAttribute(default="past")
    status_reason = UnicodeAttribute(default="no_recent_visit")
    next_transition_at = UTCDateTimeAttribute(null=True)
    evaluated_at = UTCDateTimeAttribute(null=True)
    due_shard = UnicodeAttribute(null=True)
    due_at = UnicodeAttribute(null=True)
    version = VersionAttribute()


class AppointmentRef(TableItem, discriminator="appointment_ref"):
    """Claims an appointment id for one provider-client pair (`APPT#<id>`/`PAIR`), so the feed
    can refuse an id that reappears on another pair without searching relationships."""

    appointment_id = UnicodeAttribute()
    provider_id = UnicodeAttribute()
    client_id = UnicodeAttribute()


class Thread(TableItem, discriminator="thread"):
    thread_id = UnicodeAttribute()
    kind = UnicodeAttribute()  # client | provider
    participant_ids = ListAttribute(of=UnicodeAttribute)
    client_id = UnicodeAttribute()
    created_by = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    message_count = NumberAttribute(default=0)
    last_message_id = UnicodeAttribute(null=True)
    last_message_at = UTCDateTimeAttribute(null=True)
    # person id → RFC 3339 instant of that participant's latest message here
    last_sent_at = MapAttribute[str, Any](default=dict)


class Message(TableItem, discriminator="message"):
    """Immutable. Carries the facts the notifier decides on, stamped at send time."""

    message_id = UnicodeAttribute()
    thread_id = UnicodeAttribute()
    thread_kind = UnicodeAttribute()
    sender_id = UnicodeAttribute()
    sender_role = UnicodeAttribute()
    recipient_id = UnicodeAttribute()
    recipient_role = UnicodeAttribute()
    body = UnicodeAttribute()
    sent_at = UTCDateTimeAttribute()
    is_first_message = BooleanAttribute(default=False)
    recipient_last_sent_at = UTCDateTimeAttribute(null=True)
    recipient_notified_in_streak = BooleanAttribute(default=False)


class InboxEntry(TableItem, discriminator="inbox"):
    owner_id = UnicodeAttribute()
    thread_id = UnicodeAttribute()
    kind = UnicodeAttribute()
    counterpart_id = UnicodeAttribute()
    client_id = UnicodeAttribute()
    unread_count = NumberAttribute(default=0)
    last_read_message_id = UnicodeAttribute(null=True)
    last_message_id = UnicodeAttribute(null=True)
    last_message_at = UTCDateTimeAttribute(null=True)
    # True once an email went out for the current unread streak; reading resets it.
    notified_since_read = BooleanAttribute(default=False)
    created_at = UTCDateTimeAttribute()


class IdempotencyRecord(TableItem, discriminator="idempotency"):
    sender_id = UnicodeAttribute()
    request_hash = UnicodeAttribute()
    thread_id = UnicodeAttribute()
    message_id = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute(attr_name=keys.TTL_ATTRIBUTE)


class Notification(TableItem, discriminator="notification"):
    """One decision per message and recipient: scheduled, sent, or suppressed with a reason."""

    recipient_id = UnicodeAttribute()
    thread_id = UnicodeAttribute()
    message_id = UnicodeAttribute()
    status = UnicodeAttribute()  # scheduled | sending | sent | suppressed
    reason = UnicodeAttribute(null=True)
    schedule_name = UnicodeAttribute(null=True)
    decided_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()


class AuditRecord(TableItem, discriminator="audit"):
    """Who did what to which subject, when. Never message text, names or emails."""

    actor_id = UnicodeAttribute()
    actor_role = UnicodeAttribute()
    action = UnicodeAttribute()
    subject_type = UnicodeAttribute()  # thread | person | relationship
    subject_id = UnicodeAttribute()
    at = UTCDateTimeAttribute()
    outcome = UnicodeAttribute(default="ok")  # ok | refused:<code>
    detail = MapAttribute[str, Any](null=True)  # ids and codes only
