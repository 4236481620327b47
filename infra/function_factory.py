"""One factory for every CareThread Lambda: same runtime, layers, logging, tracing and IAM shape.

Each function gets its own role whose only permissions are the statements its construct adds
through `allow(...)` (a customer-managed policy). The role is handed to Lambda as immutable, so
nothing adds permissions behind our back: what the template grants is what this code lists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aws_cdk import Acknowledgment, Duration, Stack, Validations
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_destinations as destinations
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sqs as sqs
from constructs import Construct, IConstruct

from infra.build_layers import LAMBDA_PYTHON_VERSION

ROOT = Path(__file__).resolve().parents[1]
FUNCTIONS_DIR = ROOT / "functions"
FUNCTION_PACKAGES = ("api", "notifier", "sender", "sweep", "care_events")
RUNTIME = lambda_.Runtime(f"python{LAMBDA_PYTHON_VERSION}", lambda_.RuntimeFamily.PYTHON)
ARCHITECTURE = lambda_.Architecture.ARM_64


@dataclass(frozen=True)
class FunctionSpec:
    """What differs between functions; everything else is shared."""

    package: str  # folder under functions/, handler `<package>.handler.lambda_handler`
    description: str
    memory_mb: int
    timeout: Duration
    reserved_concurrency: int
    environment: dict[str, str] = field(default_factory=dict)
    # Set for functions invoked asynchronously (Scheduler, EventBridge): where failures land.
    async_failure_queue: sqs.IQueue | None = None
    async_retries: int = 2


@dataclass(frozen=True)
class SharedFunctionProps:
    key: kms.IKey
    layers: list[lambda_.ILayerVersion]
    log_retention: logs.RetentionDays
    environment: dict[str, str]


class CareThreadFunction(Construct):
    """A Lambda function, its log group, its role and the one policy that holds its grants."""

    def __init__(
        self, scope: Construct, construct_id: str, spec: FunctionSpec, shared: SharedFunctionProps
    ) -> None:
        super().__init__(scope, construct_id)
        self.spec = spec
        self.log_group = logs.LogGroup(
            self,
            "Logs",
            retention=shared.log_retention,
            encryption_key=shared.key,
        )
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"CareThread {spec.package} function",
        )
        self.policy = iam.ManagedPolicy(self, "Policy", roles=[self.role])
        self.function = lambda_.Function(
            self,
            "Function",
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            handler=f"{spec.package}.handler.lambda_handler",
            code=_function_code(spec.package),
            description=spec.description,
            memory_size=spec.memory_mb,
            timeout=spec.timeout,
            reserved_concurrent_executions=spec.reserved_concurrency,
            role=self.role.without_policy_updates(),
            layers=shared.layers,
            log_group=self.log_group,
            tracing=lambda_.Tracing.ACTIVE,
            environment={**shared.environment, **spec.environment},
            environment_encryption=shared.key,
            on_failure=(
                destinations.SqsDestination(spec.async_failure_queue)
                if spec.async_failure_queue
                else None
            ),
            retry_attempts=spec.async_retries if spec.async_failure_queue else None,
        )
        # Lambda checks the role's permissions for the failure destination (and event source
        # mappings) when they are created: the policy must be attached first.
        self.function.node.add_dependency(self.policy)
        self._grant_baseline(shared.key)
        self._acknowledge_baseline()

    def allow(
        self,
        actions: list[str],
        resources: list[str],
        conditions: dict[str, dict[str, object]] | None = None,
    ) -> None:
        """Grant exactly these actions on exactly these resources to this function."""
        self.policy.add_statements(
            iam.PolicyStatement(actions=actions, resources=resources, conditions=conditions)
        )

    def add_environment(self, name: str, value: str) -> None:
        self.function.add_environment(name, value)

    def _grant_baseline(self, key: kms.IKey) -> None:
        self.allow(["logs:CreateLogStream", "logs:PutLogEvents"], [self.log_group.log_group_arn])
        # Environment variables, and every table/queue this function touches, use the one key.
        self.allow(["kms:Decrypt", "kms:GenerateDataKey"], [key.key_arn])
        # X-Ray has no resource-level permissions for these two actions.
        self.allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], ["*"])
        if self.spec.async_failure_queue is not None:
            self.allow(["sqs:SendMessage"], [self.spec.async_failure_queue.queue_arn])

    def _acknowledge_baseline(self) -> None:
        acknowledge(
            self.policy,
            "AwsSolutions-IAM5[Resource::*]",
            "Only xray:PutTraceSegments and xray:PutTelemetryRecords use Resource '*': X-Ray "
            "supports no resource-level permissions for them. Every other statement in this "
            "policy names its resources.",
        )
        acknowledge(
            self.function,
            "HIPAA.Security-LambdaInsideVPC",
            "The function reaches only AWS service APIs (DynamoDB, Scheduler, SES, SQS) over "
            "TLS with SigV4, and no private network resources. A VPC would add NAT or "
            "interface endpoints without narrowing who can reach the function.",
        )
        runtime = (
            f"Python {LAMBDA_PYTHON_VERSION} is the newest Lambda runtime inside the project's "
            "declared and tested Python range (pyproject requires-python), and the deps layer's "
            "binary wheels are built for it; AWS supports it with security patches until 2029. "
            "Moving to a newer runtime is a reviewed change of that range, not a silent bump."
        )
        acknowledge(self.function, "AwsSolutions-L1", runtime)
        acknowledge(self.function, "Serverless-LambdaLatestVersion", runtime)
        if self.spec.async_failure_queue is None:
            reason = (
                "Invoked synchronously only (API Gateway proxy, or a stream event source "
                "mapping whose failures go to its own on-failure queue); an async DLQ or "
                "failure destination would never receive anything."
            )
            for rule in ("HIPAA.Security-LambdaDLQ", "Serverless-LambdaDLQ"):
                acknowledge(self.function, rule, reason)
        else:
            reason = (
                "Async failures go to an SQS on-failure destination (Lambda destinations), "
                "which records the error and request context; a DeadLetterConfig would "
                "duplicate every failed event into the same place."
            )
            for rule in ("HIPAA.Security-LambdaDLQ", "Serverless-LambdaDLQ"):
                acknowledge(self.function, rule, reason)


def acknowledge(construct: IConstruct, rule: str, reason: str) -> None:
    """Acknowledge one cdk-nag finding on one construct, with the reason a reviewer reads."""
    Validations.of(construct).acknowledge(Acknowledgment(id=rule, reason=reason))


def _function_code(package: str) -> lambda_.Code:
    others = [name for name in FUNCTION_PACKAGES if name != package]
    return lambda_.Code.from_asset(
        str(FUNCTIONS_DIR),
        exclude=[*others, "**/__pycache__", "*.pyc", "conftest.py", "**/tests"],
    )


def stack_arn(scope: Construct, service: str, resource: str) -> str:
    """An ARN in this stack's partition, region and account."""
    stack = Stack.of(scope)
    return stack.format_arn(service=service, resource=resource)
