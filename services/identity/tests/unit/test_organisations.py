"""The directory accepts an organisation only with the details its kind requires."""

from __future__ import annotations

import re
import uuid

import pytest

from corridor_identity.domain.errors import (InvalidInn, InvalidOrganization, InvalidShortCode,
                                             UnknownMunicipality)
from corridor_identity.domain.municipalities import MUNICIPALITIES, MunicipalityKind, find_municipality
from corridor_identity.domain.organisations import (OrganizationKind, Resource, register_organization,
                                                    validate_short_code)

Kind = OrganizationKind


BODY_INN = "4703000033"  # a placeholder with a correct check digit


def register(kind: OrganizationKind, **details):
    details = {"full_name": "Org", "inn": BODY_INN} | details
    return register_organization(organization_id=uuid.uuid4(), kind=kind, **details)


def test_the_kinds_and_resources_are_the_contracts_vocabulary():
    assert [kind.value for kind in Kind] == [
        "agency", "regional_body", "municipality", "supplier", "federal_body", "investor"]
    assert [resource.value for resource in Resource] == ["electricity", "gas", "water", "sewerage", "heat"]


def test_an_investor_company_is_registered_with_checked_identifiers():
    company = register(Kind.INVESTOR, full_name="  ООО «Яндекс» ", short_name=" Яндекс ", inn="7736207543",
                       ogrn="1027700229193", kpp="773601001", municipality="41615000")
    assert (company.full_name, company.short_name, company.inn, company.ogrn, company.kpp) == (
        "ООО «Яндекс»", "Яндекс", "7736207543", "1027700229193", "773601001")
    assert company.municipality == "41615000"


def test_the_short_name_defaults_to_the_full_name_if_that_is_short_enough():
    assert register(Kind.AGENCY, full_name="ГКУ «АЭРЛО»").short_name == "ГКУ «АЭРЛО»"
    with pytest.raises(InvalidOrganization, match="short name"):
        register(Kind.AGENCY, full_name="Г" * 201)
    assert register(Kind.AGENCY, full_name="Г" * 500, short_name="Г").short_name == "Г"
    with pytest.raises(InvalidOrganization, match="full name"):
        register(Kind.AGENCY, full_name="Г" * 501)


def test_an_individual_entrepreneur_may_invest():
    entrepreneur = register(Kind.INVESTOR, inn="500100732259", ogrn="304500116000157")
    assert entrepreneur.inn == "500100732259"


def test_an_investor_is_identified_by_inn_and_ogrn():
    with pytest.raises(InvalidOrganization, match="INN and OGRN"):
        register(Kind.INVESTOR, inn="7707083893")


@pytest.mark.parametrize("kind", list(Kind))
def test_every_organisation_gives_a_valid_inn(kind):
    with pytest.raises(InvalidInn):
        register(kind, inn="", ogrn="1027700132195")


def test_a_wrong_identifier_is_refused_with_its_own_error():
    with pytest.raises(InvalidInn):
        register(Kind.INVESTOR, inn="7707083894", ogrn="1027700132195")


def test_an_entrepreneur_has_no_kpp():
    with pytest.raises(InvalidOrganization, match="KPP"):
        register(Kind.INVESTOR, inn="500100732259", ogrn="304500116000157", kpp="773601001")


def test_a_name_is_required():
    with pytest.raises(InvalidOrganization, match="name"):
        register(Kind.AGENCY, full_name="   ")


def test_a_public_body_may_be_entered_without_ogrn():
    body = register(Kind.FEDERAL_BODY, full_name="Управление Росреестра по Ленинградской области")
    assert body.inn == BODY_INN and body.ogrn is None and body.resources == frozenset()


def test_a_supplier_names_its_resources_and_a_short_code_for_its_topic():
    water = register(Kind.SUPPLIER, full_name="ГУП «Леноблводоканал»",
                     resources=[Resource.WATER, Resource.SEWERAGE], short_code="lenoblvodokanal")
    assert water.resources == {Resource.WATER, Resource.SEWERAGE}
    assert water.supplied == [Resource.WATER, Resource.SEWERAGE]
    assert water.short_code == "lenoblvodokanal"


def test_a_supplier_without_resources_or_short_code_is_refused():
    with pytest.raises(InvalidOrganization, match="resources"):
        register(Kind.SUPPLIER, short_code="gas-lo")
    with pytest.raises(InvalidOrganization, match="short code"):
        register(Kind.SUPPLIER, resources=[Resource.GAS])


@pytest.mark.parametrize("kind", [kind for kind in Kind if kind is not Kind.SUPPLIER])
def test_only_a_supplier_supplies_resources(kind):
    details = {"inn": "7707083893", "ogrn": "1027700132195", "municipality": "41633000"}
    with pytest.raises(InvalidOrganization, match="only an РСО"):
        register(kind, resources=[Resource.HEAT], **details)


def test_a_municipal_administration_names_its_municipality():
    administration = register(Kind.MUNICIPALITY, municipality="41618000")
    assert administration.municipality == "41618000"
    with pytest.raises(InvalidOrganization, match="municipality"):
        register(Kind.MUNICIPALITY)
    with pytest.raises(UnknownMunicipality):
        register(Kind.MUNICIPALITY, municipality="40352000")  # Kolpino: Saint Petersburg, not the region


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
    assert find_municipality("41612000").name_ru == "Всеволожский муниципальный район"


def test_municipality_codes_are_the_region_s_unique_oktmo_codes():
    codes = [m.code for m in MUNICIPALITIES]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"41[67]\d{2}000", code) for code in codes)  # 41: the region; 6 district, 7 okrug
