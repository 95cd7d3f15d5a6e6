"""The demo city's residents and companies, as the data hub would hold them: generated.

Everything here is plain data drawn from one seeded random generator, so the same people,
companies, certificates and vault documents come out on every machine and every run (only
the issue dates of short-lived certificates follow the day of loading, so they are still
valid). A certificate is only given where a department of the city really issues it to such
a party: a household register to a registered resident, a staff health certificate to a food
worker, a food business licence to a restaurant, and so on. Nothing is given "to be reused".
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from guichet.datahub import identity

from .hub_names import DISTRICTS, GIVEN, SURNAMES, TRADE_NAMES

SEED = 20260401
PERSONS = 2000
COMPANIES = 300


@dataclass(frozen=True)
class Cred:
    """A certificate a department issued: its evidence code, issue date and data."""

    evidence: str
    issued_on: date
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Vault:
    """A document the party handed in before, checked by a clerk (reusable once verified)."""

    evidence: str
    name: str


@dataclass
class PartySpec:
    kind: str  # person | company
    identifier: str
    name: str
    address: str
    district: str
    birth_date: date | None = None
    legal_representative: str = ""
    business_scope: str = ""
    identity_verified: bool = False
    tags: set[str] = field(default_factory=set)  # profile: retired, parent, restaurant, …
    credentials: list[Cred] = field(default_factory=list)
    vault: list[Vault] = field(default_factory=list)

    def holds(self, evidence: str) -> bool:
        return any(c.evidence == evidence for c in self.credentials)


# Kinds of company: weight, business scope, what their trade needs.
COMPANY_KINDS = {
    "restaurant": (24, "Catering services; sale of prepackaged food", "餐饮管理有限公司"),
    "tea_house": (6, "Tea house and café; sale of prepackaged food", "茶饮有限公司"),
    "supermarket": (8, "Retail of food, daily goods and alcohol", "超市有限公司"),
    "pharmacy": (6, "Retail of drugs and class II medical devices", "大药房有限公司"),
    "hotel": (5, "Accommodation; catering services", "酒店管理有限公司"),
    "internet_cafe": (3, "Internet access services", "网络科技有限公司"),
    "ktv": (3, "Entertainment venue; sale of drinks", "娱乐有限公司"),
    "beauty_salon": (6, "Hairdressing and beauty services", "美容美发有限公司"),
    "developer": (6, "Real estate development; construction works", "建设发展有限公司"),
    "office": (28, "Technology development, consulting and trade", "科技有限公司"),
    "logistics": (5, "Road freight and warehousing", "物流有限公司"),
}
ENGLISH_SUFFIX = {
    "restaurant": "Catering Management Co., Ltd.",
    "tea_house": "Tea House Co., Ltd.",
    "supermarket": "Supermarket Co., Ltd.",
    "pharmacy": "Pharmacy Co., Ltd.",
    "hotel": "Hotel Management Co., Ltd.",
    "internet_cafe": "Network Technology Co., Ltd.",
    "ktv": "Entertainment Co., Ltd.",
    "beauty_salon": "Beauty Salon Co., Ltd.",
    "developer": "Construction and Development Co., Ltd.",
    "office": "Technology Co., Ltd.",
    "logistics": "Logistics Co., Ltd.",
}
FOOD = {"restaurant", "tea_house", "supermarket", "hotel", "ktv"}
VENUES = {"restaurant", "tea_house", "hotel", "internet_cafe", "ktv", "supermarket"}


def _day(rng: random.Random, start: date, end: date) -> date:
    # One draw of random() whatever the span: the span depends on the day of loading, and
    # randrange would consume a varying amount of the stream and change later draws.
    fraction = rng.random()
    if end <= start:
        return start
    return start + timedelta(days=int(fraction * ((end - start).days + 1)))


def _recent(rng: random.Random, today: date, max_days: int) -> date:
    """A day within the last `max_days` (for certificates that must still be valid)."""
    return today - timedelta(days=rng.randrange(1, max_days))


def _district(rng: random.Random):
    return rng.choices(DISTRICTS, weights=[d[4] for d in DISTRICTS])[0]


def _person_name(rng: random.Random) -> tuple[str, str]:
    """(pinyin, characters)."""
    surname = rng.choice(SURNAMES)
    given = rng.sample(GIVEN, rng.choice([1, 2, 2]))
    if any(len(g[1]) > 1 for g in given):
        given = [next(g for g in given if len(g[1]) > 1)]  # a two-character name stands alone
    pinyin = f"{surname[0]} {''.join(g[0] for g in given).capitalize()}"
    return pinyin, surname[1] + "".join(g[1] for g in given)


def _address(rng: random.Random, district, *, chinese: bool) -> str:
    _code, _region, district_en, district_zh, _weight, streets = district
    street_en, street_zh = rng.choice(streets)
    number, lane, room = rng.randint(1, 1800), rng.randint(10, 999), rng.randint(101, 2806)
    if chinese:
        return f"上海市{district_zh}{street_zh}{lane}弄{number}号{room}室"
    return f"Room {room}, No. {number}, Lane {lane}, {street_en}, {district_en}, Shanghai"


def _plate(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMN"
    return f"沪{rng.choice(letters)}·{rng.randint(10000, 99999)}"


def _person(rng: random.Random, today: date, taken: set[str]) -> PartySpec:
    district = _district(rng)
    born = date(rng.randint(1944, 2005), rng.randint(1, 12), rng.randint(1, 28))
    while True:
        identifier = identity.make_resident_id(district[1], born, rng.randint(0, 999))
        if identifier not in taken:
            taken.add(identifier)
            break
    pinyin, characters = _person_name(rng)
    chinese = rng.random() < 0.75
    person = PartySpec(
        kind="person",
        identifier=identifier,
        name=characters if chinese else pinyin,
        address=_address(rng, district, chinese=chinese),
        district=district[0],
        birth_date=born,
        identity_verified=rng.random() < 0.7,  # checked at a window or through the city app
    )
    age = today.year - born.year
    give = person.credentials.append
    if rng.random() < 0.82:
        give(
            Cred("household-register", _day(rng, born, today), {"address": person.address}),
        )
        # The city's police issued the resident identity card of everyone registered here
        # (renewed every ten or twenty years: the card in force was issued in the last ten).
        give(Cred("id-card", max(_recent(rng, today, 3650), date(born.year + 16, 1, 1))))
        person.tags.add("registered")
    else:
        give(Cred("residence-permit", _recent(rng, today, 330), {"address": person.address}))
        person.tags.add("migrant")
    if age >= 24 and rng.random() < 0.65:
        give(Cred("marriage-certificate", _day(rng, date(born.year + 22, 1, 1), today)))
        person.tags.add("married")
    if 18 <= age < 60 and rng.random() < 0.85:
        person.tags.add("employed")
        give(Cred("social-security-card", _recent(rng, today, 9 * 365)))
        give(Cred("employment-record", _recent(rng, today, 60), {"years": min(age - 18, 40)}))
        give(Cred("medical-insurance-record", _recent(rng, today, 3 * 365)))
        if rng.random() < 0.7:
            give(Cred("housing-fund-statement", _recent(rng, today, 90)))
        if rng.random() < 0.12:
            person.tags.add("food_worker")
            give(Cred("staff-health-certs", _recent(rng, today, 330)))
    elif age >= 60:
        person.tags.add("retired")
        retired_on = date(born.year + rng.choice([55, 60]), born.month, born.day)
        years = rng.randint(12, 40)
        give(Cred("retirement-approval", min(retired_on, today), {"years": years}))
        # The social insurance agency keeps the contribution record after retirement.
        give(Cred("employment-record", min(retired_on, today), {"years": years}))
        give(Cred("social-security-card", _recent(rng, today, 9 * 365)))
        give(Cred("medical-insurance-record", _recent(rng, today, 3 * 365)))
    if 20 <= age <= 75 and rng.random() < 0.5:
        give(Cred("driving-licence", _recent(rng, today, 6 * 365 - 30)))
        if rng.random() < 0.6:
            person.tags.add("driver")
            plate = {"plate": _plate(rng)}
            give(Cred("vehicle-registration-certificate", _recent(rng, today, 3000), plate))
            give(Cred("vehicle-licence", _recent(rng, today, 3000), plate))
    if age >= 28 and rng.random() < 0.55:
        person.tags.add("owner")
        give(Cred("property-certificate", _day(rng, date(born.year + 26, 1, 1), today)))
    elif age >= 20 and rng.random() < 0.5:
        person.tags.add("tenant")
        person.vault.append(Vault("lease-contract", "lease-contract.pdf"))
    if "married" in person.tags and 24 <= age <= 42 and rng.random() < 0.3:
        person.tags.add("parent")
        child = _recent(rng, today, 5 * 365)
        give(Cred("birth-medical-certificate", child, {"child_born": child.isoformat()}))
        give(Cred("vaccination-certificate", child + timedelta(days=30)))
    if age >= 25 and rng.random() < 0.03:
        person.tags.add("veteran")
        give(Cred("discharge-certificate", _day(rng, date(born.year + 22, 1, 1), today)))
    if rng.random() < 0.02:
        person.tags.add("disabled")
        give(Cred("disability-certificate", _recent(rng, today, 8 * 365)))
    if rng.random() < 0.15:
        give(Cred("passport", _recent(rng, today, 9 * 365)))
    if rng.random() < 0.4:
        person.vault.append(Vault("bank-card", "bank-card.pdf"))
    if rng.random() < 0.3:
        person.vault.append(Vault("photo", "photo.pdf"))
    return person


def _company(rng: random.Random, today: date, taken: set[str]) -> PartySpec:
    district = _district(rng)
    kind = rng.choices(list(COMPANY_KINDS), weights=[k[0] for k in COMPANY_KINDS.values()])[0]
    _weight, scope, suffix_zh = COMPANY_KINDS[kind]
    while True:
        organisation = "".join(rng.choice(identity.CREDIT_CODE_CHARSET) for _ in range(9))
        identifier = identity.make_credit_code(district[1], organisation)
        if identifier not in taken:
            taken.add(identifier)
            break
    trade_en, trade_zh = rng.choice(TRADE_NAMES)
    chinese = rng.random() < 0.6
    name = (
        f"上海{trade_zh}{suffix_zh}" if chinese else f"Shanghai {trade_en} {ENGLISH_SUFFIX[kind]}"
    )
    representative = _person_name(rng)[1 if chinese else 0]
    size = rng.choices(["small", "standard", "large"], weights=[5, 4, 1])[0]
    company = PartySpec(
        kind="company",
        identifier=identifier,
        name=name,
        address=_address(rng, district, chinese=chinese),
        district=district[0],
        legal_representative=representative,
        business_scope=scope,
        tags={kind, size},
    )
    established = _day(rng, date(2005, 1, 1), today - timedelta(days=120))
    _company_papers(rng, today, company, kind, size, established)
    return company


def _company_papers(
    rng: random.Random, today: date, company: PartySpec, kind: str, size: str, established: date
) -> None:
    """What the city's departments issued this company, and what it handed in before."""
    give, keep = company.credentials.append, company.vault.append
    give(Cred("business-licence", established, {"scope": company.business_scope}))
    give(
        Cred("legal-rep-id", _recent(rng, today, 15 * 365), {"name": company.legal_representative})
    )
    give(Cred("seal-record", established + timedelta(days=3)))
    if rng.random() < 0.25:
        give(Cred("property-certificate", _day(rng, established, today)))
    else:
        keep(Vault("lease-contract", "lease-contract.pdf"))
    for evidence, share in (("company-articles", 0.85), ("bank-card", 0.7)):
        if rng.random() < share:
            keep(Vault(evidence, f"{evidence}.pdf"))
    if kind in VENUES or kind in {"pharmacy", "beauty_salon"}:
        keep(Vault("floor-plan", "floor-plan.pdf"))
    if size != "small" or kind in {"hotel", "developer"}:
        keep(Vault("employee-list", "employee-list.pdf"))
    recent = _recent
    if kind in FOOD:
        give(Cred("food-business-licence", recent(rng, today, 4 * 365)))
        give(Cred("staff-health-certs", recent(rng, today, 330), {"staff": rng.randint(3, 40)}))
        keep(Vault("food-safety-rules", "food-safety-rules.pdf"))
        if size == "large":
            give(Cred("food-safety-manager-cert", recent(rng, today, 2 * 365)))
    if kind in {"restaurant", "tea_house", "hotel", "beauty_salon"}:
        keep(Vault("equipment-list", "equipment-list.pdf"))
    if kind in {"restaurant", "tea_house", "hotel"}:
        keep(Vault("kitchen-layout", "kitchen-layout.pdf"))
        give(Cred("drainage-permit", recent(rng, today, 4 * 365)))
    if kind in VENUES and (size != "small" or kind in {"hotel", "internet_cafe", "ktv"}):
        give(Cred("fire-inspection-report", recent(rng, today, 5 * 365)))
        keep(Vault("fire-safety-plan", "fire-safety-plan.pdf"))
    signboard = {"restaurant", "supermarket", "pharmacy", "tea_house", "beauty_salon"}
    if kind in signboard and rng.random() < 0.7:
        give(Cred("signage-permit", recent(rng, today, 2 * 365)))
    if kind in {"supermarket", "ktv"} or (kind == "restaurant" and rng.random() < 0.4):
        give(Cred("alcohol-retail-record", recent(rng, today, 3 * 365)))
    if kind in {"tea_house", "hotel", "beauty_salon"}:
        give(Cred("public-place-hygiene-licence", recent(rng, today, 3 * 365)))
        keep(Vault("hygiene-rules", "hygiene-rules.pdf"))
    if kind == "beauty_salon":
        give(Cred("staff-health-certs", recent(rng, today, 330), {"staff": rng.randint(2, 12)}))
    if kind == "pharmacy":
        give(Cred("drug-retail-licence", recent(rng, today, 4 * 365)))
        give(Cred("pharmacist-cert", recent(rng, today, 4 * 365)))
        keep(Vault("quality-rules", "quality-rules.pdf"))
        if rng.random() < 0.5:
            give(Cred("device-ii-filing-record", recent(rng, today, 3 * 365)))
    if kind == "hotel":
        give(Cred("special-trade-licence", recent(rng, today, 5 * 365)))
        keep(Vault("security-plan", "security-plan.pdf"))
    if kind == "internet_cafe":
        give(Cred("internet-culture-licence", recent(rng, today, 2 * 365)))
        keep(Vault("network-security-plan", "network-security-plan.pdf"))
        keep(Vault("equipment-list", "equipment-list.pdf"))
    if kind == "ktv":
        give(Cred("entertainment-licence", recent(rng, today, 600)))
    if kind == "developer":
        _project(rng, today, company)
    if kind == "logistics":
        give(Cred("vehicle-licence", recent(rng, today, 5 * 365), {"plate": _plate(rng)}))
        give(Cred("safety-manager-cert", recent(rng, today, 2 * 365)))


def _project(rng: random.Random, today: date, company: PartySpec) -> None:
    """A developer part-way through a building project: the approvals it already holds."""
    give = company.credentials.append
    started = _recent(rng, today, 3 * 365)
    project = {"project": f"{company.name[:20]} project {rng.randint(1, 9)}"}
    give(Cred("construction-enterprise-qualification", _recent(rng, today, 4 * 365)))
    give(Cred("safety-manager-cert", _recent(rng, today, 2 * 365)))
    give(Cred("project-filing-certificate", started, project))
    give(Cred("land-use-certificate", started + timedelta(days=20), project))
    give(Cred("land-use-planning-permit", started + timedelta(days=60), project))
    if rng.random() < 0.7:
        give(Cred("construction-planning-permit", started + timedelta(days=120), project))
        give(Cred("construction-contract-record", started + timedelta(days=150), project))
        company.tags.add("planned")
    for evidence in ("site-plan", "design-drawings", "construction-contract"):
        company.vault.append(Vault(evidence, f"{evidence}.pdf"))


@cache
def population(
    persons: int = PERSONS, companies: int = COMPANIES, today: date | None = None
) -> tuple[PartySpec, ...]:
    """The generated residents, then the companies: the same on every run of the same day."""
    # One generator per party: the dates drawn depend on the day of loading, and must not
    # shift the identifiers of the parties after it (a later run would add new ones).
    day = today or date.today()
    taken: set[str] = set()
    seeded = random.Random  # noqa: S311 (demo data, reproducible on purpose; no secret here)
    people = [_person(seeded(f"{SEED}:person:{i}"), day, taken) for i in range(persons)]
    firms = [_company(seeded(f"{SEED}:company:{i}"), day, taken) for i in range(companies)]
    return (*people, *firms)


def pick(specs: tuple[PartySpec, ...], *tags: str, nth: int = 0) -> PartySpec:
    """The `nth` generated party with every one of these profile tags (a person's life
    situation or a company's trade, never what the hub holds for it)."""
    matching = [spec for spec in specs if set(tags) <= spec.tags]
    if not matching:
        raise LookupError(f"No demo party is {', '.join(tags)}.")
    return matching[nth % len(matching)]
