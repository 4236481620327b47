"""The DynamoDB stream → notifier event source mapping: read the table's stream from moto,
keep the records the deployed filter keeps, and deliver them in Lambda's batch shape."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from carethread.observability import logger

from infra.local.lambda_events import stream_event

Deliver = Callable[[dict[str, Any]], Any]
Keep = Callable[[dict[str, Any]], bool]
BATCH_SIZE = 100
READ_LIMIT = 1000
# Lambda retries a batch with failed items; locally a few immediate retries stand in for it.
MAX_ATTEMPTS = 3


class StreamPump:
    """Delivers every new stream record once, in order, to `deliver`."""

    def __init__(
        self,
        client: Any,
        stream_arn: str,
        deliver: Deliver,
        keep: Keep,
    ) -> None:
        self._client = client
        self._stream_arn = stream_arn
        self._deliver = deliver
        self._keep = keep
        shards = client.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"]
        # Position: the last sequence number delivered per shard (None: from the beginning).
        self._positions: dict[str, str | None] = {shard["ShardId"]: None for shard in shards}

    def pump(self) -> int:
        """Read and deliver until the stream has nothing new; the number of records delivered."""
        delivered = 0
        for shard_id in list(self._positions):
            while True:
                records = self._read(shard_id)
                if records:
                    self._positions[shard_id] = _sequence(records[-1])
                kept = [r for r in records if self._keep(r)]
                for start in range(0, len(kept), BATCH_SIZE):
                    self._deliver_batch(kept[start : start + BATCH_SIZE])
                delivered += len(kept)
                # A short page means the shard is read to its end.
                if len(records) < READ_LIMIT:
                    break
        return delivered

    def _read(self, shard_id: str) -> list[dict[str, Any]]:
        # A fresh iterator per read, never a chained one: moto swaps in a copy of the table
        # (and its stream) when a transaction is canceled, and an old iterator would keep
        # reading the discarded copy.
        last = self._positions[shard_id]
        position = (
            {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": last}
            if last
            else {"ShardIteratorType": "TRIM_HORIZON"}
        )
        iterator = self._client.get_shard_iterator(
            StreamArn=self._stream_arn, ShardId=shard_id, **position
        )["ShardIterator"]
        page = self._client.get_records(ShardIterator=iterator, Limit=READ_LIMIT)
        return [lambda_record(r) for r in page["Records"]]

    def _deliver_batch(self, batch: list[dict[str, Any]]) -> None:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            response = self._deliver(stream_event(batch, self._stream_arn)) or {}
            failed = {f["itemIdentifier"] for f in response.get("batchItemFailures") or []}
            if not failed:
                return
            # Lambda resumes from the first failed record, so everything after it goes again.
            first = min(i for i, r in enumerate(batch) if _sequence(r) in failed)
            batch = batch[first:]
            logger.warning("stream batch failed", attempt=attempt, failed=len(failed))
        logger.error("stream records dropped after retries", count=len(batch))


def _sequence(record: dict[str, Any]) -> str:
    return str(record["dynamodb"]["SequenceNumber"])


def lambda_record(record: dict[str, Any]) -> dict[str, Any]:
    """A boto3 stream record as JSON Lambda would send: epoch seconds, base64 binaries."""
    return json.loads(json.dumps(record, default=_json_value))


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return int(value.timestamp())
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"unexpected {type(value).__name__} in a stream record")
