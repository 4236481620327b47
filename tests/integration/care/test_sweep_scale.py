"""The sweep's cost follows what is due, not the table; it pages and respects its time budget.

The 10,000/100 figure is in BENCHMARKS.md (`python -m benchmarks sweep_cost`); this runs the
same measurement smaller so the suite stays fast.
"""

from itertools import count

from carethread.services.sweep import run_sweep
from carethread.settings import SweepSettings
from sweep.handler import lambda_handler

from benchmarks.sweep_cost import NOW, load_relationships, measure
from tests.support.events import FakeLambdaContext


def test_the_sweep_reads_only_the_due_relationships(table):
    # when: 2,000 relationships, 20 of them due
    figures = measure(total=2_000, due=20)

    # then: DynamoDB returned exactly the due items, and a re-run reads nothing
    assert (figures["items_read"], figures["examined"], figures["changed"]) == (20, 20, 20)
    assert (figures["rerun_items_read"], figures["rerun_changed"]) == (0, 0)


def test_the_sweep_continues_past_one_page(table):
    # given: more due items than fit a page in any shard
    load_relationships(total=30, due=12)

    # when
    result = run_sweep(now=NOW, settings=SweepSettings(page_size=1))

    # then
    assert (result.examined, result.changed, result.complete) == (12, 12, True)


def test_the_time_budget_stops_cleanly_and_the_next_run_finishes(table):
    # given: 12 due, and time for 5 of them (60 s left, then under the 10 s margin)
    load_relationships(total=30, due=12)
    calls = count()

    def remaining_ms() -> int:
        return 60_000 if next(calls) < 5 else 5_000

    # when
    first = run_sweep(now=NOW, remaining_ms=remaining_ms)
    second = run_sweep(now=NOW)

    # then
    assert (first.examined, first.complete) == (5, False)
    assert (second.examined, second.changed, second.complete) == (7, 7, True)


def test_the_handler_returns_examined_and_changed(table, clock):
    # given
    load_relationships(total=10, due=3)

    # when
    response = lambda_handler({"source": "aws.events"}, FakeLambdaContext(remaining_ms=60_000))

    # then
    assert response == {"examined": 3, "changed": 3}
