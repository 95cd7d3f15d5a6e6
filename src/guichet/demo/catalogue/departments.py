"""The demo city's departments: the 26 city bureaus of the vocabulary and a few district ones."""

from __future__ import annotations

from .spec import T

# (code, name, level, parent code)
DEPARTMENTS = [
    (
        "MKT",
        T(
            "Market Regulation Bureau",
            "市场监督管理局",
            "Bureau de la régulation du marché",
            "สำนักงานกำกับดูแลตลาด",
        ),
        "city",
        None,
    ),
    (
        "MPA",
        T(
            "Medical Products Administration",
            "药品监督管理局",
            "Administration des produits médicaux",
            "สำนักงานกำกับดูแลผลิตภัณฑ์ทางการแพทย์",
        ),
        "city",
        None,
    ),
    (
        "HEALTH",
        T(
            "Health Commission",
            "卫生健康委员会",
            "Commission de la santé",
            "คณะกรรมการสาธารณสุข",
        ),
        "city",
        None,
    ),
    (
        "CULTURE",
        T(
            "Culture and Tourism Bureau",
            "文化和旅游局",
            "Bureau de la culture et du tourisme",
            "สำนักงานวัฒนธรรมและการท่องเที่ยว",
        ),
        "city",
        None,
    ),
    (
        "FIRE",
        T(
            "Fire and Rescue Detachment",
            "消防救援支队",
            "Détachement d'incendie et de secours",
            "หน่วยดับเพลิงและกู้ภัย",
        ),
        "city",
        None,
    ),
    (
        "URBAN",
        T(
            "Urban Management Bureau",
            "城市管理局",
            "Bureau de la gestion urbaine",
            "สำนักงานบริหารจัดการเมือง",
        ),
        "city",
        None,
    ),
    (
        "COMMERCE",
        T(
            "Commerce Commission",
            "商务委员会",
            "Commission du commerce",
            "คณะกรรมการการค้า",
        ),
        "city",
        None,
    ),
    (
        "ECO",
        T(
            "Ecology and Environment Bureau",
            "生态环境局",
            "Bureau de l'écologie et de l'environnement",
            "สำนักงานนิเวศวิทยาและสิ่งแวดล้อม",
        ),
        "city",
        None,
    ),
    (
        "WATER",
        T(
            "Water Affairs Bureau",
            "水务局",
            "Bureau des affaires de l'eau",
            "สำนักงานกิจการน้ำ",
        ),
        "city",
        None,
    ),
    (
        "DEVREFORM",
        T(
            "Development and Reform Commission",
            "发展和改革委员会",
            "Commission du développement et de la réforme",
            "คณะกรรมการพัฒนาและปฏิรูป",
        ),
        "city",
        None,
    ),
    (
        "PLANNING",
        T(
            "Planning and Natural Resources Bureau",
            "规划和自然资源局",
            "Bureau de l'urbanisme et des ressources naturelles",
            "สำนักงานผังเมืองและทรัพยากรธรรมชาติ",
        ),
        "city",
        None,
    ),
    (
        "HOUSING",
        T(
            "Housing and Urban-Rural Construction Commission",
            "住房和城乡建设管理委员会",
            "Commission du logement et de la construction urbaine et rurale",
            "คณะกรรมการที่อยู่อาศัยและการก่อสร้างเมืองและชนบท",
        ),
        "city",
        None,
    ),
    (
        "POLICE",
        T(
            "Public Security Bureau",
            "公安局",
            "Bureau de la sécurité publique",
            "สำนักงานความมั่นคงสาธารณะ",
        ),
        "city",
        None,
    ),
    (
        "MEDINS",
        T(
            "Medical Insurance Bureau",
            "医疗保障局",
            "Bureau de l'assurance maladie",
            "สำนักงานประกันสุขภาพ",
        ),
        "city",
        None,
    ),
    (
        "TRAFFIC",
        T(
            "Traffic Police Detachment",
            "公安局交通警察支队",
            "Détachement de la police de la circulation",
            "กองกำกับการตำรวจจราจร",
        ),
        "city",
        None,
    ),
    (
        "HRSS",
        T(
            "Human Resources and Social Security Bureau",
            "人力资源和社会保障局",
            "Bureau des ressources humaines et de la sécurité sociale",
            "สำนักงานทรัพยากรมนุษย์และประกันสังคม",
        ),
        "city",
        None,
    ),
    (
        "TAX",
        T(
            "Tax Bureau",
            "税务局",
            "Bureau des impôts",
            "สำนักงานภาษี",
        ),
        "city",
        None,
    ),
    (
        "CIVIL",
        T(
            "Civil Affairs Bureau",
            "民政局",
            "Bureau des affaires civiles",
            "สำนักงานกิจการพลเรือน",
        ),
        "city",
        None,
    ),
    (
        "EDU",
        T(
            "Education Bureau",
            "教育局",
            "Bureau de l'éducation",
            "สำนักงานการศึกษา",
        ),
        "city",
        None,
    ),
    (
        "TRANSPORT",
        T(
            "Transport Commission",
            "交通委员会",
            "Commission des transports",
            "คณะกรรมการการขนส่ง",
        ),
        "city",
        None,
    ),
    (
        "AGRI",
        T(
            "Agriculture and Rural Affairs Commission",
            "农业农村委员会",
            "Commission de l'agriculture et des affaires rurales",
            "คณะกรรมการเกษตรและกิจการชนบท",
        ),
        "city",
        None,
    ),
    (
        "EMERGENCY",
        T(
            "Emergency Management Bureau",
            "应急管理局",
            "Bureau de la gestion des urgences",
            "สำนักงานบริหารจัดการเหตุฉุกเฉิน",
        ),
        "city",
        None,
    ),
    (
        "VETERANS",
        T(
            "Veterans Affairs Bureau",
            "退役军人事务局",
            "Bureau des anciens combattants",
            "สำนักงานกิจการทหารผ่านศึก",
        ),
        "city",
        None,
    ),
    (
        "JUSTICE",
        T(
            "Justice Bureau",
            "司法局",
            "Bureau de la justice",
            "สำนักงานยุติธรรม",
        ),
        "city",
        None,
    ),
    (
        "STATS",
        T(
            "Statistics Bureau",
            "统计局",
            "Bureau des statistiques",
            "สำนักงานสถิติ",
        ),
        "city",
        None,
    ),
    (
        "HOUSEFUND",
        T(
            "Housing Provident Fund Centre",
            "住房公积金管理中心",
            "Centre du fonds de prévoyance pour le logement",
            "ศูนย์กองทุนสำรองเพื่อที่อยู่อาศัย",
        ),
        "city",
        None,
    ),
    # District counterparts in Jing'an, under their city bureaus.
    (
        "JA-MKT",
        T(
            "Jing'an District Market Regulation Bureau",
            "静安区市场监督管理局",
            "Bureau de la régulation du marché du district de Jing'an",
            "สำนักงานกำกับดูแลตลาดเขตจิ้งอาน",
        ),
        "district",
        "MKT",
    ),
    (
        "JA-CULTURE",
        T(
            "Jing'an District Culture and Tourism Bureau",
            "静安区文化和旅游局",
            "Bureau de la culture et du tourisme du district de Jing'an",
            "สำนักงานวัฒนธรรมและการท่องเที่ยวเขตจิ้งอาน",
        ),
        "district",
        "CULTURE",
    ),
    (
        "JA-CIVIL",
        T(
            "Jing'an District Civil Affairs Bureau",
            "静安区民政局",
            "Bureau des affaires civiles du district de Jing'an",
            "สำนักงานกิจการพลเรือนเขตจิ้งอาน",
        ),
        "district",
        "CIVIL",
    ),
    (
        "JA-HRSS",
        T(
            "Jing'an District Human Resources and Social Security Bureau",
            "静安区人力资源和社会保障局",
            "Bureau des ressources humaines et de la sécurité sociale du district de Jing'an",
            "สำนักงานทรัพยากรมนุษย์และประกันสังคมเขตจิ้งอาน",
        ),
        "district",
        "HRSS",
    ),
]
