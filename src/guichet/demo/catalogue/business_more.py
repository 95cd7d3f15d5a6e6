# ruff: noqa: E501
"""(continued) Hand-written services for companies: tax, staff, seals, closing down, and sector licences."""

from __future__ import annotations

from .licences import COMPANY_BASICS, COMPANY_WHO
from .spec import (
    CITY,
    EVERYWHERE,
    LARGE,
    K,
    Svc,
    T,
    copy,
    doc,
    online,
)

SERVICES = [
    Svc(
        code="LABOUR-DISPATCH-LICENCE",
        dept="HRSS",
        name=T(
            "Labour dispatch business licence",
            "劳务派遣经营许可",
            "Licence d'agence de travail temporaire",
            "ใบอนุญาตประกอบธุรกิจจัดส่งแรงงาน",
        ),
        description=T(
            "Companies that employ workers to place them with other employers need a licence; registered capital of at least 2 million CNY.",
            "经营劳务派遣业务的，注册资本不少于人民币二百万元，并应当取得劳务派遣经营许可。",
        ),
        keywords=K(
            "labour dispatch|temp agency|staffing",
            "劳务派遣|派遣许可|人力外包",
            "intérim",
            "จัดหางาน",
        ),
        who=COMPANY_WHO,
        audience="company",
        basis=T(
            "Labour dispatch requires a licence from the labour administration; it decides within 20 working days.",
            "经营劳务派遣业务，应当向劳动行政部门依法申请行政许可；许可机关应当自受理之日起20个工作日内作出决定。",
        ),
        reference="《中华人民共和国劳动合同法》第五十七条；《劳务派遣行政许可实施办法》 / Labour Contract Law of the PRC, art. 57",
        legal=20,
        promised=10,
        docs=[
            *COMPANY_BASICS,
            online("company-articles"),
            copy("lease-contract"),
            doc(
                "quality-rules",
                note=T(
                    "Dispatch agreement template and management rules.",
                    "劳务派遣协议样本及管理制度。",
                ),
            ),
            doc("labour-contracts", note=T("Template of the labour contract.", "劳动合同文本。")),
        ],
        events=["hire-staff"],
        prerequisites=["COMPANY-REGISTRATION"],
        channels=CITY,
        visits=0,
        window="market",
    ),
    Svc(
        code="SPECIAL-EQUIPMENT-USE-REGISTRATION",
        dept="MKT",
        name=T(
            "Special equipment use registration (lifts, boilers)",
            "特种设备使用登记",
            "Enregistrement d'utilisation d'équipements spéciaux (ascenseurs, chaudières)",
            "การจดทะเบียนการใช้อุปกรณ์พิเศษ (ลิฟต์ หม้อไอน้ำ)",
        ),
        description=T(
            "Lifts, escalators, boilers and pressure vessels are registered within 30 days of being put into service.",
            "电梯、自动扶梯、锅炉、压力容器等特种设备在投入使用前或者投入使用后30日内办理使用登记。",
        ),
        keywords=K(
            "lift registration|elevator|boiler|escalator",
            "电梯登记|特种设备|使用登记证|锅炉",
            "ascenseur|chaudière",
            "ลิฟต์",
        ),
        who=COMPANY_WHO,
        audience="company",
        basis=T(
            "Users of special equipment register it with the market regulation department.",
            "特种设备使用单位应当在特种设备投入使用前或者投入使用后三十日内，向负责特种设备安全监督管理的部门办理使用登记，取得使用登记证书。",
        ),
        reference="《中华人民共和国特种设备安全法》第三十三条 / Special Equipment Safety Law of the PRC, art. 33",
        legal=15,
        promised=5,
        docs=[
            *COMPANY_BASICS,
            doc(
                "equipment-list",
                note=T(
                    "With the product certificates and installation supervision reports.",
                    "含产品合格证及安装监督检验报告。",
                ),
            ),
            doc("quality-inspection-report"),
            doc("safety-manager-cert", LARGE),
        ],
        events=["open-hotel", "open-supermarket"],
        prerequisites=["COMPANY-REGISTRATION"],
        channels=EVERYWHERE,
        visits=0,
        window="market",
    ),
]
