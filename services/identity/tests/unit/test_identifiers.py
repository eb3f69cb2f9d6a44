"""INN, OGRN/OGRNIP and KPP are accepted only with correct check digits and form."""

from __future__ import annotations

import random

import pytest

from corridor_identity.domain.errors import InvalidInn, InvalidKpp, InvalidOgrn
from corridor_identity.domain.identifiers import ensure_same_registrant, validate_inn, validate_kpp, validate_ogrn

# Published registration numbers of real companies and a documented entrepreneur example.
REAL_INNS = ["7707083893", "7736207543", "7736050003", "7803002209", "500100732259"]
REAL_OGRNS = ["1027700132195", "1027700229193", "1027700070518", "1027809170300", "304500116000157"]


def inn_digit(digits: str, weights: list[int]) -> str:
    """The check digit as the Federal Tax Service publishes it, written out independently."""
    return str(sum(int(d) * w for d, w in zip(digits, weights)) % 11 % 10)


def make_inn10(rng: random.Random) -> str:
    body = f"47{rng.randrange(10**7):07d}"
    return body + inn_digit(body, [2, 4, 10, 3, 5, 9, 4, 6, 8])


def make_inn12(rng: random.Random) -> str:
    body = f"47{rng.randrange(10**8):08d}"
    body += inn_digit(body, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8])
    return body + inn_digit(body, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8])


def make_ogrn(rng: random.Random) -> str:
    body = f"1{rng.randrange(10**11):011d}"
    return body + str(int(body) % 11 % 10)


def make_ogrnip(rng: random.Random) -> str:
    body = f"3{rng.randrange(10**13):013d}"
    return body + str(int(body) % 13 % 10)


GENERATED = random.Random(20250303)


@pytest.mark.parametrize("inn", REAL_INNS + [make_inn10(GENERATED) for _ in range(20)]
                         + [make_inn12(GENERATED) for _ in range(20)])
def test_an_inn_with_correct_check_digits_is_accepted(inn):
    assert validate_inn(inn) == inn


@pytest.mark.parametrize("ogrn", REAL_OGRNS + [make_ogrn(GENERATED) for _ in range(20)]
                         + [make_ogrnip(GENERATED) for _ in range(20)])
def test_an_ogrn_or_ogrnip_with_a_correct_check_digit_is_accepted(ogrn):
    assert validate_ogrn(ogrn) == ogrn


def test_surrounding_spaces_are_trimmed():
    assert validate_inn(" 7707083893 ") == "7707083893"
    assert validate_ogrn("1027700132195\n") == "1027700132195"


@pytest.mark.parametrize("position", range(10))
def test_changing_any_digit_of_a_legal_entity_inn_is_caught(position):
    inn = "7707083893"
    wrong = inn[:position] + str((int(inn[position]) + 1) % 10) + inn[position + 1:]
    with pytest.raises(InvalidInn, match="check digit"):
        validate_inn(wrong)


def test_each_check_digit_of_an_entrepreneur_inn_is_checked():
    with pytest.raises(InvalidInn, match="first check digit"):
        validate_inn("500100732249")
    with pytest.raises(InvalidInn, match="second check digit"):
        validate_inn("500100732258")


@pytest.mark.parametrize("value, message", [
    ("770708389", "10 digits"), ("77070838931", "10 digits"), ("", "digits only"),
    ("77070838AB", "digits only"), ("７７０７０８３８９３", "digits only"), ("7707-083893", "digits only"),
])
def test_an_inn_of_the_wrong_shape_is_refused_with_the_reason(value, message):
    with pytest.raises(InvalidInn, match=message) as refused:
        validate_inn(value)
    assert refused.value.slug == "invalid-inn"


def test_a_mistyped_ogrn_is_refused():
    with pytest.raises(InvalidOgrn, match="check digit"):
        validate_ogrn("1027700132196")
    with pytest.raises(InvalidOgrn, match="OGRNIP .* check digit"):
        validate_ogrn("304500116000158")


def test_the_first_digit_says_whether_it_is_an_ogrn_or_an_ogrnip():
    body = "202770013219"  # a later register entry number, not an OGRN
    with pytest.raises(InvalidOgrn, match="start with 1 or 5"):
        validate_ogrn(body + str(int(body) % 11 % 10))
    body = "50450011600015"
    with pytest.raises(InvalidOgrn, match="start with 3"):
        validate_ogrn(body + str(int(body) % 13 % 10))


@pytest.mark.parametrize("value", ["102770013219", "10277001321955", "10277001321a5"])
def test_an_ogrn_of_the_wrong_shape_is_refused(value):
    with pytest.raises(InvalidOgrn):
        validate_ogrn(value)


def test_an_organisation_inn_goes_with_an_ogrn_and_an_entrepreneur_inn_with_an_ogrnip():
    ensure_same_registrant("7707083893", "1027700132195")
    ensure_same_registrant("500100732259", "304500116000157")
    with pytest.raises(InvalidOgrn):
        ensure_same_registrant("7707083893", "304500116000157")
    with pytest.raises(InvalidOgrn):
        ensure_same_registrant("500100732259", "1027700132195")


@pytest.mark.parametrize("kpp", ["773601001", "470301001", "7736AB001", "4703ab001"])
def test_a_kpp_is_four_digits_a_reason_code_and_three_digits(kpp):
    assert validate_kpp(kpp) == kpp.upper()


@pytest.mark.parametrize("kpp", ["77360100", "7736010011", "77a601001", "773601a01", "7736-1001"])
def test_a_kpp_of_another_shape_is_refused(kpp):
    with pytest.raises(InvalidKpp):
        validate_kpp(kpp)
