"""Message inserts on the stream → notifier → one-time Scheduler schedule → sender → SES."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aws_cdk import Aws, CfnResource, Duration, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as lambda_event_sources
from aws_cdk import aws_scheduler as scheduler
from aws_cdk import aws_ses as ses
from constructs import Construct

from infra.constructs.queues import dead_letter_queue
from infra.constructs.table import MessagingTable
from infra.function_factory import (
    CareThreadFunction,
    FunctionSpec,
    SharedFunctionProps,
    acknowledge,
)

RECORD_TABLE_ACTIONS = [
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:ConditionCheckItem",
]
STREAM_READ_ACTIONS = [
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
]


@dataclass(frozen=True)
class EmailSettings:
    from_address: str
    sign_in_url: str


def message_insert_filter() -> dict[str, Any]:
    """The notifier's stream filter, from the one definition the local runtime also uses."""
    from carethread.data.stream_filter import MESSAGE_INSERT_FILTER

    return dict(MESSAGE_INSERT_FILTER)


class Notifications(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        stage: str,
        table: MessagingTable,
        shared: SharedFunctionProps,
        email: EmailSettings,
    ) -> None:
        super().__init__(scope, construct_id)
        self.schedule_group = scheduler.CfnScheduleGroup(
            self, "ScheduleGroup", name=f"carethread-{stage}-notifications"
        )
        self.dead_letters = dead_letter_queue(
            self, "DeadLetters", shared.key, "notification schedules and sender invocations"
        )
        self.configuration_set = ses.ConfigurationSet(
            self,
            "ConfigurationSet",
            configuration_set_name=f"carethread-{stage}",
            tls_policy=ses.ConfigurationSetTlsPolicy.REQUIRE,
            reputation_metrics=True,
        )
        self.sender = self._sender(table, shared, email)
        self.scheduler_role = self._scheduler_role(shared)
        self.notifier = self._notifier(table, shared)
        self.stream_failures = dead_letter_queue(
            self, "StreamFailures", shared.key, "stream batches the notifier could not process"
        )
        self._subscribe_notifier(table)

    def _sender(
        self, table: MessagingTable, shared: SharedFunctionProps, email: EmailSettings
    ) -> CareThreadFunction:
        sender = CareThreadFunction(
            self,
            "Sender",
            FunctionSpec(
                package="sender",
                description="CareThread: send one due notification email (no PHI)",
                memory_mb=256,
                timeout=Duration.seconds(20),
                reserved_concurrency=5,  # paces SES sends; Scheduler retries throttles
                async_failure_queue=self.dead_letters,
                environment={
                    "CARETHREAD_CONFIGURATION_SET": self.configuration_set.configuration_set_name,
                    "CARETHREAD_FROM_ADDRESS": email.from_address,
                    "CARETHREAD_SIGN_IN_URL": email.sign_in_url,
                },
            ),
            shared,
        )
        sender.allow(RECORD_TABLE_ACTIONS, [table.table.table_arn])
        stack = Stack.of(self)
        sender.allow(
            ["ses:SendEmail"],
            [
                stack.format_arn(
                    service="ses", resource="identity", resource_name=_domain(email.from_address)
                ),
                stack.format_arn(
                    service="ses", resource="identity", resource_name=email.from_address
                ),
                stack.format_arn(
                    service="ses",
                    resource="configuration-set",
                    resource_name=self.configuration_set.configuration_set_name,
                ),
            ],
            conditions={"StringEquals": {"ses:FromAddress": email.from_address}},
        )
        return sender

    def _scheduler_role(self, shared: SharedFunctionProps) -> iam.Role:
        # Assumed by Scheduler to invoke the sender for schedules of this account only.
        role = iam.Role(
            self,
            "SchedulerRole",
            assumed_by=iam.ServicePrincipal(
                "scheduler.amazonaws.com",
                conditions={"StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID}},
            ),
            description="EventBridge Scheduler: invoke the CareThread sender",
        )
        iam.ManagedPolicy(
            self,
            "SchedulerPolicy",
            roles=[role],
            statements=[
                iam.PolicyStatement(
                    actions=["lambda:InvokeFunction"],
                    resources=[self.sender.function.function_arn],
                ),
                iam.PolicyStatement(
                    actions=["sqs:SendMessage"], resources=[self.dead_letters.queue_arn]
                ),
                iam.PolicyStatement(
                    actions=["kms:Decrypt", "kms:GenerateDataKey"], resources=[shared.key.key_arn]
                ),
            ],
        )
        return role

    def _notifier(self, table: MessagingTable, shared: SharedFunctionProps) -> CareThreadFunction:
        notifier = CareThreadFunction(
            self,
            "Notifier",
            FunctionSpec(
                package="notifier",
                description="CareThread: decide and schedule message notifications",
                memory_mb=512,
                timeout=Duration.seconds(30),
                reserved_concurrency=5,  # at most one poller per stream shard in practice
                environment={
                    "CARETHREAD_SCHEDULE_GROUP": self.schedule_group.ref,
                    "CARETHREAD_SENDER_FUNCTION_ARN": self.sender.function.function_arn,
                    "CARETHREAD_SCHEDULER_ROLE_ARN": self.scheduler_role.role_arn,
                    "CARETHREAD_SCHEDULER_DLQ_ARN": self.dead_letters.queue_arn,
                },
            ),
            shared,
        )
        notifier.allow(RECORD_TABLE_ACTIONS, [table.table.table_arn])
        notifier.allow(STREAM_READ_ACTIONS, [table.table.table_stream_arn or ""])
        notifier.allow(
            ["scheduler:CreateSchedule", "scheduler:GetSchedule"],
            [
                Stack.of(self).format_arn(
                    service="scheduler",
                    resource="schedule",
                    resource_name=f"{self.schedule_group.ref}/*",
                )
            ],
        )
        acknowledge(
            notifier.policy,
            f"AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:"
            f"<AWS::AccountId>:schedule/<{_logical_id(self.schedule_group)}>/*]",
            "Schedule names are per message (deterministic, ids only), so they cannot be listed "
            "in advance; the grant is scoped to this stack's own schedule group and to "
            "CreateSchedule/GetSchedule.",
        )
        notifier.allow(
            ["iam:PassRole"],
            [self.scheduler_role.role_arn],
            conditions={"StringEquals": {"iam:PassedToService": "scheduler.amazonaws.com"}},
        )
        return notifier

    def _subscribe_notifier(self, table: MessagingTable) -> None:
        self.notifier.allow(["sqs:SendMessage"], [self.stream_failures.queue_arn])
        self.event_source = lambda_.EventSourceMapping(
            self,
            "MessageInserts",
            target=self.notifier.function,
            event_source_arn=table.table.table_stream_arn,
            starting_position=lambda_.StartingPosition.LATEST,
            batch_size=50,
            max_batching_window=Duration.seconds(1),
            filters=[lambda_.FilterCriteria.filter(message_insert_filter())],
            report_batch_item_failures=True,
            bisect_batch_on_error=True,
            retry_attempts=5,
            max_record_age=Duration.hours(6),
            # The queue grant is in the notifier policy above; the role takes no other grants.
            on_failure=lambda_event_sources.SqsDlq(self.stream_failures),
        )
        self.event_source.node.add_dependency(self.notifier.policy)


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1]


def _logical_id(resource: CfnResource) -> str:
    return str(Stack.of(resource).resolve(resource.logical_id))
