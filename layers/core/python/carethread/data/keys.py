"""The single table's key schema and key builders: the one source for the models, the CDK
table and the test fixtures.

Access patterns (operation → key or index):

| operation | read |
|---|---|
| person profile (`/v1/me`, names in every view) | GetItem / BatchGet `PERSON#<id>`, `PROFILE` |
| provider's roster (`/v1/clients`) | Query `PROVIDER#<p>`, sk begins_with `CLIENT#` |
| one relationship (send/open rules, feed) | GetItem `PROVIDER#<p>`, `CLIENT#<c>` |
| client's care team (`/v1/care-team`, `/care-team`) | Query GSI1 `CLIENT#<c>` |
| thread metadata, membership | GetItem `THREAD#<t>`, `META` |
| messages, newest first, paged | Query `THREAD#<t>`, sk begins_with `MSG#`, descending |
| my threads, unread (`/v1/threads`, `/v1/unread`, `/v1/me`) | Query `INBOX#<me>` |
| one inbox entry (read marker, sender's streak claim) | GetItem `INBOX#<me>`, `THREAD#<t>` |
| idempotent replay | GetItem `IDEMP#<sender>#<key>`, `IDEMP` |
| notification decisions for a thread | Query `NOTIFY#<recipient>#<t>` |
| audit per thread / per subject person | Query `AUDIT#THREAD#<t>` / `AUDIT#PERSON#<p>` |
| audit per actor | Query GSI1 `AUDIT#ACTOR#<actor>` |
| relationships due for re-evaluation (sweep) | Query GSI2 `DUE#<shard>`, `due_at <= now` |
| which pair an appointment id belongs to (feed) | GetItem / conditional Put `APPT#<id>`, `PAIR` |
"""

from __future__ import annotations

import hashlib

PK = "pk"
SK = "sk"
GSI1_NAME = "gsi1"
GSI1_PK = "gsi1pk"
GSI1_SK = "gsi1sk"
DUE_INDEX_NAME = "due"
DUE_PK = "due_shard"
DUE_SK = "due_at"
TTL_ATTRIBUTE = "expires_at"
DISCRIMINATOR = "entity"
STREAM_VIEW_TYPE = "NEW_IMAGE"

# (index name, partition key, sort key): the CDK table and the fixtures build GSIs from this.
GLOBAL_INDEXES: tuple[tuple[str, str, str], ...] = (
    (GSI1_NAME, GSI1_PK, GSI1_SK),
    (DUE_INDEX_NAME, DUE_PK, DUE_SK),
)

PROFILE = "PROFILE"
META = "META"
PAIR = "PAIR"


def person_pk(person_id: str) -> str:
    return f"PERSON#{person_id}"


def provider_pk(provider_id: str) -> str:
    return f"PROVIDER#{provider_id}"


def client_sk(client_id: str) -> str:
    return f"CLIENT#{client_id}"


def client_gsi_pk(client_id: str) -> str:
    return f"CLIENT#{client_id}"


def provider_gsi_sk(provider_id: str) -> str:
    return f"PROVIDER#{provider_id}"


def appointment_pk(appointment_id: str) -> str:
    return f"APPT#{appointment_id}"


def thread_pk(thread_id: str) -> str:
    return f"THREAD#{thread_id}"


def message_sk(message_id: str) -> str:
    return f"MSG#{message_id}"


def inbox_pk(person_id: str) -> str:
    return f"INBOX#{person_id}"


def inbox_sk(thread_id: str) -> str:
    return f"THREAD#{thread_id}"


def idempotency_pk(sender_id: str, key: str) -> str:
    return f"IDEMP#{sender_id}#{key}"


def notification_pk(recipient_id: str, thread_id: str) -> str:
    return f"NOTIFY#{recipient_id}#{thread_id}"


def audit_thread_pk(thread_id: str) -> str:
    return f"AUDIT#THREAD#{thread_id}"


def audit_person_pk(person_id: str) -> str:
    return f"AUDIT#PERSON#{person_id}"


def audit_actor_pk(actor_id: str) -> str:
    return f"AUDIT#ACTOR#{actor_id}"


def due_shard(provider_id: str, client_id: str, shards: int) -> str:
    """Spread due relationships over `shards` partitions so the sweep index has no hot key."""
    digest = hashlib.sha256(f"{provider_id}|{client_id}".encode()).digest()
    return f"DUE#{int.from_bytes(digest[:4], 'big') % shards}"


def due_shard_keys(shards: int) -> list[str]:
    """Every partition of the due index (what the sweep queries)."""
    return [f"DUE#{index}" for index in range(shards)]


def thread_id_for(kind: str, members: list[str]) -> str:
    """Deterministic thread id from kind and members; a hash, so it reveals no person id.

    Client thread members: (provider, client). Provider thread: (provider, provider, client) —
    the client is part of the identity because each mutual client has its own thread.
    """
    if kind == "client":
        material = "client|" + "|".join(members)
    else:
        *providers, client = members
        material = "provider|" + "|".join(sorted(providers)) + "|" + client
    return "t_" + hashlib.sha256(material.encode()).hexdigest()[:30]


def create_table_arguments(table_name: str) -> dict:
    """boto3 `create_table` arguments for the single table (fixtures, local runtime).

    The CDK table construct builds the same table from the same constants.
    """
    key_attributes = {PK, SK} | {a for _, pk, sk in GLOBAL_INDEXES for a in (pk, sk)}
    return {
        "TableName": table_name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": name, "AttributeType": "S"} for name in sorted(key_attributes)
        ],
        "KeySchema": [
            {"AttributeName": PK, "KeyType": "HASH"},
            {"AttributeName": SK, "KeyType": "RANGE"},
        ],
        "GlobalSecondaryIndexes": [
            {
                "IndexName": name,
                "KeySchema": [
                    {"AttributeName": pk, "KeyType": "HASH"},
                    {"AttributeName": sk, "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
            for name, pk, sk in GLOBAL_INDEXES
        ],
        "StreamSpecification": {"StreamEnabled": True, "StreamViewType": STREAM_VIEW_TYPE},
    }
