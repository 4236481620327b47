"""Cold-start import time of each Lambda handler module, in fresh interpreters.

Each sample is a new `python -c "import <fn>.handler"` with the same paths the Lambda uses
(core layer + function code); we report the median of several runs and say whether the
X-Ray SDK (≈0.2 s) was imported. Run: `.venv/bin/python -m benchmarks cold_start`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUNCTIONS = ("api", "notifier", "sender", "sweep", "care_events")
RUNS = 7
PROBE = (
    "import sys, time; t = time.perf_counter(); import {fn}.handler; "
    "print(round((time.perf_counter() - t) * 1000, 1), 'aws_xray_sdk' in sys.modules)"
)


def sample(function: str) -> tuple[float, bool]:
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'layers/core/python'}:{ROOT / 'functions'}",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(fn=function)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    return float(out[0]), out[1] == "True"


def main() -> None:
    print(f"| function | import ms (median of {RUNS}) | X-Ray SDK imported |\n|---|---|---|")
    for function in FUNCTIONS:
        samples = [sample(function) for _ in range(RUNS)]
        median = statistics.median(ms for ms, _ in samples)
        print(f"| {function} | {median:.0f} | {'yes' if samples[0][1] else 'no'} |")


if __name__ == "__main__":
    main()
