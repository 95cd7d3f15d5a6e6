"""Opening a supermarket: size, sales, foods, drugs and medical devices decide the licences."""

from __future__ import annotations

from ._parts import flow, multiple, note, opt, service, single, switch, t, yes_no

FRESH = (
    '"bulk" in foods or "cooked" in foods or "infant_formula" in foods or "health_food" in foods'
)
FOOD_LICENCE = f'{FRESH} or ("own_manufacture" in sales and size != "small")'

SUPERMARKET = flow(
    "supermarket",
    t("Opening a supermarket", "开办超市"),
    t(
        "Answer five questions about the shop you plan. You will get the exact licences to "
        "apply for, the documents to bring and a one-page sheet to print.",
        "回答关于拟开办门店的五个问题，即可获得需要办理的许可事项、需提交的材料清单以及可打印的一页纸办事指南。",
    ),
    "company",
    [
        single(
            "size",
            t("How big will the shop be?", "门店规模有多大？"),
            [
                opt("small", "Small shop (under 200 m²)", "小型门店（200平方米以下）"),
                opt("standard", "Supermarket (200 to 6,000 m²)", "标准超市（200至6000平方米）"),
                opt("large", "Hypermarket (over 6,000 m²)", "大型卖场（6000平方米以上）"),
            ],
            next="sales",
            hint=t("The sales floor, storage not included.", "按营业面积计算，不含仓储面积。"),
        ),
        multiple(
            "sales",
            t("How will you sell?", "采用哪些经营方式？"),
            [
                opt("wholesale", "Wholesale to other businesses", "批发"),
                opt("retail", "Retail to the public", "零售"),
                opt("own_manufacture", "Products you make or pack yourself", "自制或自行分装商品"),
            ],
            next="foods",
            hint=t("Choose all that apply.", "可多选。"),
        ),
        multiple(
            "foods",
            t("Which foods will you sell?", "经营哪些食品？"),
            [
                opt("prepackaged", "Prepackaged food", "预包装食品"),
                opt("bulk", "Bulk food (weighed for the customer)", "散装食品"),
                opt("cooked", "Cooked food made in store", "现场制售熟食"),
                opt("infant_formula", "Infant formula milk powder", "婴幼儿配方乳粉"),
                opt("health_food", "Health food", "保健食品"),
            ],
            next="sells_drugs",
            hint=t("Choose all that apply.", "可多选。"),
        ),
        yes_no(
            "sells_drugs",
            t("Will you also sell medicines?", "是否同时经营药品？"),
            next="devices",
            hint=t("Over-the-counter medicines included.", "包括非处方药。"),
        ),
        single(
            "devices",
            t("Will you sell medical devices?", "是否经营医疗器械？"),
            [
                opt("none", "No", "不经营"),
                opt(
                    "class2",
                    "Class II devices (thermometers, blood pressure monitors)",
                    "第二类医疗器械（体温计、血压计等）",
                ),
                opt(
                    "class3",
                    "Class III devices (contact lenses, implants)",
                    "第三类医疗器械（隐形眼镜、植入器械等）",
                ),
            ],
            next="end",
        ),
    ],
    [
        service("COMPANY-REGISTRATION"),
        service("FOOD-BUSINESS-LICENCE", FOOD_LICENCE),
        service(
            "SMALL-FOOD-WORKSHOP-REGISTRATION", '"own_manufacture" in sales and size == "small"'
        ),
        service("DRUG-RETAIL-LICENCE", 'sells_drugs and "retail" in sales'),
        service("DRUG-WHOLESALE-LICENCE", 'sells_drugs and "wholesale" in sales'),
        service("MEDICAL-DEVICE-II-FILING", 'devices == "class2"'),
        service("MEDICAL-DEVICE-III-LICENCE", 'devices == "class3"'),
        service("PUBLIC-PLACE-HYGIENE-LICENCE", 'size != "small"'),
        service("FIRE-SAFETY-INSPECTION", 'size != "small"'),
        service("OUTDOOR-SIGNAGE-PERMIT", 'size == "large"'),
        service(
            "ENVIRONMENTAL-IMPACT-REGISTRATION",
            'size == "large" or ("own_manufacture" in sales and "cooked" in foods)',
        ),
        service("DRAINAGE-PERMIT", '"cooked" in foods or "own_manufacture" in sales'),
        switch(
            "FOOD-BUSINESS-LICENCE",
            "staff-health-certs",
            '"cooked" in foods or "bulk" in foods or "own_manufacture" in sales',
        ),
        switch("FOOD-BUSINESS-LICENCE", "food-safety-manager-cert", 'size != "small"'),
        switch(
            "FOOD-BUSINESS-LICENCE",
            "storage-conditions",
            '"infant_formula" in foods or "health_food" in foods',
        ),
        switch("FOOD-BUSINESS-LICENCE", "equipment-list", '"cooked" not in foods', required=False),
        switch("DRUG-RETAIL-LICENCE", "pharmacist-cert", "sells_drugs"),
        switch("MEDICAL-DEVICE-III-LICENCE", "quality-manager-cert", 'devices == "class3"'),
        note(
            f'"prepackaged" in foods and not ({FOOD_LICENCE})',
            "Selling only prepackaged food needs no food licence: you declare it when the "
            "company is registered.",
            "仅销售预包装食品的，无需办理食品经营许可，在办理营业执照时一并备案即可。",
        ),
        note(
            '"infant_formula" in foods',
            "Infant formula is sold from its own counter, with a record of every batch.",
            "婴幼儿配方乳粉应专柜销售，并建立进货查验记录。",
        ),
        note(
            '"health_food" in foods',
            "Health foods stand on a shelf of their own, marked “health food”.",
            "保健食品应设专柜或专区摆放，并标明“保健食品”。",
        ),
        note(
            'sells_drugs and not ("retail" in sales or "wholesale" in sales)',
            "Making medicines needs a manufacturing licence from the province: this guide does "
            "not cover it.",
            "生产药品须向省级药品监管部门申请药品生产许可，不在本指南范围内。",
        ),
        note(
            'size == "large"',
            "The comprehensive window books one joint inspection for all departments.",
            "综合窗口将统一预约各部门联合踏勘。",
        ),
    ],
)
