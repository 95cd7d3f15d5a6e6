"""Identity numbers: published examples pass, each kind of mistake is refused with its code,
every built number validates and every single-character change to one is caught."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from guichet.datahub.identity import (
    CREDIT_CODE_CHARSET,
    ResidentIdFacts,
    make_credit_code,
    make_resident_id,
    person_id_validator,
    resident_id_facts,
    validate_credit_code,
    validate_resident_id,
)

# Examples from the standards' own worked examples and from numbers published online
# (python-stdnum's test data), checked independently of the module's tables below.
VALID_RESIDENT_IDS = [
    "11010519491231002X",  # GB 11643-1999's example
    "360426199101010071",
    "44011320141005001X",
    "412723199010050012",
    "110102199101010078",
]
VALID_CREDIT_CODES = [
    "91350100M000100Y43",  # GB 32100-2015's worked example
    "91110000600037341L",
    "91310115MA1K3BTP2B",
    "9144030071526726XG",
    "121200004013590816",
    "92340603MA2UK2ECXU",
    "91620105L015101280",
]


def independent_resident_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 from its definition (weights 2^(18-i) mod 11), not the module's table."""
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17))
    return "10X98765432"[total % 11]


def independent_credit_check(first17: str) -> str:
    """GB 32100 check from its definition (weights 3^(i-1) mod 31), not the module's table."""
    total = sum(CREDIT_CODE_CHARSET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def error_code(validator, value: str) -> str | None:
    with pytest.raises(ValidationError) as caught:
        validator(value)
    assert str(caught.value.messages[0])  # a message a person can read
    return caught.value.code


# --- Resident identity number --------------------------------------------------------------


@pytest.mark.parametrize("number", VALID_RESIDENT_IDS)
def test_published_resident_ids_are_accepted(number):
    assert independent_resident_check(number[:17]) == number[17]
    assert validate_resident_id(number) == number


def test_resident_id_is_normalised_lowercase_x_spaces_and_full_width():
    assert validate_resident_id(" 110105 19491231 002x ") == "11010519491231002X"
    assert validate_resident_id("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"


@pytest.mark.parametrize(
    "value",
    ["", "1101051949123100", "11010519491231002XX", "1101051949123100XX", "A1010519491231002X"],
)
def test_resident_id_of_the_wrong_shape_is_refused_as_format(value):
    assert error_code(validate_resident_id, value) == "format"


def test_resident_id_that_is_not_a_string_is_refused_as_format():
    assert error_code(validate_resident_id, None) == "format"


def with_check(first17: str) -> str:
    return first17 + independent_resident_check(first17)


@pytest.mark.parametrize(
    "birth",
    ["19491331", "20230229", "19490000", "18991231"],
    ids=["month-13", "no-29-february", "zero-day", "before-1900"],
)
def test_resident_id_with_an_impossible_birth_date_is_refused(birth):
    assert error_code(validate_resident_id, with_check(f"110105{birth}002")) == "birth-date"


def test_resident_id_born_in_the_future_is_refused_but_born_today_is_accepted():
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    assert error_code(validate_resident_id, with_check(f"110105{tomorrow:%Y%m%d}001")) == (
        "birth-date"
    )
    assert validate_resident_id(with_check(f"110105{today:%Y%m%d}001"))


def test_resident_id_with_a_wrong_check_character_is_refused():
    assert error_code(validate_resident_id, "110105194912310021") == "check-digit"
    assert error_code(validate_resident_id, "360426199101010070") == "check-digit"


def test_facts_read_region_birth_date_and_sex():
    assert resident_id_facts("11010519491231002x") == ResidentIdFacts(
        region_code="110105", birth_date=date(1949, 12, 31), sex="female"
    )
    assert resident_id_facts("360426199101010071").sex == "male"


def test_facts_of_an_invalid_number_raise_validation_error():
    with pytest.raises(ValidationError):
        resident_id_facts("360426199101010070")


def test_make_resident_id_builds_the_published_example():
    assert make_resident_id("110105", date(1949, 12, 31), 2) == "11010519491231002X"


@pytest.mark.parametrize(
    ("region", "born", "sequence"),
    [
        ("11010", date(1990, 1, 1), 1),
        ("11010A", date(1990, 1, 1), 1),
        ("110105", date(1990, 1, 1), 1000),
        ("110105", date(1990, 1, 1), -1),
        ("110105", date(1899, 12, 31), 1),
    ],
)
def test_make_resident_id_refuses_impossible_parts(region, born, sequence):
    with pytest.raises(ValueError):
        make_resident_id(region, born, sequence)


regions = st.from_regex(r"[0-9]{6}", fullmatch=True)
births = st.dates(date(1900, 1, 1), date(2024, 12, 31))
sequences = st.integers(0, 999)


@given(regions, births, sequences)
def test_every_built_resident_id_validates_and_tells_its_facts(region, born, sequence):
    number = make_resident_id(region, born, sequence)
    assert validate_resident_id(number) == number
    facts = resident_id_facts(number)
    assert (facts.region_code, facts.birth_date) == (region, born)
    assert facts.sex == ("male" if sequence % 2 else "female")


@given(regions, births, sequences, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_changing_any_one_character_of_a_resident_id_is_refused(
    region, born, sequence, position, replacement
):
    number = make_resident_id(region, born, sequence)
    changed = number[:position] + replacement + number[position + 1 :]
    if changed == number:
        return
    with pytest.raises(ValidationError):
        validate_resident_id(changed)


# --- Unified social credit code --------------------------------------------------------------


@pytest.mark.parametrize("code", VALID_CREDIT_CODES)
def test_published_credit_codes_are_accepted(code):
    assert independent_credit_check(code[:17]) == code[17]
    assert validate_credit_code(code) == code


def test_credit_code_is_uppercased_and_spaces_removed():
    assert validate_credit_code(" 91 350100 m000100y43") == "91350100M000100Y43"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y433",  # 19 characters
        "9135010OM000100Y43",  # letter O among the region digits
        "91350100M000100I43",  # I is not in the character set
        "9111000060003IOZSV",
    ],
)
def test_credit_code_of_the_wrong_shape_is_refused_as_format(value):
    assert error_code(validate_credit_code, value) == "format"


def test_credit_code_with_a_wrong_check_character_is_refused():
    # The standard's own counter-example: the check character should be 3, not Z.
    assert error_code(validate_credit_code, "91350100M000100Y4Z") == "format"
    assert error_code(validate_credit_code, "91350100M000100Y4A") == "check-digit"


def test_the_demo_company_code_has_the_right_check_character():
    # The demo city once used ...2Q; under GB 32100 the check character is J.
    assert error_code(validate_credit_code, "91310106MA1FY5XK2Q") == "check-digit"
    assert validate_credit_code("91310106MA1FY5XK2J") == "91310106MA1FY5XK2J"


def test_make_credit_code_builds_the_standards_example():
    assert make_credit_code("350100", "M000100Y4") == "91350100M000100Y43"
    assert make_credit_code("120000", "401359081", authority="1", kind="2") == (
        "121200004013590816"
    )


@pytest.mark.parametrize(
    ("region", "organisation", "authority", "kind"),
    [
        ("35010", "M000100Y4", "9", "1"),
        ("35010A", "M000100Y4", "9", "1"),
        ("350100", "M000100Y", "9", "1"),
        ("350100", "M000100YO", "9", "1"),
        ("350100", "M000100Y4", "Z", "1"),
        ("350100", "M000100Y4", "9", "11"),
    ],
)
def test_make_credit_code_refuses_impossible_parts(region, organisation, authority, kind):
    with pytest.raises(ValueError):
        make_credit_code(region, organisation, authority=authority, kind=kind)


code_chars = st.sampled_from(CREDIT_CODE_CHARSET)
organisations = st.text(CREDIT_CODE_CHARSET, min_size=9, max_size=9)


@given(regions, organisations, code_chars, code_chars)
def test_every_built_credit_code_validates(region, organisation, authority, kind):
    code = make_credit_code(region, organisation, authority=authority, kind=kind)
    assert validate_credit_code(code) == code
    assert code[17] == independent_credit_check(code[:17])


@given(
    regions,
    organisations,
    st.integers(0, 17),
    st.sampled_from(CREDIT_CODE_CHARSET + "IOSVZ"),
)
def test_changing_any_one_character_of_a_credit_code_is_refused(
    region, organisation, position, replacement
):
    code = make_credit_code(region, organisation)
    changed = code[:position] + replacement + code[position + 1 :]
    if changed == code:
        return
    with pytest.raises(ValidationError):
        validate_credit_code(changed)


# --- The deployment's rule ------------------------------------------------------------------


def passport_number(value: str) -> str:
    """A stand-in rule for another country: nine characters, anything goes."""
    value = value.strip().upper()
    if len(value) != 9:
        raise ValidationError("nine characters", code="format")
    return value


def test_person_id_validator_defaults_to_the_resident_id_rule():
    assert person_id_validator() is validate_resident_id


def test_person_id_validator_follows_the_setting(settings):
    settings.GUICHET_PERSON_ID_VALIDATOR = "tests.datahub.test_identity.passport_number"
    check = person_id_validator()
    assert check is passport_number
    assert check(" ab1234567 ") == "AB1234567"
    with pytest.raises(ValidationError):
        check("11010519491231002X")
