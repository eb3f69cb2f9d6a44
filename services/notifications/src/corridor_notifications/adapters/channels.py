"""The ways a notification leaves the service: an SMTP server and organisations' webhook endpoints.

Each sender raises DeliveryFailed with a message safe to log and publish (no secrets); `permanent`
marks failures that no retry can fix (a mailbox the server refuses outright, an endpoint that
answered 410 Gone), so the worker dead-letters them at once instead of backing off for hours.
"""

from __future__ import annotations

from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, parseaddr

import aiosmtplib
import httpx

from corridor_notifications.domain.signatures import signed_headers


class DeliveryFailed(Exception):
    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class SmtpMailer:
    def __init__(self, *, host: str, port: int, sender: str, username: str | None = None,
                 password: str | None = None, starttls: bool = False, timeout: float = 30) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.username, self.password, self.starttls, self.timeout = username, password, starttls, timeout

    def compose(self, *, to: str, subject: str, text: str, html: str | None, message_id: str) -> Message:
        """A text message with an HTML alternative.

        Built with the legacy MIME classes on purpose: the modern EmailMessage folds a long non-ASCII
        subject by putting the space between two encoded words outside them, where readers drop it
        (Python 3.11), while `Header` keeps the spaces inside the encoded words.
        """
        message = MIMEMultipart("alternative")
        message["Subject"] = Header(subject, "utf-8")
        message["From"] = formataddr(parseaddr(self.sender), charset="utf-8")
        message["To"] = to
        message["Date"] = formatdate(localtime=False, usegmt=True)
        message["Message-ID"] = f"<{message_id}@green-corridor.local>"  # the same on a retry: readers drop repeats
        message["Auto-Submitted"] = "auto-generated"  # RFC 3834: vacation responders stay quiet
        message.attach(MIMEText(text, "plain", "utf-8"))
        if html:
            message.attach(MIMEText(html, "html", "utf-8"))
        return message

    async def send(self, message: Message) -> str:
        try:
            _refused, reply = await aiosmtplib.send(
                message, hostname=self.host, port=self.port, username=self.username, password=self.password,
                start_tls=self.starttls, timeout=self.timeout)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [error.code for error in exc.recipients]
            raise DeliveryFailed(f"SMTP refused the recipient ({codes})",
                                 permanent=all(500 <= code < 600 for code in codes)) from exc
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise DeliveryFailed(f"SMTP {self.host}:{self.port}: {exc.__class__.__name__}: {exc}"[:500]) from exc
        return f"SMTP accepted: {reply}"[:500]


class WebhookSender:
    """POSTs a signed JSON body; any 2xx is delivered, anything else (or no answer) is a failure."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def send(self, *, url: str, secret: str, webhook_id: str, timestamp: int, body: bytes) -> str:
        headers = signed_headers(secret, webhook_id=webhook_id, timestamp=timestamp, body=body)
        headers |= {"Content-Type": "application/json", "User-Agent": "GreenCorridor-Webhooks/1"}
        try:
            response = await self.client.post(url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise DeliveryFailed(f"POST {url}: {exc.__class__.__name__}: {exc}"[:500]) from exc
        if response.is_success:
            return f"HTTP {response.status_code}"
        raise DeliveryFailed(f"POST {url}: HTTP {response.status_code}", permanent=response.status_code == 410)
