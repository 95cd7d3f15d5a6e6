"""Building blocks for the demo catalogue's data: texts, conditions, documents and services.

The data modules describe the catalogue with these plain structures; the loader turns them
into departments, evidence types, events and published services through the catalogue's
service functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGUAGES = ("en", "zh-hans", "fr", "th")


def T(en: str, zh: str, fr: str = "", th: str = "") -> dict[str, str]:
    """A text in the four languages of the platform (French and Thai may be left out)."""
    return {code: text for code, text in zip(LANGUAGES, (en, zh, fr, th), strict=True) if text}


def K(en: str, zh: str, fr: str = "", th: str = "") -> dict[str, list[str]]:
    """Keywords per language, each language's words separated by "|"."""
    return {
        code: [word.strip() for word in words.split("|") if word.strip()]
        for code, words in zip(LANGUAGES, (en, zh, fr, th), strict=True)
        if words
    }


@dataclass(frozen=True)
class When:
    """A requirement condition, with the same condition in plain words."""

    expr: str
    text: dict


def when(expr: str, en: str, zh: str, fr: str = "", th: str = "") -> When:
    return When(expr, T(en, zh, fr, th))


@dataclass(frozen=True)
class Doc:
    """A document a service asks for."""

    evidence: str
    when: When | None = None
    form: str = "original"
    copies: int = 1
    follow: int | None = None  # not needed at acceptance: may follow within this many days
    note: dict = field(default_factory=dict)


def doc(
    evidence: str,
    when: When | None = None,
    *,
    form: str = "original",
    copies: int = 1,
    follow: int | None = None,
    note: dict | None = None,
) -> Doc:
    return Doc(evidence, when, form, copies, follow, note or {})


def copy(evidence: str, when: When | None = None, **options) -> Doc:
    return doc(evidence, when, form="copy", **options)


def both(evidence: str, when: When | None = None, **options) -> Doc:
    return doc(evidence, when, form="original_and_copy", **options)


def online(evidence: str, when: When | None = None, **options) -> Doc:
    return doc(evidence, when, form="electronic", **options)


# Where a service can be applied for.
EVERYWHERE = ("online", "any_centre", "community", "kiosk")
CITY = ("online", "any_centre", "community")
CENTRES = ("online", "any_centre")
NAMED = ("online", "named_centre")
# The service centre that takes the matters not handled everywhere.
MAIN_CENTRE = "JA-CENTRE"


@dataclass
class Svc:
    """One service of the catalogue, as its first published version says it."""

    code: str
    dept: str
    name: dict
    description: dict
    keywords: dict
    who: dict
    audience: str
    basis: dict
    reference: str
    legal: int
    promised: int
    docs: tuple | list
    collab: tuple | list = ()
    events: tuple | list = ()
    prerequisites: tuple | list = ()
    fee: str = "0"
    waiver: dict = field(default_factory=dict)
    channels: tuple | list = CITY
    centre: str = ""
    visits: int = 1
    window: str = "general"
    output: str | None = None

    def __post_init__(self) -> None:
        if "named_centre" in self.channels and not self.centre:
            self.centre = MAIN_CENTRE


# Conditions shared by several services, over the answer names of the shared vocabulary.
COOKED = when(
    '"cooked" in foods',
    "If you prepare or serve cooked food",
    "经营热食、冷食等现场制售食品的",
    "Si vous préparez ou servez des plats cuisinés",
    "หากมีการประกอบหรือจำหน่ายอาหารปรุงสุก",
)
BULK = when(
    '"bulk" in foods',
    "If you sell food in bulk (unpackaged)",
    "经营散装食品的",
    "Si vous vendez des aliments en vrac",
    "หากจำหน่ายอาหารแบบชั่งตวง (ไม่บรรจุหีบห่อ)",
)
INFANT = when(
    '"infant_formula" in foods',
    "If you sell infant formula",
    "经营婴幼儿配方乳粉的",
    "Si vous vendez des préparations pour nourrissons",
    "หากจำหน่ายนมผงสำหรับทารก",
)
HEALTH_FOOD = when(
    '"health_food" in foods',
    "If you sell health food",
    "经营保健食品的",
    "Si vous vendez des compléments alimentaires",
    "หากจำหน่ายผลิตภัณฑ์เสริมอาหาร",
)
LARGE = when(
    'size == "large"',
    "If the business is large",
    "大型经营者",
    "Si l'établissement est de grande taille",
    "หากเป็นกิจการขนาดใหญ่",
)
NOT_SMALL = when(
    'size != "small"',
    "Unless the business is small",
    "小型经营者除外",
    "Sauf pour les petits établissements",
    "ยกเว้นกิจการขนาดเล็ก",
)
FOREIGN = when(
    "foreign_invested",
    "If the company is foreign-invested",
    "外商投资企业",
    "Si l'entreprise est à capitaux étrangers",
    "หากเป็นบริษัทที่มีการลงทุนจากต่างประเทศ",
)
WHOLESALE = when(
    '"wholesale" in sales',
    "If you sell wholesale",
    "从事批发业务的",
    "Si vous vendez en gros",
    "หากจำหน่ายแบบขายส่ง",
)
RETAIL = when(
    '"retail" in sales',
    "If you sell retail",
    "从事零售业务的",
    "Si vous vendez au détail",
    "หากจำหน่ายแบบขายปลีก",
)
OWN_MANUFACTURE = when(
    '"own_manufacture" in sales',
    "If you make what you sell on site",
    "现场自制自售的",
    "Si vous fabriquez sur place ce que vous vendez",
    "หากผลิตเองและจำหน่ายในสถานที่",
)
ALCOHOL = when(
    "serves_alcohol",
    "If you sell or serve alcohol",
    "销售或提供酒类的",
    "Si vous vendez ou servez de l'alcool",
    "หากจำหน่ายหรือให้บริการเครื่องดื่มแอลกอฮอล์",
)
KITCHEN = when(
    "has_kitchen",
    "If the premises have a kitchen",
    "设有厨房的",
    "Si les locaux comportent une cuisine",
    "หากสถานที่มีห้องครัว",
)
LIVE_MUSIC = when(
    "live_music",
    "If there is live music",
    "有现场乐队或驻唱演出的",
    "S'il y a de la musique live",
    "หากมีการแสดงดนตรีสด",
)
FOREIGN_PERFORMERS = when(
    "performers_foreign",
    "If performers come from abroad, Hong Kong, Macao or Taiwan",
    "有境外（含港澳台）演员参演的",
    "Si des artistes viennent de l'étranger, de Hong Kong, de Macao ou de Taïwan",
    "หากมีนักแสดงจากต่างประเทศ ฮ่องกง มาเก๊า หรือไต้หวัน",
)
BIG_CROWD = when(
    "venue_capacity >= 5000",
    "If 5,000 people or more may attend",
    "预计参加人数在5000人以上的",
    "Si 5 000 personnes ou plus peuvent être présentes",
    "หากคาดว่าจะมีผู้เข้าร่วม 5,000 คนขึ้นไป",
)
CROWD = when(
    "venue_capacity >= 500",
    "If the venue holds 500 people or more",
    "场所容纳人数在500人以上的",
    "Si le lieu accueille 500 personnes ou plus",
    "หากสถานที่รองรับได้ 500 คนขึ้นไป",
)
WIDE_AREA = when(
    "area_m2 >= 300",
    "If the floor area is 300 m² or more",
    "经营面积在300平方米以上的",
    "Si la surface est de 300 m² ou plus",
    "หากมีพื้นที่ 300 ตารางเมตรขึ้นไป",
)
GOVERNMENT_FUNDED = when(
    'project_funding == "government"',
    "If the project is funded by the government",
    "政府投资项目",
    "Si le projet est financé par l'État",
    "หากเป็นโครงการที่รัฐเป็นผู้ลงทุน",
)
PRIVATELY_FUNDED = when(
    'project_funding == "private"',
    "If the project is privately funded",
    "社会投资项目",
    "Si le projet est financé par des fonds privés",
    "หากเป็นโครงการที่เอกชนเป็นผู้ลงทุน",
)
BIG_PROJECT = when(
    "project_investment_mwan >= 5000",
    "If the total investment is 50 million CNY or more",
    "总投资5000万元及以上的",
    "Si l'investissement total atteint 50 millions de CNY ou plus",
    "หากเงินลงทุนรวมตั้งแต่ 50 ล้านหยวนขึ้นไป",
)
HIGH_RISE = when(
    "building_height_m >= 24",
    "If the building is 24 m high or more",
    "建筑高度24米及以上的",
    "Si le bâtiment mesure 24 m ou plus",
    "หากอาคารสูงตั้งแต่ 24 เมตรขึ้นไป",
)
SUPER_HIGH_RISE = when(
    "building_height_m > 100",
    "If the building is higher than 100 m",
    "建筑高度超过100米的",
    "Si le bâtiment dépasse 100 m",
    "หากอาคารสูงเกิน 100 เมตร",
)
IS_COMPANY = when(
    "applicant.is_company",
    "If a company applies",
    "单位申请的",
    "Si le demandeur est une entreprise",
    "หากผู้ยื่นคำขอเป็นนิติบุคคล",
)
IS_PERSON = when(
    "not applicant.is_company",
    "If a person applies",
    "个人申请的",
    "Si le demandeur est une personne",
    "หากผู้ยื่นคำขอเป็นบุคคลธรรมดา",
)
NOT_REGISTERED_HERE = when(
    "not parents_registered_here",
    "If the parents' household is not registered in the city",
    "父母户籍不在本市的",
    "Si les parents ne sont pas inscrits au registre des ménages de la ville",
    "หากทะเบียนบ้านของบิดามารดาไม่อยู่ในเมืองนี้",
)
MOVE_FROM_ELSEWHERE = when(
    "not move_within_city",
    "If you move in from another city",
    "从外省市迁入的",
    "Si vous arrivez d'une autre ville",
    "หากย้ายมาจากเมืองอื่น",
)
HAS_VEHICLE = when(
    "has_vehicle",
    "If you own a vehicle",
    "名下有机动车的",
    "Si vous possédez un véhicule",
    "หากมียานพาหนะเป็นของตนเอง",
)
SELF_EMPLOYED = when(
    'employer_type == "self_employed"',
    "If you were self-employed or a flexible worker",
    "以个人身份（灵活就业）参保的",
    "Si vous étiez indépendant ou travailleur flexible",
    "หากเป็นผู้ประกอบอาชีพอิสระ",
)
PUBLIC_EMPLOYER = when(
    'employer_type == "public"',
    "If you worked for a public body",
    "机关事业单位工作人员",
    "Si vous travailliez pour un organisme public",
    "หากทำงานในหน่วยงานภาครัฐ",
)
SHORT_CONTRIBUTION = when(
    "years_contributed < 15",
    "If you contributed for less than 15 years",
    "累计缴费不满15年的",
    "Si vous avez cotisé moins de 15 ans",
    "หากส่งเงินสมทบไม่ครบ 15 ปี",
)
LATE_BIRTH_REGISTRATION = when(
    "child_age_days > 30",
    "If the child is more than a month old",
    "出生超过一个月申报的",
    "Si l'enfant a plus d'un mois",
    "หากเด็กมีอายุเกินหนึ่งเดือน",
)
