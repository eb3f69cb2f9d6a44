"""The ways a notification leaves the service: organisations' webhook endpoints here, e-mail in smtp.py.

Each sender raises DeliveryFailed with a message safe to log and publish (no secrets); `permanent`
marks failures that no retry can fix (a mailbox the server refuses outright, an endpoint that
answered 410 Gone), so the worker dead-letters them at once instead of backing off for hours.
"""

from __future__ import annotations

import httpx

from corridor_notifications.domain.signatures import signed_headers


class DeliveryFailed(Exception):
    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


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
