"""Catalogue search: every language, typos forgiven, Chinese and Thai without spaces, fresh."""

from __future__ import annotations

import pytest

from guichet.catalog import search, selectors
from guichet.catalog import services as catalog
from guichet.catalog.models import ServiceVersion


@pytest.fixture(autouse=True)
def _fresh_index():
    search.reset()
    yield
    search.reset()


def codes(results) -> list[str]:
    return [version.service.code for version in results]


@pytest.fixture
def catalogue(make_service, departments):
    """A food licence (MKT), a birth registration and a hygiene licence (HEALTH)."""
    make_service(
        name={
            "en": "Food business licence",
            "zh-hans": "食品经营许可",
            "fr": "Licence d'exploitation alimentaire",
            "th": "ใบอนุญาตประกอบกิจการอาหาร",
        },
        keywords={"en": ["restaurant", "café"], "zh-hans": ["餐厅"]},
    )
    make_service(
        "BIRTH-REGISTRATION",
        name={"en": "Household registration of a newborn", "zh-hans": "新生儿户口登记"},
        description={"en": "Register your baby in the household register after the birth."},
        competent_department=departments["HEALTH"],
        audience="person",
    )
    make_service(
        "HYGIENE-LICENCE",
        name={"en": "Hygiene licence for public places", "zh-hans": "公共场所卫生许可"},
        description={"en": "Hotels, swimming pools and beauty salons."},
        competent_department=departments["HEALTH"],
    )


def test_a_typo_still_finds_the_licence(catalogue):
    found = codes(search.search("food licnce"))
    assert found[0] == "FOOD-LICENCE"
    assert "HYGIENE-LICENCE" in codes(search.search("licnce"))
    assert codes(search.search("newbron"))[0] == "BIRTH-REGISTRATION"  # letters swapped
    assert codes(search.search("houshold registraton")) == ["BIRTH-REGISTRATION"]


def test_a_word_begun_finds_the_whole_word(catalogue):
    assert codes(search.search("hygi")) == ["HYGIENE-LICENCE"]


def test_chinese_is_found_without_spaces(catalogue):
    assert codes(search.search("食品经营")) == ["FOOD-LICENCE"]
    assert codes(search.search("我想办食品经营许可证")) == ["FOOD-LICENCE"]
    assert codes(search.search("户口登记")) == ["BIRTH-REGISTRATION"]
    assert codes(search.search("餐厅")) == ["FOOD-LICENCE"]  # a keyword
    assert "HYGIENE-LICENCE" in codes(search.search("许可"))


def test_thai_is_found_without_spaces(catalogue):
    assert codes(search.search("กิจการอาหาร")) == ["FOOD-LICENCE"]
    assert codes(search.search("ใบอนุญาตอาหาร")) == ["FOOD-LICENCE"]


def test_accents_and_case_do_not_matter(catalogue):
    assert codes(search.search("CAFE")) == ["FOOD-LICENCE"]
    assert codes(search.search("café")) == ["FOOD-LICENCE"]
    assert codes(search.search("exploitation alimentaire")) == ["FOOD-LICENCE"]
    assert codes(search.search("ALIMENTAIRÉ")) == ["FOOD-LICENCE"]


def test_a_name_match_ranks_above_a_keyword_above_a_description(make_service):
    make_service(
        "IN-DESCRIPTION",
        name={"en": "Shop sign permit", "zh-hans": "招牌许可"},
        description={"en": "Needed before you open a bakery."},
    )
    make_service(
        "IN-NAME",
        name={"en": "Bakery registration", "zh-hans": "烘焙登记"},
        description={"en": "For small workshops."},
    )
    make_service(
        "IN-KEYWORDS",
        name={"en": "Small food workshop filing", "zh-hans": "食品小作坊备案"},
        keywords={"en": ["bakery", "noodles"]},
    )
    assert codes(search.search("bakery")) == ["IN-NAME", "IN-KEYWORDS", "IN-DESCRIPTION"]


def test_the_whole_phrase_ranks_first(make_service):
    make_service("PHRASE", name={"en": "Outdoor sign permit", "zh-hans": "户外招牌许可"})
    make_service(
        "WORDS",
        name={"en": "Sign language interpreter permit for outdoor events", "zh-hans": "手语"},
    )
    assert codes(search.search("outdoor sign")) == ["PHRASE", "WORDS"]


def test_results_can_be_restricted_to_a_queryset(catalogue):
    health = selectors.published().filter(competent_department__code="HEALTH")
    assert codes(search.search("licence", versions=health)) == ["HYGIENE-LICENCE"]
    assert search.search("licence", versions=health.none()) == []
    assert len(search.search("licence", limit=1)) == 1


def test_nothing_for_an_empty_or_unknown_query(catalogue):
    assert search.search("") == search.search("   ") == []
    assert search.search("zzzzqqqq") == []
    assert search.search("!!!") == []


def test_drafts_are_not_found(catalogue, make_service):
    make_service("DRAFT-ONLY", publish=False, name={"en": "Kite flying permit", "zh-hans": "风筝"})
    assert search.search("kite") == []


def test_the_index_follows_publishing_and_withdrawing(catalogue, make_service):
    assert search.search("bakery") == []
    make_service("SHOP-1", name={"en": "Bakery registration", "zh-hans": "烘焙登记"})
    assert codes(search.search("bakery")) == ["SHOP-1"]

    current = selectors.published_version("SHOP-1")
    draft = catalog.start_draft(current.service)
    catalog.update_draft(draft, name={"en": "Pastry shop registration", "zh-hans": "糕点登记"})
    catalog.publish(draft)
    assert search.search("bakery") == []
    assert codes(search.search("pastry")) == ["SHOP-1"]

    catalog.withdraw(current.service)
    assert search.search("pastry") == []


def test_changes_made_by_another_process_are_seen_within_seconds(catalogue, monkeypatch):
    built = search.index()
    assert codes(search.search("newborn")) == ["BIRTH-REGISTRATION"]
    # Another process withdraws it: no signal reaches this one (update() sends none either).
    ServiceVersion.objects.filter(service__code="BIRTH-REGISTRATION").update(status="withdrawn")
    assert search.index() is built  # checked a moment ago: not asked again yet
    assert search.search("newborn") == []  # the rows come from the database all the same
    monkeypatch.setattr(search, "CHECK_SECONDS", 0)
    assert search.index() is not built and search.index().size == 2


def test_an_unchanged_catalogue_is_not_indexed_again(catalogue, monkeypatch):
    monkeypatch.setattr(search, "CHECK_SECONDS", 0)
    built = search.index()
    assert search.index() is built and built.size == 3
