"""Russian company identifiers: INN, OGRN/OGRNIP and KPP, checked by their published rules.

Why: a typo in an INN or OGRN is the commonest data error in investor registrations; the check
digits catch nearly all of them before a person has to. Each validator returns the normalised value
(surrounding spaces removed) or raises an error saying exactly what is wrong.
"""

from __future__ import annotations

import re

from .errors import InvalidInn, InvalidKpp, InvalidOgrn

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
# The first digit of a registration number says what was registered: 1 or 5 a legal entity's OGRN,
# 3 an individual entrepreneur's OGRNIP (other digits are numbers of later register entries).
_OGRN_FIRST_DIGITS = frozenset("15")
_OGRNIP_FIRST_DIGITS = frozenset("3")
# Tax office (4 digits), reason code (2 digits or capital latin letters since 2013), serial (3 digits).
_KPP = re.compile(r"\d{4}[0-9A-Z]{2}\d{3}")


def _check_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 % 10


def validate_inn(value: str) -> str:
    """A legal entity's INN (10 digits) or an individual entrepreneur's (12 digits)."""
    inn = _digits_only(value, InvalidInn, "INN")
    if len(inn) == 10:
        if _check_digit(inn[:9], _INN10_WEIGHTS) != int(inn[9]):
            raise InvalidInn(f"INN {inn}: the check digit (10th) does not match")
        return inn
    if len(inn) == 12:
        if _check_digit(inn[:10], _INN12_WEIGHTS_11) != int(inn[10]):
            raise InvalidInn(f"INN {inn}: the first check digit (11th) does not match")
        if _check_digit(inn[:11], _INN12_WEIGHTS_12) != int(inn[11]):
            raise InvalidInn(f"INN {inn}: the second check digit (12th) does not match")
        return inn
    raise InvalidInn(f"INN must have 10 digits (organisation) or 12 (entrepreneur), not {len(inn)}")


def validate_ogrn(value: str) -> str:
    """A legal entity's OGRN (13 digits) or an individual entrepreneur's OGRNIP (15 digits)."""
    ogrn = _digits_only(value, InvalidOgrn, "OGRN")
    if len(ogrn) == 13:
        kind, first_digits, modulus = "OGRN", _OGRN_FIRST_DIGITS, 11
    elif len(ogrn) == 15:
        kind, first_digits, modulus = "OGRNIP", _OGRNIP_FIRST_DIGITS, 13
    else:
        raise InvalidOgrn(f"OGRN must have 13 digits (OGRNIP 15), not {len(ogrn)}")
    if ogrn[0] not in first_digits:
        raise InvalidOgrn(f"{kind} {ogrn}: must start with {' or '.join(sorted(first_digits))}")
    if int(ogrn[:-1]) % modulus % 10 != int(ogrn[-1]):
        raise InvalidOgrn(f"{kind} {ogrn}: the check digit (last) does not match")
    return ogrn


def validate_kpp(value: str) -> str:
    kpp = value.strip().upper()
    if not _KPP.fullmatch(kpp):
        raise InvalidKpp(f"KPP must be 4 digits, 2 digits or capital latin letters, then 3 digits: {value!r}")
    return kpp


def ensure_same_registrant(inn: str, ogrn: str) -> None:
    """An organisation has a 10-digit INN and an OGRN; an entrepreneur a 12-digit INN and an OGRNIP."""
    if (len(inn) == 10) != (len(ogrn) == 13):
        raise InvalidOgrn("a 10-digit INN goes with a 13-digit OGRN, a 12-digit INN with a 15-digit OGRNIP")


def _digits_only(value: str, error: type[InvalidInn | InvalidOgrn], name: str) -> str:
    cleaned = value.strip()
    # isdigit() accepts other scripts' digits and superscripts; only ASCII digits are valid here.
    if not cleaned or not (cleaned.isascii() and cleaned.isdigit()):
        raise error(f"{name} must consist of digits only: {value!r}")
    return cleaned
