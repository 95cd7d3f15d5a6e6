# ruff: noqa: E501
"""Hand-written services around a building site: roads, construction waste, first registration."""

from __future__ import annotations

from .construction import BUILDER, EVENTS
from .licences import COMPANY_BASICS
from .spec import (
    BIG_PROJECT,
    CITY,
    LARGE,
    NAMED,
    K,
    Svc,
    T,
    copy,
    doc,
)

SERVICES = [
    Svc(
        code="ROAD-EXCAVATION-PERMIT",
        dept="URBAN",
        name=T(
            "Permit to occupy or excavate a city road",
            "城市道路占用、挖掘审批",
            "Autorisation d'occuper ou de creuser la voirie",
            "การอนุญาตใช้หรือขุดถนนในเมือง",
        ),
        description=T(
            "Temporary occupation of a road or pavement for works, or digging a road to lay pipes, needs a permit and a restoration plan.",
            "因施工需要临时占用城市道路、人行道或挖掘道路敷设管线的，应当经批准并落实修复方案。",
        ),
        keywords=K(
            "road works|dig the road|occupy the pavement",
            "占道审批|挖掘道路|道路开挖|临时占道",
            "travaux de voirie",
            "ขุดถนน",
        ),
        who=T(
            "Builders and utilities working on or under a city road.",
            "需要占用或挖掘城市道路的建设单位、管线单位。",
        ),
        audience="company",
        basis=T(
            "No one may occupy or dig a city road without approval; where traffic is affected, the traffic police agree first.",
            "未经市政工程行政主管部门和公安交通管理部门批准，任何单位或者个人不得占用或者挖掘城市道路。",
        ),
        reference="《城市道路管理条例》第二十九条、第三十一条 / Regulations on Urban Road Administration, arts. 29, 31",
        legal=20,
        promised=5,
        docs=[
            *COMPANY_BASICS,
            doc("site-plan"),
            doc(
                "security-plan",
                note=T("Traffic diversion and safety plan.", "交通组织及安全保障方案。"),
            ),
            copy("construction-works-permit", LARGE),
        ],
        collab=["TRAFFIC"],
        events=EVENTS,
        channels=CITY,
        visits=0,
        window="construction",
        output="road-works-permit",
    ),
    Svc(
        code="CONSTRUCTION-WASTE-PERMIT",
        dept="URBAN",
        name=T(
            "Construction waste disposal permit",
            "城市建筑垃圾处置核准",
            "Autorisation d'élimination des déchets de chantier",
            "การอนุญาตกำจัดขยะจากการก่อสร้าง",
        ),
        description=T(
            "Sites producing construction waste declare its quantity, transport company and disposal site before works start.",
            "产生建筑垃圾的工地，开工前应当申报建筑垃圾数量、运输单位和消纳场所，取得处置核准。",
        ),
        keywords=K(
            "construction waste|debris disposal|muck truck",
            "建筑垃圾处置|渣土核准|渣土运输",
            "déchets de chantier",
            "ขยะก่อสร้าง",
        ),
        who=BUILDER,
        audience="company",
        basis=T(
            "Units disposing of construction waste apply for approval to the city appearance authority.",
            "处置建筑垃圾的单位，应当向城市人民政府市容环境卫生主管部门提出申请，获得城市建筑垃圾处置核准后，方可处置。",
        ),
        reference="《城市建筑垃圾管理规定》第七条 / Provisions on the Administration of Urban Construction Waste, art. 7",
        legal=20,
        promised=3,
        docs=[
            *COMPANY_BASICS,
            copy("construction-works-permit"),
            doc(
                "construction-contract",
                note=T("With the waste transport company.", "与建筑垃圾运输单位签订的合同。"),
            ),
            doc("site-plan"),
            doc("emergency-plan", BIG_PROJECT),
        ],
        events=EVENTS,
        prerequisites=["CONSTRUCTION-WORKS-PERMIT"],
        channels=CITY,
        visits=0,
        window="construction",
        output="waste-disposal-permit",
    ),
    Svc(
        code="REAL-ESTATE-FIRST-REGISTRATION",
        dept="PLANNING",
        name=T(
            "First registration of a new building",
            "房屋所有权首次登记",
            "Première inscription d'un bâtiment neuf",
            "การจดทะเบียนกรรมสิทธิ์อาคารใหม่ครั้งแรก",
        ),
        description=T(
            "After completion, the builder registers ownership of the new building in the real estate register, so that units can be sold or transferred.",
            "建设工程竣工后，建设单位申请房屋所有权首次登记，此后方可办理分户转移登记。",
        ),
        keywords=K(
            "property registration|title deed|ownership registration",
            "首次登记|不动产登记|大产证|房屋初始登记",
            "registre foncier",
            "จดทะเบียนกรรมสิทธิ์",
        ),
        who=BUILDER,
        audience="company",
        basis=T(
            "Real estate registration is completed within 30 working days of accepting the application.",
            "不动产登记机构应当自受理登记申请之日起30个工作日内办结不动产登记手续。",
        ),
        reference="《不动产登记暂行条例》第二十条 / Interim Regulations on Real Estate Registration, art. 20",
        legal=30,
        promised=5,
        fee="550",
        waiver=T(
            "Free for small and micro enterprises; 80 CNY for housing.",
            "小微企业免收；住宅类每件80元。",
            "Gratuit pour les petites et micro-entreprises ; 80 CNY pour les logements.",
            "ไม่เสียค่าธรรมเนียมสำหรับวิสาหกิจขนาดเล็ก ที่อยู่อาศัย 80 หยวน",
        ),
        docs=[
            *COMPANY_BASICS,
            copy("land-use-certificate"),
            copy("construction-planning-permit"),
            copy("completion-filing-record"),
            doc("as-built-survey"),
        ],
        collab=["HOUSING", "TAX"],
        events=EVENTS,
        prerequisites=["PROJECT-COMPLETION-ACCEPTANCE"],
        channels=NAMED,
        visits=1,
        window="construction",
        output="property-certificate",
    ),
]
