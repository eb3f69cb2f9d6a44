"""Messages rendered from Jinja2 templates, per notification kind and locale.

Layout: `templates/<locale>/<kind>.txt` defines the `subject` and `text` blocks (plain text, no
escaping); `templates/<locale>/<kind>.html` extends `_layout.html` and is autoescaped, so a project
name or an official's question cannot inject markup into an e-mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from corridor_notifications.domain.kinds import NotificationKind

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LOCALES = ("ru", "en")
DEFAULT_LOCALE = "ru"


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    html: str


def day(value: str | date | None, locale: str) -> str:
    """A calendar date as people of the locale write it: 25.03.2026 or 2026-03-25."""
    if value is None:
        return ""
    parsed = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return parsed.strftime("%d.%m.%Y") if locale == "ru" else parsed.isoformat()


class Renderer:
    def __init__(self, directory: Path = TEMPLATES) -> None:
        # StrictUndefined: a template naming a variable the context lacks fails in the tests, not in an inbox.
        self.environment = Environment(loader=FileSystemLoader(directory), undefined=StrictUndefined,
                                       autoescape=select_autoescape(["html"]), keep_trailing_newline=False,
                                       trim_blocks=True, lstrip_blocks=True)
        self.environment.filters["day"] = day

    def render(self, kind: NotificationKind, locale: str, context: dict[str, Any]) -> Message:
        locale = locale if locale in LOCALES else DEFAULT_LOCALE
        variables = context | {"locale": locale}
        text_template = self.environment.get_template(f"{locale}/{kind.value}.txt")
        subject_lines = text_template.blocks["subject"](text_template.new_context(variables))
        subject = " ".join("".join(subject_lines).split())
        text = re.sub(r"\n{3,}", "\n\n", text_template.render(variables)).strip() + "\n"
        html = self.environment.get_template(f"{locale}/{kind.value}.html").render(variables | {"subject": subject})
        return Message(subject=subject, text=text, html=html)
