"""The embedded AWS: a moto server on loopback, the process environment that points every
boto3 client and PynamoDB model at it, and the stack's resources made from the same
definitions the CDK stack uses."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import TracebackType
from typing import Any

from moto.server import ThreadedMotoServer

from infra.local.authority import Audience

FAKE_CREDENTIALS = "local"
# Sign-in groups as the deployed user pool has them; the role claim names one.
USER_GROUPS = ("provider", "client", "system")
CARE_EVENTS_DEAD_LETTERS = "carethread-care-events-dead-letters"


def start_moto() -> tuple[ThreadedMotoServer, str]:
    """A moto server on a free loopback port, and its URL."""
    # Werkzeug logs every emulated AWS call; the runtime's own output is what matters.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


def aws_environment(endpoint: str, region: str) -> dict[str, str]:
    """What the deployed functions get from Lambda, with every AWS endpoint on moto."""
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_DEFAULT_REGION": region,
        "AWS_REGION": region,
        "AWS_ACCESS_KEY_ID": FAKE_CREDENTIALS,
        "AWS_SECRET_ACCESS_KEY": FAKE_CREDENTIALS,
        "AWS_SESSION_TOKEN": FAKE_CREDENTIALS,
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
        "CARETHREAD_REGION": region,
        "CARETHREAD_DYNAMODB_ENDPOINT": endpoint,
        "CARETHREAD_AWS_ENDPOINT": endpoint,
    }


class PatchedEnvironment:
    """Sets environment variables and drops cached settings and clients; undoes both on exit,
    so an in-process runtime (tests) leaves the process as it found it."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)
        self._saved: dict[str, str | None] = {}

    def __enter__(self) -> PatchedEnvironment:
        self._saved = {name: os.environ.get(name) for name in self._values}
        os.environ.update(self._values)
        clear_process_caches()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for name, value in self._saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        clear_process_caches()


# Modules that cache what they read from the environment: settings, and the adapters'
# one-client-per-process boto3 clients (endpoint fixed when the client is made).
_CACHING_MODULES = ("carethread.settings", "carethread.adapters")


def clear_process_caches() -> None:
    """Forget cached settings and clients so they are made again from the environment."""
    for name, module in list(sys.modules.items()):
        if not name.startswith(_CACHING_MODULES):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


@dataclass(frozen=True)
class Resources:
    region: str
    table_name: str
    stream_arn: str
    schedule_group: str
    audience: Audience


def create_resources(boto_session: Any) -> Resources:
    """The table, user pool, SES identity and schedule group, named by the settings'
    defaults and shaped by the same definitions as the CDK stack."""
    from carethread.data.keys import create_table_arguments
    from carethread.settings import core_settings, notification_settings

    core, notify = core_settings(), notification_settings()
    dynamodb = boto_session.client("dynamodb")
    dynamodb.create_table(**create_table_arguments(core.table_name))
    table = dynamodb.describe_table(TableName=core.table_name)["Table"]

    cognito = boto_session.client("cognito-idp")
    pool = cognito.create_user_pool(PoolName="carethread")["UserPool"]
    client = cognito.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="carethread-app", GenerateSecret=False
    )["UserPoolClient"]
    for group in USER_GROUPS:
        cognito.create_group(GroupName=group, UserPoolId=pool["Id"])

    ses = boto_session.client("sesv2")
    ses.create_email_identity(EmailIdentity=notify.from_address)
    ses.create_configuration_set(ConfigurationSetName=notify.configuration_set)

    boto_session.client("scheduler").create_schedule_group(Name=notify.schedule_group)
    issuer = f"https://cognito-idp.{core.region}.amazonaws.com/{pool['Id']}"
    return Resources(
        region=core.region,
        table_name=core.table_name,
        stream_arn=table["LatestStreamArn"],
        schedule_group=notify.schedule_group,
        audience=Audience(issuer=issuer, client_id=client["ClientId"]),
    )


def create_dead_letter_queue(boto_session: Any) -> dict[str, str]:
    """The care-events dead-letter queue, and the setting that points the function at it
    (deployed, the stack passes the queue's URL the same way)."""
    sqs = boto_session.client("sqs")
    url = sqs.create_queue(QueueName=CARE_EVENTS_DEAD_LETTERS)["QueueUrl"]
    return {"CARETHREAD_DEAD_LETTER_QUEUE_URL": url}


@lru_cache(maxsize=1)
def _botocore_session() -> Any:
    import botocore.session

    return botocore.session.get_session()


def boto_session(endpoint: str, region: str) -> Any:
    """A boto3 session on moto; service models are loaded once per process (they are slow)."""
    import boto3

    return _EndpointSession(
        boto3.session.Session(
            botocore_session=_botocore_session(),
            aws_access_key_id=FAKE_CREDENTIALS,
            aws_secret_access_key=FAKE_CREDENTIALS,
            aws_session_token=FAKE_CREDENTIALS,
            region_name=region,
        ),
        endpoint,
    )


class _EndpointSession:
    """Makes every client talk to moto, whatever the environment says."""

    def __init__(self, session: Any, endpoint: str) -> None:
        self._session = session
        self._endpoint = endpoint

    def client(self, service: str) -> Any:
        return self._session.client(service, endpoint_url=self._endpoint)


def bind_models(resources: Resources, endpoint: str) -> Any:
    """Point the PynamoDB models at the moto table; returns the undo."""
    from carethread.data import models

    meta = models.TableItem.Meta
    previous = (meta.table_name, meta.region, meta.host)
    models.bind_table(resources.table_name, region=resources.region, host=endpoint)
    return lambda: models.bind_table(previous[0], region=previous[1], host=previous[2])


def reset_moto() -> None:
    """Forget every emulated resource (moto's backends are process-wide)."""
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()
