"""The runtime's stream and schedule pumps against its moto, below the HTTP layer."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from botocore.exceptions import ClientError
from carethread.data.stream_filter import MESSAGE_INSERT_FILTER, matches

from infra.local.schedule_pump import schedule_time
from infra.local.stream_pump import StreamPump


def _message_item(message_id: str) -> dict:
    return {
        "pk": {"S": "THREAD#t_pump"},
        "sk": {"S": f"MSG#{message_id}"},
        "entity": {"S": "message"},
    }


@pytest.fixture
def pump_and_batches(runtime):
    batches: list[dict] = []
    pump = StreamPump(
        runtime.session.client("dynamodbstreams"),
        runtime.resources.stream_arn,
        batches.append,
        lambda record: matches(record, MESSAGE_INSERT_FILTER),
    )
    pump.pump()  # skip what the table already holds
    batches.clear()
    return pump, batches


def test_only_message_inserts_reach_the_notifier(runtime, pump_and_batches):
    # given
    pump, batches = pump_and_batches
    dynamodb = runtime.session.client("dynamodb")
    dynamodb.put_item(TableName=runtime.resources.table_name, Item=_message_item("m1"))
    other = {"pk": {"S": "PERSON#x"}, "sk": {"S": "PROFILE"}, "entity": {"S": "person"}}
    dynamodb.put_item(TableName=runtime.resources.table_name, Item=other)

    # when
    delivered = pump.pump()

    # then
    assert delivered == 1
    [record] = batches[0]["Records"]
    assert record["dynamodb"]["Keys"]["sk"] == {"S": "MSG#m1"}
    assert record["eventSourceARN"] == runtime.resources.stream_arn
    assert isinstance(record["dynamodb"]["ApproximateCreationDateTime"], int)


def test_records_after_a_canceled_transaction_are_still_delivered(runtime, pump_and_batches):
    # given: moto replaces the table (and its stream) with a copy when a transaction fails
    pump, batches = pump_and_batches
    dynamodb = runtime.session.client("dynamodb")
    table = runtime.resources.table_name
    failing = {
        "Put": {
            "TableName": table,
            "Item": _message_item("never"),
            "ConditionExpression": "attribute_exists(pk)",
        }
    }
    with pytest.raises(ClientError):
        dynamodb.transact_write_items(TransactItems=[failing])

    # when
    dynamodb.put_item(TableName=table, Item=_message_item("m2"))
    pump.pump()

    # then
    keys = [r["dynamodb"]["Keys"]["sk"]["S"] for b in batches for r in b["Records"]]
    assert keys == ["MSG#m2"]


def test_a_one_time_schedule_is_read_in_its_time_zone():
    # when
    at = schedule_time("at(2026-12-03T10:02:00)", "America/New_York")

    # then
    assert at == datetime(2026, 12, 3, 15, 2, tzinfo=UTC)


def test_a_recurring_schedule_is_not_a_one_time_schedule():
    # when / then
    assert schedule_time("rate(1 hour)", "UTC") is None
