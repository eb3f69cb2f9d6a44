"""Passwords are kept as argon2id hashes and must pass a length-and-deny-list policy."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, Type, extract_parameters, profiles

from corridor_identity.domain.errors import WeakPassword
from corridor_identity.domain.passwords import PasswordHashing, PasswordPolicy


def test_a_password_is_stored_as_an_argon2id_hash_that_verifies(hashing):
    stored = hashing.hash("лесная тропа 2025")
    assert stored.startswith("$argon2id$") and "лесная" not in stored
    assert hashing.verify(stored, "лесная тропа 2025")
    assert not hashing.verify(stored, "лесная тропа 2024")


def test_the_same_password_hashes_differently_each_time(hashing):
    assert hashing.hash("correct horse battery") != hashing.hash("correct horse battery")


def test_by_default_the_rfc_9106_low_memory_parameters_are_used():
    stored = PasswordHashing().hash("correct horse battery")
    parameters = extract_parameters(stored)
    assert parameters.type is Type.ID
    assert parameters.memory_cost == profiles.RFC_9106_LOW_MEMORY.memory_cost
    assert parameters.time_cost == profiles.RFC_9106_LOW_MEMORY.time_cost


def test_a_hash_made_with_weaker_parameters_needs_rehashing(hashing):
    cheap = hashing.hash("correct horse battery")
    assert not hashing.needs_rehash(cheap)
    assert PasswordHashing().needs_rehash(cheap)


def test_only_argon2id_is_accepted():
    with pytest.raises(ValueError, match="argon2id"):
        PasswordHashing(PasswordHasher(type=Type.I))


def test_the_dummy_verification_does_a_real_argon2_verification(hashing, hasher):
    before = hasher.verifications
    hashing.verify_dummy("whatever was typed")
    assert hasher.verifications == before + 1


def reasons(password: str, email: str | None = None) -> tuple[str, ...]:
    with pytest.raises(WeakPassword) as refused:
        PasswordPolicy().check(password, email=email)
    assert refused.value.slug == "weak-password"
    return refused.value.reasons


@pytest.mark.parametrize("password", ["лесная тропа", "correct horse battery", "Tr0ub4dor&3x", "берёза-1812"])
def test_a_long_enough_uncommon_password_is_accepted(password):
    PasswordPolicy().check(password, email="ivan.petrov@example.ru")


def test_a_password_shorter_than_ten_characters_is_refused():
    assert reasons("kJ8#mQ2!z") == ("too-short",)


def test_an_absurdly_long_password_is_refused():
    assert reasons("x1y2z3" * 30) == ("too-long",)


def test_a_common_password_is_refused_whatever_its_case():
    assert reasons("QwertyUiop") == ("too-common",)
    assert "too-common" in reasons("йцукенгшщз")


def test_a_password_of_few_distinct_characters_is_refused():
    assert reasons("ababababab") == ("too-repetitive",)


def test_a_password_built_from_the_e_mail_is_refused():
    assert reasons("Ivan.Petrov@example.ru", email="ivan.petrov@example.ru") == ("contains-email",)
    assert reasons("ivan.petrov2025!", email="ivan.petrov@example.ru") == ("contains-email",)


def test_a_very_short_e_mail_name_does_not_forbid_every_password_containing_it():
    PasswordPolicy().check("always-green-7", email="al@example.ru")


def test_every_reason_is_reported_at_once():
    assert set(reasons("aaaa", email="aaaa@example.ru")) == {"too-short", "too-repetitive", "contains-email"}
