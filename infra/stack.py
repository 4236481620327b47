"""The one CareThread stack: composes the constructs, tags them, exports what clients need."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aws_cdk import Aws, CfnOutput, Stack, Tags
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from infra.constructs.api import Api, ApiLimits
from infra.constructs.encryption import DataKey
from infra.constructs.identity import Identity
from infra.constructs.monitoring import Monitoring
from infra.constructs.notifications import EmailSettings, Notifications
from infra.constructs.sweep_events import SweepAndEvents
from infra.constructs.table import MessagingTable
from infra.function_factory import ARCHITECTURE, ROOT, RUNTIME, SharedFunctionProps

CORE_LAYER_DIR = ROOT / "layers" / "core"


@dataclass(frozen=True)
class StackConfig:
    """Everything that varies between deployments; read from CDK context by infra.app."""

    stage: str
    deps_layer_dir: Path
    log_retention: str  # a logs.RetentionDays name, e.g. ONE_YEAR
    from_address: str
    sign_in_url: str
    platform_event_source: str
    api_rate_per_second: int
    api_burst: int


class CareThreadStack(Stack):
    def __init__(
        self, scope: Construct, construct_id: str, *, config: StackConfig, **kwargs
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        key = DataKey(self, "DataKey", stage=config.stage).key
        table = MessagingTable(self, "Data", key=key)
        shared = SharedFunctionProps(
            key=key,
            layers=self._layers(config),
            log_retention=logs.RetentionDays[config.log_retention],
            environment={
                "CARETHREAD_TABLE_NAME": table.table.table_name,
                "CARETHREAD_REGION": Aws.REGION,
                "POWERTOOLS_SERVICE_NAME": "carethread",
                "POWERTOOLS_METRICS_NAMESPACE": "CareThread",
                "POWERTOOLS_LOG_LEVEL": "INFO",
            },
        )
        identity = Identity(self, "Identity", stage=config.stage)
        api = Api(
            self,
            "Api",
            table=table,
            user_pool=identity.user_pool,
            shared=shared,
            limits=ApiLimits(config.api_rate_per_second, config.api_burst),
        )
        notifications = Notifications(
            self,
            "Notifications",
            stage=config.stage,
            table=table,
            shared=shared,
            email=EmailSettings(config.from_address, config.sign_in_url),
        )
        background = SweepAndEvents(
            self,
            "Background",
            table=table,
            shared=shared,
            platform_event_source=config.platform_event_source,
        )
        monitoring = Monitoring(
            self,
            "Monitoring",
            key=key,
            functions=[
                api.handler,
                notifications.notifier,
                notifications.sender,
                background.sweep,
                background.care_events,
            ],
            dead_letter_queues={
                "Notifications": notifications.dead_letters,
                "StreamFailures": notifications.stream_failures,
                "Sweep": background.sweep_dead_letters,
                "CareEvents": background.care_events_dead_letters,
            },
            rest_api=api.rest_api,
        )
        Tags.of(self).add("application", "carethread")
        Tags.of(self).add("stage", config.stage)
        Tags.of(self).add("data-classification", "phi")
        self._outputs(api, identity, monitoring)

    def _layers(self, config: StackConfig) -> list[lambda_.ILayerVersion]:
        runtimes = [lambda_.Runtime(RUNTIME.name, lambda_.RuntimeFamily.PYTHON)]
        deps = lambda_.LayerVersion(
            self,
            "DepsLayer",
            code=lambda_.Code.from_asset(str(config.deps_layer_dir)),
            compatible_runtimes=runtimes,
            compatible_architectures=[ARCHITECTURE],
            description="CareThread third-party dependencies (boto3 comes from the runtime)",
        )
        core = lambda_.LayerVersion(
            self,
            "CoreLayer",
            code=lambda_.Code.from_asset(str(CORE_LAYER_DIR), exclude=["**/__pycache__", "*.pyc"]),
            compatible_runtimes=runtimes,
            compatible_architectures=[ARCHITECTURE],
            description="CareThread core package (carethread)",
        )
        return [deps, core]

    def _outputs(self, api: Api, identity: Identity, monitoring: Monitoring) -> None:
        CfnOutput(self, "ApiUrl", value=api.rest_api.url)
        CfnOutput(self, "UserPoolId", value=identity.user_pool.user_pool_id)
        CfnOutput(self, "UserPoolClientId", value=identity.client.user_pool_client_id)
        CfnOutput(self, "AlarmTopicArn", value=monitoring.topic.topic_arn)
