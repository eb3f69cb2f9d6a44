"""Russian company identifiers in the passport: INN and OGRN/OGRNIP, checked by their published rules.

Why here and not shared with identity: services share only contracts and the chassis, and these rules
are a published algorithm of twenty lines that will not change; a copy costs less than a shared package.
Each check returns the value or raises ValueError, so pydantic reports it at the field's path.
"""

from __future__ import annotations

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS_12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 % 10


def _ascii_digits(value: str, name: str) -> str:
    # str.isdigit() accepts other scripts' digits and superscripts; only ASCII digits are valid here.
    if not (value.isascii() and value.isdigit()):
        raise ValueError(f"{name} must consist of digits only")
    return value


def check_inn(value: str) -> str:
    """A legal entity's INN (10 digits) or an individual entrepreneur's (12 digits)."""
    inn = _ascii_digits(value, "INN")
    if len(inn) == 10:
        if _check_digit(inn[:9], _INN10_WEIGHTS) != int(inn[9]):
            raise ValueError("INN check digit (10th) does not match")
    elif len(inn) == 12:
        if _check_digit(inn[:10], _INN12_WEIGHTS_11) != int(inn[10]):
            raise ValueError("INN check digit (11th) does not match")
        if _check_digit(inn[:11], _INN12_WEIGHTS_12) != int(inn[11]):
            raise ValueError("INN check digit (12th) does not match")
    else:
        raise ValueError("INN must have 10 digits (organisation) or 12 (entrepreneur)")
    return inn


def check_ogrn(value: str) -> str:
    """A legal entity's OGRN (13 digits, remainder mod 11) or an entrepreneur's OGRNIP (15, mod 13)."""
    ogrn = _ascii_digits(value, "OGRN")
    if len(ogrn) not in (13, 15):
        raise ValueError("OGRN must have 13 digits (OGRNIP 15)")
    # The first digit says what was registered: 1 or 5 a legal entity, 3 an individual entrepreneur.
    modulus, first_digits = (11, "15") if len(ogrn) == 13 else (13, "3")
    if ogrn[0] not in first_digits:
        raise ValueError(f"{'OGRN' if modulus == 11 else 'OGRNIP'} must start with {' or '.join(first_digits)}")
    if int(ogrn[:-1]) % modulus % 10 != int(ogrn[-1]):
        raise ValueError("OGRN check digit (last) does not match")
    return ogrn


def is_entrepreneur(inn: str) -> bool:
    return len(inn) == 12
