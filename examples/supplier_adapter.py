"""An example supplier-system adapter: take requests from your Kafka topic, answer on the responses topic.

    python examples/supplier_adapter.py --bootstrap 127.0.0.1:9092 --short-code lenenergo \
        --client-id lenenergo-1a2b3c4d --client-secret '…' --identity-url http://127.0.0.1:8001
    python examples/supplier_adapter.py --bootstrap 127.0.0.1:9092 --short-code lenenergo --token '<access token>'
    # with SASL/SCRAM on the broker: --security-protocol SASL_PLAINTEXT --sasl-username supplier-lenenergo \
    #     --sasl-password '…'   (the Kafka credential is separate from the identity service account)

What an integrator needs to know (see also docs/adr/0006-supplier-responses.md):
- Your requests arrive on `requests.supplier.<short-code>.v1`; read it with the consumer group
  `suppliers.<short-code>` (the only group your Kafka principal may use). Records are CloudEvents in
  binary mode: `ce_*` headers, a JSON value, key = request id. Types you will see:
  SupplierRequestDispatched (a request with project, applicant, form fields, document links, due date),
  SupplierRequestChanged (the investor answered your question, withdrew the request, or it moved away),
  SupplierResponseRejected (one of your responses was not applied, and why).
- Answer with SupplierResponded events on `requests.supplier-responses.v1` (action accepted,
  clarification_requested or answered; a fresh response_id per response) and put your identity access
  token in the record header `authorization: Bearer <token>`. The requests service checks that the
  token's organisation is the one the request is assigned to; anything else is rejected.
- Documents: download them from their `url` with the same token and check their sha256.

This adapter accepts every request at once, asks for the single-line scheme when reliability category I
is requested and answers once the investor has replied, and otherwise answers at once with a made-up
number of technical conditions. Replace `decide` with a call into your own system.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from corridor_contracts import (
    SUPPLIER_RESPONSES, Envelope, Event, KafkaRecord, MalformedEvent, SupplierAction, SupplierRequestChange,
    SupplierRequestChanged, SupplierRequestDispatched, SupplierResponded, SupplierResponseRejected, from_kafka,
    supplier_topic, to_kafka,
)

log = logging.getLogger("supplier_adapter")


@dataclass(frozen=True)
class AdapterConfig:
    bootstrap_servers: str
    short_code: str
    organization_id: uuid.UUID | None = None  # learned from the first dispatched request if not given
    kafka_options: dict = field(default_factory=dict)  # security_protocol, sasl_* for aiokafka

    @property
    def topic(self) -> str:
        return supplier_topic(self.short_code)

    @property
    def group(self) -> str:
        return f"suppliers.{self.short_code}"


TokenSource = Callable[[], Awaitable[str]]
SCHEME_QUESTION = "Приложите однолинейную схему электроснабжения с двумя независимыми источниками"


def static_token(token: str) -> TokenSource:
    async def current() -> str:
        return token

    return current


def client_credentials(identity_url: str, client_id: str, client_secret: str) -> TokenSource:
    """OAuth 2.0 client credentials against identity's POST /token, renewed a minute before expiry."""
    cached: dict[str, object] = {"token": None, "expires": 0.0}

    async def current() -> str:
        if cached["token"] is None or time.monotonic() > cached["expires"]:
            async with httpx.AsyncClient(base_url=identity_url, timeout=10) as client:
                response = await client.post("/token", data={"grant_type": "client_credentials",
                                                             "client_id": client_id, "client_secret": client_secret})
                response.raise_for_status()
                body = response.json()
            cached["token"] = body["access_token"]
            cached["expires"] = time.monotonic() + max(int(body.get("expires_in", 600)) - 60, 30)
        return cached["token"]

    return current


def decide(event: Event) -> list[tuple[SupplierAction, str | None]]:
    """What to answer to one event on our topic; an empty list means nothing to send."""
    if isinstance(event, SupplierRequestDispatched):
        if event.payload.get("reliability_category") == "I":  # two independent sources: we need the scheme
            return [(SupplierAction.ACCEPTED, None),
                    (SupplierAction.CLARIFICATION_REQUESTED, SCHEME_QUESTION)]
        return [(SupplierAction.ACCEPTED, None), (SupplierAction.ANSWERED, conditions_issued(event.request_id))]
    if isinstance(event, SupplierRequestChanged) and event.change is SupplierRequestChange.CLARIFICATION_PROVIDED:
        return [(SupplierAction.ANSWERED, conditions_issued(event.request_id))]
    return []


def conditions_issued(request_id: uuid.UUID) -> str:
    return f"Технические условия № ТУ-{str(request_id)[:8].upper()} выданы; договор направлен в личный кабинет."


def response_record(*, request_id: uuid.UUID, organization_id: uuid.UUID, action: SupplierAction,
                    text: str | None, token: str | None, short_code: str,
                    response_id: uuid.UUID | None = None) -> KafkaRecord:
    """The Kafka record of one response: a CloudEvent plus the header proving who sends it."""
    response = SupplierResponded(occurred_at=datetime.now(timezone.utc), response_id=response_id or uuid.uuid4(),
                                 request_id=request_id, supplier_organization_id=organization_id, action=action,
                                 text=text)
    record = to_kafka(Envelope.wrap(response, source=f"/suppliers/{short_code}"))
    proof = [("authorization", f"Bearer {token}".encode())] if token else []
    return KafkaRecord(record.topic, record.key, record.value, [*record.headers, *proof])


async def handle(event: Event, config: AdapterConfig, producer: AIOKafkaProducer, token: TokenSource) -> int:
    """Print what arrived and send the decided responses; returns how many were sent."""
    if isinstance(event, SupplierResponseRejected):
        log.warning("response %s to request %s was rejected: %s (%s)", event.response_id, event.request_id,
                    event.reason, event.detail)
        return 0
    if isinstance(event, SupplierRequestDispatched):
        log.info("request %s «%s» from %s (INN %s), due %s, %d document(s), form %s", event.request_id, event.subject,
                 event.applicant_name, event.applicant_inn, event.due_on, len(event.documents), event.payload)
    elif isinstance(event, SupplierRequestChanged):
        log.info("request %s changed: %s %s", event.request_id, event.change.value, event.text or "")
    organization_id = config.organization_id or getattr(event, "supplier_organization_id", None)
    sent = 0
    for action, text in decide(event):
        record = response_record(request_id=event.request_id, organization_id=organization_id, action=action,
                                 text=text, token=await token(), short_code=config.short_code)
        await producer.send_and_wait(record.topic, record.value, key=record.key, headers=record.headers)
        log.info("request %s: sent %s", event.request_id, action.value)
        sent += 1
    return sent


async def serve(config: AdapterConfig, token: TokenSource, *, stop: asyncio.Event | None = None) -> None:
    """Consume our topic until `stop` is set; offsets are committed after the responses were sent."""
    consumer = AIOKafkaConsumer(config.topic, group_id=config.group, enable_auto_commit=False,
                                auto_offset_reset="earliest", bootstrap_servers=config.bootstrap_servers,
                                **config.kafka_options)
    producer = AIOKafkaProducer(bootstrap_servers=config.bootstrap_servers, enable_idempotence=True, acks="all",
                                **config.kafka_options)
    await consumer.start()
    await producer.start()
    stop = stop or asyncio.Event()
    try:
        while not stop.is_set():
            batches = await consumer.getmany(timeout_ms=300)
            for records in batches.values():
                for record in records:
                    try:
                        envelope = from_kafka(record.key, record.value, record.headers)
                    except MalformedEvent as exc:
                        log.error("skipping a record that is not one of our events: %s", exc)
                        continue
                    await handle(envelope.data, config, producer, token)
            if batches:
                await consumer.commit()
    finally:
        await consumer.stop()
        await producer.stop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bootstrap", required=True, help="Kafka bootstrap servers, e.g. 127.0.0.1:9092")
    parser.add_argument("--short-code", required=True, help="your organisation's short code, e.g. lenenergo")
    parser.add_argument("--organization-id", type=uuid.UUID, help="your organisation id (default: from requests)")
    credentials = parser.add_mutually_exclusive_group(required=True)
    credentials.add_argument("--token", help="an access token (it expires; for a quick try)")
    credentials.add_argument("--client-id", help="identity service-account client id")
    parser.add_argument("--client-secret", help="identity service-account secret")
    parser.add_argument("--identity-url", default="http://127.0.0.1:8001")
    parser.add_argument("--security-protocol", default="PLAINTEXT",
                        choices=["PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL", "SSL"])
    parser.add_argument("--sasl-username")
    parser.add_argument("--sasl-password")
    args = parser.parse_args(argv)
    if args.client_id and not args.client_secret:
        parser.error("--client-id needs --client-secret")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    kafka_options: dict = {"security_protocol": args.security_protocol}
    if args.sasl_username:
        kafka_options |= {"sasl_mechanism": "SCRAM-SHA-512", "sasl_plain_username": args.sasl_username,
                          "sasl_plain_password": args.sasl_password}
    token = static_token(args.token) if args.token else client_credentials(args.identity_url, args.client_id,
                                                                           args.client_secret)
    config = AdapterConfig(args.bootstrap, args.short_code, args.organization_id, kafka_options)
    log.info("reading %s as group %s; answering on %s", config.topic, config.group, SUPPLIER_RESPONSES)
    try:
        asyncio.run(serve(config, token))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
