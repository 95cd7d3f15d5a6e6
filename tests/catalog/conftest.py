"""A small catalogue to build tests on: two departments, three evidence types, one service."""

from __future__ import annotations

import pytest

from guichet.catalog import services as catalog
from guichet.catalog.models import Channel
from guichet.catalog.services import RequirementSpec


@pytest.fixture
def departments(db):
    return {
        "MKT": catalog.save_department(
            "MKT", name={"en": "Market Regulation Bureau", "zh-hans": "市场监督管理局"}
        ),
        "HEALTH": catalog.save_department(
            "HEALTH", name={"en": "Health Commission", "zh-hans": "卫生健康委员会"}
        ),
    }


@pytest.fixture
def evidence(departments):
    return {
        "id-card": catalog.save_evidence_type(
            "id-card",
            name={"en": "Resident identity card", "zh-hans": "居民身份证"},
            shareable=True,
        ),
        "lease": catalog.save_evidence_type(
            "lease", name={"en": "Lease contract", "zh-hans": "租赁合同"}
        ),
        "health-cert": catalog.save_evidence_type(
            "health-cert",
            name={"en": "Staff health certificates", "zh-hans": "从业人员健康证明"},
            issuing_department=departments["HEALTH"],
            validity_months=12,
            shareable=True,
        ),
        "food-licence": catalog.save_evidence_type(
            "food-licence",
            name={"en": "Food business licence", "zh-hans": "食品经营许可证"},
            issuing_department=departments["MKT"],
            validity_months=60,
            shareable=True,
        ),
    }


@pytest.fixture
def make_service(departments, evidence):
    def build(code: str = "FOOD-LICENCE", *, publish: bool = True, **content):
        fields = {
            "name": {"en": "Food business licence", "zh-hans": "食品经营许可"},
            "description": {"en": "Permission to sell or serve food."},
            "audience": "company",
            "competent_department": departments["MKT"],
            "legal_time_limit_days": 20,
            "promised_time_limit_days": 10,
            "fee_amount": 0,
            "channels": [Channel.ONLINE, Channel.ANY_CENTRE, Channel.COMMUNITY],
            "visits": 1,
            "output": evidence["food-licence"],
            **content,
        }
        requirements = [
            RequirementSpec(evidence["id-card"]),
            RequirementSpec(evidence["lease"], form="copy"),
            RequirementSpec(
                evidence["health-cert"],
                condition='"cooked" in foods',
                condition_text={"en": "If you sell cooked food"},
                mandatory=False,
                tolerated_days=30,
            ),
        ]
        draft = catalog.create_service(code, requirements=requirements, **fields)
        return catalog.publish(draft) if publish else draft

    return build
