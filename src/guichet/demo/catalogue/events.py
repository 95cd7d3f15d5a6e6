"""Life events and business events: the services someone needs at one moment, together."""

from __future__ import annotations

from .spec import T

# (code, kind, name)
EVENTS = [
    # Life events
    (
        "birth",
        "life",
        T("Having a baby", "生小孩", "Naissance d'un enfant", "การมีบุตร"),
    ),
    (
        "moving-house",
        "life",
        T("Moving house", "搬家", "Déménagement", "การย้ายบ้าน"),
    ),
    (
        "retirement",
        "life",
        T("Retiring", "退休", "Départ à la retraite", "การเกษียณอายุ"),
    ),
    (
        "marriage",
        "life",
        T("Getting married", "结婚", "Mariage", "การแต่งงาน"),
    ),
    (
        "buying-a-car",
        "life",
        T("Buying a car", "买车", "Achat d'une voiture", "การซื้อรถยนต์"),
    ),
    (
        "starting-school",
        "life",
        T("Starting school", "上学", "Entrée à l'école", "การเข้าเรียน"),
    ),
    (
        "losing-a-job",
        "life",
        T("Losing a job", "失业", "Perte d'emploi", "การตกงาน"),
    ),
    (
        "bereavement",
        "life",
        T(
            "Death of a family member",
            "亲人身故",
            "Décès d'un proche",
            "การเสียชีวิตของสมาชิกในครอบครัว",
        ),
    ),
    # Business events
    (
        "start-company",
        "business",
        T("Starting a company", "开办企业", "Création d'une entreprise", "การจัดตั้งบริษัท"),
    ),
    (
        "open-supermarket",
        "business",
        T("Opening a supermarket", "开超市", "Ouvrir un supermarché", "การเปิดซูเปอร์มาร์เก็ต"),
    ),
    (
        "open-restaurant",
        "business",
        T("Opening a restaurant", "开饭店", "Ouvrir un restaurant", "การเปิดร้านอาหาร"),
    ),
    (
        "open-internet-cafe",
        "business",
        T(
            "Opening an internet café",
            "开网吧",
            "Ouvrir un cybercafé",
            "การเปิดร้านอินเทอร์เน็ตคาเฟ่",
        ),
    ),
    (
        "commercial-performance",
        "business",
        T(
            "Organising a commercial performance",
            "举办营业性演出",
            "Organiser un spectacle commercial",
            "การจัดการแสดงเชิงพาณิชย์",
        ),
    ),
    (
        "construction-project",
        "business",
        T(
            "Starting a construction project",
            "开工建设项目",
            "Lancer un projet de construction",
            "การเริ่มโครงการก่อสร้าง",
        ),
    ),
    (
        "open-pharmacy",
        "business",
        T("Opening a pharmacy", "开药店", "Ouvrir une pharmacie", "การเปิดร้านขายยา"),
    ),
    (
        "open-beauty-salon",
        "business",
        T(
            "Opening a beauty salon",
            "开美容美发店",
            "Ouvrir un salon de beauté",
            "การเปิดร้านเสริมสวย",
        ),
    ),
    (
        "open-hotel",
        "business",
        T("Opening a hotel", "开宾馆", "Ouvrir un hôtel", "การเปิดโรงแรม"),
    ),
    (
        "open-ktv",
        "business",
        T(
            "Opening a karaoke (KTV) venue",
            "开KTV",
            "Ouvrir un karaoké (KTV)",
            "การเปิดร้านคาราโอเกะ (KTV)",
        ),
    ),
    (
        "open-art-gallery",
        "business",
        T(
            "Opening an art gallery",
            "开画廊",
            "Ouvrir une galerie d'art",
            "การเปิดแกลเลอรีศิลปะ",
        ),
    ),
    (
        "hire-staff",
        "business",
        T(
            "Hiring the first employees",
            "招用员工",
            "Embaucher ses premiers salariés",
            "การจ้างพนักงานคนแรก",
        ),
    ),
    (
        "close-business",
        "business",
        T(
            "Closing a business",
            "企业注销",
            "Fermer une entreprise",
            "การปิดกิจการ",
        ),
    ),
]
