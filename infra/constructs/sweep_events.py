"""Scheduled and platform-driven writers: the hourly eligibility sweep and the care-events
consumer of the scheduling platform's EventBridge events."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from carethread.data import keys
from constructs import Construct

from infra.constructs.api import API_TABLE_ACTIONS
from infra.constructs.queues import dead_letter_queue
from infra.constructs.table import MessagingTable
from infra.function_factory import CareThreadFunction, FunctionSpec, SharedFunctionProps

PLATFORM_DETAIL_TYPES = ["PersonUpserted", "AppointmentUpserted", "ClientRematched"]
SWEEP_TABLE_ACTIONS = [
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:ConditionCheckItem",
]


class SweepAndEvents(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        table: MessagingTable,
        shared: SharedFunctionProps,
        platform_event_source: str,
    ) -> None:
        super().__init__(scope, construct_id)
        self.sweep_dead_letters = dead_letter_queue(
            self, "SweepDeadLetters", shared.key, "failed hourly sweep runs"
        )
        self.sweep = self._sweep(table, shared)
        self.care_events_dead_letters = dead_letter_queue(
            self, "CareEventsDeadLetters", shared.key, "platform events that were not applied"
        )
        self.care_events = self._care_events(table, shared)
        self.platform_rule = events.Rule(
            self,
            "PlatformEvents",
            description="Scheduling platform facts for the care relationship",
            event_pattern=events.EventPattern(
                source=[platform_event_source], detail_type=PLATFORM_DETAIL_TYPES
            ),
            targets=[
                targets.LambdaFunction(
                    self.care_events.function,
                    dead_letter_queue=self.care_events_dead_letters,
                    retry_attempts=8,
                    max_event_age=Duration.hours(24),
                )
            ],
        )

    def _sweep(self, table: MessagingTable, shared: SharedFunctionProps) -> CareThreadFunction:
        sweep = CareThreadFunction(
            self,
            "Sweep",
            FunctionSpec(
                package="sweep",
                description="CareThread: re-evaluate care relationships that are due",
                memory_mb=512,
                timeout=Duration.minutes(5),
                reserved_concurrency=1,  # one sweep at a time; the next hour picks up the rest
                async_failure_queue=self.sweep_dead_letters,
                async_retries=0,  # the next hourly run is the retry
            ),
            shared,
        )
        sweep.allow(
            SWEEP_TABLE_ACTIONS, [table.table.table_arn, table.index_arn(keys.DUE_INDEX_NAME)]
        )
        self.sweep_schedule = events.Rule(
            self,
            "Hourly",
            description="Run the CareThread eligibility sweep",
            schedule=events.Schedule.rate(Duration.hours(1)),
            targets=[
                targets.LambdaFunction(
                    sweep.function,
                    dead_letter_queue=self.sweep_dead_letters,
                    retry_attempts=2,
                    max_event_age=Duration.minutes(30),
                )
            ],
        )
        return sweep

    def _care_events(
        self, table: MessagingTable, shared: SharedFunctionProps
    ) -> CareThreadFunction:
        care_events = CareThreadFunction(
            self,
            "CareEvents",
            FunctionSpec(
                package="care_events",
                description="CareThread: apply scheduling platform events",
                memory_mb=512,
                timeout=Duration.seconds(30),
                reserved_concurrency=5,
                async_failure_queue=self.care_events_dead_letters,
                environment={
                    "CARETHREAD_DEAD_LETTER_QUEUE_URL": self.care_events_dead_letters.queue_url,
                },
            ),
            shared,
        )
        care_events.allow(
            API_TABLE_ACTIONS, [table.table.table_arn, table.index_arn(keys.GSI1_NAME)]
        )
        return care_events
