"""INN and OGRN in the passport are checked by their published check-digit rules."""

import pytest

from corridor_projects.domain.identifiers import check_inn, check_ogrn


@pytest.mark.parametrize("inn", ["7707083893", "7803002209", "470300000134"])
def test_valid_inns_pass(inn):
    assert check_inn(inn) == inn


@pytest.mark.parametrize("inn, reason", [
    ("7707083894", "10th"),
    ("470300000144", "11th"),
    ("470300000135", "12th"),
    ("770708389", "10 digits"),
    ("77070838931", "10 digits"),
    ("77070838a3", "digits only"),
    ("７７０７０８３８９３", "digits only"),  # full-width digits are digits to str.isdigit(), not to the tax office
])
def test_invalid_inns_say_why(inn, reason):
    with pytest.raises(ValueError, match=reason):
        check_inn(inn)


@pytest.mark.parametrize("ogrn", ["1027700132195", "1027809170300", "304470300000014"])
def test_valid_ogrns_pass(ogrn):
    assert check_ogrn(ogrn) == ogrn


@pytest.mark.parametrize("ogrn, reason", [
    ("1027700132196", "check digit"),
    ("304470300000015", "check digit"),
    ("2027700132194", "start with 1 or 5"),  # a valid check digit, but not a legal entity's number
    ("104470300000010", "start with 3"),
    ("102770013219", "13 digits"),
    ("10277001321951", "13 digits"),
])
def test_invalid_ogrns_say_why(ogrn, reason):
    with pytest.raises(ValueError, match=reason):
        check_ogrn(ogrn)
