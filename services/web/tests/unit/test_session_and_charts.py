"""The session cookie, the time left on a clock, dashboard charts and notification links."""

from __future__ import annotations

import json
import time

import pytest
from pydantic import ValidationError

from corridor_web.adapters.session_cookie import SessionCookie
from corridor_web.domain.charts import TARGET_SHARE, WIDTH, magnitude_chart, share_chart, tone_of_share
from corridor_web.domain.deadlines import time_left
from corridor_web.domain.session import Person, Session
from corridor_web.service_layer.notifications import local_link
from corridor_web.settings import DEV_SESSION_SECRET, Settings

PERSON = Person(user_id="u1", full_name="Иванов И. И.", email="i@example.ru", roles=["investor"],
                organization_id="o1", organization_kind="investor", organization_name="ООО «МолПром»")


def signed_in() -> Session:
    return Session.signed_in_as(PERSON, access_token="a" * 600, refresh_token="r" * 64,
                                expires_at=time.time() + 600)


def test_the_cookie_round_trips_and_hides_the_tokens() -> None:
    cookies = SessionCookie("secret", max_age_seconds=3600)
    session = signed_in()
    session.flash("success", "Сохранено")
    value = cookies.encode(session)
    assert "aaaa" not in value and "Иванов" not in value
    restored = cookies.decode(value)
    assert restored.person == PERSON and restored.csrf == session.csrf
    assert restored.take_flashes() == [("success", "Сохранено")]


def test_a_tampered_foreign_or_stale_cookie_is_no_session() -> None:
    cookies = SessionCookie("secret", max_age_seconds=3600)
    value = cookies.encode(signed_in())
    assert cookies.decode(value[:-4] + "AAAA") is None
    assert SessionCookie("another secret", max_age_seconds=3600).decode(value) is None
    assert SessionCookie("secret", max_age_seconds=3600).decode("not-a-cookie") is None
    assert cookies.decode(None) is None


def test_a_cookie_older_than_the_session_age_is_no_session() -> None:
    cookies = SessionCookie("secret", max_age_seconds=3600)
    payload = json.dumps(signed_in().as_dict()).encode()
    assert cookies.decode(cookies._fernet.encrypt_at_time(payload, int(time.time()) - 600).decode()) is not None
    assert cookies.decode(cookies._fernet.encrypt_at_time(payload, int(time.time()) - 7200).decode()) is None


def test_a_new_session_gets_a_new_csrf_token_and_the_home_of_the_main_role() -> None:
    anonymous, fresh = Session(), signed_in()
    assert anonymous.csrf != fresh.csrf and len(fresh.csrf) >= 32
    assert fresh.signed_in and not anonymous.signed_in
    assert fresh.person.home == "/projects"
    assert Person("u", "n", "e", ["official"], "o", "supplier").home == "/inbox"
    assert Person("u", "n", "e", ["operator"], "o", "agency").home == "/dashboard"


def test_an_access_token_is_renewed_a_little_before_it_expires() -> None:
    session = signed_in()
    assert not session.access_expired(time.time())
    assert session.access_expired(session.access_expires_at - 10)


def test_time_left_counts_whole_working_days_and_says_when_overdue() -> None:
    day = 24 * 60
    assert time_left({"status": "running", "remaining_working_minutes": 3 * day}).working_days == 3
    assert time_left({"status": "running", "remaining_working_minutes": 2 * day + 1}).working_days == 3
    soon = time_left({"status": "running", "remaining_working_minutes": 30})
    assert (soon.working_days, soon.urgency) == (1, "soon")
    late = time_left({"status": "breached", "remaining_working_minutes": -day - 5})
    assert (late.working_days, late.overdue, late.urgency) == (-2, True, "overdue")
    assert time_left({"status": "paused", "remaining_working_minutes": day}).paused
    assert time_left({"status": "met", "remaining_working_minutes": day}) is None
    assert time_left({"status": "breached", "closed_at": "2026-01-01T00:00:00Z"}) is None
    assert time_left(None) is None


def test_share_bars_scale_to_the_width_and_are_toned_against_the_target() -> None:
    chart = share_chart([("Ленэнерго", 1.0, "100 %"), ("Водоканал", 0.5, "50 %"), ("Газ", None, "—")])
    assert [bar.width for bar in chart.bars] == [WIDTH, WIDTH / 2, 0]
    assert [bar.tone for bar in chart.bars] == ["good", "bad", "none"]
    assert chart.target_x == TARGET_SHARE * WIDTH
    assert tone_of_share(0.85) == "warn"
    assert share_chart([]).empty


def test_amount_bars_scale_to_the_largest_and_mark_those_over_the_limit() -> None:
    chart = magnitude_chart([("ГПЗУ", 8.0, "8"), ("ТУ", 4.0, "4")], limit=7)
    assert [(bar.width, bar.tone) for bar in chart.bars] == [(WIDTH, "bad"), (WIDTH / 2, "good")]


def test_notification_links_open_in_this_cabinet() -> None:
    assert local_link("http://cabinet.example/requests/42") == "/requests/42"
    assert local_link("/projects/7") == "/projects/7"
    assert local_link("https://evil.example/phish") == "/notifications"
    assert local_link(None) == "/notifications"


def test_outside_development_the_session_secret_must_be_a_real_one() -> None:
    assert Settings(environment="development").session_secret == DEV_SESSION_SECRET
    for missing in (None, DEV_SESSION_SECRET):
        with pytest.raises(ValidationError, match="GC_SESSION_SECRET"):
            Settings(environment="production", session_secret=missing)
    assert Settings(environment="production", session_secret="a real secret").session_secret == "a real secret"
