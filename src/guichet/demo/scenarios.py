"""The demo scenario set: real-life applications to the demo city, run end to end.

Each scenario is an applicant (the demo citizen or company online, or a resident or company
of the generated population at a service centre window), the services applied for together
and the funnel's answers. `run()` applies through the cases services as a person would: start
(the hub resolves what it holds), consent to reuse, upload a small real PDF for each document
still missing, submit. `tally()` counts, per application, the documents asked for and how
many were satisfied without an upload: the once-only figure of the benchmark.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from guichet.cases import services as cases
from guichet.cases.models import Case, Material
from guichet.catalog.models import EvidenceType
from guichet.datahub import services as datahub

from . import hub, hub_population

CITIZEN = ("citizen",)
COMPANY = ("company",)
CENTRE = "JA-CENTRE"

FOOD_SHOP = {"new_company": False, "foreign_invested": False, "sales": ["retail"]}


@dataclass(frozen=True)
class Scenario:
    slug: str
    title: str
    # ("citizen",) and ("company",): the demo accounts, online. ("person", tag…) or
    # ("firm", tag…): a resident or company of the population with that profile, at a window.
    applicant: tuple[str, ...]
    services: tuple[str, ...]
    answers: dict = field(default_factory=dict)


SCENARIOS: list[Scenario] = [
    # The demo citizen, Li Wei, online.
    Scenario(
        "birth-of-a-child",
        "Birth of a child: register the baby, insure it, claim the allowance",
        CITIZEN,
        ("HOUSEHOLD-BIRTH-REGISTRATION", "NEWBORN-MEDICAL-INSURANCE", "FAMILY-PLANNING-ALLOWANCE"),
        {"child_age_days": 23, "parents_registered_here": True},
    ),
    Scenario(
        "moving-house",
        "Moving house within the city, with the car's registration",
        CITIZEN,
        ("HOUSEHOLD-MOVE-REGISTRATION", "VEHICLE-REGISTRATION-ADDRESS-CHANGE"),
        {"move_within_city": True, "has_vehicle": True},
    ),
    Scenario(
        "housing-fund-loan",
        "Buying a flat with a housing provident fund loan",
        CITIZEN,
        ("HOUSING-FUND-LOAN",),
    ),
    Scenario(
        "lost-social-security-card",
        "Replacing a lost social security card",
        CITIZEN,
        ("SOCIAL-SECURITY-CARD-REPLACEMENT",),
    ),
    # The demo company, Jing'an Noodle House, online.
    Scenario(
        "open-restaurant",
        "Opening the enlarged restaurant: scope change, food licence, fire check, signboard",
        COMPANY,
        (
            "COMPANY-CHANGE-REGISTRATION",
            "FOOD-BUSINESS-LICENCE",
            "FIRE-SAFETY-INSPECTION",
            "OUTDOOR-SIGNAGE-PERMIT",
        ),
        {
            **FOOD_SHOP,
            "activity": "restaurant",
            "seats": 80,
            "foods": ["cooked"],
            "has_kitchen": True,
            "size": "standard",
            "area_m2": 180,
            "venue_capacity": 80,
            "building_height_m": 12,
        },
    ),
    Scenario(
        "restaurant-alcohol-and-music",
        "Serving alcohol and live music in the restaurant",
        COMPANY,
        ("ALCOHOL-RETAIL-FILING", "PERFORMANCE-VENUE-FILING"),
        {**FOOD_SHOP, "size": "standard", "venue_capacity": 80, "serves_alcohol": True},
    ),
    Scenario(
        "hiring-staff",
        "Taking on staff: social insurance and housing fund accounts",
        COMPANY,
        ("EMPLOYER-SOCIAL-INSURANCE-REGISTRATION", "HOUSING-FUND-EMPLOYER-ACCOUNT"),
    ),
    # Residents of the city, at the Jing'an centre's window.
    Scenario(
        "retirement",
        "Retiring: pension, retiree medical insurance, housing fund withdrawal",
        ("person", "retired"),
        (
            "RETIREMENT-PENSION-CLAIM",
            "RETIREE-MEDICAL-INSURANCE",
            "HOUSING-FUND-WITHDRAWAL-RETIREMENT",
        ),
        {"employer_type": "company", "years_contributed": 30},
    ),
    Scenario(
        "senior-card",
        "A senior citizen card",
        ("person", "retired"),
        ("SENIOR-CITIZEN-CARD",),
    ),
    Scenario(
        "kindergarten",
        "Enrolling a child in kindergarten",
        ("person", "parent", "owner"),
        ("KINDERGARTEN-ENROLMENT",),
        {"parents_registered_here": True},
    ),
    Scenario(
        "marriage-move",
        "Moving the household register to the spouse's home after marriage",
        ("person", "married", "owner"),
        ("HOUSEHOLD-MARRIAGE-MOVE",),
    ),
    Scenario(
        "renting",
        "Paying the rent from the housing provident fund",
        ("person", "tenant", "employed"),
        ("HOUSING-FUND-WITHDRAWAL-RENT",),
    ),
    Scenario(
        "residence-permit",
        "Renewing a residence permit",
        ("person", "migrant", "employed"),
        ("RESIDENCE-PERMIT",),
    ),
    Scenario(
        "veteran-card",
        "A veteran's preferential card",
        ("person", "veteran"),
        ("VETERAN-PREFERENTIAL-CARD",),
    ),
    Scenario(
        "disability-subsidy",
        "The living subsidy for people with a disability",
        ("person", "disabled"),
        ("DISABILITY-LIVING-SUBSIDY",),
    ),
    Scenario(
        "job-abroad",
        "A certificate of no criminal record and a passport for a job abroad",
        ("person", "employed", "registered"),
        ("NO-CRIMINAL-RECORD-CERTIFICATE", "PASSPORT-APPLICATION"),
    ),
    # Companies of the city, at the window.
    Scenario(
        "supermarket",
        "A supermarket renews its food licence, files alcohol sales and a signboard",
        ("firm", "supermarket"),
        ("FOOD-BUSINESS-LICENCE", "ALCOHOL-RETAIL-FILING", "OUTDOOR-SIGNAGE-PERMIT"),
        {
            **FOOD_SHOP,
            "activity": "supermarket",
            "foods": ["prepackaged", "bulk"],
            "size": "standard",
        },
    ),
    Scenario(
        "pharmacy",
        "A pharmacy renews its drug licence and files class II devices",
        ("firm", "pharmacy"),
        ("DRUG-RETAIL-LICENCE", "MEDICAL-DEVICE-II-FILING"),
        {**FOOD_SHOP, "size": "standard", "foods": []},
    ),
    Scenario(
        "tea-house",
        "A tea house renews its hygiene and food licences",
        ("firm", "tea_house"),
        ("PUBLIC-PLACE-HYGIENE-LICENCE", "FOOD-BUSINESS-LICENCE"),
        {
            **FOOD_SHOP,
            "activity": "tea_house",
            "area_m2": 120,
            "foods": ["cooked", "prepackaged"],
            "size": "small",
        },
    ),
    Scenario(
        "hotel",
        "A hotel renews its special trade and hygiene licences after a fire check",
        ("firm", "hotel"),
        ("HOTEL-SPECIAL-TRADE-LICENCE", "PUBLIC-PLACE-HYGIENE-LICENCE", "FIRE-SAFETY-INSPECTION"),
        {
            "activity": "hotel",
            "size": "standard",
            "area_m2": 1500,
            "venue_capacity": 200,
            "building_height_m": 18,
        },
    ),
    Scenario(
        "internet-cafe",
        "An internet café renews its licence after a fire check",
        ("firm", "internet_cafe"),
        ("INTERNET-SERVICE-BUSINESS-LICENCE", "FIRE-SAFETY-INSPECTION"),
        {"area_m2": 250, "has_kitchen": False, "size": "standard", "venue_capacity": 120},
    ),
    Scenario(
        "karaoke",
        "A karaoke bar renews its entertainment licence and alcohol filing",
        ("firm", "ktv"),
        ("ENTERTAINMENT-VENUE-LICENCE", "ALCOHOL-RETAIL-FILING"),
        {
            **FOOD_SHOP,
            "live_music": True,
            "serves_alcohol": True,
            "venue_capacity": 150,
            "has_kitchen": False,
            "size": "standard",
        },
    ),
    Scenario(
        "beauty-salon",
        "A beauty salon renews its hygiene licence",
        ("firm", "beauty_salon"),
        ("PUBLIC-PLACE-HYGIENE-LICENCE",),
        {"activity": "beauty_salon", "area_m2": 80},
    ),
    Scenario(
        "restaurant-kitchen",
        "A restaurant renews its food licence and drainage permit, registers its kitchen",
        ("firm", "restaurant", "standard"),
        ("FOOD-BUSINESS-LICENCE", "DRAINAGE-PERMIT", "ENVIRONMENTAL-IMPACT-REGISTRATION"),
        {
            **FOOD_SHOP,
            "activity": "restaurant",
            "foods": ["cooked"],
            "size": "standard",
            "seats": 60,
            "has_kitchen": True,
            "project_investment_mwan": 80,
        },
    ),
    Scenario(
        "construction",
        "A developer starts building: works permit, waste permit, road excavation",
        ("firm", "developer", "planned"),
        ("CONSTRUCTION-WORKS-PERMIT", "CONSTRUCTION-WASTE-PERMIT", "ROAD-EXCAVATION-PERMIT"),
        {
            "project_funding": "private",
            "project_investment_mwan": 2000,
            "building_height_m": 18,
            "size": "standard",
        },
    ),
    Scenario(
        "office-hiring",
        "A technology company takes on staff and registers for tax invoices",
        ("firm", "office"),
        ("EMPLOYER-SOCIAL-INSURANCE-REGISTRATION", "TAX-REGISTRATION-INFO", "INVOICE-APPLICATION"),
        {"new_company": False, "size": "small"},
    ),
]


@dataclass(frozen=True)
class Tally:
    """One application's documents: asked for, satisfied without an upload, uploaded."""

    scenario: str
    case: str
    required: int
    reused: int
    uploaded: int
    by_source: dict

    @property
    def share(self) -> float:
        return self.reused / self.required if self.required else 0.0


POPULATION = (hub_population.PERSONS, hub_population.COMPANIES)


def applicant_of(scenario: Scenario, *, nth: int = 0, population: tuple[int, int] = POPULATION):
    """(applicant party, acting user, channel) for a scenario."""
    User = get_user_model()
    kind = scenario.applicant[0]
    if kind == "citizen":
        party = datahub.party_by_identifier(hub.CITIZEN_ID)
        return party, User.objects.get(email=hub.CITIZEN_EMAIL), Case.Channel.ONLINE
    if kind == "company":
        party = datahub.party_by_identifier(hub.COMPANY_CODE)
        return party, User.objects.get(email=hub.BUSINESS_EMAIL), Case.Channel.ONLINE
    specs = hub_population.population(*population, timezone.localdate())
    spec = hub_population.pick(specs, *scenario.applicant[1:], nth=nth)
    party = datahub.party_by_identifier(spec.identifier)
    return party, User.objects.get(email=hub.CLERK_EMAIL), Case.Channel.WINDOW


def run(
    scenarios: Iterable[Scenario] = SCENARIOS,
    *,
    submit: bool = True,
    nth: int = 0,
    population: tuple[int, int] = POPULATION,
) -> list[Case]:
    """Apply for every scenario as its applicant would; returns the cases, in order.

    `population` is the size the hub was loaded with (persons, companies), and `nth` which of
    the residents or companies with a scenario's profile applies."""
    made = []
    for scenario in scenarios:
        party, by, channel = applicant_of(scenario, nth=nth, population=population)
        case = cases.start(
            by=by,
            applicant=party,
            services=[cases.ItemSpec(code) for code in scenario.services],
            answers=scenario.answers,
            channel=channel,
            centre_code=CENTRE if channel == Case.Channel.WINDOW else "",
        )
        if cases.reusable_records(case):
            cases.give_consent(case, by=by, granted=True)
        missing = (
            Material.objects.filter(item__case=case, source=Material.Source.MISSING)
            .values_list("evidence_type", flat=True)
            .distinct()
        )
        for evidence in EvidenceType.objects.filter(pk__in=list(missing)):
            upload = SimpleUploadedFile(
                f"{evidence.code}.pdf",
                hub.tiny_pdf(f"{evidence.code} {case.number}"),
                "application/pdf",
            )
            cases.attach_upload(case, by=by, evidence_type=evidence, upload=upload)
        if submit:
            case = cases.submit(case, by=by)
        made.append(case)
    return made


def tally(case: Case, scenario: str = "") -> Tally:
    """Every document the application's items ask for, as the public figure counts them."""
    sources = list(Material.objects.filter(item__case=case).values_list("source", flat=True))
    by_source: dict[str, int] = {}
    for source in sources:
        by_source[source] = by_source.get(source, 0) + 1
    return Tally(
        scenario,
        case.number,
        required=len(sources),
        reused=sum(1 for s in sources if s in Material.WITHOUT_UPLOAD),
        uploaded=by_source.get(Material.Source.UPLOAD, 0),
        by_source=by_source,
    )


def tallies(cases_made: Sequence[Case], scenarios: Sequence[Scenario]) -> list[Tally]:
    return [tally(case, s.slug) for case, s in zip(cases_made, scenarios, strict=True)]
