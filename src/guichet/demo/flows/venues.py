"""Opening an internet café or entertainment venue; organising a commercial performance."""

from __future__ import annotations

from ._parts import flow, note, number, opt, route, service, single, switch, t, yes_no

INTERNET_CAFE = flow(
    "internet-cafe",
    t("Opening an internet café or entertainment venue", "开办网吧或娱乐场所"),
    t(
        "Internet cafés, e-sports halls, arcades, KTVs and dance halls each need their own "
        "licence: find yours, with the documents and a sheet to print.",
        "网吧、电竞馆、游艺厅、KTV和歌舞厅需要不同的许可。在这里查找您需要办理的事项、材料和可打印的办事指南。",
    ),
    "company",
    [
        single(
            "activity",
            t("What will you open?", "您要开办哪类场所？"),
            [
                opt("internet_cafe", "Internet café", "网吧"),
                opt("esports_hall", "E-sports hall", "电竞馆"),
                opt("game_arcade", "Game arcade", "游艺厅"),
                opt("ktv", "KTV (karaoke)", "KTV"),
                opt("dance_hall", "Dance hall", "歌舞厅"),
            ],
            next="area_m2",
        ),
        number(
            "area_m2",
            t("What is the floor area?", "营业面积有多大？"),
            next="has_kitchen",
            minimum=1,
            maximum=100000,
            unit=t("m²", "平方米"),
        ),
        yes_no(
            "has_kitchen",
            t("Will you prepare food or drinks?", "是否制售食品或饮品？"),
            next="new_company",
            routes=[route('activity in ["ktv", "dance_hall"]', "serves_alcohol")],
        ),
        yes_no(
            "serves_alcohol",
            t("Will you sell alcoholic drinks?", "是否销售酒类？"),
            next="new_company",
        ),
        yes_no(
            "new_company",
            t("Is the company still to be set up?", "经营主体（公司）是否尚未设立？"),
            next="end",
        ),
    ],
    [
        service("COMPANY-REGISTRATION", "new_company"),
        service("COMPANY-CHANGE-REGISTRATION", "not new_company"),
        service(
            "INTERNET-SERVICE-BUSINESS-LICENCE", 'activity in ["internet_cafe", "esports_hall"]'
        ),
        service("ENTERTAINMENT-VENUE-LICENCE", 'activity in ["game_arcade", "ktv", "dance_hall"]'),
        service("PUBLIC-PLACE-HYGIENE-LICENCE", 'activity != "game_arcade"'),
        service("FIRE-SAFETY-INSPECTION", "area_m2 >= 300"),
        service("FOOD-BUSINESS-LICENCE", "has_kitchen"),
        service("ALCOHOL-RETAIL-FILING", "serves_alcohol"),
        service("OUTDOOR-SIGNAGE-PERMIT"),
        switch("FOOD-BUSINESS-LICENCE", "staff-health-certs", "has_kitchen"),
        switch("INTERNET-SERVICE-BUSINESS-LICENCE", "network-security-plan"),
        switch("ENTERTAINMENT-VENUE-LICENCE", "fire-inspection-report", "area_m2 >= 300"),
        note(
            "area_m2 < 300",
            "Under 300 m², you sign a fire safety commitment instead of waiting for an inspection.",
            "营业面积300平方米以下的，签署消防安全承诺书即可，无需等待现场检查。",
        ),
        note(
            'activity in ["internet_cafe", "esports_hall"]',
            "Minors may not enter: put up the sign at the entrance and check identity cards.",
            "不得接纳未成年人：须在入口处张贴标志并核验身份证件。",
        ),
    ],
)

PERFORMANCE = flow(
    "performance",
    t("Organising a commercial performance", "举办营业性演出"),
    t(
        "Concerts, plays, shows and festivals sold to the public need an approval: "
        "find what yours needs.",
        "面向公众售票的音乐会、戏剧、演出和音乐节须经审批。在这里查询您的演出需要办理的事项。",
    ),
    "company",
    [
        single(
            "activity",
            t("What kind of performance?", "演出类型是什么？"),
            [
                opt("concert", "Concert", "音乐会"),
                opt("theatre", "Theatre play", "戏剧"),
                opt("dance_show", "Dance show", "舞蹈演出"),
                opt("acrobatics", "Acrobatics or circus", "杂技、马戏"),
                opt("crosstalk", "Crosstalk or stand-up comedy", "相声、脱口秀"),
                opt("music_festival", "Outdoor music festival", "户外音乐节", next="has_kitchen"),
            ],
            next="performers_foreign",
        ),
        yes_no(
            "has_kitchen",
            t("Will food be sold at the festival?", "音乐节现场是否销售食品？"),
            next="performers_foreign",
        ),
        yes_no(
            "performers_foreign",
            t(
                "Will performers from outside the mainland take part?",
                "是否有境外（含港澳台）演员参演？",
            ),
            next="venue_capacity",
        ),
        number(
            "venue_capacity",
            t("How many people can the venue hold?", "演出场所可容纳多少人？"),
            next="end",
            minimum=1,
            maximum=200000,
            unit=t("people", "人"),
        ),
    ],
    [
        service("COMMERCIAL-PERFORMANCE-LICENCE"),
        service("PERFORMANCE-VENUE-FILING", 'activity == "music_festival"'),
        service("FIRE-SAFETY-INSPECTION", "venue_capacity >= 1000"),
        service("OUTDOOR-SIGNAGE-PERMIT", 'activity == "music_festival" or venue_capacity >= 5000'),
        service("FOOD-BUSINESS-LICENCE", "has_kitchen"),
        switch("COMMERCIAL-PERFORMANCE-LICENCE", "performer-ids", "performers_foreign"),
        switch("FOOD-BUSINESS-LICENCE", "staff-health-certs", "has_kitchen"),
        note(
            "performers_foreign",
            "With performers from outside the mainland, apply at least 20 working days before "
            "the first show: the province approves.",
            "有境外演员参演的，须至少在首场演出前20个工作日提出申请，由省级文化部门审批。",
        ),
        note(
            "venue_capacity >= 5000",
            "Events for 5,000 people or more also need a safety permit from the police.",
            "容纳5000人以上的大型活动，还须向公安机关申请安全许可。",
        ),
    ],
)
