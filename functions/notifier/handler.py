"""Stream consumer with partial batch responses: a bad record is reported alone and retried;
the others in the batch are still decided."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from carethread.observability import logger, metrics
from carethread.services.notifications.notifier import notify_for_record

processor = BatchProcessor(event_type=EventType.DynamoDBStreams)


def handle_record(record: DynamoDBRecord) -> str:
    return notify_for_record(record.raw_event)


@logger.inject_lambda_context(log_event=False)  # never from the env: events hold PHI
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    return process_partial_response(
        event=event, record_handler=handle_record, processor=processor, context=context
    )
