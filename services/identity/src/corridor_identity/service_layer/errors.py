"""Problems the use cases raise beyond the domain's rules: unknown ids and taken unique details."""

from __future__ import annotations

from corridor_chassis.errors import Conflict, NotFound


class UnknownOrganization(NotFound):
    title = "No such organisation"


class UnknownUser(NotFound):
    title = "No such user"


class UnknownServiceAccount(NotFound):
    title = "No such service account"


class InnTaken(Conflict):
    slug, title = "inn-taken", "An organisation with this INN is registered already"


class ShortCodeTaken(Conflict):
    slug, title = "short-code-taken", "Another organisation has this short code"


class EmailTaken(Conflict):
    slug, title = "email-taken", "A user with this e-mail exists already"


class KeySetChanged(Conflict):
    slug, title = "key-set-changed", "The signing keys changed meanwhile; try again"
