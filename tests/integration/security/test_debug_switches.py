"""Debugging switches cannot put PHI in the logs: the handlers pin Powertools' event logging
off (`POWERTOOLS_LOGGER_LOG_EVENT`) and the resolver's debug printing off (`POWERTOOLS_DEV`),
and neither the stack nor the local runtime sets them.

The switches are read when the handler modules are imported, so the handlers run in a fresh
interpreter with the switches on.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SECRET_NAME = "Wilhelmina Okafor-Thistlewood"
SECRET_TEXT = "the overdose was not an accident"

SCRIPT = f"""
import boto3
from moto import mock_aws

with mock_aws():
    from carethread.data import keys, models
    boto3.client("dynamodb").create_table(**keys.create_table_arguments("carethread-probe"))
    models.bind_table("carethread-probe", region="us-east-1", host=None)
    from tests.support.api_builders import call, seed_person
    from tests.support.events import FakeLambdaContext
    from tests.support.feed_builders import person_body, person_upserted_event

    seed_person("c1", "client", display_name={SECRET_NAME!r})
    call("POST", "/v1/threads/t_x/messages", "c1", "client", {{"body": {SECRET_TEXT!r}}},
         {{"Idempotency-Key": "k"}})

    from notifier.handler import lambda_handler as notifier
    image = {{"pk": {{"S": "THREAD#t_x"}}, "entity": {{"S": "message"}},
              "body": {{"S": {SECRET_TEXT!r}}}}}
    record = {{"eventID": "1", "eventName": "MODIFY", "eventSource": "aws:dynamodb",
               "dynamodb": {{"NewImage": image, "SequenceNumber": "1"}}}}
    notifier({{"Records": [record]}}, FakeLambdaContext())

    from care_events.handler import lambda_handler as care_events
    care_events(person_upserted_event("c2", person_body(display_name={SECRET_NAME!r})),
                FakeLambdaContext())
print("probe done")
"""


def test_the_debug_switches_do_not_log_events_or_bodies():
    # given every Powertools debugging switch that prints events turned on
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(["layers/core/python", "functions", "."]),
        "POWERTOOLS_LOGGER_LOG_EVENT": "true",
        "POWERTOOLS_DEV": "true",
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "CARETHREAD_TABLE_NAME": "carethread-probe",
    }

    # when the API, notifier and care-events handlers run
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    # then
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-2000:]
    assert "probe done" in output
    assert SECRET_TEXT not in output
    assert "Okafor" not in output


def test_neither_the_stack_nor_the_local_runtime_turns_a_debug_switch_on():
    # given every Python source that configures deployed or local functions
    sources = [p for p in (ROOT / "infra").rglob("*.py")]
    switches = re.compile(
        r"POWERTOOLS_(LOGGER_LOG_EVENT|DEV|DEBUG)|log_event\s*=\s*True|debug\s*=\s*True"
        r"|POWERTOOLS_LOG_LEVEL\W+DEBUG"
    )

    # when
    found = [f"{p.relative_to(ROOT)}" for p in sources if switches.search(p.read_text())]

    # then
    assert found == []
