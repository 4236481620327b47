"""Sweep cost: how many items the sweep reads when few of many relationships are due.

Loads `total` relationships into an in-process moto table (batch writes) — `due` of them past
their 90-day window at `now`, half of the rest current with a transition months away (indexed,
not due), the other half past for good (not in the sparse index) — runs the sweep, and reports
what DynamoDB returned to its due-index queries (the sum of each query page's `Count`).

Run: `make bench` or `.tools/bin/uv run --frozen --no-sync python -m benchmarks sweep_cost`
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from carethread.data.models import AppointmentFact, Relationship
from carethread.services.care_status import apply_evaluation, new_relationship

NOW = datetime(2026, 12, 3, 15, 0, 0, tzinfo=UTC)
TABLE = "carethread-bench"


def relationship_with_visit(index: int, visit_at: datetime, evaluated_at: datetime) -> Relationship:
    """Pair `index` with one completed visit, its cached status evaluated at `evaluated_at`."""
    relationship = new_relationship(f"prov-{index // 25}", f"client-{index}")
    relationship.appointments = [
        AppointmentFact(
            appointment_id=f"appt-{index}", starts_at=visit_at, status="completed", is_initial=True
        )
    ]
    apply_evaluation(relationship, evaluated_at)
    return relationship


def load_relationships(total: int, due: int, now: datetime = NOW) -> None:
    """Batch-write `total` relationships of which exactly `due` are due at `now`."""
    yesterday = now - timedelta(days=1)
    with Relationship.batch_write() as batch:
        for index in range(total):
            if index < due:  # current yesterday, its 90 days end an hour before `now`
                visit_at = now - timedelta(days=90, hours=1)
            elif index % 2:  # current, due in 80 days
                visit_at = now - timedelta(days=10)
            else:  # past for a year: no transition, not in the due index
                visit_at = now - timedelta(days=400)
            batch.save(relationship_with_visit(index, visit_at, yesterday))


def measure(total: int, due: int, now: datetime = NOW) -> dict[str, Any]:
    """Load the data set, sweep twice at `now`, and return the counts and timings."""
    from carethread.services.sweep import run_sweep

    started = time.perf_counter()
    load_relationships(total, due, now)
    loaded = time.perf_counter()
    first = run_sweep(now=now)
    swept = time.perf_counter()
    second = run_sweep(now=now)
    return {
        "total": total,
        "due": due,
        "items_read": first.items_read,
        "examined": first.examined,
        "changed": first.changed,
        "complete": first.complete,
        "rerun_items_read": second.items_read,
        "rerun_changed": second.changed,
        "load_seconds": round(loaded - started, 2),
        "sweep_seconds": round(swept - loaded, 2),
    }


def main(total: int = 10_000, due: int = 100) -> None:
    os.environ.setdefault("AWS_ACCOUNT_ID_ENDPOINT_MODE", "disabled")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "CareThread")
    import boto3
    from carethread.data import keys, models
    from moto import mock_aws

    with mock_aws():
        boto3.client("dynamodb", region_name="us-east-1").create_table(
            **keys.create_table_arguments(TABLE)
        )
        models.bind_table(TABLE, region="us-east-1", host=None)
        figures = measure(total, due)
    for name, value in figures.items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
