"""A stand-in for the demo catalogue: the services the demo flows name, when it is not loaded.

The demo catalogue (``guichet.demo.catalogue.load_catalogue``) is the real source of these
services; tests, regression files and benchmarks use it when it exists. Until then, and in
tests that need only a few services, this module creates the same codes with plausible
content through the catalogue's own service functions. It never touches a code that exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from guichet.catalog import selectors
from guichet.catalog import services as catalog
from guichet.catalog.models import Channel, Service
from guichet.catalog.services import RequirementSpec

from ._parts import t

ONLINE_AND_CENTRE = [Channel.ONLINE, Channel.ANY_CENTRE]

DEPARTMENTS = {
    "MKT": t("Market Regulation Bureau", "市场监督管理局"),
    "MPA": t("Medical Products Administration", "药品监督管理局"),
    "HEALTH": t("Health Commission", "卫生健康委员会"),
    "CULTURE": t("Culture and Tourism Bureau", "文化和旅游局"),
    "FIRE": t("Fire and Rescue Detachment", "消防救援支队"),
    "URBAN": t("Urban Management Bureau", "城市管理局"),
    "COMMERCE": t("Commerce Commission", "商务委员会"),
    "ECO": t("Ecology and Environment Bureau", "生态环境局"),
    "WATER": t("Water Affairs Bureau", "水务局"),
    "DEVREFORM": t("Development and Reform Commission", "发展和改革委员会"),
    "PLANNING": t("Planning and Natural Resources Bureau", "规划和自然资源局"),
    "HOUSING": t("Housing and Urban-Rural Construction Commission", "住房和城乡建设委员会"),
    "POLICE": t("Public Security Bureau", "公安局"),
    "MEDINS": t("Medical Insurance Bureau", "医疗保障局"),
    "TRAFFIC": t("Traffic Police Detachment", "交通警察支队"),
    "HRSS": t("Human Resources and Social Security Bureau", "人力资源和社会保障局"),
}

EVIDENCE = {
    "id-card": t("Resident identity card", "居民身份证"),
    "household-register": t("Household register", "户口簿"),
    "business-licence": t("Business licence", "营业执照"),
    "company-articles": t("Articles of association", "公司章程"),
    "legal-rep-id": t("Legal representative's identity card", "法定代表人身份证"),
    "lease-contract": t("Lease contract", "租赁合同"),
    "property-certificate": t("Property certificate", "不动产权证书"),
    "floor-plan": t("Floor plan", "平面布局图"),
    "site-layout": t("Site layout plan", "总平面布置图"),
    "equipment-list": t("List of equipment", "设备设施清单"),
    "food-safety-rules": t("Food safety rules", "食品安全管理制度"),
    "food-safety-manager-cert": t("Food safety manager certificate", "食品安全管理员证明"),
    "staff-health-certs": t("Staff health certificates", "从业人员健康证明"),
    "pharmacist-cert": t("Licensed pharmacist certificate", "执业药师证书"),
    "quality-manager-cert": t("Quality manager qualification", "质量负责人资质证明"),
    "storage-conditions": t("Storage conditions description", "储存条件说明"),
    "hygiene-inspection-report": t("Hygiene inspection report", "卫生检测报告"),
    "fire-inspection-report": t("Fire inspection report", "消防检查报告"),
    "performance-contract": t("Performance contract", "演出合同"),
    "performer-ids": t("Performers' identity documents", "演员身份证明"),
    "program-list": t("Programme", "节目单"),
    "network-security-plan": t("Network security plan", "网络安全管理方案"),
    "birth-medical-certificate": t("Birth medical certificate", "出生医学证明"),
    "marriage-certificate": t("Marriage certificate", "结婚证"),
    "project-proposal": t("Project proposal", "项目建议书"),
    "land-use-certificate": t("Land use certificate", "土地使用证明"),
    "design-drawings": t("Design drawings", "设计图纸"),
    "construction-contract": t("Construction contract", "施工合同"),
    "completion-report": t("Completion report", "竣工报告"),
    "vehicle-licence": t("Vehicle licence", "机动车行驶证"),
    "insurance-policy": t("Insurance policy", "保险单"),
    "photo": t("Passport photo", "证件照片"),
    "social-security-card": t("Social security card", "社会保障卡"),
    "employment-record": t("Employment record", "就业登记记录"),
    "retirement-approval": t("Retirement approval", "退休审批表"),
    "bank-card": t("Bank card", "银行卡"),
    "power-of-attorney": t("Power of attorney", "授权委托书"),
}

# code: (department, audience, legal days, promised days, fee, visits)
SERVICES = {
    "COMPANY-REGISTRATION": ("MKT", "company", 5, 1, 0, 1),
    "COMPANY-CHANGE-REGISTRATION": ("MKT", "company", 5, 1, 0, 0),
    "FOOD-BUSINESS-LICENCE": ("MKT", "company", 20, 5, 0, 1),
    "SMALL-FOOD-WORKSHOP-REGISTRATION": ("MKT", "company", 10, 3, 0, 1),
    "DRUG-RETAIL-LICENCE": ("MPA", "company", 30, 15, 0, 2),
    "DRUG-WHOLESALE-LICENCE": ("MPA", "company", 30, 20, 0, 2),
    "MEDICAL-DEVICE-II-FILING": ("MPA", "company", 5, 1, 0, 0),
    "MEDICAL-DEVICE-III-LICENCE": ("MPA", "company", 20, 10, 0, 1),
    "PUBLIC-PLACE-HYGIENE-LICENCE": ("HEALTH", "company", 20, 7, 0, 1),
    "COMMERCIAL-PERFORMANCE-LICENCE": ("CULTURE", "company", 20, 10, 0, 1),
    "PERFORMANCE-VENUE-FILING": ("CULTURE", "company", 10, 3, 0, 0),
    "INTERNET-SERVICE-BUSINESS-LICENCE": ("CULTURE", "company", 20, 10, 0, 1),
    "ENTERTAINMENT-VENUE-LICENCE": ("CULTURE", "company", 20, 10, 0, 1),
    "FIRE-SAFETY-INSPECTION": ("FIRE", "company", 10, 7, 0, 1),
    "OUTDOOR-SIGNAGE-PERMIT": ("URBAN", "company", 10, 5, 0, 0),
    "ALCOHOL-RETAIL-FILING": ("COMMERCE", "company", 5, 1, 0, 0),
    "ENVIRONMENTAL-IMPACT-REGISTRATION": ("ECO", "company", 5, 1, 0, 0),
    "DRAINAGE-PERMIT": ("WATER", "company", 20, 7, 0, 1),
    "INVESTMENT-PROJECT-APPROVAL": ("DEVREFORM", "company", 20, 5, 0, 0),
    "LAND-USE-PLANNING-PERMIT": ("PLANNING", "company", 20, 10, 0, 1),
    "CONSTRUCTION-PLANNING-PERMIT": ("PLANNING", "company", 20, 10, 0, 1),
    "CONSTRUCTION-CONTRACT-REGISTRATION": ("HOUSING", "company", 5, 1, 0, 0),
    "CONSTRUCTION-WORKS-PERMIT": ("HOUSING", "company", 15, 5, 0, 1),
    "PROJECT-COMPLETION-ACCEPTANCE": ("HOUSING", "company", 15, 5, 0, 1),
    "BIRTH-MEDICAL-CERTIFICATE": ("HEALTH", "person", 5, 1, 0, 1),
    "HOUSEHOLD-BIRTH-REGISTRATION": ("POLICE", "person", 5, 1, 0, 1),
    "NEWBORN-MEDICAL-INSURANCE": ("MEDINS", "person", 5, 1, 0, 0),
    "FAMILY-PLANNING-ALLOWANCE": ("HEALTH", "person", 20, 10, 0, 0),
    "MATERNITY-BENEFIT-CLAIM": ("MEDINS", "person", 20, 10, 0, 0),
    "HOUSEHOLD-MOVE-REGISTRATION": ("POLICE", "person", 5, 1, 0, 1),
    "RESIDENCE-PERMIT": ("POLICE", "person", 15, 10, 0, 1),
    "VEHICLE-REGISTRATION-ADDRESS-CHANGE": ("TRAFFIC", "person", 5, 1, 10, 1),
    "VEHICLE-INSPECTION-MARK": ("TRAFFIC", "person", 5, 1, 0, 0),
    "SOCIAL-SECURITY-CARD-REPLACEMENT": ("HRSS", "person", 10, 5, 20, 1),
    "SOCIAL-SECURITY-TRANSFER": ("HRSS", "person", 45, 15, 0, 0),
    "RETIREMENT-PENSION-CLAIM": ("HRSS", "person", 20, 10, 0, 1),
    "RETIREE-MEDICAL-INSURANCE": ("MEDINS", "person", 15, 5, 0, 0),
}
NAMES = {
    "COMPANY-REGISTRATION": t("Company registration", "企业设立登记"),
    "COMPANY-CHANGE-REGISTRATION": t("Company change registration", "企业变更登记"),
    "FOOD-BUSINESS-LICENCE": t("Food business licence", "食品经营许可"),
    "SMALL-FOOD-WORKSHOP-REGISTRATION": t("Small food workshop registration", "食品小作坊登记"),
    "DRUG-RETAIL-LICENCE": t("Drug retail licence", "药品零售许可"),
    "DRUG-WHOLESALE-LICENCE": t("Drug wholesale licence", "药品批发许可"),
    "MEDICAL-DEVICE-II-FILING": t("Class II medical devices filing", "第二类医疗器械经营备案"),
    "MEDICAL-DEVICE-III-LICENCE": t("Class III medical devices licence", "第三类医疗器械经营许可"),
    "PUBLIC-PLACE-HYGIENE-LICENCE": t("Public place hygiene licence", "公共场所卫生许可"),
    "COMMERCIAL-PERFORMANCE-LICENCE": t("Commercial performance licence", "营业性演出许可"),
    "PERFORMANCE-VENUE-FILING": t("Performance venue filing", "演出场所备案"),
    "INTERNET-SERVICE-BUSINESS-LICENCE": t("Internet café licence", "网络文化经营许可"),
    "ENTERTAINMENT-VENUE-LICENCE": t("Entertainment venue licence", "娱乐场所经营许可"),
    "FIRE-SAFETY-INSPECTION": t("Fire safety inspection", "公众聚集场所消防安全检查"),
    "OUTDOOR-SIGNAGE-PERMIT": t("Outdoor signage permit", "户外招牌设置许可"),
    "ALCOHOL-RETAIL-FILING": t("Alcohol retail filing", "酒类零售备案"),
    "ENVIRONMENTAL-IMPACT-REGISTRATION": t(
        "Environmental impact registration", "环境影响登记表备案"
    ),
    "DRAINAGE-PERMIT": t("Sewage discharge permit", "城镇污水排入排水管网许可"),
    "INVESTMENT-PROJECT-APPROVAL": t("Investment project filing", "投资项目备案"),
    "LAND-USE-PLANNING-PERMIT": t("Land-use planning permit", "建设用地规划许可"),
    "CONSTRUCTION-PLANNING-PERMIT": t("Construction planning permit", "建设工程规划许可"),
    "CONSTRUCTION-CONTRACT-REGISTRATION": t("Construction contract registration", "施工合同备案"),
    "CONSTRUCTION-WORKS-PERMIT": t("Construction works permit", "建筑工程施工许可"),
    "PROJECT-COMPLETION-ACCEPTANCE": t("Completion acceptance filing", "竣工验收备案"),
    "BIRTH-MEDICAL-CERTIFICATE": t("Birth medical certificate", "出生医学证明"),
    "HOUSEHOLD-BIRTH-REGISTRATION": t("Newborn household registration", "新生儿入户登记"),
    "NEWBORN-MEDICAL-INSURANCE": t("Newborn medical insurance", "新生儿医保参保"),
    "FAMILY-PLANNING-ALLOWANCE": t("Family planning allowance", "计划生育奖励"),
    "MATERNITY-BENEFIT-CLAIM": t("Maternity benefit claim", "生育津贴申领"),
    "HOUSEHOLD-MOVE-REGISTRATION": t("Household move registration", "户口迁移登记"),
    "RESIDENCE-PERMIT": t("Residence permit", "居住证"),
    "VEHICLE-REGISTRATION-ADDRESS-CHANGE": t("Vehicle address change", "机动车登记地址变更"),
    "VEHICLE-INSPECTION-MARK": t("Vehicle inspection mark", "机动车检验标志"),
    "SOCIAL-SECURITY-CARD-REPLACEMENT": t("Social security card replacement", "社会保障卡补换"),
    "SOCIAL-SECURITY-TRANSFER": t("Social insurance transfer", "社会保险关系转移"),
    "RETIREMENT-PENSION-CLAIM": t("Pension claim", "基本养老金申领"),
    "RETIREE-MEDICAL-INSURANCE": t("Retiree medical insurance", "退休人员医保待遇"),
}
PREREQUISITES = {
    "FOOD-BUSINESS-LICENCE": ["COMPANY-REGISTRATION"],
    "SMALL-FOOD-WORKSHOP-REGISTRATION": ["COMPANY-REGISTRATION"],
    "DRUG-RETAIL-LICENCE": ["COMPANY-REGISTRATION"],
    "DRUG-WHOLESALE-LICENCE": ["COMPANY-REGISTRATION"],
    "MEDICAL-DEVICE-II-FILING": ["COMPANY-REGISTRATION"],
    "MEDICAL-DEVICE-III-LICENCE": ["COMPANY-REGISTRATION"],
    "PUBLIC-PLACE-HYGIENE-LICENCE": ["COMPANY-REGISTRATION"],
    "PERFORMANCE-VENUE-FILING": ["COMPANY-REGISTRATION"],
    "INTERNET-SERVICE-BUSINESS-LICENCE": ["COMPANY-REGISTRATION"],
    "ENTERTAINMENT-VENUE-LICENCE": ["COMPANY-REGISTRATION"],
    "OUTDOOR-SIGNAGE-PERMIT": ["COMPANY-REGISTRATION"],
    "ALCOHOL-RETAIL-FILING": ["COMPANY-REGISTRATION"],
    "LAND-USE-PLANNING-PERMIT": ["INVESTMENT-PROJECT-APPROVAL"],
    "CONSTRUCTION-PLANNING-PERMIT": ["LAND-USE-PLANNING-PERMIT"],
    "CONSTRUCTION-WORKS-PERMIT": [
        "CONSTRUCTION-PLANNING-PERMIT",
        "CONSTRUCTION-CONTRACT-REGISTRATION",
    ],
    "PROJECT-COMPLETION-ACCEPTANCE": ["CONSTRUCTION-WORKS-PERMIT"],
    "HOUSEHOLD-BIRTH-REGISTRATION": ["BIRTH-MEDICAL-CERTIFICATE"],
    "NEWBORN-MEDICAL-INSURANCE": ["HOUSEHOLD-BIRTH-REGISTRATION"],
    "RETIREE-MEDICAL-INSURANCE": ["RETIREMENT-PENSION-CLAIM"],
}
# What each service asks for; CONDITIONS says when, for the documents not always asked.
DOCUMENTS = {
    "COMPANY-REGISTRATION": "legal-rep-id company-articles lease-contract power-of-attorney",
    "COMPANY-CHANGE-REGISTRATION": "business-licence legal-rep-id lease-contract",
    "FOOD-BUSINESS-LICENCE": (
        "business-licence legal-rep-id floor-plan equipment-list "
        "food-safety-rules staff-health-certs storage-conditions"
    ),
    "SMALL-FOOD-WORKSHOP-REGISTRATION": "id-card lease-contract floor-plan",
    "DRUG-RETAIL-LICENCE": (
        "business-licence legal-rep-id floor-plan quality-manager-cert storage-conditions"
    ),
    "DRUG-WHOLESALE-LICENCE": (
        "business-licence legal-rep-id pharmacist-cert quality-manager-cert "
        "storage-conditions site-layout"
    ),
    "MEDICAL-DEVICE-II-FILING": "business-licence legal-rep-id storage-conditions",
    "MEDICAL-DEVICE-III-LICENCE": "business-licence legal-rep-id floor-plan storage-conditions",
    "PUBLIC-PLACE-HYGIENE-LICENCE": (
        "business-licence legal-rep-id hygiene-inspection-report staff-health-certs"
    ),
    "COMMERCIAL-PERFORMANCE-LICENCE": "performance-contract program-list lease-contract",
    "PERFORMANCE-VENUE-FILING": "business-licence site-layout",
    "INTERNET-SERVICE-BUSINESS-LICENCE": (
        "business-licence legal-rep-id floor-plan network-security-plan"
    ),
    "ENTERTAINMENT-VENUE-LICENCE": "business-licence legal-rep-id floor-plan lease-contract",
    "FIRE-SAFETY-INSPECTION": "business-licence floor-plan fire-inspection-report",
    "OUTDOOR-SIGNAGE-PERMIT": "business-licence design-drawings",
    "ALCOHOL-RETAIL-FILING": "business-licence",
    "ENVIRONMENTAL-IMPACT-REGISTRATION": "site-layout",
    "DRAINAGE-PERMIT": "site-layout equipment-list",
    "INVESTMENT-PROJECT-APPROVAL": "business-licence",
    "LAND-USE-PLANNING-PERMIT": "land-use-certificate site-layout",
    "CONSTRUCTION-PLANNING-PERMIT": "design-drawings",
    "CONSTRUCTION-CONTRACT-REGISTRATION": "construction-contract",
    "CONSTRUCTION-WORKS-PERMIT": "construction-contract design-drawings",
    "PROJECT-COMPLETION-ACCEPTANCE": "completion-report",
    "BIRTH-MEDICAL-CERTIFICATE": "id-card",
    "HOUSEHOLD-BIRTH-REGISTRATION": "birth-medical-certificate household-register id-card",
    "NEWBORN-MEDICAL-INSURANCE": "household-register",
    "FAMILY-PLANNING-ALLOWANCE": "id-card bank-card",
    "MATERNITY-BENEFIT-CLAIM": "birth-medical-certificate bank-card",
    "HOUSEHOLD-MOVE-REGISTRATION": "id-card household-register",
    "RESIDENCE-PERMIT": "id-card lease-contract photo",
    "VEHICLE-REGISTRATION-ADDRESS-CHANGE": "id-card vehicle-licence",
    "VEHICLE-INSPECTION-MARK": "vehicle-licence insurance-policy",
    "SOCIAL-SECURITY-CARD-REPLACEMENT": "id-card photo",
    "SOCIAL-SECURITY-TRANSFER": "id-card social-security-card",
    "RETIREMENT-PENSION-CLAIM": "id-card social-security-card bank-card",
    "RETIREE-MEDICAL-INSURANCE": "id-card",
}
CONDITIONS = {
    ("FOOD-BUSINESS-LICENCE", "staff-health-certs"): '"cooked" in foods or "bulk" in foods',
    ("FOOD-BUSINESS-LICENCE", "storage-conditions"): '"infant_formula" in foods',
    ("FIRE-SAFETY-INSPECTION", "business-licence"): "applicant.is_company",
}


def ensure_catalogue(codes: Iterable[str] | None = None) -> int:
    """Create the missing services among `codes` (default: all) as published; count created."""
    wanted = list(SERVICES if codes is None else codes)
    closure: list[str] = []
    while wanted:  # prerequisites first
        code = wanted.pop(0)
        if code in closure:
            continue
        missing = [p for p in PREREQUISITES.get(code, []) if p not in closure]
        if missing:
            wanted = [*missing, code, *wanted]
            continue
        closure.append(code)
    existing = set(Service.objects.filter(code__in=closure).values_list("code", flat=True))
    todo = [c for c in closure if c not in existing]
    if not todo:
        return 0
    departments = {
        code: catalog.save_department(code, name=name)
        for code, name in DEPARTMENTS.items()
        if code in {SERVICES[c][0] for c in todo}
    }
    known = {e.code: e for e in selectors.evidence_types()}
    for code, name in EVIDENCE.items():
        if code not in known:
            known[code] = catalog.save_evidence_type(code, name=name, shareable=True)
    for code in todo:
        department, audience, legal, promised, fee, visits = SERVICES[code]
        draft = catalog.create_service(
            code,
            name=NAMES[code],
            description=NAMES[code],
            audience=audience,
            competent_department=departments[department],
            legal_time_limit_days=legal,
            promised_time_limit_days=promised,
            fee_amount=fee,
            channels=[Channel.ONLINE] if code == "FIRE-SAFETY-INSPECTION" else ONLINE_AND_CENTRE,
            visits=visits,
            prerequisites=Service.objects.filter(code__in=PREREQUISITES.get(code, [])),
            requirements=[
                RequirementSpec(known[e], condition=CONDITIONS.get((code, e), ""))
                for e in DOCUMENTS[code].split()
            ],
        )
        catalog.publish(draft)
    return len(todo)


def load_demo_catalogue() -> str:
    """The demo catalogue if its loader exists, else this stand-in; says which it used."""
    try:
        module = importlib.import_module("guichet.demo.catalogue")
    except ImportError:
        module = None
    loader = getattr(module, "load_catalogue", None)
    if loader is not None:
        loader()
        return "demo catalogue"
    ensure_catalogue()
    return "stand-in catalogue"
