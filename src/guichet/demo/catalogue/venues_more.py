# ruff: noqa: E501
"""(continued) Hand-written services: culture and entertainment licences, fire safety, signs, alcohol, hotels."""

from __future__ import annotations

from .licences import COMPANY_BASICS, COMPANY_WHO
from .spec import (
    BIG_CROWD,
    CITY,
    LARGE,
    NAMED,
    K,
    Svc,
    T,
    copy,
    doc,
    when,
)

SERVICES = [
    Svc(
        code="LARGE-EVENT-SAFETY-PERMIT",
        dept="POLICE",
        name=T(
            "Large-scale event safety permit",
            "大型群众性活动安全许可",
            "Autorisation de sécurité pour grand événement",
            "ใบอนุญาตความปลอดภัยสำหรับกิจกรรมขนาดใหญ่",
        ),
        description=T(
            "Concerts, fairs, sports events and other gatherings open to the public with 1,000 participants or more need a safety permit from the police.",
            "举办预计参加人数1000人以上的演唱会、展销会、体育比赛等大型群众性活动，应当取得公安机关安全许可。",
            "Les concerts, salons et compétitions ouverts au public de 1 000 participants ou plus nécessitent une autorisation de sécurité de la police.",
            "กิจกรรมที่เปิดต่อสาธารณะซึ่งมีผู้เข้าร่วม 1,000 คนขึ้นไปต้องได้รับใบอนุญาตความปลอดภัยจากตำรวจ",
        ),
        keywords=K(
            "event permit|crowd safety|large event|festival permit",
            "大型活动安全许可|大型群众性活动|活动报备|演唱会安保",
            "grand événement|sécurité",
            "กิจกรรมขนาดใหญ่",
        ),
        who=T("The organiser of the event.", "大型群众性活动的承办者。"),
        audience="company",
        basis=T(
            "Large-scale public events are held only with a safety permit; the police decide within 7 working days.",
            "大型群众性活动实行安全许可制度；公安机关应当自受理申请之日起7日内进行实地核查，作出决定。",
        ),
        reference="《大型群众性活动安全管理条例》第十一条、第十四条 / Regulations on Safety Management of Large-scale Mass Activities, arts. 11, 14",
        legal=7,
        promised=5,
        docs=[
            *COMPANY_BASICS,
            doc("security-plan"),
            doc("site-layout"),
            copy(
                "performance-approval",
                when(
                    'activity == "performance"',
                    "For a performance: the performance approval",
                    "营业性演出：演出批准文件",
                    "Pour un spectacle : l'autorisation de spectacle",
                    "สำหรับการแสดง: หนังสืออนุญาตการแสดง",
                ),
                follow=5,
            ),
            copy("fire-inspection-report"),
            doc("emergency-plan", BIG_CROWD),
            doc(
                "insurance-policy",
                BIG_CROWD,
                note=T("Public liability insurance for the event.", "活动公众责任险保单。"),
            ),
        ],
        collab=["FIRE", "CULTURE"],
        events=["commercial-performance"],
        prerequisites=["COMPANY-REGISTRATION"],
        channels=CITY,
        visits=1,
        window="comprehensive",
        output="large-event-safety-permit",
    ),
    Svc(
        code="HOTEL-SPECIAL-TRADE-LICENCE",
        dept="POLICE",
        name=T(
            "Special trade licence for hotels",
            "旅馆业特种行业许可",
            "Licence d'activité spéciale pour l'hôtellerie",
            "ใบอนุญาตประกอบกิจการพิเศษสำหรับโรงแรม",
        ),
        description=T(
            "Hotels, guesthouses and homestays register guests with the police's real-name system and need a special trade licence before opening.",
            "开办宾馆、旅店、民宿等旅馆业，应当取得公安机关核发的特种行业许可证，落实旅客实名登记制度。",
            "Hôtels, auberges et chambres d'hôtes enregistrent leurs clients auprès de la police et obtiennent une licence d'activité spéciale avant d'ouvrir.",
            "โรงแรม เกสต์เฮาส์ และโฮมสเตย์ต้องลงทะเบียนแขกกับตำรวจและได้รับใบอนุญาตประกอบกิจการพิเศษก่อนเปิด",
        ),
        keywords=K(
            "hotel licence|guesthouse|homestay|special trade",
            "特种行业许可证|特行证|旅馆业|开宾馆|民宿",
            "hôtel|chambre d'hôtes",
            "โรงแรม|โฮมสเตย์",
        ),
        who=COMPANY_WHO,
        audience="company",
        basis=T(
            "Opening a hotel requires the police's opinion and a special trade licence; guests are registered by their identity documents.",
            "申请开办旅馆，应经主管部门审查批准，经当地公安机关签署意见；旅馆接待旅客住宿必须登记。",
        ),
        reference="《旅馆业治安管理办法》第四条、第六条 / Measures for the Public Security Administration of the Hotel Industry, arts. 4, 6",
        legal=20,
        promised=7,
        docs=[
            *COMPANY_BASICS,
            copy("lease-contract"),
            doc("floor-plan"),
            doc(
                "security-plan",
                note=T(
                    "Guest registration, valuables storage and CCTV.",
                    "旅客登记、贵重物品保管及视频监控制度。",
                ),
            ),
            copy("fire-inspection-report", follow=20),
            doc("employee-list"),
            doc("no-criminal-record", LARGE),
        ],
        collab=["FIRE", "CULTURE"],
        events=["open-hotel"],
        prerequisites=["COMPANY-REGISTRATION"],
        channels=NAMED,
        visits=1,
        window="comprehensive",
        output="special-trade-licence",
    ),
]
