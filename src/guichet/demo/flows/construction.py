"""Starting a construction project: the approval chain from investment filing to completion."""

from __future__ import annotations

from ._parts import flow, note, number, opt, route, service, single, switch, t, yes_no

PERMITTED = "project_investment_mwan >= 30"
NEW_BUILD = f'activity != "renovation" and {PERMITTED}'

CONSTRUCTION = flow(
    "construction",
    t("Starting a construction project", "开工建设项目"),
    t(
        "From the investment filing to the completion acceptance: find each approval your "
        "project needs, in the order they come.",
        "从投资项目备案到竣工验收：按办理顺序查找项目需要的每一项审批。",
    ),
    "company",
    [
        single(
            "activity",
            t("What will you build?", "建设什么项目？"),
            [
                opt("residential", "Housing", "住宅"),
                opt("commercial", "Shops or offices", "商业或办公楼"),
                opt("industrial", "Factory or warehouse", "厂房或仓库"),
                opt(
                    "public_facility",
                    "School, hospital or other public building",
                    "学校、医院等公共建筑",
                ),
                opt("renovation", "Renovation of an existing building", "既有建筑装修改造"),
            ],
            next="project_funding",
        ),
        single(
            "project_funding",
            t("Who pays for the project?", "项目资金来源是什么？"),
            [
                opt("government", "Public funds", "政府投资"),
                opt("private", "Private or company funds", "社会投资"),
            ],
            next="project_investment_mwan",
        ),
        number(
            "project_investment_mwan",
            t("What is the total investment?", "项目总投资是多少？"),
            next="building_height_m",
            maximum=10_000_000,
            unit=t("× 10,000 CNY", "万元"),
            routes=[route("project_investment_mwan < 30", "end")],
            hint=t(
                "In units of 10,000 CNY: enter 250 for 2.5 million.", "单位为万元：250万元请填250。"
            ),
        ),
        number(
            "building_height_m",
            t("How tall will the highest building be?", "最高建筑物高度是多少？"),
            next="new_company",
            maximum=1000,
            unit=t("m", "米"),
            hint=t("Enter 0 if you build nothing above ground.", "无地上建筑的请填0。"),
        ),
        yes_no(
            "new_company",
            t("Is the project company still to be set up?", "项目公司是否尚未设立？"),
            next="end",
        ),
    ],
    [
        service("COMPANY-REGISTRATION", "new_company"),
        service("INVESTMENT-PROJECT-APPROVAL", PERMITTED),
        service("LAND-USE-PLANNING-PERMIT", NEW_BUILD),
        service("CONSTRUCTION-PLANNING-PERMIT", NEW_BUILD),
        service("CONSTRUCTION-CONTRACT-REGISTRATION", PERMITTED),
        service("CONSTRUCTION-WORKS-PERMIT", PERMITTED),
        service("PROJECT-COMPLETION-ACCEPTANCE", PERMITTED),
        service(
            "ENVIRONMENTAL-IMPACT-REGISTRATION",
            'activity == "industrial" or project_investment_mwan >= 5000',
        ),
        service("DRAINAGE-PERMIT", f'activity in ["industrial", "commercial"] and {PERMITTED}'),
        service(
            "FIRE-SAFETY-INSPECTION",
            'building_height_m >= 24 or activity in ["commercial", "public_facility"]',
        ),
        switch(
            "INVESTMENT-PROJECT-APPROVAL", "project-proposal", 'project_funding == "government"'
        ),
        switch("CONSTRUCTION-PLANNING-PERMIT", "land-use-certificate"),
        switch("FIRE-SAFETY-INSPECTION", "design-drawings", "building_height_m >= 24"),
        note(
            "project_investment_mwan < 30",
            "Works under 300,000 CNY need no works permit: tell the district housing office "
            "before you start.",
            "投资额30万元以下的工程无需办理施工许可，开工前向区住建部门报备即可。",
        ),
        note(
            f'project_funding == "government" and {PERMITTED}',
            "Publicly funded projects have their proposal approved by the Development and "
            "Reform Commission first.",
            "政府投资项目须先由发展改革部门审批项目建议书。",
        ),
        note(
            "building_height_m >= 100",
            "Buildings of 100 m or more go through an expert review of the fire design.",
            "建筑高度100米以上的，消防设计须经专家评审。",
        ),
    ],
)
