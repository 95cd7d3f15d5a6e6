"""Three life events for people: the birth of a child, moving house, retirement."""

from __future__ import annotations

from ._parts import flow, note, number, opt, route, service, single, switch, t, yes_no

EMPLOYER = [
    opt("company", "A company", "企业"),
    opt("public", "A public body or institution", "机关事业单位"),
    opt("self_employed", "Self-employed or flexible work", "个体或灵活就业"),
]

BIRTH = flow(
    "birth-of-a-child",
    t("Birth of a child", "新生儿出生"),
    t(
        "The birth certificate, the household registration, health insurance and the "
        "allowances: everything for your newborn, in the right order.",
        "出生医学证明、户口登记、医保参保和生育津贴：新生儿相关事项一次办好，按顺序办理。",
    ),
    "person",
    [
        number(
            "child_age_days",
            t("How many days old is the child?", "孩子出生多少天了？"),
            next="parents_registered_here",
            maximum=3650,
            unit=t("days", "天"),
        ),
        yes_no(
            "parents_registered_here",
            t(
                "Is the household of one of the parents registered in this city?",
                "父母一方户籍是否在本市？",
            ),
            next="employer_type",
        ),
        single(
            "employer_type",
            t("Who employs the mother?", "母亲的就业单位是什么类型？"),
            EMPLOYER,
            next="end",
        ),
    ],
    [
        service("BIRTH-MEDICAL-CERTIFICATE"),
        service("HOUSEHOLD-BIRTH-REGISTRATION", "parents_registered_here"),
        service("NEWBORN-MEDICAL-INSURANCE", "parents_registered_here"),
        service("FAMILY-PLANNING-ALLOWANCE", "parents_registered_here and child_age_days <= 365"),
        service(
            "MATERNITY-BENEFIT-CLAIM",
            'employer_type in ["company", "public"] and child_age_days <= 365',
        ),
        switch("HOUSEHOLD-BIRTH-REGISTRATION", "marriage-certificate"),
        switch("HOUSEHOLD-BIRTH-REGISTRATION", "photo", "child_age_days > 30"),
        note(
            "child_age_days > 30",
            "The birth is registered more than a month after it: bring a written explanation.",
            "出生超过一个月办理户口登记的，须提交书面说明。",
        ),
        note(
            "parents_registered_here and child_age_days > 90",
            "Insurance taken out after 90 days covers the child from the next month only.",
            "出生90天后参保的，自参保次月起享受医保待遇。",
        ),
        note(
            "not parents_registered_here",
            "Register the child where a parent's household is registered; here you may "
            "apply for a residence permit for the child later.",
            "请到父母一方户籍所在地办理户口登记；之后可在本市为孩子申领居住证。",
        ),
    ],
)

MOVING = flow(
    "moving-house",
    t("Moving house to another district", "跨区搬家"),
    t(
        "The household registration, your vehicle and your social insurance follow you to "
        "your new address.",
        "户口、机动车和社保随您迁往新住址。",
    ),
    "person",
    [
        yes_no(
            "move_within_city",
            t("Are you moving from another district of this city?", "是否从本市其他区迁入？"),
            next="has_vehicle",
            hint=t("Answer no if you come from another city.", "从外地迁入的请选择“否”。"),
        ),
        yes_no(
            "has_vehicle",
            t("Do you own a car or motorcycle?", "名下是否有机动车？"),
            next="end",
        ),
    ],
    [
        service("HOUSEHOLD-MOVE-REGISTRATION", "move_within_city"),
        service("RESIDENCE-PERMIT", "not move_within_city"),
        service("SOCIAL-SECURITY-TRANSFER", "not move_within_city"),
        service("SOCIAL-SECURITY-CARD-REPLACEMENT", "not move_within_city"),
        service("VEHICLE-REGISTRATION-ADDRESS-CHANGE", "has_vehicle"),
        service("VEHICLE-INSPECTION-MARK", "has_vehicle and not move_within_city"),
        switch("HOUSEHOLD-MOVE-REGISTRATION", "property-certificate"),
        note(
            "move_within_city",
            "Your children keep their school place until the end of the school year.",
            "子女可在原学校就读至本学年结束。",
        ),
    ],
)

RETIREMENT = flow(
    "retirement",
    t("Retirement", "退休"),
    t(
        "Claim your pension and keep your health insurance: what to do when you retire.",
        "申领养老金、办理退休人员医保：退休时需要办理的事项。",
    ),
    "person",
    [
        number(
            "years_contributed",
            t(
                "How many years have you paid into the pension insurance?",
                "累计缴纳养老保险多少年？",
            ),
            next="employer_type",
            maximum=60,
            unit=t("years", "年"),
            routes=[route("years_contributed < 15", "end")],
        ),
        single(
            "employer_type",
            t("Who employs you now?", "您目前的就业单位是什么类型？"),
            EMPLOYER,
            next="end",
        ),
    ],
    [
        service("RETIREMENT-PENSION-CLAIM", "years_contributed >= 15"),
        service("RETIREE-MEDICAL-INSURANCE", "years_contributed >= 15"),
        service("SOCIAL-SECURITY-TRANSFER", 'employer_type == "public"'),
        switch(
            "RETIREMENT-PENSION-CLAIM",
            "retirement-approval",
            'employer_type in ["company", "public"]',
        ),
        switch("RETIREMENT-PENSION-CLAIM", "employment-record", 'employer_type == "self_employed"'),
        note(
            "years_contributed < 15",
            "With less than 15 years paid in, you may keep paying until you reach 15 years, or "
            "have your contributions paid back.",
            "累计缴费不满15年的，可以延长缴费至满15年，或申请退还个人账户储存额。",
        ),
        note(
            'employer_type == "self_employed"',
            "Self-employed people apply themselves, at any service centre.",
            "个体或灵活就业人员可本人到任一政务服务中心申请。",
        ),
    ],
)
