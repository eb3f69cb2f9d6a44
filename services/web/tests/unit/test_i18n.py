"""Messages: both languages say everything, Russian plurals agree with numbers, dates read locally."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from corridor_web.domain.i18n import Translator, load_catalogues, russian_plural

CATALOGUES = load_catalogues()
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "corridor_web" / "templates"


def test_russian_and_english_carry_the_same_keys_and_plural_shapes() -> None:
    ru, en = CATALOGUES["ru"], CATALOGUES["en"]
    assert set(ru) == set(en)
    for key in ru:
        assert isinstance(ru[key], list) == isinstance(en[key], list), key
        if isinstance(ru[key], list):
            assert (len(ru[key]), len(en[key])) == (3, 2), key


def test_every_literal_key_a_template_asks_for_exists() -> None:
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"\bt\('([a-z0-9_.-]+)'\s*[,)]", template.read_text()))
    assert used, "the templates ask for no message at all?"
    assert not used - set(CATALOGUES["ru"]), sorted(used - set(CATALOGUES["ru"]))


@pytest.mark.parametrize(("n", "form"), [(1, 0), (2, 1), (4, 1), (5, 2), (11, 2), (12, 2), (14, 2), (21, 0),
                                         (22, 1), (25, 2), (101, 0), (111, 2), (0, 2)])
def test_russian_plural_forms_follow_the_last_digits(n: int, form: int) -> None:
    assert russian_plural(n) == form


def test_plurals_dates_and_numbers_in_each_language() -> None:
    ru, en = Translator("ru", CATALOGUES), Translator("en", CATALOGUES)
    assert ru("deadline.left", n=1) == "остался 1 рабочий день"
    assert ru("deadline.left", n=3) == "осталось 3 рабочих дня"
    assert ru("deadline.left", n=5) == "осталось 5 рабочих дней"
    assert en("deadline.left", n=1) == "1 working day left"
    assert en("deadline.left", n=5) == "5 working days left"
    assert ru.date(date(2026, 3, 8)) == "08.03.2026"
    assert en.date("2026-03-08") == "8 Mar 2026"
    assert ru.date(datetime(2026, 3, 8, 9, 30, tzinfo=timezone.utc)) == "08.03.2026 12:30"  # Moscow time
    assert ru.number(1234567.5, 1) == "1\u202f234\u202f567,5"
    assert en.number(1234567.5, 1) == "1,234,567.5"
    assert ru.date(None) == "—"


def test_a_missing_text_falls_back_to_russian_then_to_the_key() -> None:
    partial = {"ru": {"only.ru": "Только по-русски"}, "en": {}}
    assert Translator("en", partial)("only.ru") == "Только по-русски"
    assert Translator("en", partial)("nowhere") == "nowhere"
    assert Translator("en", partial).optional("nowhere", "the service's words") == "the service's words"
