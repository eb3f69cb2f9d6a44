"""The demo region's content: the Leningrad region's bodies and suppliers, its people, its investors.

What is real: the municipalities, the agency, the committees (the state construction supervision
committee among them), the regional roads agency, Rosreestr's regional office and the three suppliers
identity ships as reference data (`corridor-identity load-reference-data`), plus the real name of the
supplier added here (the regional heat supplier). What is invented: every person, every investor
company and project, and every INN/OGRN not published by its owner — those come from the non-existent
tax office 4799 with correct check digits, as identity's reference data does, so that no invented
company carries a real one's number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

DEMO_PASSWORD = "zelenyi-koridor-2025"  # every demo person's; development only
GATCHINA, VSEVOLOZHSK, TIKHVIN, PRIOZERSK, LUGA, KINGISEPP = (
    "41618000", "41612000", "41645000", "41639000", "41633000", "41621000")


@dataclass(frozen=True)
class Organization:
    """An organisation entered with the identity CLI (idempotent by INN)."""

    kind: str
    full_name: str
    inn: str
    short_name: str | None = None
    short_code: str | None = None
    resources: tuple[str, ...] = ()


EXTRA_ORGANIZATIONS = (  # beyond identity's reference data
    Organization("supplier", "АО «Леноблтеплоснаб»", "4799001099", short_code="lenobltepl",
                 resources=("heat",)),
)


@dataclass(frozen=True)
class Person:
    """A person invited into an organisation, which is found by `where`: kind, short code, municipality or name."""

    email: str
    full_name: str
    roles: tuple[str, ...]
    where: tuple[str, str]  # ("kind", "agency") | ("short_code", …) | ("municipality", OKTMO) | ("name", …)


ADMIN = Person("admin@aerlo.example", "Ирина Сергеевна Волкова", ("administrator",), ("kind", "agency"))
AGENCY = ("kind", "agency")
HEAD = Person("head@aerlo.example", "Андрей Викторович Морозов", ("agency_head",), AGENCY)
MANAGERS = (Person("petrova@aerlo.example", "Елена Игоревна Петрова", ("manager",), AGENCY),
            Person("sokolov@aerlo.example", "Дмитрий Олегович Соколов", ("manager",), AGENCY))
OPERATOR = Person("operator@aerlo.example", "Олег Павлович Кузнецов", ("operator",), AGENCY)

# The first official of every supplier, ОИВ and the federal body also heads it (organization_head), so a
# breached deadline reaches a head first; a municipality's investment commissioner stays an official only.
HEAD_OF_BODY = ("official", "organization_head")
SUPPLIER_OFFICIALS = (
    Person("tp@lenenergo.example", "Марина Викторовна Орлова", HEAD_OF_BODY, ("short_code", "lenenergo")),
    Person("tu@gazprom-lo.example", "Сергей Анатольевич Белов", HEAD_OF_BODY, ("short_code", "gazprom-lo")),
    Person("tu@lenoblvodokanal.example", "Наталья Юрьевна Киселёва", HEAD_OF_BODY, ("short_code", "lenoblvodokanal")),
    Person("tu@lenobltepl.example", "Павел Геннадьевич Фомин", HEAD_OF_BODY, ("short_code", "lenobltepl")),
)
BODY_OFFICIALS = (
    Person("gsn@lenreg.example", "Виктор Степанович Лебедев", HEAD_OF_BODY, ("short_code", "gosstroynadzor-lo")),
    Person("stroy@lenreg.example", "Анна Михайловна Зайцева", HEAD_OF_BODY,
           ("name", "Комитет по строительству Ленинградской области")),
    Person("econ@lenreg.example", "Глеб Романович Жуков", HEAD_OF_BODY,
           ("name", "Комитет экономического развития и инвестиционной деятельности Ленинградской области")),
    Person("arch@lenreg.example", "Кирилл Андреевич Соловьёв", HEAD_OF_BODY,
           ("name", "Комитет градостроительной политики Ленинградской области")),
    Person("property@lenreg.example", "Марина Олеговна Васильева", HEAD_OF_BODY,
           ("name", "Ленинградский областной комитет по управлению государственным имуществом")),
    Person("energy@lenreg.example", "Станислав Игоревич Громов", HEAD_OF_BODY,
           ("name", "Комитет по топливно-энергетическому комплексу Ленинградской области")),
    Person("housing@lenreg.example", "Елизавета Романовна Крылова", HEAD_OF_BODY,
           ("name", "Комитет по жилищно-коммунальному хозяйству Ленинградской области")),
    Person("roads@lenavtodor.example", "Тимур Ринатович Галиев", HEAD_OF_BODY, ("short_code", "lenavtodor")),
    Person("head@rosreestr-lo.example", "Григорий Валентинович Пестов", HEAD_OF_BODY,
           ("name", "Управление Федеральной службы государственной регистрации, кадастра и картографии по "
                    "Ленинградской области")),
)
# Every municipal administration has its investment commissioner.
_COMMISSIONERS = (
    ("41603000", "boksitogorsk", "Татьяна Ивановна Гусева"), ("41606000", "volosovo", "Илья Андреевич Носов"),
    ("41609000", "volkhov", "Ольга Петровна Тарасова"), ("41612000", "vsevolozhsk", "Максим Сергеевич Фролов"),
    ("41615000", "vyborg", "Юлия Александровна Ершова"), ("41618000", "gatchina", "Роман Викторович Егоров"),
    ("41621000", "kingisepp", "Светлана Николаевна Панова"), ("41624000", "kirishi", "Артём Игоревич Маслов"),
    ("41625000", "kirovsk", "Людмила Васильевна Быкова"), ("41627000", "lodeynoye-pole", "Николай Ильич Титов"),
    ("41630000", "lomonosov", "Вера Борисовна Комарова"), ("41633000", "luga", "Константин Юрьевич Осипов"),
    ("41636000", "podporozhye", "Галина Фёдоровна Медведева"), ("41639000", "priozersk", "Денис Олегович Ильин"),
    ("41642000", "slantsy", "Алла Сергеевна Королёва"), ("41645000", "tikhvin", "Евгений Петрович Абрамов"),
    ("41648000", "tosno", "Ксения Дмитриевна Сорокина"), ("41754000", "sosnovy-bor", "Иван Аркадьевич Воронин"),
)
COMMISSIONERS = tuple(Person(f"invest.{slug}@lenreg.example", name, ("official",), ("municipality", code))
                      for code, slug, name in _COMMISSIONERS)
STAFF = (HEAD, *MANAGERS, OPERATOR, *SUPPLIER_OFFICIALS, *BODY_OFFICIALS, *COMMISSIONERS)
SUPPLIER_CODES = ("lenenergo", "gazprom-lo", "lenoblvodokanal", "lenobltepl")


def commissioner_of(municipality_code: str) -> Person:
    return next(person for person in COMMISSIONERS if person.where == ("municipality", municipality_code))


def official_of(short_code: str) -> Person:
    return next(person for person in (*SUPPLIER_OFFICIALS, *BODY_OFFICIALS) if person.where == ("short_code", short_code))


# --- investors ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Investor:
    email: str
    full_name: str
    company: str
    short_name: str
    inn: str
    ogrn: str
    municipality: str
    kpp: str | None = None

    def registration(self) -> dict[str, Any]:
        company = {"full_name": self.company, "short_name": self.short_name, "inn": self.inn, "ogrn": self.ogrn,
                   "kpp": self.kpp, "municipality_code": self.municipality}
        return {"company": {k: v for k, v in company.items() if v},
                "person": {"email": self.email, "full_name": self.full_name, "password": DEMO_PASSWORD}}


@dataclass(frozen=True)
class Project:
    """A project passport in a few words; `passport()` makes the whole document the projects service keeps."""

    name: str
    description: str
    okved: str
    address: str
    land_ha: float
    jobs: int
    investment_rub: tuple[int, int]  # own, borrowed; spread over the three investment years
    power_kw: float = 0
    gas_m3_h: float = 0
    water_m3_day: float = 0
    heat_gcal_h: float = 0
    stage: str = "feasibility"
    support: tuple[str, ...] = ("infrastructure",)
    cadastral_number: str | None = None

    def passport(self, investor: Investor, *, starts: int = 2026) -> dict[str, Any]:
        years = (starts, starts + 1, starts + 2)
        own, borrowed = self.investment_rub
        return {
            "applicant": {
                "full_name": investor.company, "short_name": investor.short_name,
                "legal_form": "ИП" if len(investor.inn) == 12 else investor.short_name.split()[0],
                "inn": investor.inn, "ogrn": investor.ogrn, **({"kpp": investor.kpp} if investor.kpp else {}),
                "okved_codes": [self.okved], "address": self.address, "headcount": max(self.jobs // 4, 1),
                "contact": {"full_name": investor.full_name, "phone": "+7 812 000-00-00", "email": investor.email}},
            "project": {"name": self.name, "description": self.description, "industry_okved": self.okved,
                        "stage": self.stage},
            "site": {"municipality_code": investor.municipality, "address": self.address,
                     "land_area_ha": self.land_ha,
                     **({"cadastral_number": self.cadastral_number} if self.cadastral_number else {})},
            "investment": [{"year": year, "own_rub": own // 3, "borrowed_rub": borrowed // 3} for year in years],
            "jobs_created": self.jobs,
            "phases": {"investment_starts_on": date(starts, 3, 1).isoformat(),
                       "investment_ends_on": date(starts + 2, 10, 1).isoformat(),
                       "operation_starts_on": date(starts + 2, 12, 1).isoformat()},
            "utilities": {"electric_power_kw": self.power_kw, "gas_m3_per_hour": self.gas_m3_h,
                          "water_m3_per_day": self.water_m3_day, "sewerage_m3_per_day": self.water_m3_day * 0.9,
                          "heat_gcal_per_hour": self.heat_gcal_h},
            "support_requested": list(self.support),
        }


@dataclass(frozen=True)
class Filing:
    """A request the investor files, and how far its recipient takes it in the demo."""

    request_type: str
    subject: str
    payload: dict[str, Any]
    documents: tuple[str, ...] = ()  # kinds of the required documents to upload first
    task: tuple[str, str] | None = None  # (algorithm, step) of the roadmap task it serves
    outcome: str = "routed"  # routed | accepted | clarification | answered
    text: str = ""


@dataclass(frozen=True)
class Showcase:
    """An investor and one project, taken as far as `state`: draft, submitted, returned, rejected, accepted."""

    investor: Investor
    project: Project
    state: str
    manager: Person | None = None
    roadmap: tuple[tuple[str, str | None], ...] = ()  # (algorithm, after)
    filings: tuple[Filing, ...] = field(default=())
    remark: str = ""


SHOWCASES = (
    Showcase(
        Investor("smirnov@gmk-dairy.example", "Алексей Николаевич Смирнов",
                 "Общество с ограниченной ответственностью «Гатчинский молочный комбинат»", "ООО «ГМК»",
                 "4799001010", "1224799000018", GATCHINA, kpp="479901001"),
        Project("Молочный завод на 60 000 т продукции в год", "Переработка молока: питьевое молоко, сыры, масло; "
                "сырьё от хозяйств Гатчинского и Волосовского районов.", "10.51",
                "Ленинградская область, Гатчинский район, промзона «Пригородная», участок 7", 12.5, 240,
                (1_800_000_000, 2_400_000_000), power_kw=1200, gas_m3_h=450, water_m3_day=900, heat_gcal_h=0,
                stage="design", support=("infrastructure", "tax_relief"), cadastral_number="47:23:0000000:1234"),
        "accepted", manager=MANAGERS[0],
        roadmap=(("gpzu", None), ("grid-connection-over-150kw", None), ("gas-connection", None),
                 ("water-sewerage-connection", None), ("construction-permit", "gpzu")),
        filings=(
            Filing("grid-connection", "Техприсоединение 1 200 кВт, 10 кВ", {"max_power_kw": 1200, "voltage_kv": 10,
                   "reliability_category": "II"}, documents=("site-plan", "title-document"), outcome="answered",
                   text="Технические условия № ТУ-ЛЭ-2026-0412 выданы; проект договора направлен в личный кабинет."),
            Filing("gas-connection", "Газ 450 м³/ч для котельной завода", {"gas_m3_per_hour": 450},
                   documents=("site-plan",), task=("gas-connection", "application"), outcome="clarification",
                   text="Уточните график газопотребления по месяцам и тип горелок котельной."),
            Filing("gpzu", "ГПЗУ участка 47:23:0000000:1234", {"cadastral_number": "47:23:0000000:1234"},
                   documents=("title-document",), task=("gpzu", "issue"), outcome="accepted"),
            Filing("water-connection", "Водоснабжение 900 м³/сут и водоотведение", {"water_m3_per_day": 900,
                   "sewerage_m3_per_day": 810}, documents=("site-plan",)),
        )),
    Showcase(
        Investor("belova@vlp-park.example", "Мария Андреевна Белова",
                 "Общество с ограниченной ответственностью «Всеволожский логистический парк»", "ООО «ВЛП»",
                 "4799001028", "1224799000029", VSEVOLOZHSK, kpp="479901001"),
        Project("Складской комплекс класса А, 80 000 м²", "Сухой и холодный склад с кросс-докингом у КАД.",
                "52.10", "Ленинградская область, Всеволожский район, дер. Новосаратовка, у КАД", 16.0, 320,
                (1_200_000_000, 3_000_000_000), power_kw=2500, heat_gcal_h=3.5, water_m3_day=120,
                support=("land_without_auction", "infrastructure")),
        "accepted", manager=MANAGERS[1], roadmap=(("land-lease-without-auction", None), ("gpzu", "land-lease-without-auction")),
        filings=(
            Filing("land-plot-selection", "Подбор участка 16 га у КАД", {"area_ha": 16.0, "needs_rail_access": False},
                   outcome="answered", text="Предлагаем участки 47:07:0722001:215 и 47:07:0722001:318; схемы приложены "
                   "в кабинете администрации."),
            Filing("heat-connection", "Тепло 3,5 Гкал/ч для складов", {"heat_gcal_per_hour": 3.5}),
        )),
    Showcase(
        Investor("volkov@tlp-wood.example", "Игорь Семёнович Волков",
                 "Общество с ограниченной ответственностью «ТихвинЛесПром»", "ООО «ТихвинЛесПром»",
                 "4799001035", "1224799000030", TIKHVIN, kpp="479901001"),
        Project("Производство клеёного бруса", "Деревообработка полного цикла: сушка, строжка, клеёный брус.",
                "16.23", "Ленинградская область, г. Тихвин, Промплощадка, 9", 6.0, 110, (400_000_000, 600_000_000),
                power_kw=900, heat_gcal_h=1.2, water_m3_day=40),
        "returned", remark="Уточните источники заёмного финансирования и приложите письмо банка."),
    Showcase(
        Investor("kuzmina@guesthouse.example", "Ольга Павловна Кузьмина", "Индивидуальный предприниматель "
                 "Кузьмина Ольга Павловна", "ИП Кузьмина О. П.", "479900010074", "322479900000105", PRIOZERSK),
        Project("Гостевой дом на Вуоксе", "Гостевой дом на 24 номера с причалом.", "55.20",
                "Ленинградская область, Приозерский район, пос. Лосево", 0.8, 12, (60_000_000, 0), power_kw=90,
                water_m3_day=10, support=("preferential_loans",)),
        "rejected", remark="Объём инвестиций ниже порога сопровождения «Зелёного коридора» (100 млн ₽); "
        "обратитесь в Фонд поддержки предпринимательства."),
    Showcase(
        Investor("orlov@kingichem.example", "Павел Игоревич Орлов",
                 "Акционерное общество «Кингисеппские удобрения»", "АО «Кингисеппские удобрения»",
                 "4799001042", "1224799000040", KINGISEPP, kpp="479901001"),
        Project("Цех гранулированных удобрений", "Новая линия грануляции на действующей площадке.", "20.15",
                "Ленинградская область, г. Кингисепп, Промзона Фосфорит", 4.0, 85, (2_000_000_000, 1_000_000_000),
                power_kw=4000, gas_m3_h=1200, water_m3_day=600, heat_gcal_h=2.0, stage="expansion"),
        "submitted"),
    Showcase(
        Investor("lebedeva@luga-agro.example", "Дарья Викторовна Лебедева",
                 "Общество с ограниченной ответственностью «Лужский агрокластер»", "ООО «Лужский агрокластер»",
                 "4799001050", "1224799000051", LUGA, kpp="479901001"),
        Project("Тепличный комплекс 10 га", "Круглогодичное выращивание овощей.", "01.13",
                "Ленинградская область, Лужский район, дер. Заклинье", 10.0, 150, (900_000_000, 1_500_000_000),
                power_kw=6000, gas_m3_h=2500),
        "draft"),
)


# --- investors made up in bulk, for the load of the benchmark and the fault injection -------------------
_INN10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def load_investor(number: int, *, tag: str = "load", municipality: str = GATCHINA) -> Investor:
    """The n-th made-up investor company (n < 10 000), with a valid INN and OGRN from tax office 4799."""
    body = f"47995{number:04d}"
    inn = body + str(sum(int(d) * w for d, w in zip(body, _INN10)) % 11 % 10)
    serial = f"12247995{number:04d}"
    ogrn = serial + str(int(serial) % 11 % 10)
    return Investor(f"investor{number}.{tag}@load.example", f"Инвестор {number}",
                    f"Общество с ограниченной ответственностью «Нагрузка {number}»", f"ООО «Нагрузка {number}»",
                    inn, ogrn, municipality, kpp="479901001")


LOAD_PROJECT = Project("Цех нагрузочного теста", "Проект для нагрузочного теста коридора.", "25.11",
                       "Ленинградская область, Гатчинский район, пос. Тайцы", 2.0, 40, (300_000_000, 300_000_000),
                       power_kw=150, heat_gcal_h=0.5)
