"""The HTTP API of the projects service: thin routers that parse, authorise, call one use case, return."""

from .investment_rules import router as investment_rules_router
from .projects import router as projects_router
from .review import router as review_router
from .roadmap import router as roadmap_router

ROUTERS = (projects_router, review_router, roadmap_router, investment_rules_router)
