"""The load both the benchmark and the fault-injection suite put on the corridor: investors filing requests.

Each client is a made-up investor company with a project accepted for support in the Gatchina district;
each filing is a heat-connection request, which needs no documents and goes to the regional heat
supplier's own topic. Filing is made idempotent on the client side, as a careful integrator would: a
submission whose answer was lost (the requests service died mid-request) is looked up by its unique
subject before it is sent again, so one logical submission is one request whatever crashed.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpx

from demo.client import CallFailed, Corridor
from demo.loader import Region, open_project, register_investor
from demo.region import LOAD_PROJECT, MANAGERS, load_investor

HEAT_PAYLOAD = {"heat_gcal_per_hour": 0.5}
SUPPLIER = "lenobltepl"


@dataclass(frozen=True)
class Client:
    email: str
    project_id: str


@dataclass(frozen=True)
class Filed:
    request_id: str
    subject: str
    started: float  # time.monotonic() just before the first attempt
    accepted: float  # when the 201 came back (or the lost one was found)
    attempts: int


async def prepare_clients(corridor: Corridor, region: Region, count: int, *, tag: str) -> list[Client]:
    """`count` investors, each registered with one project accepted for support (in parallel)."""

    async def one(number: int) -> Client:
        investor = load_investor(number, tag=tag)
        await register_investor(corridor, investor)
        project_id = await open_project(corridor, region, investor, LOAD_PROJECT, state="accepted",
                                        manager=MANAGERS[number % len(MANAGERS)])
        return Client(investor.email, project_id)

    return list(await asyncio.gather(*(one(number) for number in range(1, count + 1))))


async def file_heat_request(corridor: Corridor, client: Client, subject: str, *, patience: float = 300) -> Filed:
    """File one request; survive the requests service dying mid-request without filing it twice."""
    body = {"project_id": client.project_id, "request_type_code": "heat-connection", "subject": subject,
            "payload": HEAT_PAYLOAD}
    started, attempts = time.monotonic(), 0
    while True:
        attempts += 1
        try:
            created = await corridor.until_accepted("requests", "POST", "/requests", as_user=client.email, json=body)
            return Filed(created["request_id"], subject, started, time.monotonic(), attempts)
        except (httpx.TransportError, CallFailed) as failure:
            if isinstance(failure, CallFailed) and failure.status < 500:
                raise
        while True:  # did the lost attempt get filed? ask before sending it again
            try:
                if (found := await _filed_with_subject(corridor, client, subject)) is not None:
                    return Filed(found, subject, started, time.monotonic(), attempts)
                break
            except (httpx.TransportError, CallFailed):
                if time.monotonic() - started > patience:
                    raise
                await asyncio.sleep(0.5)


async def _filed_with_subject(corridor: Corridor, client: Client, subject: str) -> str | None:
    page = await corridor.call("requests", "GET", "/requests", as_user=client.email,
                               params={"project_id": client.project_id, "limit": 200})
    return next((item["request_id"] for item in page["items"] if item["subject"] == subject), None)
