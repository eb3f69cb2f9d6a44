"""On a broker with SASL/SCRAM and ACLs, a supplier's principal reads only its own topic and writes only responses.

This test starts its own secured broker (deploy/kafka/localkafka.py in secured mode), not the shared one.
"""

from __future__ import annotations

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import GroupAuthorizationFailedError, KafkaConnectionError, TopicAuthorizationFailedError

import localkafka  # loaded by the root conftest
from corridor_chassis.messaging.admin import ensure_topics
from corridor_contracts.topics import SUPPLIER_RESPONSES, TOPICS, supplier_topic, supplier_topic_spec
from corridor_requests.adapters.supplier_acls import supplier_acl_arguments, supplier_group, supplier_principal

pytestmark = pytest.mark.kafka
A, B = "lenenergo", "gazprom-lo"


@pytest.fixture(scope="module")
def secured_broker(tmp_path_factory):
    users = {"admin": "admin-secret", supplier_principal(A): "a-secret", supplier_principal(B): "b-secret"}
    broker = localkafka.LocalKafka(tmp_path_factory.mktemp("secured-kafka"), port=localkafka.free_port(),
                                   scram_users=users, acls=True)
    with open(broker.data_dir / "broker.out", "ab") as log:
        broker.start(stdout=log)
        try:
            yield broker
        finally:
            broker.stop()


async def read_one(options: dict, topic: str, group: str) -> bytes:
    consumer = AIOKafkaConsumer(topic, group_id=group, auto_offset_reset="earliest", **options)
    try:
        await consumer.start()
        return (await asyncio.wait_for(consumer.getone(), 20)).value
    finally:
        await consumer.stop()


async def write(options: dict, topic: str, value: bytes) -> None:
    producer = AIOKafkaProducer(request_timeout_ms=10_000, **options)
    await producer.start()
    try:
        await producer.send_and_wait(topic, value)
    finally:
        await producer.stop()


async def test_a_supplier_reads_its_own_topic_and_writes_responses_and_nothing_else(secured_broker) -> None:
    admin = secured_broker.client_options("admin")
    await ensure_topics(admin, [supplier_topic_spec(A), supplier_topic_spec(B), TOPICS[SUPPLIER_RESPONSES]],
                        with_dead_letters=False)
    await write(admin, supplier_topic(A), b"request for A")
    await write(admin, supplier_topic(B), b"request for B")
    await asyncio.gather(*(asyncio.to_thread(secured_broker.add_acls, *arguments)
                           for arguments in supplier_acl_arguments(A)))
    as_a = secured_broker.client_options(supplier_principal(A))

    assert await read_one(as_a, supplier_topic(A), supplier_group(A)) == b"request for A"
    await write(as_a, SUPPLIER_RESPONSES, b"answer from A")
    assert await read_one(admin, SUPPLIER_RESPONSES, "requests.supplier-responses") == b"answer from A"

    with pytest.raises(TopicAuthorizationFailedError):
        await read_one(as_a, supplier_topic(B), supplier_group(A))  # another supplier's requests
    with pytest.raises(TopicAuthorizationFailedError):
        await write(as_a, supplier_topic(A), b"a forged request")  # its own topic is read-only to it
    with pytest.raises(GroupAuthorizationFailedError):
        await read_one(as_a, supplier_topic(A), supplier_group(B))  # only its own consumer group
    as_b = secured_broker.client_options(supplier_principal(B))  # no grants yet: nothing at all
    with pytest.raises(TopicAuthorizationFailedError):
        await write(as_b, SUPPLIER_RESPONSES, b"answer from B")
    with pytest.raises(KafkaConnectionError):  # a wrong password does not even get a connection
        await read_one({**as_a, "sasl_plain_password": "guessed"}, supplier_topic(A), supplier_group(A))
