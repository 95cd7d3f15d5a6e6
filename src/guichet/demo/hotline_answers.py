"""The demo operators' knowledge base: standard answers to the questions callers ask most.

(category code or "", keywords) -> (question, answer); texts in English, Chinese, French and Thai.
"""

from __future__ import annotations

from .hotline_categories import T

ANSWERS = {
    ("housing-fund", "公积金,租房,提取,rent,withdraw"): (
        T(
            "Can I withdraw my housing fund to pay rent?",
            "租房可以提取住房公积金吗？",
            "Puis-je retirer mon fonds logement pour payer le loyer ?",
            "ถอนเงินกองทุนที่อยู่อาศัยมาจ่ายค่าเช่าได้ไหม",
        ),
        T(
            "Yes, if you own no home in the city. Apply online once every three months; "
            "no lease is needed below the standard amount.",
            "可以。本市无自有住房的职工可按季度在线申请提取，标准额度以内无需提供租赁合同。",
            "Oui, si vous n'êtes pas propriétaire en ville. Demande en ligne une fois par"
            " trimestre.",
            "ได้ หากไม่มีบ้านของตนเองในเมือง ยื่นออนไลน์ได้ทุกสามเดือน",
        ),
    ),
    ("housing-fund", "公积金,转移,transfer,异地"): (
        T(
            "How do I move my housing fund from another city?",
            "公积金异地转移怎么办？",
            "Comment transférer mon fonds logement d'une autre ville ?",
            "โอนกองทุนที่อยู่อาศัยจากเมืองอื่นอย่างไร",
        ),
        T(
            "Open an account here through your new employer, then ask for the transfer online; "
            "the money arrives in about 15 working days.",
            "先由新单位在本市开户缴存，再在线申请转移接续，约15个工作日到账。",
            "Ouvrez un compte ici via votre employeur, puis demandez le transfert en ligne (15"
            " jours ouvrés).",
            "ให้นายจ้างใหม่เปิดบัญชีก่อน แล้วยื่นขอโอนออนไลน์ ประมาณ 15 วันทำการ",
        ),
    ),
    ("social-insurance", "退休,养老金,retire,pension"): (
        T(
            "How do I apply for my pension when I retire?",
            "退休手续怎么办理？",
            "Comment demander ma retraite ?",
            "ยื่นขอรับบำนาญเมื่อเกษียณอย่างไร",
        ),
        T(
            "Your employer files it in the month before you reach retirement age; if you are "
            "self-employed, apply at the district social insurance centre with your ID card.",
            "由单位在达到退休年龄前一个月申报；灵活就业人员持身份证到区社保中心办理。",
            "L'employeur dépose la demande le mois précédent; les indépendants vont au centre de"
            " district.",
            "นายจ้างยื่นก่อนถึงอายุเกษียณหนึ่งเดือน ผู้ประกอบอาชีพอิสระยื่นที่ศูนย์ประกันสังคมเขต",
        ),
    ),
    ("social-insurance", "社保,转移,transfer,social insurance"): (
        T(
            "How do I transfer my social insurance from another province?",
            "社保跨省转移怎么办？",
            "Comment transférer ma sécurité sociale d'une autre province ?",
            "โอนประกันสังคมข้ามมณฑลอย่างไร",
        ),
        T(
            "Apply online to transfer in; the old province sends the record within 45 working"
            " days.",
            "在线申请转入即可，原参保地在45个工作日内完成转出。",
            "Demandez le transfert en ligne ; l'ancienne province transmet sous 45 jours ouvrés.",
            "ยื่นขอโอนเข้าออนไลน์ มณฑลเดิมจะส่งข้อมูลภายใน 45 วันทำการ",
        ),
    ),
    ("social-insurance", "失业金,unemployment,chômage"): (
        T(
            "How do I claim unemployment benefit?",
            "失业金怎么申领？",
            "Comment toucher l'allocation chômage ?",
            "ขอรับเงินว่างงานอย่างไร",
        ),
        T(
            "If you paid in for a year and lost your job involuntarily, apply online within 60"
            " days.",
            "缴费满一年且非本人意愿中断就业的，可在60天内在线申领。",
            "Après un an de cotisation et une perte d'emploi involontaire, demandez en ligne sous"
            " 60 jours.",
            "หากจ่ายเงินสมทบครบหนึ่งปีและตกงานโดยไม่สมัครใจ ยื่นออนไลน์ภายใน 60 วัน",
        ),
    ),
    ("medical-insurance", "异地就医,备案,another city,autre ville"): (
        T(
            "How do I register for treatment in another city?",
            "异地就医备案怎么办？",
            "Comment s'inscrire pour des soins dans une autre ville ?",
            "ลงทะเบียนรักษาต่างเมืองอย่างไร",
        ),
        T(
            "Register in the national medical insurance app before you go; bills are then settled "
            "directly at the hospital.",
            "出发前在国家医保服务平台APP备案，就医时可直接结算。",
            "Inscrivez-vous dans l'application nationale avant le départ ; l'hôpital facture"
            " directement.",
            "ลงทะเบียนในแอปประกันสุขภาพแห่งชาติก่อนเดินทาง แล้วชำระที่โรงพยาบาลได้โดยตรง",
        ),
    ),
    ("medical-insurance", "医保,报销,reimburse,rembourse"): (
        T(
            "How do I get a hospital bill reimbursed?",
            "医疗费用怎么报销？",
            "Comment me faire rembourser une facture d'hôpital ?",
            "เบิกค่ารักษาพยาบาลอย่างไร",
        ),
        T(
            "Bring the invoices, the list of charges and the discharge summary to any medical "
            "insurance counter, or upload them online.",
            "携带发票、费用清单和出院小结到医保窗口办理，或在线上传。",
            "Apportez factures, détail des frais et compte rendu de sortie au guichet, ou"
            " envoyez-les en ligne.",
            "นำใบเสร็จ รายการค่าใช้จ่าย และสรุปการรักษามาที่เคาน์เตอร์ หรืออัปโหลดออนไลน์",
        ),
    ),
    ("education", "入学,报名,enrol,inscription"): (
        T(
            "When is primary school enrolment?",
            "小学入学报名是什么时候？",
            "Quand ont lieu les inscriptions en primaire ?",
            "รับสมัครเข้าประถมเมื่อไร",
        ),
        T(
            "Online registration opens in April; children who turn six by 31 August can enrol in "
            "the school of the family's registered address.",
            "每年4月开放网上报名，8月31日前年满6周岁的儿童按户籍地址对口入学。",
            "Inscription en ligne en avril ; les enfants de six ans au 31 août vont à l'école de"
            " secteur.",
            "เปิดลงทะเบียนออนไลน์ในเดือนเมษายน เด็กที่อายุครบหกปีภายใน 31 สิงหาคมเข้าเรียนตามเขต",
        ),
    ),
    ("education", "培训,退费,tutoring,refund"): (
        T(
            "A tutoring centre will not refund me. What can I do?",
            "培训机构不退费怎么办？",
            "Un centre de soutien scolaire refuse de rembourser. Que faire ?",
            "สถาบันกวดวิชาไม่คืนเงินทำอย่างไร",
        ),
        T(
            "Keep the contract and payment records and report it; the education bureau checks the "
            "centre and can order the refund.",
            "请保留合同和付款凭证并反映，教育部门将核查并督促退费。",
            "Gardez contrat et preuves de paiement et signalez-le ; le bureau contrôlera le"
            " centre.",
            "เก็บสัญญาและหลักฐานการชำระเงินแล้วแจ้งมา สำนักงานการศึกษาจะตรวจสอบ",
        ),
    ),
    ("consumer-dispute", "预付卡,退款,prepaid,refund"): (
        T(
            "The shop closed and my prepaid card still has money on it.",
            "商家关门，预付卡里的钱怎么办？",
            "Le commerce a fermé et ma carte prépayée n'est pas vide.",
            "ร้านปิดแล้ว เงินในบัตรเติมเงินทำอย่างไร",
        ),
        T(
            "Report it with the card and the receipts; the market bureau registers every holder"
            " and "
            "mediates, or refers the case to the police when the owner has fled.",
            "请携带卡片和票据反映，市场监管部门登记并组织调解，经营者失联的移交公安。",
            "Signalez-le avec la carte et les reçus ; le bureau du marché recense les clients et"
            " fait une médiation.",
            "แจ้งพร้อมบัตรและใบเสร็จ สำนักงานตลาดจะลงทะเบียนและไกล่เกลี่ย",
        ),
    ),
    ("consumer-dispute", "七天无理由,退货,return,retour"): (
        T(
            "Can I return something I bought online?",
            "网购商品可以七天无理由退货吗？",
            "Puis-je retourner un achat en ligne ?",
            "คืนสินค้าที่ซื้อออนไลน์ได้ไหม",
        ),
        T(
            "Yes, within seven days of delivery for most goods, if they are unused and complete.",
            "大多数商品在签收后七天内、不影响二次销售的，可以无理由退货。",
            "Oui, sous sept jours pour la plupart des produits, s'ils sont neufs et complets.",
            "ได้ ภายในเจ็ดวันหลังได้รับสินค้า หากยังไม่ได้ใช้และครบถ้วน",
        ),
    ),
    ("food-safety", "过期,食品,expired,périmé"): (
        T(
            "I bought expired food. What compensation can I ask?",
            "买到过期食品可以索赔吗？",
            "J'ai acheté un produit périmé. Quel dédommagement ?",
            "ซื้ออาหารหมดอายุ ขอชดเชยได้ไหม",
        ),
        T(
            "Ten times the price (at least 1,000 yuan) under the food safety law; keep the product "
            "and the receipt.",
            "依据食品安全法可要求价款十倍赔偿（不足1000元按1000元），请保留商品和小票。",
            "Dix fois le prix (au moins 1 000 yuans) ; gardez le produit et le ticket.",
            "สิบเท่าของราคา (อย่างน้อย 1,000 หยวน) โปรดเก็บสินค้าและใบเสร็จไว้",
        ),
    ),
    ("wage-arrears", "欠薪,工资,wages,salaire"): (
        T(
            "My employer has not paid my wages.",
            "单位拖欠工资怎么办？",
            "Mon employeur ne me paie pas.",
            "นายจ้างไม่จ่ายค่าจ้าง",
        ),
        T(
            "Report it with your contract, attendance and chat records; the labour inspectorate "
            "acts within 5 working days, and you can also apply for arbitration (free).",
            "请提供劳动合同、考勤和聊天记录，劳动监察5个工作日内处理，也可免费申请劳动仲裁。",
            "Signalez-le avec contrat et relevés ; l'inspection agit sous 5 jours, l'arbitrage est"
            " gratuit.",
            "แจ้งพร้อมสัญญาและบันทึกการทำงาน พนักงานตรวจแรงงานดำเนินการภายใน 5 วันทำการ",
        ),
    ),
    ("wage-arrears", "仲裁,arbitration,arbitrage"): (
        T(
            "How do I apply for labour arbitration?",
            "劳动仲裁怎么申请？",
            "Comment saisir l'arbitrage du travail ?",
            "ยื่นอนุญาโตตุลาการแรงงานอย่างไร",
        ),
        T(
            "File the application at the district arbitration commission within one year of the "
            "dispute; it is free.",
            "在争议发生之日起一年内向区劳动人事争议仲裁委员会申请，不收费。",
            "Déposez la demande auprès de la commission du district dans l'année ; c'est gratuit.",
            "ยื่นคำร้องที่คณะกรรมการอนุญาโตตุลาการเขตภายในหนึ่งปี ไม่มีค่าใช้จ่าย",
        ),
    ),
    ("gas", "燃气,泄漏,gas,gaz"): (
        T(
            "I smell gas at home.",
            "家里闻到燃气味怎么办？",
            "Je sens le gaz chez moi.",
            "ได้กลิ่นแก๊สในบ้าน",
        ),
        T(
            "Close the valve, open the windows, do not touch switches or flames, leave and call"
            " the "
            "gas emergency line from outside.",
            "立即关闭阀门、开窗通风，不要开关电器或动火，到室外拨打燃气抢修电话。",
            "Fermez le robinet, aérez, ne touchez à aucun interrupteur, sortez et appelez"
            " l'urgence gaz.",
            "ปิดวาล์ว เปิดหน้าต่าง อย่าแตะสวิตช์หรือไฟ ออกไปข้างนอกแล้วโทรแจ้งเหตุ",
        ),
    ),
    ("water-supply", "停水,通知,water cut,coupure"): (
        T(
            "Is there a planned water cut in my area?",
            "我们这里是不是计划停水？",
            "Y a-t-il une coupure d'eau prévue ?",
            "มีการตัดน้ำตามแผนในพื้นที่ไหม",
        ),
        T(
            "Planned cuts are announced 24 hours ahead on the water company's site and in the "
            "compound; otherwise we send a repair team.",
            "计划停水会提前24小时公告；如无公告，我们将派员抢修。",
            "Les coupures prévues sont annoncées 24 h à l'avance ; sinon nous envoyons une équipe.",
            "การตัดน้ำตามแผนจะประกาศล่วงหน้า 24 ชั่วโมง หากไม่มีประกาศเราจะส่งทีมซ่อม",
        ),
    ),
    ("property-management", "电梯,困人,lift,ascenseur"): (
        T(
            "Someone is stuck in a lift.",
            "电梯困人怎么办？",
            "Quelqu'un est bloqué dans l'ascenseur.",
            "มีคนติดอยู่ในลิฟต์",
        ),
        T(
            "Press the alarm, stay calm and do not force the doors; the maintenance company must "
            "arrive within 30 minutes. We alert them now.",
            "按下警铃、保持冷静、不要扒门，维保单位须30分钟内到场，我们立即通知。",
            "Appuyez sur l'alarme, ne forcez pas les portes ; le mainteneur doit venir sous 30"
            " minutes.",
            "กดสัญญาณเตือน อย่างัดประตู ผู้ดูแลลิฟต์ต้องมาถึงภายใน 30 นาที",
        ),
    ),
    ("property-management", "维修基金,maintenance fund,fonds travaux"): (
        T(
            "How can we use the building maintenance fund?",
            "住宅专项维修资金怎么使用？",
            "Comment utiliser le fonds de travaux de l'immeuble ?",
            "ใช้กองทุนซ่อมบำรุงอาคารอย่างไร",
        ),
        T(
            "Two thirds of the owners (by area and number) must agree; the property company then "
            "applies to the housing office.",
            "须经专有部分面积和人数双三分之二业主同意，由物业向房管部门申请。",
            "Deux tiers des propriétaires doivent être d'accord ; le syndic dépose la demande.",
            "เจ้าของสองในสามต้องเห็นชอบ แล้วนิติบุคคลยื่นคำขอ",
        ),
    ),
    ("fire-hazard", "电瓶车,充电,e-bike,charging"): (
        T(
            "Where may e-bikes be charged?",
            "电瓶车可以在哪里充电？",
            "Où peut-on recharger un vélo électrique ?",
            "ชาร์จจักรยานไฟฟ้าได้ที่ไหน",
        ),
        T(
            "Only at charging points outside the building; charging in corridors, stairwells and "
            "flats is forbidden.",
            "只能在楼外的集中充电点充电，禁止在楼道、楼梯间和室内充电。",
            "Seulement aux bornes hors de l'immeuble ; jamais dans les couloirs ni les logements.",
            "ชาร์จได้เฉพาะจุดชาร์จนอกอาคาร ห้ามชาร์จในทางเดินและในห้อง",
        ),
    ),
    ("noise", "噪音,时间,noise hours,bruit"): (
        T(
            "At what times is noise not allowed?",
            "几点以后不能有噪音？",
            "À quelles heures le bruit est-il interdit ?",
            "ห้ามส่งเสียงดังช่วงเวลาใด",
        ),
        T(
            "From 22:00 to 6:00 in residential areas; renovation work only on weekdays 8:00-12:00"
            " and "
            "14:00-18:00.",
            "居民区22点至次日6点禁止噪声扰民；装修施工限工作日8-12点、14-18点。",
            "De 22 h à 6 h en zone résidentielle ; travaux en semaine 8-12 h et 14-18 h.",
            "ในเขตที่อยู่อาศัย 22:00-6:00 งานตกแต่งเฉพาะวันทำการ 8-12 และ 14-18 น.",
        ),
    ),
    ("construction-site", "夜间施工,许可,night work,permit"): (
        T(
            "Is night construction allowed here?",
            "工地晚上可以施工吗？",
            "Un chantier peut-il travailler la nuit ?",
            "ไซต์ก่อสร้างทำงานกลางคืนได้ไหม",
        ),
        T(
            "Only with a night-work permit posted at the gate; without it, report the site and "
            "inspectors will come.",
            "须取得夜间施工许可并在门口公示，无许可的可以反映，执法人员将到场。",
            "Seulement avec une autorisation affichée à l'entrée ; sinon signalez-le.",
            "ต้องมีใบอนุญาตติดไว้ที่ประตู หากไม่มีให้แจ้ง เจ้าหน้าที่จะไปตรวจ",
        ),
    ),
    ("compound-sanitation", "垃圾分类,时间,sorting,tri"): (
        T(
            "When can household rubbish be put out?",
            "垃圾什么时间可以投放？",
            "Quand peut-on sortir les poubelles ?",
            "ทิ้งขยะได้เวลาใด",
        ),
        T(
            "At the compound's sorting point in the posted hours (usually 7-9 and 18-20); bulky "
            "waste by appointment with the property company.",
            "在小区定时定点投放（一般7-9点、18-20点），大件垃圾预约物业清运。",
            "Au point de tri aux heures affichées (souvent 7-9 h et 18-20 h) ; encombrants sur"
            " rendez-vous.",
            "ทิ้งที่จุดคัดแยกตามเวลาที่ประกาศ (7-9 และ 18-20 น.)",
        ),
    ),
    ("elderly-help", "助餐,老人,meals,repas"): (
        T(
            "How can an older person get meals delivered?",
            "老人怎么申请助餐服务？",
            "Comment une personne âgée peut-elle avoir des repas livrés ?",
            "ผู้สูงอายุขอบริการส่งอาหารอย่างไร",
        ),
        T(
            "Residents over 60 can register at the community centre; the community canteen"
            " delivers "
            "for those who cannot come.",
            "60岁以上居民可到社区登记，行动不便的由社区食堂送餐上门。",
            "Les plus de 60 ans s'inscrivent au centre de quartier ; la cantine livre à domicile.",
            "ผู้มีอายุเกิน 60 ปีลงทะเบียนที่ศูนย์ชุมชน โรงอาหารชุมชนส่งถึงบ้าน",
        ),
    ),
    ("elderly-help", "长护险,care insurance,assurance dépendance"): (
        T(
            "How do I apply for long-term care insurance?",
            "长期护理保险怎么申请？",
            "Comment demander l'assurance dépendance ?",
            "สมัครประกันการดูแลระยะยาวอย่างไร",
        ),
        T(
            "Apply at the community affairs centre; an assessor visits within 10 working days.",
            "到社区事务受理中心申请，评估人员10个工作日内上门评估。",
            "Demandez au centre de quartier ; un évaluateur passe sous 10 jours ouvrés.",
            "ยื่นที่ศูนย์กิจการชุมชน ผู้ประเมินจะมาเยี่ยมภายใน 10 วันทำการ",
        ),
    ),
    ("pets-animals", "养犬,登记,dog licence,chien"): (
        T(
            "How do I register my dog?",
            "养狗怎么办理登记？",
            "Comment déclarer mon chien ?",
            "ขึ้นทะเบียนสุนัขอย่างไร",
        ),
        T(
            "Vaccinate it against rabies at a designated clinic, then register it online; large"
            " and "
            "dangerous breeds may not be kept in the city centre.",
            "先到指定门诊接种狂犬疫苗，再在线登记；中心城区禁止饲养烈性犬。",
            "Vaccin antirabique dans une clinique agréée puis déclaration en ligne.",
            "ฉีดวัคซีนพิษสุนัขบ้าที่คลินิกที่กำหนด แล้วลงทะเบียนออนไลน์",
        ),
    ),
    ("illegal-parking", "挪车,blocked car,déplacer"): (
        T(
            "A car is blocking mine. Can you reach the owner?",
            "车被堵住了，能帮忙联系挪车吗？",
            "Une voiture bloque la mienne.",
            "มีรถจอดขวางรถของฉัน",
        ),
        T(
            "Use the traffic police's move-my-car service in the app with the plate number; the "
            "owner is called within minutes.",
            "可在交管APP使用一键挪车，输入车牌后几分钟内通知车主。",
            "Utilisez le service « déplacer mon véhicule » de l'application avec la plaque.",
            "ใช้บริการเลื่อนรถในแอปตำรวจจราจรพร้อมหมายเลขทะเบียน",
        ),
    ),
    ("business-policy", "补贴,稳岗,subsidy,subvention"): (
        T(
            "Which subsidies can a small business apply for?",
            "小微企业可以申请哪些补贴？",
            "À quelles aides une petite entreprise a-t-elle droit ?",
            "ธุรกิจขนาดเล็กขอเงินอุดหนุนอะไรได้บ้าง",
        ),
        T(
            "Job retention, hiring of graduates, rent relief in city parks and first-store"
            " support; "
            "the policy desk checks eligibility for you.",
            "稳岗补贴、吸纳高校毕业生补贴、园区租金减免、首店补贴等，惠企政策窗口可帮您匹配。",
            "Maintien de l'emploi, embauche de diplômés, loyers, premier magasin ; le guichet"
            " vérifie.",
            "การรักษาการจ้างงาน การจ้างบัณฑิต ลดค่าเช่า ทีมนโยบายช่วยตรวจสิทธิ์",
        ),
    ),
    ("business-financing", "贷款,担保,loan,prêt"): (
        T(
            "How can a small firm get a guaranteed loan?",
            "小微企业怎么申请政策性担保贷款？",
            "Comment une petite entreprise obtient-elle un prêt garanti ?",
            "ธุรกิจเล็กขอสินเชื่อค้ำประกันอย่างไร",
        ),
        T(
            "The financing desk matches you with partner banks; the city guarantee fund covers up "
            "to 80 % of loans below 10 million yuan.",
            "融资服务窗口为您对接合作银行，市融资担保基金对1000万元以下贷款最高担保80%。",
            "Le guichet vous met en relation avec les banques ; le fonds garantit jusqu'à 80 %.",
            "ทีมการเงินประสานธนาคาร กองทุนค้ำประกันได้ถึง 80%",
        ),
    ),
    ("business-legal", "合同,律师,contract,avocat"): (
        T(
            "Can my company get free legal advice?",
            "企业可以获得免费法律咨询吗？",
            "Mon entreprise peut-elle avoir un conseil juridique gratuit ?",
            "บริษัทขอคำปรึกษากฎหมายฟรีได้ไหม",
        ),
        T(
            "Yes: the legal desk arranges an hour with a pro bono lawyer, and commercial mediation "
            "for disputes.",
            "可以。法律服务窗口可安排公益律师一小时咨询，并提供商事调解。",
            "Oui : une heure avec un avocat bénévole, et une médiation commerciale.",
            "ได้ ทีมกฎหมายจัดทนายอาสาให้หนึ่งชั่วโมง และมีการไกล่เกลี่ยทางการค้า",
        ),
    ),
    ("", "12345,进度,progress,suivi"): (
        T(
            "How can I follow my request?",
            "怎么查询诉求办理进度？",
            "Comment suivre ma demande ?",
            "ติดตามคำร้องได้อย่างไร",
        ),
        T(
            "With the request number we gave you, on the hotline's page or by calling 12345 again.",
            "凭受理编号在12345网页查询，或再次拨打12345。",
            "Avec le numéro de demande, sur la page du 12345 ou en rappelant.",
            "ใช้หมายเลขคำร้องบนหน้าเว็บ 12345 หรือโทร 12345 อีกครั้ง",
        ),
    ),
    ("", "匿名,anonymous,anonyme"): (
        T(
            "Can I report anonymously?",
            "可以匿名反映吗？",
            "Puis-je signaler anonymement ?",
            "แจ้งโดยไม่ระบุชื่อได้ไหม",
        ),
        T(
            "Yes. Only the hotline operators see who called; departments never do. Without contact "
            "details we cannot tell you the outcome.",
            "可以。只有热线话务员能看到来电人信息，承办部门看不到；不留联系方式将无法回复结果。",
            "Oui. Seuls les opérateurs voient qui a appelé ; sans contact, pas de réponse"
            " possible.",
            "ได้ เฉพาะเจ้าหน้าที่สายด่วนเห็นข้อมูลผู้โทร",
        ),
    ),
}
