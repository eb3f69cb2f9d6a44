"""The cabinets in a real browser, as the people who use them: the investor from registration to an
answered request, the agency through acceptance and roadmap, the official through answering, the
operator's dashboard. Each page visited is checked with axe-core and photographed.

The steps run in order and hand each other what they made (the `story`); services talk through
Kafka, so a step that needs another service to have heard of something waits for it, boundedly.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from web_browser_suite import SCREENSHOTS, Corridor, People, company_numbers, http_json

pytestmark = pytest.mark.kafka
AXE = Axe()
SERIOUS = ("serious", "critical")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n" \
      b"trailer<</Root 1 0 R>>\n%%EOF\n"
INVESTOR_INN, INVESTOR_OGRN, INVESTOR_KPP = company_numbers()
WRONG_INN = INVESTOR_INN[:-1] + str((int(INVESTOR_INN[-1]) + 1) % 10)


def check(page: Page, name: str) -> None:
    """Photograph the page and fail on any serious or critical accessibility violation."""
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    results = AXE.run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in SERIOUS]
    assert not serious, f"{name}: accessibility violations {serious}"


def eventually(action: Callable[[], bool], *, seconds: float = 60, every: float = 1.0) -> None:
    """Repeat `action` until it reports success: another service hears of a change through Kafka."""
    deadline = time.monotonic() + seconds
    while not action():
        assert time.monotonic() < deadline, "the change did not arrive in time"
        time.sleep(every)


def new_page(browser: Browser, base_url: str, **options) -> Page:
    context: BrowserContext = browser.new_context(base_url=base_url, locale="ru-RU", **options)
    context.set_default_timeout(15_000)
    return context.new_page()


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    expect(page.locator(".flash--success")).to_contain_text("Здравствуйте")


def test_an_investor_registers_and_sees_what_is_wrong_without_losing_what_was_typed(
        browser: Browser, corridor: Corridor, people: People, story: dict) -> None:
    page = new_page(browser, corridor.gateway)
    story["investor_page"] = page
    page.goto("/")
    expect(page).to_have_title(re.compile("Зелёный коридор"))
    check(page, "01-landing")
    page.get_by_role("link", name="Зарегистрироваться").first.click()
    page.get_by_label("Полное наименование организации").fill("Общество с ограниченной ответственностью «МолПром»")
    page.get_by_label("Краткое наименование").fill("ООО «МолПром»")
    page.get_by_label("ИНН").fill(WRONG_INN)  # a wrong check digit
    page.get_by_label("ОГРН или ОГРНИП").fill(INVESTOR_OGRN)
    page.get_by_label("КПП").fill(INVESTOR_KPP)
    page.get_by_label("Фамилия, имя, отчество").fill("Иванов Пётр Алексеевич")
    page.get_by_label("E-mail").fill(people.investor)
    page.locator("[name=\"person.password\"]").fill(people.password)
    page.get_by_label("Пароль ещё раз").fill(people.password)
    page.get_by_role("button", name="Зарегистрироваться").click()

    expect(page.locator("#e-company-inn")).to_contain_text("ИНН указан неверно")
    expect(page.get_by_label("ИНН")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Полное наименование организации")).to_have_value(
        "Общество с ограниченной ответственностью «МолПром»")
    expect(page.get_by_label("E-mail")).to_have_value(people.investor)
    check(page, "02-registration-error")

    page.get_by_label("ИНН").fill(INVESTOR_INN)
    page.locator("[name=\"person.password\"]").fill(people.password)
    page.get_by_label("Пароль ещё раз").fill(people.password)
    page.get_by_role("button", name="Зарегистрироваться").click()
    expect(page).to_have_url(re.compile("/projects/new$"))
    expect(page.locator(".who")).to_contain_text("Иванов Пётр Алексеевич")


def fill_passport(page: Page, values: dict[str, str]) -> None:
    for name, value in values.items():
        field = page.locator(f'[name="{name}"]')
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def test_the_investor_saves_a_draft_sees_what_is_missing_and_submits_the_passport(
        corridor: Corridor, people: People, story: dict) -> None:
    page: Page = story["investor_page"]
    page.get_by_label("Название проекта").fill("Молочный завод «МолПром»")
    page.get_by_label("Электроэнергия, кВт").fill("много")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.locator("#e-utilities-electric_power_kw")).to_contain_text("Введите число")
    expect(page.get_by_label("Название проекта")).to_have_value("Молочный завод «МолПром»")
    expect(page.get_by_label("Электроэнергия, кВт")).to_have_value("много")

    page.get_by_label("Электроэнергия, кВт").fill("1200")
    page.get_by_role("button", name="Отправить на рассмотрение").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#e-project-description")).to_contain_text("Заполните это поле")
    expect(page.get_by_label("Электроэнергия, кВт")).to_have_value("1200")
    check(page, "03-passport-missing-fields")

    fill_passport(page, {
        "applicant.full_name": "Общество с ограниченной ответственностью «МолПром»",
        "applicant.short_name": "ООО «МолПром»", "applicant.legal_form": "ООО", "applicant.inn": INVESTOR_INN,
        "applicant.ogrn": INVESTOR_OGRN, "applicant.kpp": INVESTOR_KPP, "applicant.okved_codes": "10.51, 46.33",
        "applicant.address": "188640, Ленинградская обл., г. Всеволожск, ул. Заводская, 1",
        "applicant.contact.full_name": "Иванов Пётр Алексеевич", "applicant.contact.phone": "+7 812 555-01-02",
        "applicant.contact.email": people.investor,
        "project.description": "Строительство завода по переработке молока мощностью 60 000 т в год.",
        "project.industry_okved": "10.51", "project.stage": "design", "jobs_created": "180",
        "site.municipality_code": "41612000", "site.address": "Всеволожский район, промзона «Кирпичный завод»",
        "site.land_area_ha": "6.5", "phases.investment_starts_on": "2026-01-01",
        "phases.investment_ends_on": "2027-12-31", "phases.operation_starts_on": "2028-01-15",
        "utilities.gas_m3_per_hour": "350", "utilities.water_m3_per_day": "400",
        "utilities.sewerage_m3_per_day": "380", "utilities.heat_gcal_per_hour": "0",
        "investment.0.year": "2026", "investment.0.own_rub": "400000000", "investment.0.borrowed_rub": "900000000",
        "investment.1.year": "2027", "investment.1.own_rub": "300000000", "investment.1.borrowed_rub": "600000000",
    })
    page.get_by_label("Налоговые льготы").check()
    page.get_by_label("Создание инфраструктуры").check()
    page.get_by_role("button", name="Отправить на рассмотрение").click()
    expect(page.locator(".flash--success")).to_contain_text("Паспорт отправлен")
    expect(page.locator(".page-head .status")).to_have_text("На рассмотрении")
    story["project_url"] = page.url.replace(corridor.gateway, "")
    check(page, "04-investor-project-submitted")


def test_the_agency_accepts_the_project_and_composes_its_roadmap(
        browser: Browser, corridor: Corridor, people: People, story: dict) -> None:
    page = new_page(browser, corridor.gateway)
    sign_in(page, people.agency_head, people.password)
    expect(page).to_have_url(re.compile("/projects$"))
    project_link = page.locator(f'a[href="{story["project_url"]}"]')
    expect(project_link).to_have_text("Молочный завод «МолПром»")
    check(page, "05-agency-queue")
    project_link.click()

    manager = page.get_by_label("Руководитель проекта", exact=True)
    expect(manager.locator("option:checked")).to_have_text("Петрова Анна Сергеевна")  # the head manages too
    expect(manager.locator("option")).to_contain_text(["Петрова Анна Сергеевна", "Соколов Игорь Викторович"])
    manager.select_option(label="Соколов Игорь Викторович")
    check(page, "05b-agency-accept-form")
    page.get_by_role("button", name="Сохранить решение").click()  # accept is the default

    def accepted() -> bool:
        if page.locator(".flash--success").count():
            return True
        # projects may not have heard of the manager yet: the refusal keeps the choice; decide again
        expect(page.get_by_label("Руководитель проекта", exact=True).locator("option:checked")).to_have_text(
            "Соколов Игорь Викторович")
        page.get_by_label("Принять на сопровождение").check()
        page.get_by_role("button", name="Сохранить решение").click()
        return False

    eventually(accepted)
    expect(page.locator(".page-head .status")).to_have_text("На сопровождении")
    expect(page.locator(".facts").first).to_contain_text("Соколов Игорь Викторович")

    page.get_by_role("link", name="Составить дорожную карту").click()
    page.get_by_label("Дата начала").fill("2026-12-01")
    page.locator('input[name="algorithm"][value="grid-connection-over-150kw"]').check()
    page.locator('input[name="algorithm"][value="gpzu"]').check()
    check(page, "06-agency-roadmap-composer")
    page.get_by_role("button", name="Опубликовать дорожную карту").click()
    expect(page.locator(".flash--success")).to_contain_text("Дорожная карта опубликована")
    expect(page.locator("#roadmap tbody tr").first).to_be_visible()
    expect(page.locator("#roadmap-progress")).to_be_attached()
    check(page, "07-agency-project-roadmap")
    page.context.close()


def test_the_investor_files_a_request_with_documents(corridor: Corridor, people: People, story: dict,
                                                      tmp_path: Path) -> None:
    page: Page = story["investor_page"]
    page.goto(story["project_url"])
    expect(page.locator(".page-head .status")).to_have_text("На сопровождении")
    expect(page.locator("#roadmap tbody tr").first).to_be_visible()
    page.get_by_role("link", name="Новое обращение").click()
    page.get_by_role("link", name=re.compile("технологическое присоединение к электрическим сетям")).click()

    page.get_by_label("Тема обращения").fill("ТУ на присоединение 1200 кВт, промзона «Кирпичный завод»")
    page.get_by_label("Максимальная мощность, кВт").fill("тысяча двести")
    page.get_by_role("button", name="Отправить обращение").click()
    expect(page.locator("#e-payload-max_power_kw")).to_contain_text("Введите число")
    expect(page.get_by_label("Тема обращения")).to_have_value(
        "ТУ на присоединение 1200 кВт, промзона «Кирпичный завод»")
    check(page, "08-investor-request-form-error")

    plan, title = tmp_path / "site-plan.pdf", tmp_path / "title.pdf"
    plan.write_bytes(PDF)
    title.write_bytes(PDF)
    page.get_by_label("Максимальная мощность, кВт").fill("1200")
    page.get_by_label("План расположения энергопринимающих устройств").set_input_files(str(plan))
    page.get_by_label("Правоустанавливающий документ на земельный участок").set_input_files(str(title))

    def filed() -> bool:
        page.get_by_role("button", name="Отправить обращение").click()
        return "/requests/new" not in page.url  # the request service may not know the project yet: retry

    eventually(filed)
    expect(page.locator(".flash--success")).to_contain_text("Обращение зарегистрировано")
    story["request_url"] = page.url.replace(corridor.gateway, "")
    expect(page.locator(".facts").first).to_contain_text("Россети Ленэнерго")

    def clock_shown() -> bool:
        page.reload()
        return page.locator(".left").count() > 0

    eventually(clock_shown)
    expect(page.locator(".left")).to_contain_text("рабоч")
    check(page, "09-investor-request")


def test_the_manager_oversees_the_requests_of_the_project(
        browser: Browser, corridor: Corridor, people: People, story: dict) -> None:
    page = new_page(browser, corridor.gateway)
    sign_in(page, people.manager, people.password)  # the manager the head chose, not the head
    page.get_by_role("link", name="Обращения").click()
    row = page.locator("tbody tr", has=page.locator(f'a[href="{story["request_url"]}"]'))
    expect(row).to_contain_text("Направлено")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Изменить исполнителя")).to_be_visible()
    expect(page.get_by_label("Организация")).to_contain_text("Леноблводоканал")
    check(page, "10-manager-request")
    page.context.close()


def test_the_official_accepts_the_invitation_takes_the_request_and_answers_while_the_investor_watches(
        browser: Browser, corridor: Corridor, people: People, story: dict, tmp_path: Path) -> None:
    investor: Page = story["investor_page"]
    investor.goto(story["request_url"])

    page = new_page(browser, corridor.gateway)
    page.goto(f"/invitation?token={people.official_invitation}")
    page.get_by_label("Фамилия, имя, отчество").fill("Кузнецов Андрей Викторович")
    page.get_by_label("Пароль").fill(people.password)
    page.get_by_role("button", name="Создать учётную запись").click()
    expect(page).to_have_url(re.compile("/inbox$"))

    row = page.locator("tbody tr", has=page.locator(f'a[href="{story["request_url"]}"]'))

    def in_inbox() -> bool:
        page.reload()
        return row.count() > 0

    eventually(in_inbox)
    expect(row).to_contain_text("рабоч")  # working days left
    check(page, "11-official-inbox")
    row.get_by_role("link").click()
    page.get_by_role("button", name="Принять в работу").click()
    expect(page.locator(".flash--success")).to_contain_text("принято в работу")

    page.get_by_label("Что нужно уточнить").fill("Уточните категорию надёжности электроснабжения.")
    page.get_by_role("button", name="Запросить уточнение").click()
    expect(page.locator(".page-head .status")).to_have_text("Нужно уточнение")
    investor.reload()
    investor.get_by_label("Уточнение").fill("Вторая категория надёжности.")
    investor.get_by_role("button", name="Отправить уточнение").click()
    expect(investor.locator(".flash--success")).to_contain_text("Уточнение отправлено")
    page.reload()
    expect(page.locator(".page-head .status")).to_have_text("В работе")
    expect(page.locator(".timeline")).to_contain_text("Вторая категория надёжности.")

    page.get_by_role("button", name="Отправить ответ").click()  # empty: the answer is required
    expect(page.locator("#e-answer-text")).to_contain_text("Заполните это поле")
    conditions = tmp_path / "technical-conditions.pdf"
    conditions.write_bytes(PDF)
    page.get_by_label("Текст ответа").fill("Технические условия № ТУ-47-2026/118 выданы, проект договора во вложении.")
    page.get_by_label("Документы к ответу").set_input_files(str(conditions))
    page.get_by_role("button", name="Отправить ответ").click()
    expect(page.locator(".flash--success")).to_contain_text("Ответ отправлен")
    expect(page.locator(".page-head .status")).to_have_text("Дан ответ")
    check(page, "12-official-answered")
    page.context.close()

    # the investor's open page hears of it through the notifications stream, without reloading
    expect(investor.locator("#live-region .toast").first).to_be_visible(timeout=30_000)
    expect(investor.locator("[data-unread]")).to_be_visible()


def test_the_investor_reads_the_answer_and_the_notifications(corridor: Corridor, story: dict) -> None:
    page: Page = story["investor_page"]
    page.goto(story["request_url"])
    expect(page.locator(".page-head .status")).to_have_text("Дан ответ")
    expect(page.locator(".step--answer")).to_contain_text("ТУ-47-2026/118")
    expect(page.get_by_role("link", name="technical-conditions.pdf")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="technical-conditions.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    check(page, "13-investor-answer")

    page.get_by_role("link", name=re.compile("Уведомления")).click()
    expect(page.locator(".feed__item").first).to_be_visible()
    check(page, "14-investor-notifications")
    page.get_by_role("button", name="Отметить все прочитанными").click()
    expect(page.locator(".flash--success")).to_contain_text("прочитан")


def test_the_cabinet_speaks_english_and_fits_a_phone(corridor: Corridor, story: dict) -> None:
    page: Page = story["investor_page"]
    page.goto(story["project_url"])
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Roadmap")).to_be_visible()
    check(page, "15-investor-project-english")
    page.goto("/projects")
    expect(page.get_by_role("link", name="Projects")).to_be_visible()  # the choice is remembered
    page.get_by_role("link", name="Русский").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")

    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(story["project_url"])
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than a phone"
    check(page, "16-investor-project-phone")
    page.context.close()


def test_the_operator_sees_compliance_by_organisation_type_and_period(
        browser: Browser, corridor: Corridor, people: People) -> None:
    page = new_page(browser, corridor.gateway)
    sign_in(page, people.operator, people.password)
    expect(page).to_have_url(re.compile("/dashboard$"))

    def counted() -> bool:
        page.reload()
        return page.locator(".kpi__value").nth(3).inner_text().strip() not in ("", "0")

    eventually(counted)
    expect(page.locator("#share-org-title")).to_be_visible()
    expect(page.locator(".chart svg").first).to_be_visible()
    expect(page.locator(".chart").first).to_contain_text("Россети Ленэнерго")
    check(page, "17-operator-dashboard")
    page.get_by_label("Период").fill("позавчера")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator("#e-period")).to_contain_text("год (2026) или месяц")
    expect(page.get_by_label("Период")).to_have_value("позавчера")
    page.context.close()


def test_the_gateway_routes_each_service_api_with_its_prefix_stripped(corridor: Corridor) -> None:
    for service in ("identity", "projects", "requests", "sla", "notifications"):
        status, body = http_json("GET", f"{corridor.gateway}/api/{service}/healthz")
        assert (status, body["service"]) == (200, service)
    status, municipalities = http_json("GET", f"{corridor.gateway}/api/identity/municipalities")
    assert status == 200 and len(municipalities) == 18
    status, _ = http_json("GET", f"{corridor.gateway}/api/requests/inbox")
    assert status == 401  # the gateway passes requests through; each service authorises
