"""E-mail over SMTP: compose a notification's message and send it on a few reused connections.

Why a pool: one SMTP conversation per message (connect, EHLO, maybe STARTTLS and AUTH, MAIL, RCPT,
DATA, QUIT) spends several round trips, and CPU on both sides, on one message. Up to `connections`
clients stay open, each sending one message at a time, and each is closed after
`messages_per_connection` messages (relays limit how many they take per session). An idle connection
the server has closed (its idle timeout, a restart) is dropped unused; when the server drops a reused
connection during a message, the message is sent once more on a fresh connection. Any other failure
closes the connection and leaves the retry to the worker's backoff. A server that dropped the
connection after taking the message but before confirming it sees it twice, as after any retry: the
Message-ID stays the same.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, parseaddr

import aiosmtplib

from corridor_notifications.adapters.channels import DeliveryFailed


@dataclass
class _Connection:
    client: aiosmtplib.SMTP
    sent: int = 0


class SmtpMailer:
    def __init__(self, *, host: str, port: int, sender: str, username: str | None = None,
                 password: str | None = None, starttls: bool = False, timeout: float = 30,
                 connections: int = 8, messages_per_connection: int = 100) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.username, self.password, self.starttls, self.timeout = username, password, starttls, timeout
        self.messages_per_connection = messages_per_connection
        self._slots = asyncio.Semaphore(connections)
        self._idle: list[_Connection] = []

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
            async with self._slots:
                reply = await self._send_pooled(message)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [error.code for error in exc.recipients]
            raise DeliveryFailed(f"SMTP refused the recipient ({codes})",
                                 permanent=all(500 <= code < 600 for code in codes)) from exc
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise DeliveryFailed(f"SMTP {self.host}:{self.port}: {exc.__class__.__name__}: {exc}"[:500]) from exc
        return f"SMTP accepted: {reply}"[:500]

    async def close(self) -> None:
        """Say goodbye on the idle connections (the worker stops); a busy one was closed by its sender."""
        idle, self._idle = self._idle, []
        await asyncio.gather(*(self._quit(connection) for connection in idle))

    async def _send_pooled(self, message: Message) -> str:
        reused = self._take_idle()
        if reused is not None:
            try:
                return await self._send_on(reused, message)
            except aiosmtplib.SMTPServerDisconnected:
                pass  # the server closed it as we began: once more on a fresh connection
        return await self._send_on(await self._open(), message)

    def _take_idle(self) -> _Connection | None:
        while self._idle:
            connection = self._idle.pop()
            if connection.client.is_connected:
                return connection
            connection.client.close()
        return None

    async def _open(self) -> _Connection:
        client = aiosmtplib.SMTP(hostname=self.host, port=self.port, username=self.username, password=self.password,
                                 start_tls=self.starttls, timeout=self.timeout)
        await client.connect()
        return _Connection(client)

    async def _send_on(self, connection: _Connection, message: Message) -> str:
        try:
            _refused, reply = await connection.client.send_message(message)
        except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused):
            self._idle.append(connection)  # a refusal of this message: aiosmtplib reset the session for the next
            raise
        except BaseException:
            connection.client.close()  # a broken or cancelled conversation is not reused
            raise
        connection.sent += 1
        if connection.sent < self.messages_per_connection:
            self._idle.append(connection)
        else:
            await self._quit(connection)
        return reply

    async def _quit(self, connection: _Connection) -> None:
        try:
            await connection.client.quit()
        except (aiosmtplib.SMTPException, OSError):
            connection.client.close()
