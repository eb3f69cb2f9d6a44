"""Use cases of the notifications page: the person's feed, marking read, and where an item leads."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from corridor_web.adapters.backends import Api

CABINET_PATHS = ("/requests/", "/projects/")


def local_link(link: str | None) -> str:
    """The notification's link as a path of this site (the service writes absolute cabinet links)."""
    path = urlsplit(link or "").path
    return path if path.startswith(CABINET_PATHS) else "/notifications"


async def feed(api: Api, *, before: int | None) -> dict[str, Any]:
    page = await api.get("notifications", "/feed", limit=30, before=before)
    for item in page["items"]:
        item["local_link"] = local_link(item.get("link"))
    return page


async def mark_read(api: Api, notification_id: str) -> dict[str, Any]:
    item = await api.post("notifications", f"/feed/{notification_id}/read")
    return item | {"local_link": local_link(item.get("link"))}


async def mark_all_read(api: Api) -> int:
    return int((await api.post("notifications", "/feed/read-all"))["marked"])
