"""The eligibility sweep: refresh every relationship whose status is due to change.

It queries only the sparse, sharded due index (`due_at <= now`), never the table, so its cost
grows with what is due. Each due relationship is re-evaluated with the same pure rule as the
send path and written back with its next transition (or dropped from the index). The
relationship item is the view the roster, care-team and inbox read, so that one write updates
every view that shows the status. Running it again at once finds nothing due.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime

from aws_lambda_powertools.metrics import MetricUnit

from carethread.clock import get_clock
from carethread.data import keys
from carethread.data.models import Relationship
from carethread.observability import logger, metrics
from carethread.services.care_status import RelationshipBusy, due_at_key, update_relationship
from carethread.settings import SweepSettings, sweep_settings

SWEEP_ACTOR = "carethread-sweep"


@dataclass
class SweepResult:
    examined: int = 0  # due relationships re-evaluated
    changed: int = 0  # of those, how many changed status
    items_read: int = 0  # items DynamoDB returned to the due-index queries (sum of Count)
    complete: bool = True  # False when the time budget stopped the run early

    def summary(self) -> dict[str, int]:
        return {"examined": self.examined, "changed": self.changed}


def run_sweep(
    *,
    now: datetime | None = None,
    remaining_ms: Callable[[], int] | None = None,
    settings: SweepSettings | None = None,
) -> SweepResult:
    """Re-evaluate every relationship due at `now`, until done or the time budget runs out.

    `remaining_ms` is the Lambda context's `get_remaining_time_in_millis`; the sweep starts
    no new relationship once less than `time_budget_margin_ms` remains, leaving the rest
    (still due, still indexed) to the next run.
    """
    settings = settings or sweep_settings()
    now = now or get_clock().now()
    result = SweepResult()
    with closing(_due(now, settings, result)) as due:
        for relationship in due:
            if remaining_ms is not None and remaining_ms() < settings.time_budget_margin_ms:
                result.complete = False
                break
            result.examined += 1
            result.changed += _refresh(relationship, now)
    _report(result)
    return result


def _due(
    now: datetime, settings: SweepSettings, result: SweepResult
) -> Generator[Relationship, None, None]:
    bound = due_at_key(now)
    for shard in keys.due_shard_keys(settings.due_shards):
        pages = Relationship.due_index.query(
            shard, Relationship.due_at <= bound, page_size=settings.page_size
        )
        try:
            for item in pages:
                if isinstance(item, Relationship):
                    yield item
        finally:
            # Counted even when the budget stops us mid-shard: what DynamoDB returned.
            result.items_read += pages.total_count


def _refresh(relationship: Relationship, now: datetime) -> int:
    try:
        _, _, status_changed = update_relationship(
            relationship.provider_id,
            relationship.client_id,
            lambda _: [],
            actor_id=SWEEP_ACTOR,
            now=now,
            create=False,
            loaded=relationship,
            atomic=False,
        )
    except RelationshipBusy:
        # Left in the index (the feed that won re-indexed it); the next run tries again.
        return 0
    return int(status_changed)


def _report(result: SweepResult) -> None:
    metrics.add_metric(name="SweepExamined", unit=MetricUnit.Count, value=result.examined)
    metrics.add_metric(name="SweepChanged", unit=MetricUnit.Count, value=result.changed)
    logger.info(
        "sweep finished",
        examined=result.examined,
        changed=result.changed,
        items_read=result.items_read,
        complete=result.complete,
    )
