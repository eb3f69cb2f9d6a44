"""A complete, realistic passport, for the unit and the integration specifications alike."""

from __future__ import annotations

import copy

import pytest

COMPLETE_PASSPORT = {
    "applicant": {
        "full_name": "Общество с ограниченной ответственностью «МолПром Северо-Запад»",
        "short_name": "ООО «МолПром СЗ»",
        "legal_form": "ООО",
        "inn": "7707083893",
        "ogrn": "1027700132195",
        "kpp": "470301001",
        "okved_codes": ["10.51", "10.52"],
        "address": "188643, Ленинградская обл., г. Всеволожск, Октябрьский пр., д. 96",
        "contact": {"full_name": "Иванова Мария Сергеевна", "phone": "+7 (812) 555-12-34",
                    "email": "m.ivanova@molprom.example"},
        "headcount": 85,
        "state_support_received": "Субсидия на приобретение оборудования, 2022",
    },
    "project": {
        "name": "Завод по производству молочной продукции",
        "description": "Строительство завода мощностью 60 тыс. т молочной продукции в год.",
        "industry_okved": "10.51",
        "stage": "design",
        "design_capacity": "60 000 т в год",
    },
    "site": {
        "municipality_code": "41612000",
        "address": "Всеволожский р-н, промзона «Кузьмоловская»",
        "cadastral_number": "47:07:0000000:123",
        "coordinates": {"latitude": 60.12, "longitude": 30.52},
        "land_area_ha": 6.5,
    },
    "investment": [
        {"year": 2025, "own_rub": 300_000_000, "borrowed_rub": 200_000_000},
        {"year": 2026, "own_rub": 200_000_000, "borrowed_rub": 500_000_000},
    ],
    "jobs_created": 140,
    "phases": {"investment_starts_on": "2025-03-01", "investment_ends_on": "2026-12-31",
               "operation_starts_on": "2027-01-15"},
    "utilities": {"electric_power_kw": 1200, "gas_m3_per_hour": 350, "water_m3_per_day": 400,
                  "sewerage_m3_per_day": 380, "heat_gcal_per_hour": 0},
    "support_requested": ["land_without_auction", "infrastructure"],
}


@pytest.fixture
def passport() -> dict:
    """A fresh copy each time: tests change it freely."""
    return copy.deepcopy(COMPLETE_PASSPORT)
