"""SES v2: send one simple email (plain text and HTML) through the configuration set."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from carethread.settings import NotificationSettings, core_settings, notification_settings


@dataclass(frozen=True)
class EmailContent:
    subject: str
    text: str
    html: str


@lru_cache(maxsize=1)
def default_client() -> Any:
    """One client per process (Lambda reuses it across invocations)."""
    import boto3  # late: only sending needs it, so boto3 stays off the cold start

    return boto3.client(
        "sesv2",
        region_name=core_settings().region,
        endpoint_url=notification_settings().aws_endpoint,
    )


def send_email(
    *, to: str, content: EmailContent, settings: NotificationSettings, client: Any = None
) -> str:
    """Send to one address; returns SES's message id. SES errors propagate (ClientError)."""
    response = (client or default_client()).send_email(
        FromEmailAddress=settings.from_address,
        Destination={"ToAddresses": [to]},
        Content={
            "Simple": {
                "Subject": {"Data": content.subject, "Charset": "UTF-8"},
                "Body": {
                    "Text": {"Data": content.text, "Charset": "UTF-8"},
                    "Html": {"Data": content.html, "Charset": "UTF-8"},
                },
            }
        },
        ConfigurationSetName=settings.configuration_set,
    )
    return str(response["MessageId"])
