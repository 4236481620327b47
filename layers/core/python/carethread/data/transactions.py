"""DynamoDB transactions over the single table, and reading why one was canceled."""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from carethread.data.models import TableItem

CONDITION_FAILED = "ConditionalCheckFailed"


def transact_write() -> TransactWrite:
    """A write transaction on the connection the models are bound to."""
    return TransactWrite(connection=TableItem._get_connection().connection)


def cancellation_codes(error: TransactWriteError) -> list[str | None]:
    """Per-item cancellation codes, in the order the items were added (None = item was fine).

    Empty when the transaction failed for another reason than a cancellation.
    """
    if error.cause_response_code != "TransactionCanceledException":
        return []
    return [reason.code if reason else None for reason in error.cancellation_reasons]
