# ruff: noqa: E501
"""Hand-written services of the housing provident fund for people."""

from __future__ import annotations

from .spec import (
    CITY,
    EVERYWHERE,
    K,
    Svc,
    T,
    copy,
    doc,
    online,
)
from .work import FUND_BASIS, FUND_HOLDERS, FUND_REFERENCE

SERVICES = [
    Svc(
        code="HOUSING-FUND-WITHDRAWAL-RENT",
        dept="HOUSEFUND",
        name=T(
            "Housing fund withdrawal to pay rent",
            "租房提取住房公积金",
            "Retrait du fonds de logement pour payer le loyer",
            "การถอนเงินกองทุนที่อยู่อาศัยเพื่อจ่ายค่าเช่า",
        ),
        description=T(
            "Withdraw part of your housing provident fund every month or quarter to pay the rent of your home.",
            "租住自住住房的，可按月或按季提取住房公积金支付房租。",
        ),
        keywords=K(
            "rent withdrawal|housing fund rent",
            "租房提取|公积金付房租|提取公积金",
            "loyer|fonds de logement",
            "ถอนกองทุนจ่ายค่าเช่า",
        ),
        who=FUND_HOLDERS,
        audience="person",
        basis=FUND_BASIS,
        reference=FUND_REFERENCE,
        legal=3,
        promised=1,
        docs=[
            online("application-form"),
            doc("id-card"),
            copy("lease-contract"),
            doc("rent-receipts", follow=30),
            doc("bank-card"),
        ],
        events=["moving-house"],
        channels=EVERYWHERE,
        visits=0,
        window="comprehensive",
    ),
    Svc(
        code="HOUSING-FUND-WITHDRAWAL-PURCHASE",
        dept="HOUSEFUND",
        name=T(
            "Housing fund withdrawal to buy a home",
            "购房提取住房公积金",
            "Retrait du fonds de logement pour acheter un logement",
            "การถอนเงินกองทุนที่อยู่อาศัยเพื่อซื้อบ้าน",
        ),
        description=T(
            "Withdraw your housing provident fund after buying a home in the city, for you or your spouse.",
            "本人或配偶购买自住住房的，可提取住房公积金。",
        ),
        keywords=K(
            "buy a home|housing fund purchase", "购房提取|买房提公积金", "achat logement", "ซื้อบ้าน"
        ),
        who=FUND_HOLDERS,
        audience="person",
        basis=FUND_BASIS,
        reference=FUND_REFERENCE,
        legal=3,
        promised=1,
        docs=[
            online("application-form"),
            doc("id-card"),
            copy("home-purchase-contract"),
            online("property-certificate", follow=90),
            doc("bank-card"),
            copy(
                "marriage-certificate",
                note=T("When withdrawing for a spouse's purchase.", "提取配偶购房款的提供。"),
            ),
        ],
        events=["moving-house", "marriage"],
        channels=EVERYWHERE,
        visits=0,
        window="comprehensive",
    ),
    Svc(
        code="HOUSING-FUND-WITHDRAWAL-RETIREMENT",
        dept="HOUSEFUND",
        name=T(
            "Housing fund withdrawal at retirement",
            "退休提取住房公积金",
            "Retrait du fonds de logement à la retraite",
            "การถอนเงินกองทุนที่อยู่อาศัยเมื่อเกษียณ",
        ),
        description=T(
            "At retirement, withdraw the whole balance of your housing provident fund and close the account.",
            "职工退休的，可一次性提取住房公积金账户余额并销户。",
        ),
        keywords=K(
            "retirement withdrawal|close housing fund",
            "退休提取|公积金销户|退休取公积金",
            "retraite|fonds de logement",
            "เกษียณ|ถอนกองทุน",
        ),
        who=FUND_HOLDERS,
        audience="person",
        basis=FUND_BASIS,
        reference=FUND_REFERENCE,
        legal=3,
        promised=1,
        docs=[
            online("application-form"),
            doc("id-card"),
            online("retirement-approval"),
            doc("bank-card"),
        ],
        events=["retirement"],
        prerequisites=["RETIREMENT-PENSION-CLAIM"],
        channels=EVERYWHERE,
        visits=0,
        window="comprehensive",
    ),
    Svc(
        code="HOUSING-FUND-LOAN",
        dept="HOUSEFUND",
        name=T(
            "Housing provident fund loan",
            "住房公积金个人住房贷款",
            "Prêt immobilier du fonds de prévoyance",
            "สินเชื่อที่อยู่อาศัยจากกองทุนสำรอง",
        ),
        description=T(
            "A low-interest loan from the housing provident fund to buy or build your own home.",
            "缴存职工购买、建造、翻建、大修自住住房的，可申请住房公积金低息贷款。",
        ),
        keywords=K(
            "mortgage|home loan|housing fund loan",
            "公积金贷款|房贷|买房贷款",
            "prêt immobilier",
            "สินเชื่อบ้าน",
        ),
        who=FUND_HOLDERS,
        audience="person",
        basis=T(
            "The housing fund centre decides on a loan application within 15 days.",
            "住房公积金管理中心应当自受理申请之日起15日内作出准予贷款或者不准贷款的决定。",
        ),
        reference="《住房公积金管理条例》第二十六条 / Regulations on the Administration of Housing Provident Funds, art. 26",
        legal=15,
        promised=10,
        docs=[
            doc("application-form"),
            doc("id-card"),
            copy("home-purchase-contract"),
            online("housing-fund-statement"),
            online("employment-record"),
            doc("bank-card"),
            copy("marriage-certificate", note=T("If married.", "已婚的提供。")),
        ],
        collab=["PLANNING"],
        events=["moving-house", "marriage"],
        channels=CITY,
        visits=1,
        window="comprehensive",
    ),
]
