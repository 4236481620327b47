"""The one definition of which stream records reach the notifier: message inserts.

`MESSAGE_INSERT_FILTER` is the Lambda event-source FilterCriteria pattern (the CDK stack
imports it); `matches` applies the same pattern to a record, for the local runtime's stream
pump and for tests, so the deployed filter and the local one cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from carethread.data import keys

MESSAGE_INSERT_FILTER: dict[str, Any] = {
    "eventName": ["INSERT"],
    "dynamodb": {"NewImage": {keys.DISCRIMINATOR: {"S": ["message"]}}},
}


def matches(record: dict[str, Any], pattern: dict[str, Any] = MESSAGE_INSERT_FILTER) -> bool:
    """Whether a DynamoDB stream record (Lambda event shape) passes the filter pattern.

    Supports what our pattern uses, with EventBridge-pattern semantics: a list means "the
    value is one of these", a dict means "descend into this field"; every key must match.
    """
    for field, expected in pattern.items():
        if field not in record:
            return False
        value = record[field]
        if isinstance(expected, dict):
            if not isinstance(value, dict) or not matches(value, expected):
                return False
        elif value not in expected:
            return False
    return True
