"""The public edge: a regional REST API in front of the one API Lambda, behind a Cognito
authorizer and a WAF web ACL.

Routes live under a `/v1` resource (the contract's paths are `/v1/...` and the Lambda routes
on the event's `path`, which excludes the stage), so the stage is not named `v1`: that would
make public URLs `/v1/v1/...`."""

from __future__ import annotations

import json
from dataclasses import dataclass

from aws_cdk import Duration
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_logs as logs
from carethread.contracts.problems import problem
from carethread.data import keys
from carethread.domain.errors import (
    BodyTooLarge,
    DomainError,
    Forbidden,
    RateLimited,
    Unauthenticated,
)
from constructs import Construct

from infra.constructs.firewall import WebFirewall
from infra.constructs.table import MessagingTable
from infra.function_factory import (
    CareThreadFunction,
    FunctionSpec,
    SharedFunctionProps,
    acknowledge,
)

STAGE_NAME = "live"
API_TABLE_ACTIONS = [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:ConditionCheckItem",
]
# Access log fields: request shape, outcome and timing only. No source IP, user agent, path
# (person ids appear in paths), claims or bodies: nothing that identifies a person.
ACCESS_LOG_FIELDS = {
    "requestId": "$context.requestId",
    "requestTime": "$context.requestTimeEpoch",
    "httpMethod": "$context.httpMethod",
    "resourcePath": "$context.resourcePath",
    "status": "$context.status",
    "responseLength": "$context.responseLength",
    "latencyMs": "$context.responseLatency",
    "integrationStatus": "$context.integration.status",
    "integrationLatencyMs": "$context.integration.latency",
    "errorType": "$context.error.responseType",
    "wafStatus": "$context.waf.status",
}
# Gateway-made errors in the API's problem+json shape (API.md), so clients parse one format.
# Errors API Gateway answers itself, in the same problem body the Lambda writes for that code.
GATEWAY_PROBLEMS: tuple[tuple[str, apigw.ResponseType, type[DomainError], str, str], ...] = (
    (
        "Unauthorized",
        apigw.ResponseType.UNAUTHORIZED,
        Unauthenticated,
        "unauthenticated",
        "Sign in again.",
    ),
    ("AccessDenied", apigw.ResponseType.ACCESS_DENIED, Forbidden, "forbidden", "Access denied."),
    ("Throttled", apigw.ResponseType.THROTTLED, RateLimited, "rate_limited", "Retry later."),
    (
        "TooLarge",
        apigw.ResponseType.REQUEST_TOO_LARGE,
        BodyTooLarge,
        "body_too_large",
        "Too large.",
    ),
    ("WafFiltered", apigw.ResponseType.WAF_FILTERED, Forbidden, "forbidden", "Request blocked."),
)


@dataclass(frozen=True)
class ApiLimits:
    rate_per_second: int
    burst: int


class Api(Construct):
    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        table: MessagingTable,
        user_pool: cognito.IUserPool,
        shared: SharedFunctionProps,
        limits: ApiLimits,
    ) -> None:
        super().__init__(scope, construct_id)
        self.handler = CareThreadFunction(
            self,
            "Handler",
            FunctionSpec(
                package="api",
                description="CareThread REST API",
                memory_mb=1024,  # CPU scales with memory: pydantic validation and cold starts
                timeout=Duration.seconds(15),
                reserved_concurrency=25,
            ),
            shared,
        )
        self.handler.allow(
            API_TABLE_ACTIONS, [table.table.table_arn, table.index_arn(keys.GSI1_NAME)]
        )
        access_logs = logs.LogGroup(
            self, "AccessLogs", retention=shared.log_retention, encryption_key=shared.key
        )
        authorizer = apigw.CognitoUserPoolsAuthorizer(
            self, "Authorizer", cognito_user_pools=[user_pool]
        )
        self.rest_api = apigw.RestApi(
            self,
            "RestApi",
            # Every method requires a Cognito ID token unless it explicitly opts out.
            default_method_options=apigw.MethodOptions(
                authorizer=authorizer, authorization_type=apigw.AuthorizationType.COGNITO
            ),
            description="CareThread API",
            endpoint_types=[apigw.EndpointType.REGIONAL],
            cloud_watch_role=True,
            deploy_options=apigw.StageOptions(
                stage_name=STAGE_NAME,
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.custom(json.dumps(ACCESS_LOG_FIELDS)),
                logging_level=apigw.MethodLoggingLevel.ERROR,
                data_trace_enabled=False,  # would log request and response bodies (PHI)
                metrics_enabled=True,
                tracing_enabled=True,
                throttling_rate_limit=limits.rate_per_second,
                throttling_burst_limit=limits.burst,
            ),
        )
        self._add_routes()
        self._add_gateway_problems()
        self.firewall = WebFirewall(
            self, "Firewall", stage=self.rest_api.deployment_stage, shared=shared
        )
        self._acknowledge()

    def _add_routes(self) -> None:
        integration = apigw.LambdaIntegration(self.handler.function, proxy=True)
        validator = self.rest_api.add_request_validator(
            "RequireToken", validate_request_parameters=True, validate_request_body=False
        )
        # Not add_proxy(any_method=True): that also mounts ANY on "/" without the options.
        versioned = self.rest_api.root.add_resource("v1")
        self.proxy_method = versioned.add_resource("{proxy+}").add_method(
            "ANY",
            integration,
            request_validator=validator,
            request_parameters={"method.request.header.Authorization": True},
        )
        # The API description is public: it holds no data and clients generate code from it.
        self.openapi_method = self.rest_api.root.add_resource("openapi.json").add_method(
            "GET", integration, authorization_type=apigw.AuthorizationType.NONE
        )

    def _add_gateway_problems(self) -> None:
        for name, response_type, error, code, detail in GATEWAY_PROBLEMS:
            body = problem(
                status=error.status, code=code, title=error.title, detail=detail, errors=None
            )
            template = body.model_dump(exclude_none=True)
            self.rest_api.add_gateway_response(
                f"Problem{name}",
                type=response_type,
                status_code=str(error.status),
                templates={"application/json": json.dumps(template)},
                response_headers={"Content-Type": "'application/problem+json'"},
            )

    def _acknowledge(self) -> None:
        public = (
            "GET /openapi.json is deliberately public: it serves the API description, which "
            "holds no data and no person's information. Every other route requires a Cognito "
            "token."
        )
        acknowledge(self.openapi_method, "AwsSolutions-APIG4", public)
        acknowledge(self.openapi_method, "AwsSolutions-COG4", public)
        acknowledge(
            self.rest_api,
            "AwsSolutions-APIG2",
            "The gateway validates request parameters (the Authorization header) on every "
            "route. Bodies are validated by the API Lambda against the pydantic models that "
            "also generate the OpenAPI document; behind one {proxy+} integration a gateway "
            "model cannot tell routes apart, so gateway body validation would check nothing.",
        )
        stage = self.rest_api.deployment_stage
        acknowledge(
            stage,
            "HIPAA.Security-APIGWCacheEnabledAndEncrypted",
            "No response cache: responses are per-user PHI that must not be served from a "
            "shared cache, and reads must reflect sends and read markers at once.",
        )
        acknowledge(
            stage,
            "HIPAA.Security-APIGWSSLEnabled",
            "Client certificates authenticate API Gateway to HTTP backends; the only backend "
            "is a Lambda proxy integration invoked over AWS's signed internal path.",
        )
        role = self.rest_api.node.try_find_child("CloudWatchRole")
        if role is not None:
            acknowledge(
                role,
                "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                "AmazonAPIGatewayPushToCloudWatchLogs]",
                "API Gateway's account-level logging role needs the AWS-maintained push-to-"
                "logs policy (as API Gateway documents); only apigateway.amazonaws.com can "
                "assume it, and it is what makes execution and access logging possible.",
            )
