"""Alarms on what needs a person: a dead letter, a function error or throttle, an API 5xx."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from infra.function_factory import CareThreadFunction


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        key: kms.IKey,
        functions: list[CareThreadFunction],
        dead_letter_queues: dict[str, sqs.IQueue],
        rest_api: apigw.RestApi,
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic = sns.Topic(
            self, "Alarms", display_name="CareThread alarms", master_key=key, enforce_ssl=True
        )
        self._action = cloudwatch_actions.SnsAction(self.topic)
        for name, queue in dead_letter_queues.items():
            self._alarm(
                f"{name}NotEmpty",
                queue.metric_approximate_number_of_messages_visible(
                    period=Duration.minutes(5), statistic="Maximum"
                ),
                f"{name}: a message landed in a dead-letter queue",
            )
        for function in functions:
            name = function.node.id
            self._alarm(
                f"{name}Errors",
                function.function.metric_errors(period=Duration.minutes(5)),
                f"{name}: function errors",
            )
            self._alarm(
                f"{name}Throttles",
                function.function.metric_throttles(period=Duration.minutes(5)),
                f"{name}: function throttled",
            )
        self._alarm(
            "Api5xx",
            rest_api.metric_server_error(period=Duration.minutes(5)),
            "API: 5xx responses",
        )

    def _alarm(self, alarm_id: str, metric: cloudwatch.IMetric, description: str) -> None:
        alarm = cloudwatch.Alarm(
            self,
            alarm_id,
            metric=metric,
            threshold=0,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            evaluation_periods=1,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
            alarm_description=description,
        )
        alarm.add_alarm_action(self._action)
        alarm.add_ok_action(self._action)
