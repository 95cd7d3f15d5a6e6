"""The demo city's hotline categories, routing rules and deadlines (plain data, no database).

Each category names the catalogue department that handles it by default; community categories
go to the community worker of the request's grid cell, business-desk ones to a desk manager.
`weight` is the category's share of the history, `kinds` how its requests are usually meant
(consultation, complaint, help, suggestion, report, praise), `neighbours` the categories
people mix it up with (their texts borrow a little of each other's vocabulary).
"""

from __future__ import annotations

from dataclasses import dataclass, field


def T(en: str, zh: str, fr: str, th: str) -> dict[str, str]:
    """A name in the platform's four languages (the catalogue's own keys)."""
    return {"en": en, "zh-hans": zh, "fr": fr, "th": th}


@dataclass(frozen=True)
class CategorySpec:
    code: str
    name: dict
    department: str
    group: str
    weight: float
    kinds: dict[str, float]
    by_community: bool = False
    desk: str = ""
    attributes: list = field(default_factory=list)
    service_code: str = ""
    keywords: str = ""
    neighbours: tuple[str, ...] = ()
    urgent_share: float = 0.0


REPORT = {"report": 6, "complaint": 3, "suggestion": 0.5, "praise": 0.3}
COMPLAINT = {"complaint": 6, "report": 2, "help": 1, "suggestion": 0.4, "praise": 0.3}
ASK = {"consultation": 6, "help": 2, "complaint": 1.5, "praise": 0.3}
HELP = {"help": 6, "consultation": 1.5, "complaint": 1, "praise": 0.5}

POTHOLE_SIZE = {
    "variable": True,
    "code": "pothole_size",
    "datatype": "singlevaluelist",
    "required": False,
    "description": "How big is the hole?",
    "order": 1,
    "values": [
        {"key": "small", "name": "Smaller than a hand"},
        {"key": "medium", "name": "About a wheel wide"},
        {"key": "large", "name": "Wider than a car wheel"},
    ],
}
POLE_NUMBER = {
    "variable": True,
    "code": "pole_number",
    "datatype": "string",
    "required": False,
    "description": "The number painted on the pole (e.g. JA0423)",
    "order": 1,
}
WATER_SCOPE = {
    "variable": True,
    "code": "scope",
    "datatype": "singlevaluelist",
    "required": False,
    "description": "Who is affected?",
    "order": 1,
    "values": [
        {"key": "flat", "name": "My flat only"},
        {"key": "building", "name": "The whole building"},
        {"key": "area", "name": "Several buildings or the street"},
    ],
}

CATEGORIES = (
    CategorySpec(
        "road-damage",
        T("Road and pavement damage", "道路破损", "Chaussée dégradée", "ถนนและทางเท้าชำรุด"),
        "URBAN",
        "city",
        7,
        REPORT,
        attributes=[POTHOLE_SIZE],
        keywords="pothole,坑,路面,井盖",
        neighbours=("drainage", "construction-site"),
    ),
    CategorySpec(
        "streetlight",
        T("Street light out", "路灯故障", "Éclairage public en panne", "ไฟถนนดับ"),
        "URBAN",
        "city",
        4,
        REPORT,
        attributes=[POLE_NUMBER],
        keywords="路灯,streetlight,lamp",
        neighbours=("road-damage",),
    ),
    CategorySpec(
        "illegal-parking",
        T("Illegal parking", "违章停车", "Stationnement illégal", "จอดรถผิดกฎหมาย"),
        "TRAFFIC",
        "city",
        6,
        COMPLAINT,
        keywords="停车,parking,占道",
        neighbours=("property-management", "public-transport"),
    ),
    CategorySpec(
        "public-transport",
        T("Buses and metro", "公交地铁", "Bus et métro", "รถเมล์และรถไฟฟ้า"),
        "TRANSPORT",
        "city",
        4,
        {"complaint": 4, "suggestion": 3, "consultation": 2, "praise": 1},
        keywords="公交,地铁,bus,metro",
        neighbours=("illegal-parking",),
    ),
    CategorySpec(
        "noise",
        T("Noise nuisance", "噪声扰民", "Nuisances sonores", "เสียงดังรบกวน"),
        "ECO",
        "environment",
        7,
        COMPLAINT,
        keywords="噪音,噪声,noise,bruit",
        neighbours=("construction-site", "neighbourhood-dispute"),
    ),
    CategorySpec(
        "air-pollution",
        T("Smoke, fumes and odours", "油烟异味", "Fumées et odeurs", "ควันและกลิ่นเหม็น"),
        "ECO",
        "environment",
        4,
        COMPLAINT,
        keywords="油烟,异味,smell,odeur",
        neighbours=("food-safety", "compound-sanitation"),
    ),
    CategorySpec(
        "construction-site",
        T("Construction sites", "建筑工地", "Chantiers", "สถานที่ก่อสร้าง"),
        "HOUSING",
        "environment",
        5,
        COMPLAINT,
        keywords="工地,施工,渣土,chantier",
        neighbours=("noise", "road-damage"),
    ),
    CategorySpec(
        "water-supply",
        T("Water supply", "供水问题", "Alimentation en eau", "น้ำประปา"),
        "WATER",
        "utilities",
        5,
        {"report": 4, "complaint": 3, "consultation": 1.5, "praise": 0.3},
        attributes=[WATER_SCOPE],
        keywords="停水,水压,水质,water",
        neighbours=("drainage", "property-management"),
    ),
    CategorySpec(
        "drainage",
        T(
            "Flooding and blocked drains",
            "积水与排水",
            "Inondations et égouts",
            "น้ำท่วมขังและท่อระบายน้ำ",
        ),
        "WATER",
        "utilities",
        4,
        REPORT,
        keywords="积水,下水道,drain,égout",
        neighbours=("road-damage", "water-supply"),
        urgent_share=0.08,
    ),
    CategorySpec(
        "gas",
        T("Gas supply and leaks", "燃气", "Gaz", "แก๊ส"),
        "HOUSING",
        "utilities",
        2,
        {"report": 5, "consultation": 2, "complaint": 2},
        keywords="燃气,煤气,gas,gaz",
        neighbours=("fire-hazard", "property-management"),
        urgent_share=0.45,
    ),
    CategorySpec(
        "property-management",
        T(
            "Property management and lifts",
            "物业管理",
            "Gestion de copropriété",
            "นิติบุคคลอาคารและลิฟต์",
        ),
        "HOUSING",
        "housing",
        6,
        COMPLAINT,
        keywords="物业,电梯,lift,syndic",
        neighbours=("compound-sanitation", "water-supply"),
    ),
    CategorySpec(
        "fire-hazard",
        T("Fire hazards", "消防隐患", "Risques d'incendie", "อันตรายจากอัคคีภัย"),
        "FIRE",
        "housing",
        4,
        REPORT,
        keywords="消防,充电,fire,incendie",
        neighbours=("property-management", "gas"),
        urgent_share=0.15,
    ),
    CategorySpec(
        "neighbourhood-dispute",
        T("Neighbourhood disputes", "邻里纠纷", "Conflits de voisinage", "ข้อพิพาทระหว่างเพื่อนบ้าน"),
        "JA-CIVIL",
        "community",
        4,
        {"help": 4, "complaint": 4, "consultation": 1},
        by_community=True,
        keywords="邻居,楼上,neighbour,voisin",
        neighbours=("noise", "water-supply", "pets-animals"),
    ),
    CategorySpec(
        "elderly-help",
        T("Help for older residents", "为老服务", "Aide aux personnes âgées", "ช่วยเหลือผู้สูงอายุ"),
        "CIVIL",
        "community",
        4,
        HELP,
        by_community=True,
        keywords="老人,助餐,elderly,âgée",
        neighbours=("social-insurance", "health-services"),
    ),
    CategorySpec(
        "compound-sanitation",
        T(
            "Rubbish and cleanliness in residential compounds",
            "小区环境卫生",
            "Propreté des résidences",
            "ขยะและความสะอาดในหมู่บ้าน",
        ),
        "URBAN",
        "community",
        5,
        COMPLAINT,
        by_community=True,
        keywords="垃圾,分类,rubbish,poubelle",
        neighbours=("property-management", "air-pollution"),
    ),
    CategorySpec(
        "pets-animals",
        T("Dogs and stray animals", "犬只与流浪动物", "Chiens et animaux errants", "สุนัขและสัตว์จรจัด"),
        "POLICE",
        "community",
        3,
        COMPLAINT,
        keywords="狗,犬,dog,chien",
        neighbours=("neighbourhood-dispute", "noise"),
    ),
    CategorySpec(
        "food-safety",
        T("Food safety", "食品安全", "Sécurité alimentaire", "ความปลอดภัยด้านอาหาร"),
        "MKT",
        "market",
        5,
        COMPLAINT,
        keywords="食品,过期,food,alimentaire",
        neighbours=("consumer-dispute", "air-pollution"),
    ),
    CategorySpec(
        "consumer-dispute",
        T("Consumer rights", "消费维权", "Litiges de consommation", "สิทธิผู้บริโภค"),
        "MKT",
        "market",
        6,
        {"complaint": 7, "consultation": 1.5, "help": 1},
        keywords="退款,预付卡,refund,remboursement",
        neighbours=("food-safety", "tourism-culture"),
    ),
    CategorySpec(
        "medicines",
        T("Medicines and pharmacies", "药品安全", "Médicaments et pharmacies", "ยาและร้านขายยา"),
        "MPA",
        "market",
        2,
        COMPLAINT,
        keywords="药,药店,pharmacy,pharmacie",
        neighbours=("health-services", "consumer-dispute"),
    ),
    CategorySpec(
        "tourism-culture",
        T("Tourism and culture", "文化旅游", "Tourisme et culture", "การท่องเที่ยวและวัฒนธรรม"),
        "CULTURE",
        "market",
        2,
        {"complaint": 5, "consultation": 2, "suggestion": 1, "praise": 0.5},
        keywords="旅行社,景区,tour,spectacle",
        neighbours=("consumer-dispute",),
    ),
    CategorySpec(
        "wage-arrears",
        T("Unpaid wages", "欠薪讨薪", "Salaires impayés", "ค่าจ้างค้างจ่าย"),
        "HRSS",
        "work",
        4,
        {"help": 5, "complaint": 4, "consultation": 1},
        keywords="欠薪,工资,wages,salaire",
        neighbours=("social-insurance", "business-legal"),
    ),
    CategorySpec(
        "social-insurance",
        T(
            "Pensions and social insurance",
            "社保养老",
            "Retraites et sécurité sociale",
            "ประกันสังคมและบำนาญ",
        ),
        "HRSS",
        "work",
        4,
        ASK,
        keywords="社保,养老金,pension,retraite",
        service_code="RETIREMENT-PENSION-CLAIM",
        neighbours=("medical-insurance", "wage-arrears", "elderly-help"),
    ),
    CategorySpec(
        "medical-insurance",
        T("Medical insurance", "医保报销", "Assurance maladie", "ประกันสุขภาพ"),
        "MEDINS",
        "health",
        3,
        ASK,
        keywords="医保,报销,insurance,mutuelle",
        neighbours=("social-insurance", "health-services", "medicines"),
    ),
    CategorySpec(
        "health-services",
        T("Hospitals and clinics", "医疗服务", "Hôpitaux et cliniques", "โรงพยาบาลและคลินิก"),
        "HEALTH",
        "health",
        3,
        {"complaint": 5, "consultation": 2, "suggestion": 1, "praise": 1},
        keywords="医院,挂号,hospital,hôpital",
        neighbours=("medical-insurance", "medicines", "elderly-help"),
    ),
    CategorySpec(
        "education",
        T("Schools and enrolment", "教育入学", "École et inscriptions", "การศึกษาและการรับสมัครเรียน"),
        "EDU",
        "family",
        3,
        {"consultation": 4, "complaint": 3, "suggestion": 1},
        keywords="入学,学校,school,école",
        service_code="PRIMARY-SCHOOL-ENROLMENT",
        neighbours=("social-insurance",),
    ),
    CategorySpec(
        "housing-fund",
        T(
            "Housing provident fund",
            "住房公积金",
            "Fonds de prévoyance logement",
            "กองทุนสำรองเพื่อที่อยู่อาศัย",
        ),
        "HOUSEFUND",
        "housing",
        2,
        ASK,
        keywords="公积金,provident,prévoyance",
        service_code="HOUSING-FUND-WITHDRAWAL-RENT",
        neighbours=("social-insurance", "business-financing"),
    ),
    CategorySpec(
        "business-policy",
        T(
            "Business policy advice",
            "惠企政策咨询",
            "Conseil sur les aides aux entreprises",
            "คำปรึกษานโยบายสำหรับธุรกิจ",
        ),
        "DEVREFORM",
        "business",
        2,
        {"consultation": 6, "help": 2, "suggestion": 1},
        desk="policy",
        keywords="补贴,政策,subsidy,subvention",
        neighbours=("business-financing", "social-insurance"),
    ),
    CategorySpec(
        "business-financing",
        T(
            "Financing matchmaking",
            "融资对接",
            "Mise en relation pour le financement",
            "การจับคู่แหล่งเงินทุน",
        ),
        "COMMERCE",
        "business",
        2,
        {"help": 5, "consultation": 4},
        desk="financing",
        keywords="贷款,融资,loan,prêt",
        neighbours=("business-policy", "housing-fund"),
    ),
    CategorySpec(
        "business-legal",
        T(
            "Legal help for businesses",
            "企业法律服务",
            "Aide juridique aux entreprises",
            "บริการด้านกฎหมายสำหรับธุรกิจ",
        ),
        "JUSTICE",
        "business",
        1.5,
        {"help": 5, "consultation": 4},
        desk="legal",
        keywords="合同,律师,contract,contrat",
        neighbours=("business-policy", "wage-arrears", "consumer-dispute"),
    ),
)

BY_CODE = {spec.code: spec for spec in CATEGORIES}

# Departments with a Jing'an district counterpart: requests from Jing'an go to the district.
JINGAN_COUNTERPART = {
    "MKT": "JA-MKT",
    "CULTURE": "JA-CULTURE",
    "CIVIL": "JA-CIVIL",
    "HRSS": "JA-HRSS",
}


def department_for(spec: CategorySpec, district_code: str) -> str:
    """The department that handled a request of this category from this district."""
    if district_code == "JA":
        return JINGAN_COUNTERPART.get(spec.department, spec.department)
    return spec.department


# (name, order, category code or "", keywords, district, target, department, desk, urgency)
ROUTING_RULES = (
    (
        "Gas smell or leak: urgent, to the gas company's supervisor",
        10,
        "",
        "燃气泄漏,煤气味,闻到煤气,燃气味,gas leak,smell of gas,fuite de gaz,odeur de gaz,แก๊สรั่ว",
        "",
        "department",
        "HOUSING",
        "",
        "urgent",
    ),
    (
        "E-bikes charged in corridors: fire brigade",
        20,
        "",
        "飞线充电,楼道充电,电瓶车充电,charging in the corridor,recharge dans le couloir",
        "",
        "department",
        "FIRE",
        "",
        "",
    ),
    (
        "Water pouring into homes: urgent",
        30,
        "drainage",
        "倒灌,进水了,淹到,flooded,inondé",
        "",
        "department",
        "WATER",
        "",
        "urgent",
    ),
    (
        "Unpaid wages of migrant workers",
        40,
        "",
        "农民工工资,讨薪,拖欠工资,unpaid wages,salaire impayé",
        "",
        "department",
        "HRSS",
        "",
        "",
    ),
    (
        "Loans for small firms: financing desk",
        50,
        "",
        "贷款,融资,授信,bank loan,prêt bancaire",
        "",
        "desk",
        "",
        "financing",
        "",
    ),
    (
        "Jing'an consumer disputes: district market bureau",
        60,
        "consumer-dispute",
        "",
        "Jing'an",
        "department",
        "JA-MKT",
        "",
        "",
    ),
)

# (kind, urgency, hours, working days): urgent requests 2 hours whatever their kind.
DEADLINES = (
    ("", "urgent", 2, None),
    ("complaint", "", None, 5),
    ("consultation", "", None, 1),
    ("help", "", None, 3),
    ("report", "", None, 3),
    ("suggestion", "", None, 10),
    ("praise", "", None, 5),
)

# Business-desk managers: (desk, expertise tags), one manager per row.
DESK_MANAGERS = (
    ("policy", ["catering", "retail"]),
    ("policy", ["manufacturing", "export"]),
    ("policy", ["technology", "start-ups"]),
    ("policy", ["culture", "tourism"]),
    ("policy", ["logistics"]),
    ("policy", ["construction", "real-estate"]),
    ("policy", ["healthcare"]),
    ("financing", ["technology", "start-ups"]),
    ("financing", ["manufacturing"]),
    ("financing", ["catering", "retail"]),
    ("financing", ["export", "logistics"]),
    ("financing", ["agriculture"]),
    ("financing", ["culture", "education"]),
    ("legal", ["employment"]),
    ("legal", ["contracts", "retail"]),
    ("legal", ["intellectual-property", "technology"]),
    ("legal", ["construction"]),
    ("legal", ["export", "customs"]),
    ("legal", ["leases", "catering"]),
    ("legal", ["debt-collection"]),
)
