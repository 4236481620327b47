"""The stream helper yields Lambda-shaped records, and the one filter keeps message inserts."""

from __future__ import annotations

from carethread.data import keys, models
from carethread.data.stream_filter import MESSAGE_INSERT_FILTER, matches

from tests.support.stream import StreamReader


def _person(person_id: str, now) -> models.Person:
    return models.Person(
        pk=keys.person_pk(person_id),
        sk=keys.PROFILE,
        person_id=person_id,
        role="provider",
        display_name="Someone",
        updated_at=now,
    )


def _message(now) -> models.Message:
    return models.Message(
        pk=keys.thread_pk("t_1"),
        sk=keys.message_sk("01M"),
        message_id="01M",
        thread_id="t_1",
        thread_kind="client",
        sender_id="p1",
        sender_role="provider",
        recipient_id="c1",
        recipient_role="client",
        body="hello",
        sent_at=now,
    )


def test_reader_returns_records_in_the_lambda_event_shape(table, clock):
    # given
    reader = StreamReader(table)
    _message(clock.now()).save()

    # when
    event = reader.next_event()

    # then
    [record] = event["Records"]
    assert record["eventName"] == "INSERT"
    assert record["eventSource"] == "aws:dynamodb"
    assert record["eventSourceARN"] == reader.stream_arn
    assert isinstance(record["dynamodb"]["ApproximateCreationDateTime"], int)
    assert record["dynamodb"]["NewImage"]["entity"] == {"S": "message"}


def test_reader_returns_only_what_is_new_on_each_call(table, clock):
    # given
    reader = StreamReader(table)
    _message(clock.now()).save()
    reader.next_event()

    # when
    _person("p1", clock.now()).save()
    event = reader.next_event(filtered=False)

    # then
    [record] = event["Records"]
    assert record["dynamodb"]["NewImage"]["entity"] == {"S": "person"}


def test_filter_keeps_message_inserts_only(table, clock):
    # given
    reader = StreamReader(table)
    _person("p1", clock.now()).save()
    message = _message(clock.now())
    message.save()
    models.TableItem.get(message.pk, message.sk)
    _person("p1", clock.now()).save()  # a MODIFY of a person

    # when
    records = reader.next_event(filtered=False)["Records"]

    # then
    assert [matches(r) for r in records] == [False, True, False]


def test_filter_refuses_a_modify_of_a_message():
    # given
    record = {"eventName": "MODIFY", "dynamodb": {"NewImage": {"entity": {"S": "message"}}}}

    # when / then
    assert not matches(record)
    assert MESSAGE_INSERT_FILTER["eventName"] == ["INSERT"]
