"""Every kind renders in Russian and English, with the link back to the cabinet, and HTML is escaped."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from corridor_notifications.adapters.templates import Renderer, day
from corridor_notifications.domain.kinds import NotificationKind

RENDERER = Renderer()
LINK = "http://127.0.0.1:8080/requests/5f1c"

FACTS: dict[str, Any] = {
    "reason": "Участок в охранной зоне", "remarks": "Уточните объём инвестиций", "roadmap_version": 2,
    "tasks": [{"title": "Получить ГПЗУ", "due_on": "2026-04-10"}, {"title": "Техприсоединение", "due_on": "2026-06-01"}],
    "explanation": "ГПЗУ выдаёт орган по месту нахождения участка", "question": "Уточните кадастровый номер",
    "text": "ГПЗУ подготовлен", "documents": [{"file_name": "gpzu.pdf"}], "percent_elapsed": 75,
    "remaining_working_minutes": 840, "due_on": "2026-03-25", "level": 2,
}
CONTEXT = {"recipient_name": "Ирина Соколова", "project_name": "Молочный завод", "request_subject": "ГПЗУ",
           "body_name": "Комитет по архитектуре", "link": LINK, "preferences_link": "http://127.0.0.1:8080/settings",
           "event": FACTS}
# A word each language's rendering must contain (and the other must not): the greeting of the layout.
GREETING = {"ru": "Здравствуйте", "en": "Dear"}


@pytest.mark.parametrize("locale", ["ru", "en"])
@pytest.mark.parametrize("kind", list(NotificationKind))
def test_every_kind_renders_in_both_languages_with_the_link(kind: NotificationKind, locale: str) -> None:
    message = RENDERER.render(kind, locale, CONTEXT)
    other = "en" if locale == "ru" else "ru"
    assert message.subject and "\n" not in message.subject
    assert LINK in message.text and f'href="{LINK}"' in message.html
    assert GREETING[locale] in message.text and GREETING[other] not in message.text
    assert f'<html lang="{locale}">' in message.html and GREETING[locale] in message.html
    assert "\n\n\n" not in message.text


def test_russian_and_english_differ_in_words_not_only_in_the_greeting() -> None:
    ru = RENDERER.render(NotificationKind.REQUEST_ANSWERED, "ru", CONTEXT)
    en = RENDERER.render(NotificationKind.REQUEST_ANSWERED, "en", CONTEXT)
    assert ru.subject == "Получен ответ на запрос «ГПЗУ»"
    assert en.subject == "Answer received: “ГПЗУ”"
    assert "ГПЗУ подготовлен" in ru.text and "Приложено документов: 1." in ru.text
    assert "Documents attached: 1." in en.text


def test_dates_are_written_as_each_locale_writes_them() -> None:
    assert "25.03.2026" in RENDERER.render(NotificationKind.SLA_WARNING, "ru", CONTEXT).subject
    assert "2026-03-25" in RENDERER.render(NotificationKind.SLA_WARNING, "en", CONTEXT).subject
    assert day(date(2026, 1, 9), "ru") == "09.01.2026"


def test_html_escapes_what_people_typed_but_the_text_keeps_it_verbatim() -> None:
    hostile = CONTEXT | {"project_name": 'ООО "Ромашка" <script>alert(1)</script>',
                         "event": FACTS | {"remarks": "<b>Срочно</b>"}}
    message = RENDERER.render(NotificationKind.PROJECT_RETURNED, "ru", hostile)
    assert "<script>" not in message.html and "&lt;script&gt;" in message.html
    assert "&lt;b&gt;Срочно&lt;/b&gt;" in message.html
    assert 'ООО "Ромашка" <script>' in message.text and '"Ромашка"' in message.subject


def test_an_unknown_locale_falls_back_to_russian() -> None:
    assert RENDERER.render(NotificationKind.PROJECT_ACCEPTED, "de", CONTEXT).subject.startswith("Проект")
