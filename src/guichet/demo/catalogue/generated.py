# ruff: noqa: E501
"""Services generated from templates: each department's typical matters and their actions.

A matter (a licence, a filing, a benefit…) comes with the actions people take on it: a
licence is applied for, changed, renewed, cancelled and replaced; a benefit is claimed,
updated and stopped. Each pair becomes one service, with a name composed in the four
languages, the matter's documents for that action and time limits that fit. Everything is
deterministic: the same data gives the same codes and contents on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .departments import DEPARTMENTS
from .evidence import Evidence
from .spec import (
    CENTRES,
    CITY,
    EVERYWHERE,
    IS_COMPANY,
    IS_PERSON,
    NAMED,
    Doc,
    K,
    Svc,
    T,
    copy,
    doc,
)

LICENCE, REGISTRATION, FILING, BENEFIT, PROOF, REPORT, APPROVAL, SINGLE = (
    "licence",
    "registration",
    "filing",
    "benefit",
    "proof",
    "report",
    "approval",
    "single",
)


@dataclass(frozen=True)
class Matter:
    """A typical matter of a department, from which one service per action is generated."""

    dept: str
    kind: str
    slug: str
    name: dict
    about: dict
    audience: str
    docs: tuple[str, ...]
    law: tuple[str, str]  # (Chinese, English)
    legal: int | None = None  # legal time limit of the first application
    months: int | None = None  # validity of what it issues
    actions: tuple[str, ...] | None = None
    events: tuple[str, ...] = ()
    keywords: tuple[str, str] = ("", "")
    fee: str = "0"
    waiver: dict = field(default_factory=dict)
    named: bool = False  # first applications and renewals only at the main centre
    output: str | None = None  # an evidence type that exists already
    extras: tuple[Doc, ...] = ()  # conditional documents of the first application
    collab: tuple[str, ...] = ()
    visits: int | None = None


def M(
    dept: str,
    kind: str,
    slug: str,
    name: tuple[str, str, str, str],
    about: tuple[str, str],
    audience: str,
    docs: str,
    law: tuple[str, str],
    **options,
) -> Matter:
    """A matter in one line: names in four languages, evidence codes separated by spaces."""
    return Matter(
        dept, kind, slug, T(*name), T(*about), audience, tuple(docs.split()), law, **options
    )


@dataclass(frozen=True)
class Action:
    label: dict
    sentence: dict  # what the service does, "{dept}" and "{legal}" filled in
    legal: int  # default legal time limit (working days)
    keyword: tuple[str, str]


ACTIONS = {
    "new": Action(
        T("new application", "新办", "première demande", "ยื่นขอใหม่"),
        T(
            "This service is the first application; the {dept} decides within {legal} working days of accepting a complete application.",
            "本事项为首次申请，{dept}自受理之日起{legal}个工作日内作出决定。",
        ),
        20,
        ("apply", "申请"),
    ),
    "change": Action(
        T("change", "变更", "modification", "เปลี่ยนแปลง"),
        T(
            "This service records a change of name, address, person in charge or scope.",
            "本事项办理名称、地址、负责人或范围等事项的变更。",
        ),
        10,
        ("change", "变更"),
    ),
    "renewal": Action(
        T("renewal", "延续", "renouvellement", "ต่ออายุ"),
        T(
            "This service renews it before it expires; apply at least 30 days before the expiry date.",
            "本事项为有效期届满前的延续，应当在有效期届满30日前提出申请。",
        ),
        20,
        ("renew", "延续"),
    ),
    "cancellation": Action(
        T("cancellation", "注销", "annulation", "ยกเลิก"),
        T(
            "This service cancels it when the activity stops or the conditions are no longer met.",
            "本事项为停止相关活动或不再具备条件时的注销。",
        ),
        10,
        ("cancel", "注销"),
    ),
    "replacement": Action(
        T("replacement", "补发", "duplicata", "ออกใบแทน"),
        T(
            "This service replaces a lost or damaged certificate.",
            "本事项为证件遗失或损毁后的补发。",
        ),
        10,
        ("lost", "补办"),
    ),
    "filing": Action(
        T("first filing", "首次备案", "première déclaration", "จดแจ้งครั้งแรก"),
        T(
            "This service is the first filing; it is recorded on the spot when the documents are complete.",
            "本事项为首次备案，材料齐全的当场备案。",
        ),
        5,
        ("filing", "备案"),
    ),
    "application": Action(
        T("application", "申领", "demande", "ยื่นขอ"),
        T(
            "This service is the application; payment starts the month after approval.",
            "本事项为待遇申领，核准后次月起发放。",
        ),
        20,
        ("apply", "申领"),
    ),
    "update": Action(
        T("change of circumstances", "信息变更", "changement de situation", "เปลี่ยนแปลงข้อมูล"),
        T(
            "This service updates your situation or the bank account used for payment.",
            "本事项为家庭情况或发放账户等信息的变更。",
        ),
        10,
        ("update", "变更"),
    ),
    "termination": Action(
        T("termination", "停发", "cessation", "ยุติการจ่าย"),
        T(
            "This service stops the payment when the conditions are no longer met.",
            "本事项为不再符合条件时的停发。",
        ),
        10,
        ("stop", "停发"),
    ),
    "issue": Action(
        T("issuance", "开具", "délivrance", "ออกหนังสือรับรอง"),
        T(
            "This service issues the certificate, usually at once and electronically.",
            "本事项即时开具电子证明。",
        ),
        3,
        ("certificate", "证明"),
    ),
    "verify": Action(
        T("verification", "核验", "vérification", "ตรวจสอบ"),
        T(
            "This service lets a third party check that a certificate is genuine.",
            "本事项供第三方核验证明的真实性。",
        ),
        3,
        ("verify", "核验"),
    ),
    "submit": Action(
        T("submission", "报送", "dépôt", "ยื่นรายงาน"),
        T(
            "This service is the submission, within the period set each year.",
            "本事项为规定期限内的报送。",
        ),
        5,
        ("report", "报送"),
    ),
    "correct": Action(
        T("correction", "更正", "rectification", "แก้ไข"),
        T("This service corrects a report already submitted.", "本事项为已报送内容的更正。"),
        5,
        ("correct", "更正"),
    ),
    "approval": Action(
        T("approval", "审批", "approbation", "อนุมัติ"),
        T(
            "This service is the approval; the {dept} decides within {legal} working days of accepting a complete application.",
            "本事项为审批，{dept}自受理之日起{legal}个工作日内作出决定。",
        ),
        20,
        ("approval", "审批"),
    ),
    "single": Action(
        T("", ""),
        T(
            "The {dept} handles it within {legal} working days of accepting a complete application.",
            "{dept}自受理之日起{legal}个工作日内办结。",
        ),
        10,
        ("", ""),
    ),
}
ACTIONS_OF_KIND = {
    LICENCE: ("new", "change", "renewal", "cancellation", "replacement"),
    REGISTRATION: ("new", "change", "cancellation", "replacement"),
    FILING: ("filing", "change", "cancellation"),
    BENEFIT: ("application", "update", "termination"),
    PROOF: ("issue",),
    REPORT: ("submit", "correct"),
    APPROVAL: ("approval", "change"),
    SINGLE: ("single",),
}
FIRST = {"new", "filing", "application", "issue", "submit", "approval", "single"}
# Actions on a certificate that issue it (again).
ISSUING = {"new", "change", "renewal", "replacement", "filing", "issue", "approval", "single"}
CERTIFYING_KINDS = {LICENCE, REGISTRATION}
WINDOW = {
    **dict.fromkeys(["MKT", "JA-MKT", "MPA", "CULTURE", "JA-CULTURE", "COMMERCE"], "market"),
    **dict.fromkeys(["TAX", "AGRI", "TRANSPORT", "EMERGENCY", "STATS", "JUSTICE"], "market"),
    **dict.fromkeys(["PLANNING", "HOUSING", "WATER", "ECO", "DEVREFORM", "URBAN"], "construction"),
    **dict.fromkeys(
        ["POLICE", "TRAFFIC", "HRSS", "JA-HRSS", "MEDINS", "HOUSEFUND"], "comprehensive"
    ),
    **dict.fromkeys(["HEALTH", "FIRE"], "comprehensive"),
}
DEPARTMENT_NAMES = {code: name for code, name, _level, _parent in DEPARTMENTS}


def _lower(text: str) -> str:
    """Lower the first letter of a name used inside a sentence, keeping acronyms."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _basics(audience: str) -> list[Doc]:
    if audience == "company":
        return [doc("application-form"), copy("business-licence"), copy("legal-rep-id")]
    if audience == "person":
        return [doc("application-form"), doc("id-card")]
    return [
        doc("application-form"),
        doc("id-card", IS_PERSON),
        copy("business-licence", IS_COMPANY),
        copy("legal-rep-id", IS_COMPANY),
    ]


def _documents(matter: Matter, action: str, output: str | None) -> list[Doc]:
    """The documents of one action on a matter."""
    documents = _basics(matter.audience)
    own = [doc(code) for code in matter.docs]
    if action in FIRST:
        documents += own + list(matter.extras)
    elif action in {"change", "update"}:
        documents += ([doc(output)] if output else []) + own[:1]
        if action == "update":
            documents.append(doc("bank-card"))
    elif action == "renewal":
        documents += ([doc(output)] if output else []) + own[:2] + [doc("commitment-letter")]
    elif action == "cancellation":
        documents += [doc(output)] if output else own[:1]
        if matter.audience == "company":
            documents.append(doc("shareholder-resolution"))
    elif action == "replacement":
        documents += [doc("loss-declaration")]
        if matter.audience != "company":
            documents.append(doc("photo"))
    elif action == "termination":
        documents += [doc("commitment-letter")]
    elif action == "verify":
        documents = [doc("application-form"), copy(output or matter.docs[0])]
        documents += [doc("power-of-attorney")]
    elif action == "correct":
        documents += own[:2] + [doc("commitment-letter")]
    # One document of a type per service; the first one says how.
    seen, unique = set(), []
    for item in documents:
        if item.evidence not in seen:
            seen.add(item.evidence)
            unique.append(item)
    return unique


def _channels(matter: Matter, action: str) -> tuple[str, ...]:
    if matter.named and action in {"new", "renewal", "approval"}:
        return NAMED
    if matter.kind == APPROVAL or (matter.dept in {"PLANNING", "DEVREFORM"} and action in FIRST):
        return CENTRES
    if matter.kind in {PROOF, BENEFIT} or matter.audience == "person":
        return EVERYWHERE
    return CITY


def _visits(matter: Matter, action: str) -> int:
    if matter.visits is not None and action in FIRST:
        return matter.visits
    if action in {"new", "approval"} and matter.kind in {LICENCE, APPROVAL}:
        return 1
    return 0


def _legal(matter: Matter, action: str) -> tuple[int, int]:
    legal = matter.legal if (matter.legal and action in FIRST) else ACTIONS[action].legal
    if action == "renewal" and matter.legal:
        legal = matter.legal
    promised = max(1, (legal * 2) // 5) if legal > 3 else 1
    return legal, min(promised, legal)


def matter_evidence(matter: Matter) -> Evidence | None:
    """The certificate a licence or registration matter issues, when it is a new type."""
    if matter.output or matter.kind not in CERTIFYING_KINDS:
        return None
    return Evidence(matter.slug, matter.name, matter.dept, matter.months, True)


def _output(matter: Matter) -> str | None:
    if matter.output:
        return matter.output
    return matter.slug if matter.kind in CERTIFYING_KINDS else None


def services_of(matter: Matter, code: str, number: int) -> list[Svc]:
    """One service per action of the matter, numbered from `number` in its department."""
    dept_name = DEPARTMENT_NAMES[matter.dept]
    output = _output(matter)
    found = []
    for offset, action_key in enumerate(matter.actions or ACTIONS_OF_KIND[matter.kind]):
        action = ACTIONS[action_key]
        legal, promised = _legal(matter, action_key)
        label = action.label
        name = (
            dict(matter.name)
            if action_key == "single"
            else {
                lang: f"{text} ({label[lang]})" if lang != "zh-hans" else f"{text}（{label[lang]}）"
                for lang, text in matter.name.items()
            }
        )
        sentence = {
            lang: action.sentence[lang].format(dept=dept_name[lang], legal=legal)
            for lang in ("en", "zh-hans")
        }
        description = {
            "en": f"{matter.about['en']} {sentence['en']}",
            "zh-hans": f"{matter.about['zh-hans']}{sentence['zh-hans']}",
        }
        kw_en, kw_zh = matter.keywords
        keywords = K(
            "|".join(filter(None, [kw_en, _lower(matter.name["en"]), action.keyword[0]])),
            "|".join(filter(None, [kw_zh, matter.name["zh-hans"], action.keyword[1]])),
        )
        law_zh, law_en = matter.law
        is_first = action_key in FIRST
        found.append(
            Svc(
                code=f"{code}-{number + offset:04d}",
                dept=matter.dept,
                name=name,
                description=description,
                keywords=keywords,
                who=_who(matter),
                audience=matter.audience,
                basis=T(
                    f"Under the {law_en}, the {dept_name['en']} handles it within {legal} working days of accepting a complete application.",
                    f"依据{law_zh}，{dept_name['zh-hans']}自受理之日起{legal}个工作日内办结。",
                ),
                reference=f"{law_zh} / {law_en}",
                legal=legal,
                promised=promised,
                docs=_documents(matter, action_key, output),
                collab=matter.collab,
                events=matter.events if is_first else (),
                fee=matter.fee if (is_first or action_key == "replacement") else "0",
                waiver=matter.waiver if (is_first or action_key == "replacement") else {},
                channels=_channels(matter, action_key),
                visits=_visits(matter, action_key),
                window="delivery"
                if action_key == "replacement"
                else WINDOW.get(matter.dept, "general")
                if matter.audience != "person"
                else "general",
                output=output if action_key in ISSUING else None,
            )
        )
    return found


WHO = {
    "company": T(
        "Companies and other organisations carrying on the activity in the city.",
        "在本市从事相关活动的企业和其他组织。",
        "Les entreprises et organisations exerçant l'activité dans la ville.",
        "บริษัทและองค์กรที่ดำเนินกิจกรรมในเมือง",
    ),
    "person": T(
        "Residents concerned, in person or through an authorised agent.",
        "符合条件的个人，本人或委托代理人办理。",
        "Les personnes concernées, en personne ou par un mandataire.",
        "บุคคลที่เกี่ยวข้อง ด้วยตนเองหรือผ่านผู้รับมอบอำนาจ",
    ),
    "both": T(
        "People and organisations concerned, in person or through an authorised agent.",
        "符合条件的个人和单位，本人或委托代理人办理。",
        "Les personnes et organisations concernées, en personne ou par un mandataire.",
        "บุคคลและองค์กรที่เกี่ยวข้อง ด้วยตนเองหรือผ่านผู้รับมอบอำนาจ",
    ),
}


def _who(matter: Matter) -> dict:
    return WHO[matter.audience]


def generated() -> tuple[list[Evidence], list[Svc]]:
    """The evidence types and services generated from every department's matters."""
    from .matters_economy import MATTERS as ECONOMY
    from .matters_society import MATTERS as SOCIETY

    evidence, services = [], []
    numbers: dict[str, int] = {}
    for matter in [*ECONOMY, *SOCIETY]:
        created = matter_evidence(matter)
        if created is not None:
            evidence.append(created)
        number = numbers.get(matter.dept, 101)
        batch = services_of(matter, matter.dept, number)
        numbers[matter.dept] = number + len(batch)
        services += batch
    return evidence, services
