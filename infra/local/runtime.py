"""CareThread on one machine: moto for AWS, the real handlers, a gateway that checks tokens,
a stream pump and a scheduler pump, and a clock that can be moved forward.

Every API call returns only after the stream records it caused reached the notifier, and
after every schedule that fell due has fired.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from carethread import clock as clock_module
from carethread.observability import logger

from infra.local import emulator
from infra.local.authority import TokenAuthority
from infra.local.emails import EmailLog
from infra.local.front import FrontServer
from infra.local.functions import Functions
from infra.local.gateway import Gateway, HttpRequest, HttpResponse
from infra.local.lambda_events import platform_event, scheduled_event
from infra.local.local_api import LocalEndpoints
from infra.local.schedule_pump import SchedulePump
from infra.local.stream_pump import StreamPump

SWEEP_RULE_ARN = "arn:aws:events:us-east-1:000000000000:rule/carethread-sweep"
# The stack's default `platformEventSource` (infra/app.py DEFAULTS).
PLATFORM_EVENT_SOURCE = "carethread.platform"
# Rounds of stream → schedules → stream before settling gives up (a loop would be a bug).
MAX_SETTLE_ROUNDS = 20


@dataclass(frozen=True)
class Options:
    host: str = "127.0.0.1"
    port: int = 8000
    start_at: datetime | None = None
    tick_seconds: float = 1.0


class LocalRuntime:
    """Start with `start()` (or `with`), stop with `stop()`; `url` is where it answers."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.functions = Functions()
        self._stopping = threading.Event()
        self._undo: list[Any] = []

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> LocalRuntime:
        from carethread.settings import CoreSettings

        region = CoreSettings().region
        self._undo.append(self.functions.close)
        # moto's backends are process-wide: start from nothing, leave nothing behind.
        emulator.reset_moto()
        moto_server, self.moto_url = emulator.start_moto()
        self._undo.append(moto_server.stop)
        self._undo.append(emulator.reset_moto)
        environment = emulator.PatchedEnvironment(emulator.aws_environment(self.moto_url, region))
        environment.__enter__()
        self._undo.append(lambda: environment.__exit__(None, None, None))
        self.session = emulator.boto_session(self.moto_url, region)
        self.resources = emulator.create_resources(self.session)
        self._undo.append(emulator.bind_models(self.resources, self.moto_url))
        dead_letters = emulator.PatchedEnvironment(emulator.create_dead_letter_queue(self.session))
        dead_letters.__enter__()
        self._undo.append(lambda: dead_letters.__exit__(None, None, None))
        self.dead_letter_queue_url = os.environ["CARETHREAD_DEAD_LETTER_QUEUE_URL"]
        self.clock = clock_module.RunningClock(self.options.start_at)
        previous_clock = clock_module.get_clock()
        clock_module.set_clock(self.clock)
        self._undo.append(lambda: clock_module.set_clock(previous_clock))
        self._swept_hour = _hour_of(self.clock.now())
        self._wire()
        self._front = FrontServer(self.options.host, self.options.port, self.dispatch)
        self._front.start()
        self._undo.append(self._front.stop)
        self._ticker = threading.Thread(target=self._tick, name="carethread-ticker", daemon=True)
        self._ticker.start()
        self._undo.append(self._stop_ticker)
        return self

    def _wire(self) -> None:
        from carethread.data.stream_filter import MESSAGE_INSERT_FILTER, matches
        from carethread.settings import notification_settings

        self.functions.load_all()
        session = self.session
        self.authority = TokenAuthority(self.resources.audience)
        self.email_log = EmailLog(self.resources.region)
        self.stream = StreamPump(
            session.client("dynamodbstreams"),
            self.resources.stream_arn,
            lambda event: self.functions.invoke("notifier", event),
            lambda record: matches(record, MESSAGE_INSERT_FILTER),
        )
        self._targets = {notification_settings().sender_function_arn: "sender"}
        self.schedules = SchedulePump(
            session.client("scheduler"), self.resources.schedule_group, self.clock, self._target
        )
        self.gateway = Gateway(self.authority, lambda event: self.functions.invoke("api", event))
        self.local = LocalEndpoints(self)

    def stop(self) -> None:
        while self._undo:
            try:
                self._undo.pop()()
            except Exception as error:
                logger.warning("local runtime stop step failed", error_type=type(error).__name__)

    def __enter__(self) -> LocalRuntime:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.options.host}:{self._front.port}"

    def load_demo(self) -> None:
        from infra.local.demo import load_demo

        load_demo(self.dispatch, self.authority.issue, self.now())

    # -- requests --------------------------------------------------------------------
    def dispatch(self, request: HttpRequest) -> HttpResponse:
        if self.local.handles(request.target.split("?", 1)[0]):
            return self.local.handle(request)
        with self.functions.lock:
            response = self.gateway.handle(request)
            self.settle()
        return response

    def settle(self) -> None:
        """Deliver new stream records and fire due schedules until neither finds work."""
        with self.functions.lock:
            for _ in range(MAX_SETTLE_ROUNDS):
                delivered = self.stream.pump()
                fired = self.schedules.fire_due()
                self.email_log.collect(self.clock.now())
                # Only a notifier or sender run can have caused more work.
                if not delivered and not fired:
                    return
            logger.warning("local runtime did not settle", rounds=MAX_SETTLE_ROUNDS)

    def _target(self, arn: str, payload: dict[str, Any]) -> Any:
        if arn not in self._targets:
            raise LookupError(f"no local function for schedule target {arn}")
        return self.functions.invoke(self._targets[arn], payload)

    def _stop_ticker(self) -> None:
        self._stopping.set()
        self._ticker.join(timeout=10)

    def _tick(self) -> None:
        while not self._stopping.wait(self.options.tick_seconds):
            try:
                self.settle()
                self._sweep_if_an_hour_began()
            except Exception as error:
                logger.exception("local ticker failed", error_type=type(error).__name__)

    # -- controls (the /_local endpoints) --------------------------------------------
    def now(self) -> datetime:
        return self.clock.now()

    def move_clock(self, *, to: datetime | None, advance_seconds: float | None) -> datetime:
        with self.functions.lock:
            now = self.clock.set(to) if to is not None else self.clock.advance(advance_seconds or 0)
            self.settle()
            self._sweep_if_an_hour_began()
        return now

    def _sweep_if_an_hour_began(self) -> None:
        # Deployed, the sweep runs hourly; one run catches up on everything due, however many
        # hours a clock move skipped, so one run per move.
        with self.functions.lock:
            hour = _hour_of(self.clock.now())
            if hour > self._swept_hour:
                self._swept_hour = hour
                self.run_sweep()

    def deliver_event(
        self, detail_type: str, detail: dict[str, Any], source: str | None
    ) -> dict[str, Any]:
        """One platform event to care-events, as the EventBridge rule delivers it."""
        event = platform_event(
            detail_type,
            detail,
            source or PLATFORM_EVENT_SOURCE,
            self.now(),
            self.resources.region,
        )
        with self.functions.lock:
            outcome = self.functions.invoke("care_events", event)
            self.settle()
        return dict(outcome) if isinstance(outcome, dict) else {}

    def run_sweep(self) -> dict[str, int]:
        with self.functions.lock:
            result = self.functions.invoke("sweep", scheduled_event(self.now(), SWEEP_RULE_ARN))
            self.settle()
        result = result or {}
        return {
            "examined": int(result.get("examined", 0)),
            "changed": int(result.get("changed", 0)),
        }

    def emails(self) -> list[dict[str, Any]]:
        return self.email_log.all()

    def openapi(self, base_url: str) -> dict[str, Any]:
        from infra.local.openapi import openapi_document

        return openapi_document(base_url)


def _hour_of(instant: datetime) -> datetime:
    return instant.replace(minute=0, second=0, microsecond=0)
