"""The catalogue goes out as one JSON document and comes back the same, all or nothing."""

from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction

from guichet.__main__ import main
from guichet.catalog import selectors
from guichet.catalog import services as catalog
from guichet.catalog.exchange import export_catalogue, import_catalogue
from guichet.catalog.models import Department, Service, ServiceVersion
from guichet.catalog.services import RequirementSpec


def build_catalogue() -> None:
    """A catalogue with a bit of everything the document carries, and what it leaves out."""
    city = catalog.save_department(
        "CITY", name={"en": "City government", "zh-hans": "市政府"}, level="city"
    )
    mkt = catalog.save_department(
        "MKT", name={"en": "Market Regulation Bureau", "zh-hans": "市场监督管理局"}, parent=city
    )
    health = catalog.save_department(
        "HEALTH", name={"en": "Health Commission"}, level="district", parent=city
    )
    birth = catalog.save_event("birth-of-a-child", kind="life", name={"en": "Having a baby"})
    restaurant = catalog.save_event(
        "opening-a-restaurant", kind="business", name={"en": "Opening a restaurant"}
    )
    id_card = catalog.save_evidence_type(
        "id-card", name={"en": "Identity card", "zh-hans": "居民身份证"}, shareable=True
    )
    health_cert = catalog.save_evidence_type(
        "health-cert",
        name={"en": "Health certificates"},
        description={"en": "One per member of staff."},
        issuing_department=health,
        validity_months=12,
    )
    licence = catalog.save_evidence_type(
        "food-licence", name={"en": "Food licence"}, issuing_department=mkt, validity_months=60
    )

    def service(code: str, **content) -> ServiceVersion:
        fields = {
            "name": {"en": code.title(), "zh-hans": "服务"},
            "competent_department": mkt,
            "legal_time_limit_days": 20,
            "promised_time_limit_days": 10,
            "channels": ["online", "any_centre"],
            "requirements": [RequirementSpec(id_card)],
            **content,
        }
        return catalog.publish(catalog.create_service(code, **fields))

    # Z comes after A in the document, which A needs first: the import must cope.
    company = service("Z-COMPANY-REGISTRATION", fee_amount=Decimal("50.50"), audience="company")
    old = service("OLD-PERMIT")
    food = service(
        "A-FOOD-LICENCE",
        description={"en": "Sell or serve food.", "zh-hans": "销售或提供食品。"},
        keywords={"en": ["restaurant", "cafe"], "zh-hans": ["餐馆"]},
        who_can_apply={"en": "Any company"},
        audience="company",
        collaborating_departments=[health],
        events=[restaurant],
        prerequisites=[company.service, old.service],
        legal_basis={"en": "Food Safety Law, article 35"},
        legal_reference="FSL-35",
        fee_waiver={"en": "Free for small workshops"},
        window_type="market",
        output=licence,
        requirements=[
            RequirementSpec(id_card),
            RequirementSpec(
                health_cert,
                condition='"cooked" in foods',
                condition_text={"en": "If you sell cooked food"},
                form="copy",
                copies=2,
                mandatory=False,
                tolerated_days=30,
                note={"en": "One per cook"},
            ),
        ],
    )
    draft = catalog.start_draft(food.service)
    catalog.update_draft(draft, promised_time_limit_days=5)
    catalog.publish(draft)
    service(
        "B-BIRTH-CERTIFICATE",
        competent_department=health,
        channels=["named_centre"],
        named_centre_code="HOSPITAL-1",
        visits=0,
        events=[birth],
    )
    catalog.withdraw(old.service)
    catalog.create_service(
        "DRAFT-ONLY",
        name={"en": "Not yet", "zh-hans": "草稿"},
        competent_department=mkt,
        legal_time_limit_days=1,
        promised_time_limit_days=1,
        channels=["online"],
    )


def without_date(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


@pytest.fixture
def document(db) -> dict:
    """The export of `build_catalogue()`, taken in a transaction that is then undone."""
    with transaction.atomic():
        build_catalogue()
        exported = export_catalogue()
        transaction.set_rollback(True)
    return json.loads(json.dumps(exported))  # as read back from a file


def test_the_document_holds_the_published_catalogue_only(document):
    codes = [service["code"] for service in document["services"]]
    assert codes == ["A-FOOD-LICENCE", "B-BIRTH-CERTIFICATE", "Z-COMPANY-REGISTRATION"]
    food = document["services"][0]
    assert food["promised_time_limit_days"] == 5  # the current version
    assert food["prerequisites"] == ["Z-COMPANY-REGISTRATION"]  # not the withdrawn one
    assert food["requirements"][1]["evidence_type"] == "health-cert"
    assert document["services"][2]["fee_amount"] == "50.50"
    assert (document["format"], document["version"]) == ("guichet-catalogue", 1)
    assert [d["code"] for d in document["departments"]] == ["CITY", "HEALTH", "MKT"]


def test_round_trip_into_an_empty_database_gives_the_same_document(document):
    assert not Service.objects.exists() and not Department.objects.exists()
    summary = import_catalogue(document)
    assert summary["services"] == {"created": 3, "updated": 0, "unchanged": 0, "published": 3}
    assert summary["departments"]["created"] == 3
    assert without_date(export_catalogue()) == without_date(document)
    versions = ServiceVersion.objects.filter(status="published")
    assert sorted(versions.values_list("number", flat=True)) == [1, 1, 1]


def test_importing_the_same_document_again_changes_nothing(document):
    import_catalogue(document)
    versions = ServiceVersion.objects.count()
    summary = import_catalogue(document)
    assert summary["services"] == {"created": 0, "updated": 0, "unchanged": 3, "published": 0}
    for part in ("departments", "events", "evidence_types"):
        assert summary[part]["created"] == summary[part]["updated"] == 0
    assert ServiceVersion.objects.count() == versions


def test_a_changed_service_is_published_as_a_new_version(document):
    import_catalogue(document)
    changed = copy.deepcopy(document)
    changed["services"][1]["promised_time_limit_days"] = 3
    changed["services"][1]["requirements"].append({"evidence_type": "health-cert"})
    summary = import_catalogue(changed)
    assert summary["services"] == {"created": 0, "updated": 1, "unchanged": 2, "published": 1}
    birth = selectors.published_version("B-BIRTH-CERTIFICATE")
    assert (birth.number, birth.promised_time_limit_days) == (2, 3)
    assert birth.requirements.count() == 2
    assert selectors.published_version("A-FOOD-LICENCE").number == 1


def test_a_broken_document_imports_nothing_and_names_what_is_wrong(document):
    broken = copy.deepcopy(document)
    broken["services"][0]["requirements"][0]["evidence_type"] = "no-such-evidence"
    broken["services"][1]["events"] = ["no-such-event"]
    with pytest.raises(ValidationError) as error:
        import_catalogue(broken)
    messages = error.value.message_dict
    assert "no-such-evidence (A-FOOD-LICENCE)" in messages["evidence_types"][0]
    assert "no-such-event (B-BIRTH-CERTIFICATE)" in messages["events"][0]
    assert not Department.objects.exists() and not Service.objects.exists()


def test_a_service_the_rules_refuse_undoes_the_whole_import(document):
    broken = copy.deepcopy(document)
    broken["services"][2]["promised_time_limit_days"] = 99  # longer than the legal limit
    with pytest.raises(ValidationError) as error:
        import_catalogue(broken)
    assert "services.Z-COMPANY-REGISTRATION" in error.value.message_dict
    assert not Department.objects.exists() and not Service.objects.exists()


@pytest.mark.parametrize(
    "header",
    [{"format": "something-else", "version": 1}, {"format": "guichet-catalogue", "version": 2}],
)
def test_an_unknown_format_or_version_is_refused(document, header):
    with pytest.raises(ValidationError) as error:
        import_catalogue({**document, **header})
    assert "Not a catalogue document" in error.value.messages[0]
    assert not Department.objects.exists()


def test_a_misspelt_field_is_refused(document):
    broken = copy.deepcopy(document)
    broken["services"][0]["legal_time_limit"] = broken["services"][0].pop("legal_time_limit_days")
    with pytest.raises(ValidationError) as error:
        import_catalogue(broken)
    assert any("legal_time_limit_days" in message for message in error.value.messages)


def test_import_as_drafts_then_publish(document):
    summary = import_catalogue(document, publish=False)
    assert summary["services"]["published"] == 0
    assert not selectors.published().exists()
    assert import_catalogue(document, publish=False)["services"]["unchanged"] == 3
    assert import_catalogue(document)["services"]["published"] == 3
    assert without_date(export_catalogue()) == without_date(document)


def test_an_open_draft_that_says_something_else_is_not_overwritten(document):
    import_catalogue(document)
    draft = catalog.start_draft(Service.objects.get(code="B-BIRTH-CERTIFICATE"))
    catalog.update_draft(draft, visits=2)
    changed = copy.deepcopy(document)
    changed["services"][1]["visits"] = 1
    with pytest.raises(ValidationError) as error:
        import_catalogue(changed)
    assert "B-BIRTH-CERTIFICATE" in error.value.message_dict["services"][0]
    draft.refresh_from_db()
    assert draft.visits == 2 and draft.status == "draft"


def test_the_commands_export_and_import(document, tmp_path, capsys):
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    call_command("catalog_import", str(path))
    assert "services: 3 created" in capsys.readouterr().out
    assert not selectors.published().exists()  # drafts until --publish
    call_command("catalog_import", str(path), "--publish")
    assert selectors.published().count() == 3
    out = tmp_path / "again.json"
    call_command("catalog_export", "-o", str(out))
    again = json.loads(out.read_text(encoding="utf-8"))
    assert without_date(again) == without_date(document)


def test_the_import_command_says_what_is_wrong(document, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({**document, "version": 7}), encoding="utf-8")
    with pytest.raises(CommandError, match="Not a catalogue document"):
        call_command("catalog_import", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("catalog_import", str(tmp_path / "missing.json"))


def test_the_hyphenated_export_command_writes_to_standard_output(document, capsys):
    import_catalogue(document)
    capsys.readouterr()
    # The command closes the connection when it ends (as manage.py does): keep it last.
    main(["guichet", "catalog-export"])
    printed = json.loads(capsys.readouterr().out)
    assert without_date(printed) == without_date(document)
