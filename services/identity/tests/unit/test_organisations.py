"""The directory accepts an organisation only with the details its kind requires."""

from __future__ import annotations

import uuid

import pytest

from corridor_identity.domain.errors import (InvalidInn, InvalidOrganization, InvalidShortCode,
                                             UnknownMunicipality)
from corridor_identity.domain.municipalities import MUNICIPALITIES, MunicipalityKind, find_municipality
from corridor_identity.domain.organisations import (OrganizationKind, Resource, register_organization,
                                                    validate_short_code)

Kind = OrganizationKind


def register(kind: OrganizationKind, **details):
    return register_organization(organization_id=uuid.uuid4(), kind=kind, name=details.pop("name", "Org"),
                                 **details)


def test_the_kinds_and_resources_are_the_issue_s_with_russian_labels():
    assert [kind.value for kind in Kind] == ["agency", "oiv", "omsu", "rso", "federal", "investor"]
    assert [resource.value for resource in Resource] == ["power", "gas", "water", "sewerage", "heat"]
    assert Kind.OMSU.label_ru == "Орган местного самоуправления (ОМСУ)"
    assert Resource.SEWERAGE.label_ru == "Водоотведение"
    assert all(kind.label_ru for kind in Kind) and all(resource.label_ru for resource in Resource)


def test_an_investor_company_is_registered_with_checked_identifiers():
    company = register(Kind.INVESTOR, name="  ООО «Яндекс» ", inn="7736207543", ogrn="1027700229193",
                       kpp="773601001", municipality="vyborgsky")
    assert (company.name, company.inn, company.ogrn, company.kpp) == (
        "ООО «Яндекс»", "7736207543", "1027700229193", "773601001")
    assert company.municipality == "vyborgsky"


def test_an_individual_entrepreneur_may_invest():
    entrepreneur = register(Kind.INVESTOR, inn="500100732259", ogrn="304500116000157")
    assert entrepreneur.inn == "500100732259"


def test_an_investor_is_identified_by_inn_and_ogrn():
    with pytest.raises(InvalidOrganization, match="INN and OGRN"):
        register(Kind.INVESTOR, inn="7707083893")


def test_a_wrong_identifier_is_refused_with_its_own_error():
    with pytest.raises(InvalidInn):
        register(Kind.INVESTOR, inn="7707083894", ogrn="1027700132195")


def test_an_entrepreneur_has_no_kpp():
    with pytest.raises(InvalidOrganization, match="KPP"):
        register(Kind.INVESTOR, inn="500100732259", ogrn="304500116000157", kpp="773601001")


def test_a_name_is_required():
    with pytest.raises(InvalidOrganization, match="name"):
        register(Kind.AGENCY, name="   ")


def test_a_public_body_may_be_entered_without_identifiers():
    body = register(Kind.FEDERAL, name="Управление Росреестра по Ленинградской области")
    assert body.inn is None and body.ogrn is None and body.resources == frozenset()


def test_a_supplier_names_its_resources_and_a_short_code_for_its_topic():
    water = register(Kind.RSO, name="ГУП «Леноблводоканал»", resources=[Resource.WATER, Resource.SEWERAGE],
                     short_code="lenoblvodokanal")
    assert water.resources == {Resource.WATER, Resource.SEWERAGE}
    assert water.short_code == "lenoblvodokanal"


def test_a_supplier_without_resources_or_short_code_is_refused():
    with pytest.raises(InvalidOrganization, match="resources"):
        register(Kind.RSO, short_code="gas-lo")
    with pytest.raises(InvalidOrganization, match="short code"):
        register(Kind.RSO, resources=[Resource.GAS])


@pytest.mark.parametrize("kind", [kind for kind in Kind if kind is not Kind.RSO])
def test_only_a_supplier_supplies_resources(kind):
    details = {"inn": "7707083893", "ogrn": "1027700132195", "municipality": "luzhsky"}
    with pytest.raises(InvalidOrganization, match="only an РСО"):
        register(kind, resources=[Resource.HEAT], **details)


def test_a_municipal_administration_names_its_municipality():
    administration = register(Kind.OMSU, municipality="gatchinsky")
    assert administration.municipality == "gatchinsky"
    with pytest.raises(InvalidOrganization, match="municipality"):
        register(Kind.OMSU)
    with pytest.raises(UnknownMunicipality):
        register(Kind.OMSU, municipality="kolpinsky")


@pytest.mark.parametrize("code", ["lenenergo", "gas-lo", "ab", "rso-42", "a" * 32])
def test_a_short_code_is_lowercase_latin_digits_and_single_hyphens(code):
    assert validate_short_code(code) == code


@pytest.mark.parametrize("code", ["a", "a" * 33, "Lenenergo", "len_energo", "len.energo", "-gas", "gas-",
                                  "gas--lo", "газ", "gas lo", ""])
def test_any_other_short_code_is_refused(code):
    with pytest.raises(InvalidShortCode):
        validate_short_code(code)


def test_the_region_has_seventeen_districts_and_sosnovy_bor():
    districts = [m for m in MUNICIPALITIES if m.kind is MunicipalityKind.MUNICIPAL_DISTRICT]
    okrugs = [m for m in MUNICIPALITIES if m.kind is MunicipalityKind.URBAN_OKRUG]
    assert len(districts) == 17
    assert [okrug.name_ru for okrug in okrugs] == ["Сосновоборский городской округ"]
    assert find_municipality("vsevolozhsky").name_ru == "Всеволожский муниципальный район"


def test_municipality_codes_are_unique_and_usable_as_identifiers():
    codes = [m.code for m in MUNICIPALITIES]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert validate_short_code(code) == code
