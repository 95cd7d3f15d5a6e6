"""Opening a restaurant, café or food shop: nine activities, seats, kitchen, alcohol, music."""

from __future__ import annotations

from ._parts import flow, note, number, opt, service, single, switch, t, yes_no

STALL = 'activity == "food_stall" or (activity == "bakery" and seats < 10)'

RESTAURANT = flow(
    "restaurant",
    t("Opening a restaurant, café or food shop", "开办餐厅、咖啡馆或食品店"),
    t(
        "Tell us what kind of place you will open: you will get the licences and filings "
        "it needs, the documents to bring and a sheet to print.",
        "告诉我们您要开办的餐饮场所类型，即可获得所需的许可和备案事项、材料清单和可打印的办事指南。",
    ),
    "company",
    [
        single(
            "activity",
            t("What will you open?", "您要开办哪类餐饮场所？"),
            [
                opt("restaurant", "Restaurant", "餐厅"),
                opt("fast_food", "Fast-food outlet", "快餐店"),
                opt("hotpot", "Hotpot restaurant", "火锅店"),
                opt("bakery", "Bakery", "烘焙店"),
                opt("tea_house", "Tea house", "茶馆"),
                opt("cafe", "Café", "咖啡馆"),
                opt("bar", "Bar", "酒吧"),
                opt("canteen", "Staff or school canteen", "单位或学校食堂"),
                opt("food_stall", "Food stall or kiosk", "小吃摊点", next="has_kitchen"),
            ],
            next="seats",
        ),
        number(
            "seats",
            t("How many seats for customers?", "设置多少个顾客座位？"),
            next="has_kitchen",
            maximum=5000,
            unit=t("seats", "个座位"),
            hint=t("Enter 0 if customers do not sit.", "不设座位的请填0。"),
        ),
        yes_no(
            "has_kitchen",
            t("Will you cook on the premises?", "是否在店内加工烹饪？"),
            next="serves_alcohol",
        ),
        yes_no(
            "serves_alcohol",
            t("Will you sell alcoholic drinks?", "是否销售酒类？"),
            next="live_music",
        ),
        yes_no(
            "live_music",
            t("Will there be live music or shows?", "是否有现场音乐或演出？"),
            next="new_company",
        ),
        yes_no(
            "new_company",
            t("Is the company still to be set up?", "经营主体（公司）是否尚未设立？"),
            next="end",
            hint=t(
                "Answer no if the company exists and adds this business.",
                "已有公司增加经营项目的，请选择“否”。",
            ),
        ),
    ],
    [
        service("COMPANY-REGISTRATION", "new_company"),
        service("COMPANY-CHANGE-REGISTRATION", "not new_company"),
        service("FOOD-BUSINESS-LICENCE", f"not ({STALL})"),
        service("SMALL-FOOD-WORKSHOP-REGISTRATION", STALL),
        service("ALCOHOL-RETAIL-FILING", 'serves_alcohol or activity == "bar"'),
        service("PUBLIC-PLACE-HYGIENE-LICENCE", 'activity in ["tea_house", "cafe", "bar"]'),
        service("FIRE-SAFETY-INSPECTION", 'seats >= 50 or activity == "hotpot"'),
        service("DRAINAGE-PERMIT", "has_kitchen"),
        service(
            "ENVIRONMENTAL-IMPACT-REGISTRATION",
            'has_kitchen and (seats >= 150 or activity == "hotpot")',
        ),
        service("PERFORMANCE-VENUE-FILING", "live_music"),
        service("OUTDOOR-SIGNAGE-PERMIT", 'activity not in ["canteen", "food_stall"]'),
        switch("FOOD-BUSINESS-LICENCE", "staff-health-certs"),
        switch("FOOD-BUSINESS-LICENCE", "food-safety-manager-cert", "seats >= 50"),
        switch("FOOD-BUSINESS-LICENCE", "equipment-list", "not has_kitchen", required=False),
        switch("SMALL-FOOD-WORKSHOP-REGISTRATION", "staff-health-certs"),
        note(
            'activity == "canteen"',
            "A canteen that serves only its own staff or pupils applies in the name of the "
            "school or employer.",
            "仅供本单位职工或学生就餐的食堂，以学校或单位名义申请。",
        ),
        note(
            'activity == "hotpot"',
            "Bottled gas is not allowed indoors: connect to piped gas before the fire inspection.",
            "室内不得使用瓶装液化气，请在消防检查前接通管道燃气。",
        ),
        note(
            "live_music",
            "Live music stops at 22:00 in residential areas.",
            "位于居民区的，现场音乐演出须在22:00前结束。",
        ),
        note(
            STALL,
            "A small stall or bakery registers with the market regulator instead of a licence.",
            "小摊点、小作坊向市场监管部门登记即可，无需办理食品经营许可。",
        ),
    ],
)
