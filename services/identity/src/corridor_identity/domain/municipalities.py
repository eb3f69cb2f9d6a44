"""Reference data: the municipal units of the Leningrad region an organisation or project sits in.

Why: ОМСУ are the administrations of these units and requests are routed by them, so every service
must name them the same way. The latin `code` is the stable key that crosses service boundaries;
names may change (a district reorganised into a municipal okrug) without changing the code.
OKTMO codes are left out until they are taken from the official classifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import UnknownMunicipality

REGION = "Ленинградская область"


class MunicipalityKind(StrEnum):
    MUNICIPAL_DISTRICT = "municipal_district"
    URBAN_OKRUG = "urban_okrug"


@dataclass(frozen=True)
class Municipality:
    code: str
    name_ru: str
    kind: MunicipalityKind


def _district(code: str, adjective: str) -> Municipality:
    return Municipality(code, f"{adjective} муниципальный район", MunicipalityKind.MUNICIPAL_DISTRICT)


MUNICIPALITIES: tuple[Municipality, ...] = (
    _district("boksitogorsky", "Бокситогорский"),
    _district("volosovsky", "Волосовский"),
    _district("volkhovsky", "Волховский"),
    _district("vsevolozhsky", "Всеволожский"),
    _district("vyborgsky", "Выборгский"),
    _district("gatchinsky", "Гатчинский"),
    _district("kingiseppsky", "Кингисеппский"),
    _district("kirishsky", "Киришский"),
    _district("kirovsky", "Кировский"),
    _district("lodeynopolsky", "Лодейнопольский"),
    _district("lomonosovsky", "Ломоносовский"),
    _district("luzhsky", "Лужский"),
    _district("podporozhsky", "Подпорожский"),
    _district("priozersky", "Приозерский"),
    _district("slantsevsky", "Сланцевский"),
    _district("tikhvinsky", "Тихвинский"),
    _district("tosnensky", "Тосненский"),
    Municipality("sosnovoborsky", "Сосновоборский городской округ", MunicipalityKind.URBAN_OKRUG),
)

_BY_CODE = {municipality.code: municipality for municipality in MUNICIPALITIES}


def find_municipality(code: str) -> Municipality:
    try:
        return _BY_CODE[code]
    except KeyError:
        raise UnknownMunicipality(f"{code!r} is not a municipality of {REGION}") from None
