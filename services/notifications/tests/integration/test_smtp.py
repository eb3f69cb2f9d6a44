"""The SMTP mailer against a real SMTP server (aiosmtpd): messages share a few reused connections, a
connection the server dropped is replaced and the message still goes once, a refused mailbox is a
permanent failure that leaves the connection usable."""

from __future__ import annotations

import asyncio

import pytest
from aiosmtpd.controller import Controller
from pydantic import ValidationError

from corridor_notifications.adapters.channels import DeliveryFailed
from corridor_notifications.adapters.smtp import SmtpMailer
from corridor_notifications.settings import Settings

from .conftest import free_port


class Server:
    """Counts accepted messages per recipient and the connections they came on; can misbehave."""

    def __init__(self) -> None:
        self.accepted: list[tuple[str, tuple]] = []  # (recipient, the client's address and port)
        self.quits = 0
        self.drop_next_mail = False
        self.refused = "nobody@example.ru"

    async def handle_MAIL(self, server, session, envelope, address, mail_options) -> str:
        if self.drop_next_mail:
            self.drop_next_mail = False
            server.transport.abort()  # gone without a word, as a restarting relay would be
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address == self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        self.accepted += [(recipient, session.peer) for recipient in envelope.rcpt_tos]
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope) -> str:
        self.quits += 1
        return "221 Bye"

    def to(self, address: str) -> int:
        return sum(recipient == address for recipient, _ in self.accepted)

    @property
    def connections(self) -> int:
        return len({peer for _, peer in self.accepted})


@pytest.fixture
def server():
    handler = Server()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), timeout=0.5)  # idle drop after 0.5 s
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


def mailer_for(server: Server, **options) -> SmtpMailer:
    return SmtpMailer(host="127.0.0.1", port=server.port, sender="Зелёный коридор <noreply@green-corridor.local>",
                      timeout=5, **options)


async def send(mailer: SmtpMailer, to: str) -> str:
    return await mailer.send(mailer.compose(to=to, subject="Просрочен ответ на запрос", text="Текст",
                                            html="<p>Текст</p>", message_id=to))


async def test_messages_share_a_few_connections_each_closed_after_its_quota(server) -> None:
    mailer = mailer_for(server, connections=2, messages_per_connection=5)
    replies = await asyncio.gather(*(send(mailer, f"official{i}@example.ru") for i in range(10)))
    assert all(reply.startswith("SMTP accepted: ") for reply in replies)
    assert [server.to(f"official{i}@example.ru") for i in range(10)] == [1] * 10
    assert server.connections == 2 and server.quits == 2  # both used up their five messages
    await send(mailer, "later@example.ru")
    assert server.connections == 3
    await mailer.close()
    assert server.quits == 3


async def test_a_connection_the_server_closed_while_idle_is_replaced_and_the_mail_goes_once(server) -> None:
    mailer = mailer_for(server, connections=1)
    await send(mailer, "first@example.ru")
    await asyncio.sleep(1.0)  # past the server's idle timeout: it said 421 and hung up
    await send(mailer, "second@example.ru")
    assert (server.to("first@example.ru"), server.to("second@example.ru"), server.connections) == (1, 1, 2)
    await mailer.close()


async def test_a_reused_connection_dropped_as_a_message_starts_sends_it_once_on_a_new_one(server) -> None:
    mailer = mailer_for(server, connections=1)
    await send(mailer, "first@example.ru")
    server.drop_next_mail = True
    reply = await send(mailer, "second@example.ru")
    assert reply.startswith("SMTP accepted")
    assert (server.to("second@example.ru"), server.connections) == (1, 2)
    await mailer.close()


async def test_a_refused_mailbox_fails_for_good_and_the_connection_sends_the_next_message(server) -> None:
    mailer = mailer_for(server, connections=1)
    with pytest.raises(DeliveryFailed) as refused:
        await send(mailer, server.refused)
    assert refused.value.permanent and str(refused.value) == "SMTP refused the recipient ([550])"
    await send(mailer, "next@example.ru")
    await send(mailer, "after@example.ru")
    assert server.accepted and server.connections == 1
    await mailer.close()


async def test_a_server_that_is_not_there_is_a_failure_to_retry(server) -> None:
    mailer = SmtpMailer(host="127.0.0.1", port=free_port(), sender="noreply@green-corridor.local", timeout=2)
    with pytest.raises(DeliveryFailed) as failed:
        await send(mailer, "official@example.ru")
    assert not failed.value.permanent and str(failed.value).startswith(f"SMTP 127.0.0.1:{mailer.port}: ")


@pytest.mark.parametrize("setting", [{"smtp_connections": 0}, {"smtp_messages_per_connection": 0}])
def test_a_pool_without_connections_or_messages_is_refused_at_start(setting: dict) -> None:
    with pytest.raises(ValidationError):
        Settings(**setting)
