"""Messages in Russian (the default) and English, with Russian plural forms and local date formats.

Why plain JSON catalogues: the texts are data a translator edits without touching code, and a unit
test checks that both languages carry the same keys. A key missing from a catalogue falls back to
Russian, then to the key itself, so a page never breaks on a missing text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"
REGION_TIME_ZONE = ZoneInfo("Europe/Moscow")
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def load_catalogues() -> dict[str, dict[str, Any]]:
    """The catalogues shipped in the package (corridor_web/locales/<lang>.json)."""
    folder = resources.files("corridor_web") / "locales"
    return {lang: json.loads((folder / f"{lang}.json").read_text(encoding="utf-8")) for lang in LANGUAGES}


def russian_plural(n: int) -> int:
    """Index of the Russian plural form: 1 день, 2 дня, 5 дней (and 11 дней, 21 день, 22 дня)."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


@dataclass(frozen=True)
class Translator:
    lang: str
    catalogues: dict[str, dict[str, Any]]

    def has(self, key: str) -> bool:
        return key in self.catalogues[self.lang] or key in self.catalogues[DEFAULT_LANGUAGE]

    def __call__(self, key: str, **values: Any) -> str:
        text = self.catalogues[self.lang].get(key, self.catalogues[DEFAULT_LANGUAGE].get(key, key))
        if isinstance(text, list):  # plural forms: ru has three, en two
            n = int(values.get("n", 0))
            index = russian_plural(n) if self.lang == "ru" else (0 if abs(n) == 1 else 1)
            text = text[min(index, len(text) - 1)]
        return text.format(**values) if values else text

    def optional(self, key: str, fallback: str | None) -> str:
        """The translation of `key` if there is one, else `fallback` (e.g. a service's own wording)."""
        return self(key) if self.has(key) else (fallback or "")

    def date(self, value: date | datetime | str | None) -> str:
        if not value:
            return "—"
        if isinstance(value, str):
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        if isinstance(value, datetime):
            local = value.astimezone(REGION_TIME_ZONE) if value.tzinfo else value
            day = self.date(local.date())
            return f"{day} {local:%H:%M}"
        if self.lang == "ru":
            return f"{value:%d.%m.%Y}"
        return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"

    def number(self, value: float | int | None, digits: int = 0) -> str:
        if value is None:
            return "—"
        text = f"{value:,.{digits}f}"
        return text.replace(",", "\u202f").replace(".", ",") if self.lang == "ru" else text
