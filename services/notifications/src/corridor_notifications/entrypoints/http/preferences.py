"""A person's notification preferences: GET/PUT /preferences (kind × channel, on or off)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from corridor_chassis.auth import CurrentPrincipal
from corridor_contracts.events.notifications import Channel
from corridor_notifications.domain.kinds import NotificationKind
from corridor_notifications.entrypoints.http.deps import Sessions
from corridor_notifications.service_layer import preferences

router = APIRouter(prefix="/preferences", tags=["preferences"])


class Choice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: NotificationKind
    channel: Literal["in_app", "email"] = Field(description="Webhooks are an organisation's, not a person's, choice.")
    enabled: bool = Field(strict=True)


class PreferencesChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    preferences: list[Choice] = Field(min_length=1, max_length=100)


class Preferences(BaseModel):
    preferences: list[Choice]

    @classmethod
    def of(cls, matrix: preferences.Matrix) -> "Preferences":
        return cls(preferences=[Choice(kind=kind, channel=channel.value, enabled=enabled)
                                for kind, channels in matrix.items() for channel, enabled in channels.items()])


@router.get("", summary="My channels per notification kind (defaults included)")
async def get_preferences(principal: CurrentPrincipal, sessions: Sessions) -> Preferences:
    async with sessions() as session:
        return Preferences.of(await preferences.preference_matrix(session, user_id=principal.subject))


@router.put("", summary="Switch channels on or off for the kinds given; the others stay as they are")
async def put_preferences(change: PreferencesChange, principal: CurrentPrincipal, sessions: Sessions) -> Preferences:
    async with sessions() as session, session.begin():
        matrix = await preferences.set_preferences(
            session, user_id=principal.subject,
            choices=[(choice.kind, Channel(choice.channel), choice.enabled) for choice in change.preferences])
    return Preferences.of(matrix)
