"""HTTP entrypoints: thin routers that parse, authorise, call one use case and answer."""

from corridor_notifications.entrypoints.http.dead_letters import router as dead_letters_router
from corridor_notifications.entrypoints.http.feed import router as feed_router
from corridor_notifications.entrypoints.http.preferences import router as preferences_router
from corridor_notifications.entrypoints.http.webhooks import router as webhooks_router

ROUTERS = (feed_router, preferences_router, webhooks_router, dead_letters_router)
