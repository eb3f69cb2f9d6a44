"""The notifications page, and the live stream of new notifications relayed from the service.

The stream is server-sent events: the browser's EventSource connects here with the session cookie,
and this relays the notifications service's /feed/stream opened with the person's token, so the
token never reaches page scripts. Without JavaScript the page still lists everything.
"""

from __future__ import annotations

from contextlib import AsyncExitStack
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from corridor_web.adapters.backends import BackendProblem, BackendUnavailable
from corridor_web.entrypoints.context import CsrfChecked, SignedIn
from corridor_web.service_layer import notifications

router = APIRouter(dependencies=[CsrfChecked])


@router.get("/notifications")
async def notification_list(page: SignedIn, before: int | None = None) -> Response:
    found = await notifications.feed(page.api, before=before)
    return await page.render("notifications.html", found=found)


@router.post("/notifications/read-all")
async def read_all(page: SignedIn) -> Response:
    marked = await notifications.mark_all_read(page.api)
    page.flash("success", "notifications.marked", n=marked)
    return page.redirect("/notifications")


@router.post("/notifications/{notification_id}/read")
async def read_one(notification_id: UUID, page: SignedIn) -> Response:
    item = await notifications.mark_read(page.api, str(notification_id))
    return page.redirect(item["local_link"])


@router.get("/notifications/stream")
async def stream(request: Request, page: SignedIn) -> Response:
    headers = {}
    if last := request.headers.get("last-event-id"):
        headers["Last-Event-ID"] = last
    stack = AsyncExitStack()
    try:
        upstream = await stack.enter_async_context(
            page.backends.stream("notifications", "/feed/stream", token=page.session.access_token, headers=headers))
    except (BackendProblem, BackendUnavailable) as failed:
        await stack.aclose()
        status = failed.status if isinstance(failed, BackendProblem) and failed.status < 500 else 503
        return Response(status_code=status, headers={"Retry-After": "10"})

    async def relay():
        try:
            async for chunk in upstream.aiter_bytes():
                yield chunk
        except Exception:  # noqa: BLE001 - the service went away: end the stream; the browser reconnects
            return
        finally:
            await stack.aclose()

    return StreamingResponse(relay(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
