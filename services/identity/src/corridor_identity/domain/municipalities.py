"""Reference data: the municipal units of the Leningrad region an organisation or project sits in.

Why: ОМСУ are the administrations of these units and requests are routed by them, so every service
must name them the same way. The code is the unit's OKTMO code (OK 033-2013), as the contracts'
`MunicipalityCode` prescribes: it is the state's own stable key, and names may change (a district
reorganised into a municipal okrug) without changing it.
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
    code: str  # OKTMO, 8 digits
    name_ru: str
    kind: MunicipalityKind


def _district(code: str, adjective: str) -> Municipality:
    return Municipality(code, f"{adjective} муниципальный район", MunicipalityKind.MUNICIPAL_DISTRICT)


MUNICIPALITIES: tuple[Municipality, ...] = (
    _district("41603000", "Бокситогорский"),
    _district("41606000", "Волосовский"),
    _district("41609000", "Волховский"),
    _district("41612000", "Всеволожский"),
    _district("41615000", "Выборгский"),
    _district("41618000", "Гатчинский"),
    _district("41621000", "Кингисеппский"),
    _district("41624000", "Киришский"),
    _district("41625000", "Кировский"),
    _district("41627000", "Лодейнопольский"),
    _district("41630000", "Ломоносовский"),
    _district("41633000", "Лужский"),
    _district("41636000", "Подпорожский"),
    _district("41639000", "Приозерский"),
    _district("41642000", "Сланцевский"),
    _district("41645000", "Тихвинский"),
    _district("41648000", "Тосненский"),
    Municipality("41754000", "Сосновоборский городской округ", MunicipalityKind.URBAN_OKRUG),
)

_BY_CODE = {municipality.code: municipality for municipality in MUNICIPALITIES}


def find_municipality(code: str) -> Municipality:
    try:
        return _BY_CODE[code]
    except KeyError:
        raise UnknownMunicipality(f"{code!r} is not the OKTMO code of a municipality of {REGION}") from None
