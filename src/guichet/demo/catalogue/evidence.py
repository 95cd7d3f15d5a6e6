# ruff: noqa: E501
"""Evidence types: the documents and certificates services ask for or issue.

Certificates a department issues are shareable: the data hub may hand them to another
department, with the holder's consent, so nobody brings the same paper twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from .spec import T


@dataclass(frozen=True)
class Evidence:
    code: str
    name: dict
    issuer: str | None = None
    months: int | None = None
    shareable: bool = False


def E(
    code: str,
    en: str,
    zh: str,
    fr: str,
    th: str,
    issuer: str | None = None,
    months: int | None = None,
    shareable: bool | None = None,
) -> Evidence:
    """An evidence type; what a department issues is shareable unless said otherwise."""
    return Evidence(
        code, T(en, zh, fr, th), issuer, months, bool(issuer) if shareable is None else shareable
    )


# fmt: off
EVIDENCE = [
    # Identity and civil status
    E("id-card", "Resident identity card", "居民身份证", "Carte d'identité de résident", "บัตรประจำตัวประชาชน", "POLICE", 240),
    E("household-register", "Household register (hukou booklet)", "居民户口簿", "Livret d'enregistrement du ménage (hukou)", "ทะเบียนบ้าน (ฮูโข่ว)", "POLICE"),
    E("photo", "Recent ID photo", "近期证件照", "Photo d'identité récente", "รูปถ่ายติดบัตรล่าสุด"),
    E("passport", "Passport", "护照", "Passeport", "หนังสือเดินทาง", "POLICE", 120),
    E("residence-permit", "Residence permit", "居住证", "Permis de résidence", "ใบอนุญาตพำนักอาศัย", "POLICE", 12),
    E("marriage-certificate", "Marriage certificate", "结婚证", "Certificat de mariage", "ทะเบียนสมรส", "CIVIL"),
    E("divorce-certificate", "Divorce certificate", "离婚证", "Certificat de divorce", "ทะเบียนหย่า", "CIVIL"),
    E("single-status-declaration", "Declaration of no spouse", "无配偶及无直系血亲关系声明", "Déclaration de célibat", "คำประกาศสถานะโสด"),
    E("birth-medical-certificate", "Birth medical certificate", "出生医学证明", "Certificat médical de naissance", "หนังสือรับรองการเกิดทางการแพทย์", "HEALTH"),
    E("death-certificate", "Medical certificate of death", "居民死亡医学证明（推断）书", "Certificat médical de décès", "หนังสือรับรองการตายทางการแพทย์", "HEALTH"),
    E("cremation-certificate", "Cremation certificate", "火化证明", "Certificat de crémation", "หนังสือรับรองการฌาปนกิจ", "CIVIL"),
    E("vaccination-certificate", "Child vaccination certificate", "预防接种证", "Carnet de vaccination de l'enfant", "สมุดบันทึกการฉีดวัคซีนของเด็ก", "HEALTH"),
    E("no-criminal-record", "Certificate of no criminal record", "无犯罪记录证明", "Certificat de non-condamnation", "หนังสือรับรองการไม่มีประวัติอาชญากรรม", "POLICE", 3),
    E("disability-certificate", "Disability certificate", "残疾人证", "Carte d'invalidité", "บัตรประจำตัวคนพิการ", "CIVIL", 120),
    E("discharge-certificate", "Military discharge certificate", "退役证", "Certificat de libération du service militaire", "หนังสือรับรองการปลดประจำการ", "VETERANS"),
    E("power-of-attorney", "Power of attorney", "授权委托书", "Procuration", "หนังสือมอบอำนาจ"),
    E("application-form", "Application form (signed)", "申请表（签字或盖章）", "Formulaire de demande (signé)", "แบบคำขอ (ลงนามแล้ว)"),
    E("bank-card", "Bank card or account details", "银行卡或银行账户信息", "Carte ou coordonnées bancaires", "บัตรหรือข้อมูลบัญชีธนาคาร"),
    E("income-statement", "Household income and assets declaration", "家庭收入及财产申报表", "Déclaration de revenus et de patrimoine du ménage", "แบบแสดงรายได้และทรัพย์สินของครัวเรือน"),
    E("loss-declaration", "Declaration of loss", "遗失声明", "Déclaration de perte", "คำแถลงการณ์สูญหาย"),
    # Companies
    E("business-licence", "Business licence", "营业执照", "Licence commerciale", "ใบอนุญาตประกอบธุรกิจ", "MKT"),
    E("company-articles", "Articles of association", "公司章程", "Statuts de la société", "ข้อบังคับบริษัท"),
    E("legal-rep-id", "Legal representative's identity card", "法定代表人身份证件", "Pièce d'identité du représentant légal", "บัตรประชาชนของผู้แทนตามกฎหมาย", "POLICE", 240),
    E("shareholder-resolution", "Shareholders' resolution", "股东会决议", "Résolution des actionnaires", "มติผู้ถือหุ้น"),
    E("investor-ids", "Shareholders' identity documents", "股东主体资格证明或身份证件", "Pièces d'identité des actionnaires", "เอกสารแสดงตนของผู้ถือหุ้น"),
    E("foreign-investor-docs", "Notarised documents of the foreign investor", "外国投资者主体资格公证认证文件", "Documents notariés de l'investisseur étranger", "เอกสารรับรองโดยโนตารีของผู้ลงทุนต่างชาติ"),
    E("name-reservation", "Company name self-declaration", "企业名称自主申报告知书", "Déclaration du nom de l'entreprise", "หนังสือแจ้งการจองชื่อบริษัท", "MKT"),
    E("seal-record", "Company seal filing record", "印章备案回执", "Récépissé d'enregistrement du sceau", "ใบรับการจดแจ้งตราประทับบริษัท", "POLICE"),
    E("lease-contract", "Lease contract", "租赁合同", "Contrat de bail", "สัญญาเช่า"),
    E("property-certificate", "Real estate title certificate", "不动产权证书", "Titre de propriété immobilière", "โฉนดกรรมสิทธิ์อสังหาริมทรัพย์", "PLANNING"),
    E("floor-plan", "Floor plan of the premises", "经营场所平面图", "Plan des locaux", "แผนผังพื้นที่ประกอบการ"),
    E("site-layout", "Site layout and evacuation plan", "场所布局及疏散示意图", "Plan d'implantation et d'évacuation", "แผนผังสถานที่และเส้นทางอพยพ"),
    E("equipment-list", "List of equipment and facilities", "主要设备设施清单", "Liste des équipements et installations", "รายการอุปกรณ์และสิ่งอำนวยความสะดวก"),
    E("employee-list", "List of employees", "从业人员名单", "Liste du personnel", "รายชื่อพนักงาน"),
    E("labour-contracts", "Labour contracts", "劳动合同", "Contrats de travail", "สัญญาจ้างแรงงาน"),
    E("commitment-letter", "Letter of commitment", "告知承诺书", "Lettre d'engagement", "หนังสือรับรองตนเอง"),
    # Food and drugs
    E("food-safety-rules", "Food safety management rules", "食品安全管理制度", "Règles de gestion de la sécurité alimentaire", "ระเบียบการจัดการความปลอดภัยของอาหาร"),
    E("food-safety-manager-cert", "Food safety manager certificate", "食品安全管理员培训合格证明", "Certificat de responsable de la sécurité alimentaire", "ใบรับรองผู้จัดการความปลอดภัยอาหาร", "MKT", 36),
    E("staff-health-certs", "Staff health certificates", "从业人员健康证明", "Certificats de santé du personnel", "ใบรับรองสุขภาพของพนักงาน", "HEALTH", 12),
    E("kitchen-layout", "Kitchen layout and process flow", "厨房布局及操作流程图", "Plan de la cuisine et flux de production", "แผนผังห้องครัวและขั้นตอนการปฏิบัติงาน"),
    E("bulk-food-storage-plan", "Bulk food storage and display plan", "散装食品贮存及陈列方案", "Plan de stockage et d'exposition des aliments en vrac", "แผนการจัดเก็บและวางจำหน่ายอาหารแบบชั่งตวง"),
    E("traceability-commitment", "Infant formula traceability commitment", "婴幼儿配方乳粉专柜专区及追溯承诺书", "Engagement de traçabilité des préparations pour nourrissons", "หนังสือรับรองการตรวจสอบย้อนกลับนมผงทารก"),
    E("pharmacist-cert", "Licensed pharmacist registration certificate", "执业药师注册证", "Certificat d'inscription de pharmacien", "ใบอนุญาตประกอบวิชาชีพเภสัชกรรม", "MPA", 60),
    E("quality-manager-cert", "Quality manager's qualification", "质量负责人资质证明", "Qualification du responsable qualité", "หลักฐานคุณวุฒิผู้รับผิดชอบด้านคุณภาพ"),
    E("quality-rules", "Quality management system documents", "质量管理制度文件", "Documents du système de gestion de la qualité", "เอกสารระบบบริหารคุณภาพ"),
    E("storage-conditions", "Storage and warehouse conditions", "仓储设施及储存条件说明", "Conditions de stockage et d'entreposage", "เงื่อนไขการจัดเก็บและคลังสินค้า"),
    E("traceability-system", "Computer traceability system description", "计算机管理及追溯系统说明", "Description du système informatique de traçabilité", "คำอธิบายระบบคอมพิวเตอร์ติดตามย้อนกลับ"),
    E("product-catalogue", "Catalogue of products to be sold", "拟经营产品目录", "Catalogue des produits vendus", "รายการผลิตภัณฑ์ที่จะจำหน่าย"),
    # Public places, culture and safety
    E("hygiene-inspection-report", "Hygiene inspection report", "卫生检测报告", "Rapport d'inspection sanitaire", "รายงานการตรวจสุขอนามัย"),
    E("hygiene-rules", "Hygiene management rules", "卫生管理制度", "Règles de gestion de l'hygiène", "ระเบียบการจัดการสุขอนามัย"),
    E("ventilation-hygiene-report", "Central air-conditioning hygiene assessment", "集中空调通风系统卫生学评价报告", "Évaluation sanitaire de la climatisation centrale", "รายงานประเมินสุขอนามัยระบบปรับอากาศส่วนกลาง"),
    E("fire-inspection-report", "Fire safety inspection approval", "公众聚集场所投入使用、营业前消防安全检查合格证", "Avis favorable d'inspection incendie", "หนังสือรับรองผลการตรวจความปลอดภัยด้านอัคคีภัย", "FIRE"),
    E("fire-safety-plan", "Fire safety rules and evacuation plan", "消防安全制度及灭火和应急疏散预案", "Règles de sécurité incendie et plan d'évacuation", "ระเบียบความปลอดภัยด้านอัคคีภัยและแผนอพยพ"),
    E("fire-facilities-report", "Fire facilities test report", "消防设施检测报告", "Rapport d'essai des installations incendie", "รายงานการทดสอบระบบป้องกันอัคคีภัย"),
    E("performance-contract", "Performance contract", "演出合同或协议", "Contrat de représentation", "สัญญาการแสดง"),
    E("performer-ids", "Performers' identity documents", "演员有效身份证件", "Pièces d'identité des artistes", "เอกสารแสดงตนของนักแสดง"),
    E("program-list", "Programme, lyrics and scripts", "节目及其视听资料", "Programme, paroles et textes", "รายการแสดง เนื้อเพลงและบท"),
    E("foreign-performer-docs", "Foreign performers' passports and work papers", "境外演员护照及演出证明", "Passeports et autorisations des artistes étrangers", "หนังสือเดินทางและเอกสารการทำงานของนักแสดงต่างชาติ"),
    E("security-plan", "Security and crowd management plan", "安全工作方案及应急预案", "Plan de sécurité et de gestion des foules", "แผนรักษาความปลอดภัยและการจัดการฝูงชน"),
    E("large-event-safety-permit", "Large-scale event safety permit", "大型群众性活动安全许可决定书", "Autorisation de sécurité de grand événement", "ใบอนุญาตความปลอดภัยสำหรับกิจกรรมขนาดใหญ่", "POLICE"),
    E("network-security-plan", "Network and information security plan", "网络与信息安全管理制度及技术措施", "Plan de sécurité des réseaux et de l'information", "แผนความปลอดภัยเครือข่ายและสารสนเทศ"),
    E("signage-design", "Signboard design and installation drawing", "招牌设计及安装效果图", "Plan et maquette de l'enseigne", "แบบและภาพจำลองการติดตั้งป้าย"),
    E("structural-safety-report", "Structural safety report", "结构安全检测报告", "Rapport de sécurité structurelle", "รายงานความปลอดภัยของโครงสร้าง"),
    E("owner-consent", "Property owner's consent", "产权人同意书", "Accord du propriétaire", "หนังสือยินยอมจากเจ้าของกรรมสิทธิ์"),
    E("safety-manager-cert", "Work safety manager certificate", "安全生产管理人员合格证", "Certificat de responsable de la sécurité au travail", "ใบรับรองผู้จัดการความปลอดภัยในการทำงาน", "EMERGENCY", 36),
    E("safety-assessment", "Safety assessment report", "安全评价报告", "Rapport d'évaluation de la sécurité", "รายงานการประเมินความปลอดภัย"),
    E("emergency-plan", "Emergency response plan", "生产安全事故应急预案", "Plan d'intervention d'urgence", "แผนรับมือเหตุฉุกเฉิน"),
    E("medical-staff-certs", "Medical staff practising certificates", "医师、护士执业证书", "Certificats d'exercice du personnel médical", "ใบอนุญาตประกอบวิชาชีพของบุคลากรทางการแพทย์", "HEALTH", 60),
    # Construction
    E("project-proposal", "Project proposal", "项目建议书或项目申请报告", "Proposition de projet", "ข้อเสนอโครงการ"),
    E("feasibility-study", "Feasibility study report", "可行性研究报告", "Étude de faisabilité", "รายงานการศึกษาความเป็นไปได้"),
    E("land-use-certificate", "Land use right certificate", "国有土地使用权证明", "Certificat de droit d'usage du sol", "หนังสือรับรองสิทธิการใช้ที่ดิน", "PLANNING"),
    E("land-transfer-contract", "Land use right transfer contract", "国有建设用地使用权出让合同", "Contrat de cession du droit d'usage du sol", "สัญญาโอนสิทธิการใช้ที่ดิน"),
    E("design-drawings", "Design drawings", "设计图纸", "Plans de conception", "แบบก่อสร้าง"),
    E("site-plan", "General site plan", "建设工程设计方案总平面图", "Plan de masse", "ผังบริเวณโครงการ"),
    E("drawing-review-certificate", "Construction drawing review certificate", "施工图设计文件审查合格书", "Certificat de vérification des plans d'exécution", "หนังสือรับรองการตรวจแบบก่อสร้าง"),
    E("construction-contract", "Construction contract", "建设工程施工合同", "Contrat de travaux", "สัญญาก่อสร้าง"),
    E("supervision-contract", "Construction supervision contract", "建设工程监理合同", "Contrat de supervision des travaux", "สัญญาควบคุมงานก่อสร้าง"),
    E("funding-proof", "Proof of available funds", "建设资金已落实承诺书", "Justificatif de disponibilité des fonds", "หลักฐานแสดงความพร้อมด้านเงินทุน"),
    E("seismic-review-opinion", "Seismic review opinion for super high-rise buildings", "超限高层建筑工程抗震设防专项审查意见", "Avis sur la conception parasismique des immeubles de grande hauteur", "ความเห็นการตรวจสอบการออกแบบต้านแผ่นดินไหวสำหรับอาคารสูงพิเศษ"),
    E("completion-report", "Completion acceptance report", "工程竣工验收报告", "Rapport de réception des travaux", "รายงานการตรวจรับงานแล้วเสร็จ"),
    E("quality-inspection-report", "Works quality inspection report", "工程质量检测报告", "Rapport d'inspection de la qualité des travaux", "รายงานการตรวจสอบคุณภาพงาน"),
    E("as-built-survey", "As-built planning survey", "竣工规划核实测量成果", "Levé topographique de récolement", "ผลการสำรวจหลังก่อสร้างแล้วเสร็จ"),
    E("environmental-report", "Environmental impact report or form", "环境影响报告书（表）", "Étude d'impact environnemental", "รายงานการประเมินผลกระทบสิ่งแวดล้อม"),
    E("sewage-treatment-plan", "Sewage pre-treatment plan", "污水预处理设施及排水方案", "Plan de prétraitement des eaux usées", "แผนบำบัดน้ำเสียเบื้องต้น"),
    E("water-quality-report", "Waste water quality test report", "排水水质检测报告", "Rapport d'analyse des eaux usées", "รายงานผลตรวจคุณภาพน้ำทิ้ง"),
    E("drainage-network-plan", "Internal drainage network plan", "排水管网图", "Plan du réseau d'évacuation interne", "แผนผังระบบระบายน้ำภายใน"),
    # Vehicles
    E("vehicle-licence", "Vehicle registration licence", "机动车行驶证", "Certificat d'immatriculation du véhicule", "ใบคู่มือจดทะเบียนรถ", "TRAFFIC"),
    E("vehicle-registration-certificate", "Vehicle registration certificate", "机动车登记证书", "Certificat d'enregistrement du véhicule", "หนังสือรับรองการจดทะเบียนรถ", "TRAFFIC"),
    E("driving-licence", "Driving licence", "机动车驾驶证", "Permis de conduire", "ใบอนุญาตขับขี่", "TRAFFIC", 72),
    E("insurance-policy", "Compulsory traffic accident insurance policy", "机动车交通事故责任强制保险单", "Attestation d'assurance obligatoire", "กรมธรรม์ประกันภัยรถภาคบังคับ", months=12),
    E("vehicle-safety-test-report", "Vehicle safety technical test report", "机动车安全技术检验报告", "Rapport de contrôle technique", "รายงานการตรวจสภาพรถ", months=12),
    E("vehicle-purchase-invoice", "Vehicle sales invoice", "机动车销售统一发票", "Facture d'achat du véhicule", "ใบกำกับภาษีการซื้อรถ"),
    E("vehicle-conformity-certificate", "Vehicle certificate of conformity", "车辆出厂合格证明", "Certificat de conformité du véhicule", "หนังสือรับรองความสอดคล้องของรถ"),
    E("vehicle-tax-certificate", "Vehicle purchase tax certificate", "车辆购置税完税证明", "Attestation de paiement de la taxe d'achat", "หลักฐานการชำระภาษีซื้อรถ", "TAX"),
    E("driver-health-certificate", "Driver's medical certificate", "机动车驾驶人身体条件证明", "Certificat médical du conducteur", "ใบรับรองแพทย์สำหรับผู้ขับขี่", "HEALTH", 6),
    E("scrapping-certificate", "End-of-life vehicle recycling certificate", "报废机动车回收证明", "Certificat de destruction du véhicule", "หนังสือรับรองการรีไซเคิลรถหมดอายุ", "COMMERCE"),
    E("vehicle-inspection-mark", "Vehicle inspection mark", "机动车检验合格标志", "Vignette de contrôle technique", "เครื่องหมายผ่านการตรวจสภาพรถ", "TRAFFIC", 12),
    # Work, social security, housing fund
    E("social-security-card", "Social security card", "社会保障卡", "Carte de sécurité sociale", "บัตรประกันสังคม", "HRSS", 120),
    E("employment-record", "Employment and contribution record", "就业和参保缴费记录", "Relevé d'emploi et de cotisations", "ประวัติการทำงานและการส่งเงินสมทบ", "HRSS"),
    E("retirement-approval", "Retirement approval", "退休审批表", "Décision de départ à la retraite", "หนังสืออนุมัติการเกษียณ", "HRSS"),
    E("personnel-file", "Personnel file", "人事档案", "Dossier du personnel", "แฟ้มประวัติบุคลากร"),
    E("unemployment-registration", "Unemployment registration certificate", "失业登记证明", "Attestation d'inscription au chômage", "หนังสือรับรองการขึ้นทะเบียนว่างงาน", "HRSS"),
    E("termination-certificate", "Proof of termination of the labour contract", "解除或终止劳动合同证明", "Attestation de fin de contrat de travail", "หนังสือรับรองการสิ้นสุดสัญญาจ้าง"),
    E("medical-insurance-record", "Medical insurance enrolment record", "医疗保险参保凭证", "Attestation d'affiliation à l'assurance maladie", "หลักฐานการขึ้นทะเบียนประกันสุขภาพ", "MEDINS"),
    E("medical-bills", "Hospital invoices and discharge summary", "医疗费用票据及出院小结", "Factures d'hôpital et compte rendu de sortie", "ใบเสร็จค่ารักษาและสรุปการจำหน่ายผู้ป่วย"),
    E("housing-fund-statement", "Housing provident fund account statement", "住房公积金缴存证明", "Relevé du fonds de prévoyance pour le logement", "รายการเดินบัญชีกองทุนสำรองเพื่อที่อยู่อาศัย", "HOUSEFUND"),
    E("home-purchase-contract", "Home purchase contract", "商品房买卖合同", "Contrat d'achat de logement", "สัญญาซื้อขายที่อยู่อาศัย"),
    E("rent-receipts", "Rent invoices", "房租发票", "Quittances de loyer", "ใบเสร็จค่าเช่า"),
    # Education, justice, others
    E("qualification-certificate", "Professional qualification certificate", "职业资格证书", "Certificat de qualification professionnelle", "ใบรับรองคุณวุฒิวิชาชีพ"),
    E("training-certificate", "Training certificate", "培训合格证书", "Attestation de formation", "ใบรับรองการฝึกอบรม"),
    E("pet-vaccination-record", "Dog rabies vaccination record", "犬只狂犬病免疫证明", "Certificat de vaccination antirabique du chien", "หลักฐานการฉีดวัคซีนพิษสุนัขบ้า", "AGRI", 12),
    E("divorce-agreement", "Divorce agreement", "离婚协议书", "Convention de divorce", "ข้อตกลงการหย่า"),
    E("school-place-notice", "School place notice", "入学通知书", "Avis d'affectation scolaire", "หนังสือแจ้งการรับเข้าเรียน", "EDU"),
    E("student-record", "Student status record", "学籍信息", "Dossier scolaire", "ข้อมูลทะเบียนนักเรียน", "EDU"),
    E("hardship-proof", "Proof of financial hardship", "家庭经济困难证明", "Justificatif de difficultés financières", "หลักฐานแสดงความยากลำบากทางการเงิน", "CIVIL"),
    E("case-materials", "Case materials", "案件相关材料", "Pièces du dossier", "เอกสารประกอบคดี"),
    E("tax-clearance", "Tax clearance certificate", "清税证明", "Attestation de situation fiscale", "หนังสือรับรองการชำระภาษีครบถ้วน", "TAX"),
    E("liquidation-report", "Liquidation report", "清算报告", "Rapport de liquidation", "รายงานการชำระบัญชี"),
    E("statistical-report", "Statistical report form", "统计报表", "Formulaire de déclaration statistique", "แบบรายงานสถิติ"),
    # What the hand-written services issue
    E("food-business-licence", "Food business licence", "食品经营许可证", "Licence d'exploitation alimentaire", "ใบอนุญาตประกอบธุรกิจอาหาร", "MKT", 60),
    E("small-food-workshop-certificate", "Small food business registration certificate", "食品小经营店（小作坊、摊贩）登记证", "Certificat d'enregistrement de petit commerce alimentaire", "ใบรับรองการจดทะเบียนกิจการอาหารขนาดเล็ก", "MKT", 36),
    E("food-production-licence", "Food production licence", "食品生产许可证", "Licence de production alimentaire", "ใบอนุญาตผลิตอาหาร", "MKT", 60),
    E("drug-retail-licence", "Drug retail licence", "药品经营许可证（零售）", "Licence de vente de médicaments au détail", "ใบอนุญาตขายปลีกยา", "MPA", 60),
    E("drug-wholesale-licence", "Drug wholesale licence", "药品经营许可证（批发）", "Licence de vente de médicaments en gros", "ใบอนุญาตขายส่งยา", "MPA", 60),
    E("device-ii-filing-record", "Class II medical devices business filing record", "第二类医疗器械经营备案凭证", "Récépissé de déclaration de dispositifs médicaux de classe II", "หลักฐานการจดแจ้งประกอบธุรกิจเครื่องมือแพทย์ประเภทที่ 2", "MPA"),
    E("device-iii-licence", "Class III medical devices business licence", "第三类医疗器械经营许可证", "Licence de dispositifs médicaux de classe III", "ใบอนุญาตประกอบธุรกิจเครื่องมือแพทย์ประเภทที่ 3", "MPA", 60),
    E("public-place-hygiene-licence", "Hygiene licence for public places", "公共场所卫生许可证", "Licence d'hygiène des lieux publics", "ใบอนุญาตด้านสุขอนามัยสถานที่สาธารณะ", "HEALTH", 48),
    E("performance-approval", "Commercial performance approval", "营业性演出批准文件", "Autorisation de spectacle commercial", "หนังสืออนุญาตการแสดงเชิงพาณิชย์", "CULTURE", 6),
    E("performance-venue-record", "Performance venue filing record", "演出场所经营单位备案证明", "Récépissé de déclaration de salle de spectacle", "หลักฐานการจดแจ้งสถานที่จัดการแสดง", "CULTURE"),
    E("internet-culture-licence", "Internet culture business licence", "网络文化经营许可证", "Licence d'exploitation culturelle en ligne", "ใบอนุญาตประกอบธุรกิจวัฒนธรรมอินเทอร์เน็ต", "CULTURE", 36),
    E("entertainment-licence", "Entertainment business licence", "娱乐经营许可证", "Licence d'établissement de divertissement", "ใบอนุญาตประกอบกิจการสถานบันเทิง", "CULTURE", 24),
    E("art-objects-record", "Art objects business filing record", "艺术品经营单位备案证明", "Récépissé de déclaration de commerce d'objets d'art", "หลักฐานการจดแจ้งธุรกิจศิลปวัตถุ", "CULTURE"),
    E("signage-permit", "Outdoor signage permit", "户外招牌设置许可决定书", "Autorisation d'enseigne extérieure", "ใบอนุญาตติดตั้งป้ายกลางแจ้ง", "URBAN", 36),
    E("alcohol-retail-record", "Alcohol retail filing record", "酒类商品零售备案登记表", "Récépissé de déclaration de vente d'alcool", "หลักฐานการจดแจ้งขายปลีกสุรา", "COMMERCE"),
    E("special-trade-licence", "Special trade licence (hotels)", "特种行业许可证（旅馆业）", "Licence d'activité spéciale (hôtellerie)", "ใบอนุญาตประกอบกิจการพิเศษ (โรงแรม)", "POLICE"),
    E("medical-institution-licence", "Medical institution practising licence", "医疗机构执业许可证", "Licence d'exercice d'établissement médical", "ใบอนุญาตประกอบกิจการสถานพยาบาล", "HEALTH", 60),
    E("hazardous-chemicals-licence", "Hazardous chemicals business licence", "危险化学品经营许可证", "Licence de commerce de produits chimiques dangereux", "ใบอนุญาตประกอบธุรกิจเคมีภัณฑ์อันตราย", "EMERGENCY", 36),
    E("environmental-registration-receipt", "Environmental impact registration receipt", "建设项目环境影响登记表备案回执", "Récépissé d'enregistrement environnemental", "ใบรับการจดแจ้งผลกระทบสิ่งแวดล้อม", "ECO"),
    E("drainage-permit", "Permit to discharge into the sewer network", "城镇污水排入排水管网许可证", "Autorisation de rejet dans le réseau d'assainissement", "ใบอนุญาตระบายน้ำเสียลงท่อสาธารณะ", "WATER", 60),
    E("project-filing-certificate", "Investment project filing certificate", "企业投资项目备案证明", "Récépissé d'enregistrement du projet d'investissement", "หนังสือรับรองการจดแจ้งโครงการลงทุน", "DEVREFORM"),
    E("energy-review-opinion", "Energy-saving review opinion", "节能审查意见", "Avis d'examen énergétique", "ความเห็นการตรวจสอบการประหยัดพลังงาน", "DEVREFORM"),
    E("land-use-planning-permit", "Land-use planning permit", "建设用地规划许可证", "Permis d'aménagement foncier", "ใบอนุญาตผังการใช้ที่ดิน", "PLANNING"),
    E("construction-planning-permit", "Construction project planning permit", "建设工程规划许可证", "Permis de construire (urbanisme)", "ใบอนุญาตผังโครงการก่อสร้าง", "PLANNING"),
    E("construction-contract-record", "Construction contract registration record", "建设工程合同备案证明", "Récépissé d'enregistrement du contrat de travaux", "หลักฐานการจดทะเบียนสัญญาก่อสร้าง", "HOUSING"),
    E("construction-works-permit", "Construction works permit", "建筑工程施工许可证", "Permis d'ouverture de chantier", "ใบอนุญาตก่อสร้าง", "HOUSING"),
    E("fire-design-approval", "Fire protection design review approval", "特殊建设工程消防设计审查意见书", "Avis d'examen de la conception incendie", "ความเห็นการตรวจแบบป้องกันอัคคีภัย", "HOUSING"),
    E("fire-acceptance-record", "Fire protection acceptance record", "特殊建设工程消防验收意见书", "Avis de réception incendie des travaux", "หนังสือรับรองการตรวจรับระบบป้องกันอัคคีภัย", "HOUSING"),
    E("completion-filing-record", "Completion acceptance filing record", "竣工验收备案证明", "Récépissé de déclaration de réception des travaux", "หลักฐานการจดแจ้งการตรวจรับงานแล้วเสร็จ", "HOUSING"),
    E("road-works-permit", "Road occupation and excavation permit", "城市道路占用挖掘许可决定书", "Autorisation d'occupation et de fouille de voirie", "ใบอนุญาตใช้และขุดถนนในเมือง", "URBAN", 6),
    E("waste-disposal-permit", "Construction waste disposal permit", "建筑垃圾处置核准文件", "Autorisation d'élimination des déchets de chantier", "ใบอนุญาตกำจัดขยะจากการก่อสร้าง", "URBAN", 12),
]
# fmt: on
