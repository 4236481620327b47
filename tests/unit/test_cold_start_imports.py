"""Structural guard on cold start: what each Lambda handler module imports when it is loaded.

Each handler is imported in a fresh interpreter (the Lambda's cold start) with the paths the
Lambda has plus the repo root, so an accidental import of test or infra code is caught here
rather than failing on Lambda. Not a timing test: `python -m benchmarks cold_start` times it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HANDLERS = ("api", "notifier", "sender", "sweep", "care_events")

# Modules no handler may import at cold start, and why (docs/decisions.md, "Cold start").
NOT_AT_COLD_START = {
    "aws_xray_sdk": "no Tracer: the X-Ray SDK costs ~0.2 s",
    "aws_lambda_powertools.event_handler.openapi.models": "only GET /openapi.json needs them",
    "boto3": "clients are built on first use; pynamodb needs botocore only",
    "s3transfer": "comes with boto3",
    "moto": "test-only",
    "pytest": "test-only",
    "hypothesis": "test-only",
    "tests": "test-only",
    "infra": "deployment-only",
    "aws_cdk": "deployment-only",
    "cdk_nag": "deployment-only",
    "jsii": "deployment-only",
}

PROBE = """
import importlib, json, sys
handler = importlib.import_module(sys.argv[1] + ".handler")
assert callable(handler.lambda_handler)
print(json.dumps(sorted(sys.modules)))
"""


def modules_after_cold_import(function: str) -> set[str]:
    paths = [ROOT / "layers/core/python", ROOT / "functions", ROOT]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(str(p) for p in paths),
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE, function],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=ROOT,
    )
    return set(json.loads(result.stdout))


def is_imported(name: str, modules: set[str]) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


@pytest.mark.parametrize("function", HANDLERS)
def test_cold_start_does_not_import_heavy_or_non_runtime_modules(function: str) -> None:
    # given: a fresh interpreter, as on a Lambda cold start
    # when: the handler module is imported
    modules = modules_after_cold_import(function)

    # then: none of the deferred or non-runtime modules came with it
    imported = {name: why for name, why in NOT_AT_COLD_START.items() if is_imported(name, modules)}
    assert imported == {}
