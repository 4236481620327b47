"""`python -m infra.local --port N` (what `make run` calls): start, print how to use it,
run until Ctrl-C.

Environment: PORT (default 8000), SEED=0 for an empty practice, CARETHREAD_* settings.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
import warnings
from datetime import datetime

from infra.local.paths import add_source_paths


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m infra.local", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    parser.add_argument(
        "--no-seed",
        action="store_true",
        default=os.environ.get("SEED", "1") == "0",
        help="start with an empty practice (also SEED=0)",
    )
    parser.add_argument("--now", help="start the clock here (RFC 3339), not at the real time")
    return parser.parse_args(argv)


def _quiet_defaults() -> None:
    # Lambda would send metrics to CloudWatch; locally they are only noise on the console.
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    warnings.filterwarnings("ignore", message="No application metrics to publish")


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    add_source_paths()
    _quiet_defaults()
    from carethread.timefmt import parse_instant

    from infra.local.banner import banner
    from infra.local.runtime import LocalRuntime, Options

    started = time.monotonic()
    start_at: datetime | None = parse_instant(args.now) if args.now else None
    runtime = LocalRuntime(Options(host=args.host, port=args.port, start_at=start_at))
    stop = threading.Event()
    # Ctrl-C reaches this process twice (from the terminal and forwarded by uv): the first
    # asks for a stop, the rest are ignored while stopping.
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda *_: stop.set())
    try:
        runtime.start()
        if not args.no_seed:
            runtime.load_demo()
        token = None if args.no_seed else runtime.authority.issue
        print(banner(runtime.url, runtime.now(), token), flush=True)
        print(f"(ready in {time.monotonic() - started:.1f} s)", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signal_number, signal.SIG_IGN)
        print("\nstopping…", file=sys.stderr, flush=True)
        runtime.stop()
        print("stopped.", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
