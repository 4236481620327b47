"""Read moto's DynamoDB stream for a table and hand it over as Lambda would deliver it.

`StreamReader(table_name).next_event()` returns the records written since the previous call
as a Lambda DynamoDB-stream event `{"Records": [...]}` (with `eventSourceARN`, numeric
`ApproximateCreationDateTime`), filtered by the notifier's event-source filter unless
`filtered=False`. Used by the notification tests and reusable by the local runtime's pump.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import boto3
from carethread.data.stream_filter import matches


class StreamReader:
    """Follows a table's stream from its start; each call returns only what is new."""

    def __init__(self, table_name: str, *, dynamodb: Any = None, streams: Any = None) -> None:
        self._dynamodb: Any = dynamodb or boto3.client("dynamodb")
        self._streams: Any = streams or boto3.client("dynamodbstreams")
        self.stream_arn: str = self._dynamodb.describe_table(TableName=table_name)["Table"][
            "LatestStreamArn"
        ]
        self._last_sequence: dict[str, str] = {}

    def next_event(self, *, filtered: bool = True) -> dict[str, Any]:
        """New records since the last call, in the Lambda event shape."""
        records = [self._lambda_record(raw) for raw in self._read_new()]
        if filtered:
            records = [record for record in records if matches(record)]
        return {"Records": records}

    def _read_new(self) -> list[dict[str, Any]]:
        shards = self._streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"][
            "Shards"
        ]
        collected: list[dict[str, Any]] = []
        for shard in shards:
            shard_id = shard["ShardId"]
            iterator = self._iterator(shard_id)
            while iterator:
                page = self._streams.get_records(ShardIterator=iterator, Limit=1000)
                if not page["Records"]:
                    break
                collected.extend(page["Records"])
                self._last_sequence[shard_id] = page["Records"][-1]["dynamodb"]["SequenceNumber"]
                iterator = page.get("NextShardIterator")
        return collected

    def _iterator(self, shard_id: str) -> str:
        last = self._last_sequence.get(shard_id)
        position: dict[str, str] = (
            {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": last}
            if last
            else {"ShardIteratorType": "TRIM_HORIZON"}
        )
        return self._streams.get_shard_iterator(
            StreamArn=self.stream_arn, ShardId=shard_id, **position
        )["ShardIterator"]

    def _lambda_record(self, raw: dict[str, Any]) -> dict[str, Any]:
        record = dict(raw)
        change = dict(record["dynamodb"])
        created = change.get("ApproximateCreationDateTime")
        if isinstance(created, datetime):
            change["ApproximateCreationDateTime"] = int(created.timestamp())
        record["dynamodb"] = change
        record["eventSourceARN"] = self.stream_arn
        return record


def stream_event(table_name: str, *, filtered: bool = True) -> dict[str, Any]:
    """Every record of the table's stream so far, as one Lambda event."""
    return StreamReader(table_name).next_event(filtered=filtered)
