"""Demo content: the reference base of ../shared/seed/ and a realistic body of records.

Plain data, loaded by ``manage.py load_demo``. Everything is fixed (no randomness) so that
loading twice changes nothing; only the one scheduled item is placed relative to "now".
"""

from datetime import date
from decimal import Decimal

# --- reference data ---------------------------------------------------------------------

UNITS = [
    {
        "slug": "college-of-pharmacy",
        "name_zh_hans": "成都大学药学院",
        "name_en": "College of Pharmacy, Chengdu University",
        "short_name_zh_hans": "药学院",
        "short_name_en": "College of Pharmacy",
        "description_zh_hans": "承担基地在基因与蛋白、生物催化、植物药和海洋药物等方向的国际合作研究与人才培养。",
        "description_en": (
            "Carries the base's international joint research and training in gene and protein "
            "science, biocatalysis, plant-derived and marine drugs."
        ),
    },
    {
        "slug": "sichuan-industrial-institute-of-antibiotics",
        "name_zh_hans": "四川抗菌素工业研究所",
        "name_en": "Sichuan Industrial Institute of Antibiotics",
        "short_name_zh_hans": "抗菌素所",
        "short_name_en": "Institute of Antibiotics",
        "description_zh_hans": "成都大学所属的抗生素专业研究机构，从事创新微生物药物筛选、酶工程药物和抗生素工艺研究。",
        "description_en": (
            "Chengdu University's institute for antibiotics research, working on the screening "
            "of innovative microbial drugs, enzyme-engineering drugs and antibiotic processes."
        ),
    },
]

# The eight fields of the seed, in its order; a few carry sub-fields.
FIELDS = [
    ("gene-and-protein", "基因与蛋白", "Gene and protein"),
    ("biocatalysis", "生物催化与生物转化", "Biocatalysis and biotransformation"),
    ("microbial-drugs", "创新微生物药物筛选", "Innovative microbial drugs"),
    ("enzyme-engineering-drugs", "酶工程药物", "Enzyme-engineering drugs"),
    (
        "prostate-cancer",
        "前列腺癌微创诊疗",
        "Minimally invasive diagnosis and treatment of prostate cancer",
    ),
    ("orthopaedic-surgery", "骨科手术", "Orthopaedic surgery"),
    ("plant-derived-drugs", "植物源创新药物", "Plant-derived innovative drugs"),
    ("marine-drugs", "海洋创新药物", "Innovative marine drugs"),
]
# What each field covers (zh, en): illustrative, as the rest of the demo.
FIELD_DESCRIPTIONS = {
    "gene-and-protein": (
        "基因工程与蛋白质药物的发现、表达与改造。",
        "Discovery, expression and engineering of genes and protein drugs.",
    ),
    "biocatalysis": (
        "以酶和微生物细胞为催化剂，绿色合成药物及其中间体。",
        "Enzymes and microbial cells as catalysts for the green synthesis of drugs and "
        "their intermediates.",
    ),
    "microbial-drugs": (
        "从微生物资源中筛选新的抗感染、抗肿瘤先导化合物。",
        "Screening microbial resources for new anti-infective and anti-tumour leads.",
    ),
    "enzyme-engineering-drugs": (
        "酶的定向进化与工程改造，用于药物生产和治疗。",
        "Directed evolution and engineering of enzymes for drug production and therapy.",
    ),
    "prostate-cancer": (
        "前列腺癌的早期诊断与微创治疗技术。",
        "Early diagnosis and minimally invasive treatment of prostate cancer.",
    ),
    "orthopaedic-surgery": (
        "骨科植入材料、手术导航与术后康复。",
        "Orthopaedic implant materials, surgical navigation and rehabilitation.",
    ),
    "plant-derived-drugs": (
        "药用植物活性成分的发现、合成与质量标准。",
        "Active compounds of medicinal plants: discovery, synthesis and quality standards.",
    ),
    "marine-drugs": (
        "海洋生物来源的活性物质与创新药物。",
        "Active substances and new drugs from marine organisms.",
    ),
}
SUB_FIELDS = [
    ("recombinant-proteins", "gene-and-protein", "重组蛋白药物", "Recombinant protein drugs"),
    ("antimicrobial-peptides", "microbial-drugs", "抗菌肽", "Antimicrobial peptides"),
    (
        "natural-product-synthesis",
        "plant-derived-drugs",
        "天然产物合成",
        "Natural product synthesis",
    ),
]

# ISO code, region, since-year, summary (zh, en).
COUNTRIES = [
    (
        "JP",
        "east_asia",
        2009,
        "在微生物药物和酶工程领域开展长期联合研究与学者互访。",
        "Long-standing joint research and scholar visits in microbial drugs and enzyme engineering.",
    ),
    (
        "RU",
        "europe",
        2011,
        "在抗菌肽、生物催化和药物化学方面开展联合研究。",
        "Joint research in antimicrobial peptides, biocatalysis and medicinal chemistry.",
    ),
    (
        "GB",
        "europe",
        2012,
        "在蛋白质工程、天然产物和联合培养研究生方面合作。",
        "Cooperation in protein engineering, natural products and joint doctoral training.",
    ),
    (
        "IL",
        "middle_east",
        2014,
        "在前列腺癌微创诊疗和生物医学工程方面合作。",
        "Cooperation in minimally invasive prostate-cancer care and biomedical engineering.",
    ),
    (
        "CA",
        "north_america",
        2013,
        "在骨科手术、再生医学和海洋药物方面合作。",
        "Cooperation in orthopaedic surgery, regenerative medicine and marine drugs.",
    ),
    (
        "DE",
        "europe",
        2010,
        "在酶工程、工业生物技术和药物制剂方面合作。",
        "Cooperation in enzyme engineering, industrial biotechnology and formulation.",
    ),
    (
        "TH",
        "southeast_asia",
        2016,
        "在植物源药物、热带药用资源和人才培养方面合作。",
        "Cooperation in plant-derived drugs, tropical medicinal resources and training.",
    ),
]

# slug, country, kind, ROR id, city (zh, en), name (zh, en), website.
INSTITUTIONS = [
    (
        "university-of-tokyo",
        "JP",
        "university",
        "057zh3y96",
        "东京",
        "Tokyo",
        "东京大学",
        "The University of Tokyo",
        "https://www.u-tokyo.ac.jp/",
    ),
    (
        "kyoto-university",
        "JP",
        "university",
        "02kpeqv85",
        "京都",
        "Kyoto",
        "京都大学",
        "Kyoto University",
        "https://www.kyoto-u.ac.jp/",
    ),
    (
        "osaka-university",
        "JP",
        "university",
        "035t8zc32",
        "大阪",
        "Osaka",
        "大阪大学",
        "Osaka University",
        "https://www.osaka-u.ac.jp/",
    ),
    (
        "hokkaido-university",
        "JP",
        "university",
        "02e16g702",
        "札幌",
        "Sapporo",
        "北海道大学",
        "Hokkaido University",
        "https://www.hokudai.ac.jp/",
    ),
    (
        "lomonosov-moscow-state-university",
        "RU",
        "university",
        "010pmpe69",
        "莫斯科",
        "Moscow",
        "莫斯科国立罗蒙诺索夫大学",
        "Lomonosov Moscow State University",
        "https://www.msu.ru/",
    ),
    (
        "saint-petersburg-state-university",
        "RU",
        "university",
        "",
        "圣彼得堡",
        "Saint Petersburg",
        "圣彼得堡国立大学",
        "Saint Petersburg State University",
        "https://spbu.ru/",
    ),
    (
        "sechenov-university",
        "RU",
        "university",
        "02yqqv993",
        "莫斯科",
        "Moscow",
        "谢切诺夫第一莫斯科国立医科大学",
        "Sechenov First Moscow State Medical University",
        "https://www.sechenov.ru/",
    ),
    (
        "university-of-oxford",
        "GB",
        "university",
        "052gg0110",
        "牛津",
        "Oxford",
        "牛津大学",
        "University of Oxford",
        "https://www.ox.ac.uk/",
    ),
    (
        "university-of-cambridge",
        "GB",
        "university",
        "013meh722",
        "剑桥",
        "Cambridge",
        "剑桥大学",
        "University of Cambridge",
        "https://www.cam.ac.uk/",
    ),
    (
        "university-college-london",
        "GB",
        "university",
        "02jx3x895",
        "伦敦",
        "London",
        "伦敦大学学院",
        "University College London",
        "https://www.ucl.ac.uk/",
    ),
    (
        "weizmann-institute-of-science",
        "IL",
        "institute",
        "0316ej306",
        "雷霍沃特",
        "Rehovot",
        "魏茨曼科学研究所",
        "Weizmann Institute of Science",
        "https://www.weizmann.ac.il/",
    ),
    (
        "hebrew-university-of-jerusalem",
        "IL",
        "university",
        "03qxff017",
        "耶路撒冷",
        "Jerusalem",
        "耶路撒冷希伯来大学",
        "The Hebrew University of Jerusalem",
        "https://new.huji.ac.il/",
    ),
    (
        "tel-aviv-university",
        "IL",
        "university",
        "04mhzgx49",
        "特拉维夫",
        "Tel Aviv",
        "特拉维夫大学",
        "Tel Aviv University",
        "https://www.tau.ac.il/",
    ),
    (
        "university-of-toronto",
        "CA",
        "university",
        "03dbr7087",
        "多伦多",
        "Toronto",
        "多伦多大学",
        "University of Toronto",
        "https://www.utoronto.ca/",
    ),
    (
        "mcgill-university",
        "CA",
        "university",
        "01pxwe438",
        "蒙特利尔",
        "Montreal",
        "麦吉尔大学",
        "McGill University",
        "https://www.mcgill.ca/",
    ),
    (
        "university-of-british-columbia",
        "CA",
        "university",
        "03rmrcq20",
        "温哥华",
        "Vancouver",
        "英属哥伦比亚大学",
        "University of British Columbia",
        "https://www.ubc.ca/",
    ),
    (
        "heidelberg-university",
        "DE",
        "university",
        "038t36y30",
        "海德堡",
        "Heidelberg",
        "海德堡大学",
        "Heidelberg University",
        "https://www.uni-heidelberg.de/",
    ),
    (
        "technical-university-of-munich",
        "DE",
        "university",
        "02kkvpp62",
        "慕尼黑",
        "Munich",
        "慕尼黑工业大学",
        "Technical University of Munich",
        "https://www.tum.de/",
    ),
    (
        "university-of-freiburg",
        "DE",
        "university",
        "0245cg223",
        "弗莱堡",
        "Freiburg",
        "弗莱堡大学",
        "University of Freiburg",
        "https://uni-freiburg.de/",
    ),
    (
        "charite-berlin",
        "DE",
        "hospital",
        "001w7jn25",
        "柏林",
        "Berlin",
        "柏林夏里特医学院",
        "Charité – Universitätsmedizin Berlin",
        "https://www.charite.de/",
    ),
    (
        "mahidol-university",
        "TH",
        "university",
        "01znkr924",
        "曼谷",
        "Bangkok",
        "玛希隆大学",
        "Mahidol University",
        "https://mahidol.ac.th/",
    ),
    (
        "chulalongkorn-university",
        "TH",
        "university",
        "028wp3y58",
        "曼谷",
        "Bangkok",
        "朱拉隆功大学",
        "Chulalongkorn University",
        "https://www.chula.ac.th/",
    ),
    (
        "prince-of-songkla-university",
        "TH",
        "university",
        "",
        "合艾",
        "Hat Yai",
        "宋卡王子大学",
        "Prince of Songkla University",
        "https://www.psu.ac.th/",
    ),
]

# slug, unit, name (zh, en), title (zh, en).
RESEARCHERS = [
    ("zhang-wei", "college-of-pharmacy", "张伟", "Zhang Wei", "教授", "Professor"),
    ("li-na", "college-of-pharmacy", "李娜", "Li Na", "教授", "Professor"),
    ("wang-jun", "college-of-pharmacy", "王军", "Wang Jun", "副教授", "Associate Professor"),
    (
        "chen-xiaoyan",
        "college-of-pharmacy",
        "陈晓燕",
        "Chen Xiaoyan",
        "副教授",
        "Associate Professor",
    ),
    ("liu-yang", "college-of-pharmacy", "刘洋", "Liu Yang", "讲师", "Lecturer"),
    (
        "zhao-min",
        "sichuan-industrial-institute-of-antibiotics",
        "赵敏",
        "Zhao Min",
        "研究员",
        "Research Professor",
    ),
    (
        "huang-qiang",
        "sichuan-industrial-institute-of-antibiotics",
        "黄强",
        "Huang Qiang",
        "研究员",
        "Research Professor",
    ),
    (
        "zhou-li",
        "sichuan-industrial-institute-of-antibiotics",
        "周丽",
        "Zhou Li",
        "副研究员",
        "Associate Research Professor",
    ),
    (
        "wu-hao",
        "sichuan-industrial-institute-of-antibiotics",
        "吴昊",
        "Wu Hao",
        "高级工程师",
        "Senior Engineer",
    ),
]

# Short profiles (zh, en), by researcher slug.
RESEARCHER_PROFILES = {
    "zhang-wei": (
        "主要从事重组蛋白药物与蛋白质设计研究，曾在牛津大学、剑桥大学开展合作研究。",
        "Works on recombinant protein drugs and protein design; joint research with Oxford "
        "and Cambridge.",
    ),
    "li-na": (
        "主要从事前列腺癌微创诊疗与转化医学研究，负责中以、中德前列腺癌合作项目。",
        "Works on minimally invasive prostate-cancer care and translational medicine; leads "
        "the Israeli and German prostate-cancer projects.",
    ),
    "wang-jun": (
        "主要从事骨科生物材料与脊柱微创手术研究。",
        "Works on orthopaedic biomaterials and minimally invasive spine surgery.",
    ),
    "chen-xiaoyan": (
        "主要从事生物催化与天然产物结构修饰研究。",
        "Works on biocatalysis and the structural modification of natural products.",
    ),
    "liu-yang": (
        "主要从事植物源药物研究，负责中泰植物药研发国际合作平台的日常工作。",
        "Works on plant-derived drugs and runs the Sino-Thai plant-drug platform day to day.",
    ),
    "zhao-min": (
        "主要从事微生物药物筛选研究，中日微生物药物联合实验室中方负责人。",
        "Works on microbial drug screening; Chinese director of the Sino-Japanese joint "
        "laboratory.",
    ),
    "huang-qiang": (
        "主要从事酶工程药物与海洋微生物药物研究。",
        "Works on enzyme-engineering drugs and marine microbial drugs.",
    ),
    "zhou-li": (
        "主要从事抗菌肽和新型抗生素生物合成研究。",
        "Works on antimicrobial peptides and the biosynthesis of new antibiotics.",
    ),
    "wu-hao": (
        "主要从事抗生素发酵工艺与连续流制药工程研究。",
        "Works on antibiotic fermentation processes and continuous-flow pharmaceutical "
        "engineering.",
    ),
}

# --- projects ---------------------------------------------------------------------------
# Each: slug, title (zh, en), kind, status, start, end, unit, PI, fields, partners
# [(institution, role)], funding (source zh, source en, amount, currency), publication.
# publication is "published" unless stated: "draft", "in_review", "archived", "scheduled".

NSFC = ("国家自然科学基金国际合作项目", "NSFC international cooperation programme")
MOST = ("科技部政府间国际科技创新合作专项", "MOST intergovernmental S&T innovation cooperation")
SICHUAN = ("四川省国际科技创新合作项目", "Sichuan international S&T innovation cooperation")
CHENGDU = ("成都市国际科技合作项目", "Chengdu international S&T cooperation programme")
PARTNER_FUNDED = ("合作方出资", "Partner funding")
UNIVERSITY = ("成都大学国际合作培育基金", "Chengdu University international cooperation seed fund")

PROJECTS = [
    {
        "slug": "microbial-natural-products-screening-tokyo",
        "title": (
            "新型微生物天然产物高通量筛选平台联合研究",
            "High-throughput screening of novel microbial natural products",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2009, 9, 1),
        "end": date(2012, 12, 31),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "zhao-min",
        "fields": ["microbial-drugs"],
        "partners": [("university-of-tokyo", "lead_partner")],
        "funding": (*MOST, Decimal("1200000"), "CNY"),
        "featured": True,
    },
    {
        "slug": "enzymatic-synthesis-beta-lactams-munich",
        "title": (
            "β-内酰胺类抗生素酶法合成工艺合作研究",
            "Enzymatic synthesis of β-lactam antibiotics",
        ),
        "kind": "technology_transfer",
        "status": "completed",
        "start": date(2010, 3, 1),
        "end": date(2013, 6, 30),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "huang-qiang",
        "fields": ["enzyme-engineering-drugs", "biocatalysis"],
        "partners": [("technical-university-of-munich", "lead_partner")],
        "funding": (*SICHUAN, Decimal("800000"), "CNY"),
    },
    {
        "slug": "antimicrobial-peptides-moscow",
        "title": (
            "耐药菌感染防治抗菌肽的设计与评价",
            "Design and evaluation of antimicrobial peptides against resistant bacteria",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2011, 5, 1),
        "end": date(2014, 4, 30),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "zhou-li",
        "fields": ["antimicrobial-peptides"],
        "partners": [("lomonosov-moscow-state-university", "lead_partner")],
        "funding": (*NSFC, Decimal("950000"), "CNY"),
    },
    {
        "slug": "recombinant-protein-expression-oxford",
        "title": (
            "重组治疗性蛋白高效表达体系构建",
            "Efficient expression systems for recombinant therapeutic proteins",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2012, 9, 1),
        "end": date(2015, 8, 31),
        "unit": "college-of-pharmacy",
        "pi": "zhang-wei",
        "fields": ["recombinant-proteins"],
        "partners": [("university-of-oxford", "lead_partner")],
        "funding": (*NSFC, Decimal("1500000"), "CNY"),
        "featured": True,
    },
    {
        "slug": "bone-repair-biomaterials-toronto",
        "title": (
            "骨缺损修复生物材料与微创骨科手术联合研究",
            "Biomaterials for bone repair in minimally invasive orthopaedic surgery",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2013, 4, 1),
        "end": date(2016, 3, 31),
        "unit": "college-of-pharmacy",
        "pi": "wang-jun",
        "fields": ["orthopaedic-surgery"],
        "partners": [("university-of-toronto", "lead_partner")],
        "funding": (*SICHUAN, Decimal("600000"), "CNY"),
    },
    {
        "slug": "prostate-cancer-focal-therapy-weizmann",
        "title": (
            "前列腺癌光动力局灶治疗的转化研究",
            "Translational study of photodynamic focal therapy for prostate cancer",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2014, 6, 1),
        "end": date(2018, 5, 31),
        "unit": "college-of-pharmacy",
        "pi": "li-na",
        "fields": ["prostate-cancer"],
        "partners": [
            ("weizmann-institute-of-science", "lead_partner"),
            ("tel-aviv-university", "partner"),
        ],
        "funding": (*MOST, Decimal("2800000"), "CNY"),
        "featured": True,
    },
    {
        "slug": "glycosyltransferase-biocatalysis-heidelberg",
        "title": (
            "糖基转移酶催化天然产物结构修饰",
            "Glycosyltransferase biocatalysis for natural product modification",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2015, 1, 1),
        "end": date(2017, 12, 31),
        "unit": "college-of-pharmacy",
        "pi": "chen-xiaoyan",
        "fields": ["biocatalysis"],
        "partners": [("heidelberg-university", "lead_partner")],
        "funding": (*NSFC, Decimal("700000"), "CNY"),
    },
    {
        "slug": "sino-japanese-joint-lab-microbial-drugs",
        "title": ("中日微生物药物联合实验室", "Sino-Japanese joint laboratory for microbial drugs"),
        "kind": "joint_lab",
        "status": "active",
        "start": date(2015, 10, 1),
        "end": None,
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "zhao-min",
        "fields": ["microbial-drugs", "enzyme-engineering-drugs"],
        "partners": [("kyoto-university", "lead_partner"), ("hokkaido-university", "partner")],
        "funding": (*SICHUAN, Decimal("3000000"), "CNY"),
        "featured": True,
    },
    {
        "slug": "thai-medicinal-plants-mahidol",
        "title": (
            "泰国热带药用植物活性成分联合发掘",
            "Bioactive compounds from Thai tropical medicinal plants",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2016, 7, 1),
        "end": date(2019, 6, 30),
        "unit": "college-of-pharmacy",
        "pi": "liu-yang",
        "fields": ["plant-derived-drugs"],
        "partners": [("mahidol-university", "lead_partner")],
        "funding": (*CHENGDU, Decimal("400000"), "CNY"),
    },
    {
        "slug": "marine-actinomycetes-ubc",
        "title": (
            "海洋放线菌来源抗肿瘤先导化合物研究",
            "Antitumour lead compounds from marine actinomycetes",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2016, 9, 1),
        "end": date(2020, 8, 31),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "huang-qiang",
        "fields": ["marine-drugs", "microbial-drugs"],
        "partners": [("university-of-british-columbia", "lead_partner")],
        "funding": (*NSFC, Decimal("1800000"), "CNY"),
    },
    {
        "slug": "visiting-scholars-cambridge-protein-design",
        "title": (
            "剑桥大学蛋白质设计访问学者计划",
            "Visiting scholar programme in protein design with Cambridge",
        ),
        "kind": "talent_exchange",
        "status": "completed",
        "start": date(2017, 2, 1),
        "end": date(2019, 1, 31),
        "unit": "college-of-pharmacy",
        "pi": "zhang-wei",
        "fields": ["gene-and-protein"],
        "partners": [("university-of-cambridge", "host")],
        "funding": (*PARTNER_FUNDED, Decimal("120000"), "GBP"),
    },
    {
        "slug": "antibiotic-process-transfer-osaka",
        "title": (
            "抗生素绿色发酵工艺技术引进与转化",
            "Introduction of green fermentation processes for antibiotics",
        ),
        "kind": "introduced_project",
        "status": "completed",
        "start": date(2017, 5, 1),
        "end": date(2019, 12, 31),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "wu-hao",
        "fields": ["microbial-drugs"],
        "partners": [("osaka-university", "lead_partner")],
        "funding": (*MOST, Decimal("2200000"), "CNY"),
    },
    {
        "slug": "peptide-antibiotics-spbu",
        "title": (
            "新型脂肽类抗生素生物合成机制研究",
            "Biosynthesis of novel lipopeptide antibiotics",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2018, 3, 1),
        "end": date(2021, 2, 28),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "zhou-li",
        "fields": ["microbial-drugs", "antimicrobial-peptides"],
        "partners": [("saint-petersburg-state-university", "lead_partner")],
        "funding": (*NSFC, Decimal("650000"), "CNY"),
    },
    {
        "slug": "prostate-mri-fusion-biopsy-hebrew-university",
        "title": (
            "前列腺癌磁共振融合穿刺精准诊断合作研究",
            "MRI-fusion biopsy for precise diagnosis of prostate cancer",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2018, 9, 1),
        "end": date(2022, 8, 31),
        "unit": "college-of-pharmacy",
        "pi": "li-na",
        "fields": ["prostate-cancer"],
        "partners": [("hebrew-university-of-jerusalem", "lead_partner")],
        "funding": (*SICHUAN, Decimal("900000"), "CNY"),
    },
    {
        "slug": "enzyme-immobilisation-tum",
        "title": (
            "固定化酶连续流催化制药工艺",
            "Continuous-flow pharmaceutical processes with immobilised enzymes",
        ),
        "kind": "technology_transfer",
        "status": "completed",
        "start": date(2019, 1, 1),
        "end": date(2022, 12, 31),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "wu-hao",
        "fields": ["enzyme-engineering-drugs", "biocatalysis"],
        "partners": [
            ("technical-university-of-munich", "lead_partner"),
            ("heidelberg-university", "advisor"),
        ],
        "funding": (*MOST, Decimal("2500000"), "CNY"),
    },
    {
        "slug": "spine-surgery-navigation-mcgill",
        "title": (
            "脊柱微创手术导航与康复评价合作研究",
            "Navigation and rehabilitation assessment in minimally invasive spine surgery",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2019, 6, 1),
        "end": date(2022, 5, 31),
        "unit": "college-of-pharmacy",
        "pi": "wang-jun",
        "fields": ["orthopaedic-surgery"],
        "partners": [("mcgill-university", "lead_partner")],
        "funding": (*CHENGDU, Decimal("500000"), "CNY"),
    },
    {
        "slug": "sino-thai-plant-drug-platform",
        "title": (
            "中泰植物药研发国际合作平台",
            "Sino-Thai international platform for plant-derived drug development",
        ),
        "kind": "platform",
        "status": "active",
        "start": date(2019, 11, 1),
        "end": None,
        "unit": "college-of-pharmacy",
        "pi": "liu-yang",
        "fields": ["plant-derived-drugs", "natural-product-synthesis"],
        "partners": [
            ("chulalongkorn-university", "lead_partner"),
            ("prince-of-songkla-university", "partner"),
            ("mahidol-university", "partner"),
        ],
        "funding": (*SICHUAN, Decimal("1600000"), "CNY"),
        "featured": True,
    },
    {
        "slug": "cryo-em-antibiotic-targets-ucl",
        "title": ("冷冻电镜解析抗生素作用靶点结构", "Cryo-EM structures of antibiotic targets"),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2020, 4, 1),
        "end": date(2023, 3, 31),
        "unit": "college-of-pharmacy",
        "pi": "zhang-wei",
        "fields": ["gene-and-protein", "microbial-drugs"],
        "partners": [("university-college-london", "lead_partner")],
        "funding": (*NSFC, Decimal("1100000"), "CNY"),
    },
    {
        "slug": "sechenov-clinical-pharmacology",
        "title": ("抗感染药物临床药理学联合研究", "Clinical pharmacology of anti-infective drugs"),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2020, 9, 1),
        "end": date(2023, 8, 31),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "zhao-min",
        "fields": ["microbial-drugs"],
        "partners": [("sechenov-university", "lead_partner")],
        "funding": (*PARTNER_FUNDED, Decimal("9000000"), "RUB"),
    },
    {
        "slug": "marine-sponge-alkaloids-toronto",
        "title": ("海绵来源生物碱抗炎活性研究", "Anti-inflammatory alkaloids from marine sponges"),
        "kind": "joint_research",
        "status": "active",
        "start": date(2021, 3, 1),
        "end": date(2026, 12, 31),
        "unit": "college-of-pharmacy",
        "pi": "chen-xiaoyan",
        "fields": ["marine-drugs"],
        "partners": [("university-of-toronto", "lead_partner")],
        "funding": (*NSFC, Decimal("850000"), "CNY"),
    },
    {
        "slug": "joint-phd-training-oxford",
        "title": (
            "中英生物医药联合培养博士研究生项目",
            "Sino-British joint PhD training in biomedicine",
        ),
        "kind": "talent_exchange",
        "status": "active",
        "start": date(2021, 9, 1),
        "end": date(2027, 8, 31),
        "unit": "college-of-pharmacy",
        "pi": "li-na",
        "fields": ["gene-and-protein", "biocatalysis"],
        "partners": [("university-of-oxford", "host"), ("university-of-cambridge", "host")],
        "funding": (*UNIVERSITY, Decimal("600000"), "CNY"),
    },
    {
        "slug": "ai-enzyme-design-weizmann",
        "title": (
            "人工智能辅助酶分子设计与定向进化",
            "AI-assisted enzyme design and directed evolution",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2022, 1, 1),
        "end": date(2025, 12, 31),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "huang-qiang",
        "fields": ["enzyme-engineering-drugs", "gene-and-protein"],
        "partners": [("weizmann-institute-of-science", "lead_partner")],
        "funding": (*MOST, Decimal("3200000"), "CNY"),
        "featured": True,
    },
    {
        "slug": "charite-prostate-imaging-ai",
        "title": ("前列腺癌影像智能诊断国际合作", "AI diagnosis of prostate-cancer imaging"),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2022, 6, 1),
        "end": date(2026, 5, 31),
        "unit": "college-of-pharmacy",
        "pi": "li-na",
        "fields": ["prostate-cancer"],
        "partners": [("charite-berlin", "lead_partner")],
        "funding": (*SICHUAN, Decimal("1000000"), "CNY"),
    },
    {
        "slug": "phage-therapy-kyoto",
        "title": ("耐药菌噬菌体治疗联合研究", "Phage therapy against drug-resistant bacteria"),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2023, 4, 1),
        "end": date(2026, 3, 31),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "zhou-li",
        "fields": ["microbial-drugs"],
        "partners": [("kyoto-university", "lead_partner")],
        "funding": (*NSFC, Decimal("800000"), "CNY"),
    },
    {
        "slug": "biocatalytic-cascades-moscow",
        "title": (
            "多酶级联催化合成手性药物中间体",
            "Multi-enzyme cascades for chiral drug intermediates",
        ),
        "kind": "joint_research",
        "status": "completed",
        "start": date(2023, 7, 1),
        "end": date(2026, 6, 30),
        "unit": "college-of-pharmacy",
        "pi": "chen-xiaoyan",
        "fields": ["biocatalysis"],
        "partners": [("lomonosov-moscow-state-university", "lead_partner")],
        "funding": (*SICHUAN, Decimal("700000"), "CNY"),
    },
    {
        "slug": "orthopaedic-implant-coatings-ubc",
        "title": (
            "抗菌骨科植入物涂层技术转移",
            "Transfer of antibacterial coatings for orthopaedic implants",
        ),
        "kind": "technology_transfer",
        "status": "active",
        "start": date(2024, 1, 1),
        "end": date(2026, 12, 31),
        "unit": "college-of-pharmacy",
        "pi": "wang-jun",
        "fields": ["orthopaedic-surgery", "antimicrobial-peptides"],
        "partners": [("university-of-british-columbia", "lead_partner")],
        "funding": (*CHENGDU, Decimal("450000"), "CNY"),
    },
    {
        "slug": "thai-marine-natural-products-psu",
        "title": (
            "安达曼海海洋天然产物联合调查",
            "Joint survey of Andaman Sea marine natural products",
        ),
        "kind": "joint_research",
        "status": "active",
        "start": date(2024, 5, 1),
        "end": date(2027, 4, 30),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "huang-qiang",
        "fields": ["marine-drugs"],
        "partners": [("prince-of-songkla-university", "lead_partner")],
        "funding": (*PARTNER_FUNDED, Decimal("2500000"), "THB"),
    },
    {
        "slug": "introduced-expert-team-tel-aviv",
        "title": (
            "以色列前列腺微创治疗专家团队引进项目",
            "Introduction of an Israeli expert team in minimally invasive prostate care",
        ),
        "kind": "introduced_project",
        "status": "active",
        "start": date(2024, 9, 1),
        "end": date(2027, 8, 31),
        "unit": "college-of-pharmacy",
        "pi": "li-na",
        "fields": ["prostate-cancer"],
        "partners": [("tel-aviv-university", "lead_partner")],
        "funding": (*MOST, Decimal("1800000"), "CNY"),
    },
    {
        "slug": "protein-degraders-cambridge",
        "title": ("靶向蛋白降解药物分子设计", "Design of targeted protein degraders"),
        "kind": "joint_research",
        "status": "active",
        "start": date(2025, 3, 1),
        "end": date(2028, 2, 29),
        "unit": "college-of-pharmacy",
        "pi": "zhang-wei",
        "fields": ["gene-and-protein"],
        "partners": [("university-of-cambridge", "lead_partner")],
        "funding": (*NSFC, Decimal("2000000"), "CNY"),
    },
    {
        "slug": "green-antibiotic-manufacturing-osaka",
        "title": (
            "抗生素绿色智能制造联合实验室",
            "Joint laboratory for green and smart antibiotic manufacturing",
        ),
        "kind": "joint_lab",
        "status": "active",
        "start": date(2025, 6, 1),
        "end": None,
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "wu-hao",
        "fields": ["microbial-drugs", "enzyme-engineering-drugs"],
        "partners": [("osaka-university", "lead_partner"), ("university-of-tokyo", "partner")],
        "funding": (*SICHUAN, Decimal("2000000"), "CNY"),
    },
    {
        "slug": "ginsenoside-biotransformation-freiburg",
        "title": (
            "人参皂苷生物转化制备稀有皂苷",
            "Biotransformation of ginsenosides into rare saponins",
        ),
        "kind": "joint_research",
        "status": "planned",
        "start": date(2027, 3, 1),
        "end": date(2030, 2, 28),
        "unit": "college-of-pharmacy",
        "pi": "chen-xiaoyan",
        "fields": ["biocatalysis", "plant-derived-drugs"],
        "partners": [("university-of-freiburg", "lead_partner")],
        "funding": (*NSFC, Decimal("900000"), "CNY"),
        "publication": "in_review",
    },
    {
        "slug": "marine-peptide-vaccines-mcgill",
        "title": ("海洋来源多肽佐剂疫苗合作研究", "Marine-derived peptide adjuvants for vaccines"),
        "kind": "joint_research",
        "status": "planned",
        "start": date(2027, 1, 1),
        "end": date(2029, 12, 31),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "zhou-li",
        "fields": ["marine-drugs", "antimicrobial-peptides"],
        "partners": [("mcgill-university", "lead_partner")],
        "funding": (*MOST, None, "CNY"),
        "publication": "draft",
    },
    {
        "slug": "sino-russian-antibiotics-forum-platform",
        "title": ("中俄抗生素创新合作平台", "Sino-Russian platform for antibiotic innovation"),
        "kind": "platform",
        "status": "planned",
        "start": date(2026, 12, 1),
        "end": None,
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "zhao-min",
        "fields": ["microbial-drugs"],
        "partners": [
            ("sechenov-university", "lead_partner"),
            ("saint-petersburg-state-university", "partner"),
        ],
        "funding": (*SICHUAN, Decimal("1500000"), "CNY"),
        "publication": "scheduled",
    },
    {
        "slug": "early-penicillin-acylase-cooperation",
        "title": ("青霉素酰化酶早期合作研究", "Early cooperation on penicillin acylase"),
        "kind": "joint_research",
        "status": "suspended",
        "start": date(2009, 11, 1),
        "end": date(2011, 10, 31),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "wu-hao",
        "fields": ["enzyme-engineering-drugs"],
        "partners": [("heidelberg-university", "partner")],
        "funding": (*CHENGDU, Decimal("150000"), "CNY"),
        "publication": "archived",
    },
    {
        "slug": "lanthipeptide-genome-mining-hokkaido",
        "title": ("羊毛硫肽类抗生素基因组挖掘", "Genome mining for lanthipeptide antibiotics"),
        "kind": "joint_research",
        "status": "planned",
        "start": date(2027, 4, 1),
        "end": date(2030, 3, 31),
        "unit": "sichuan-industrial-institute-of-antibiotics",
        "pi": "zhao-min",
        "fields": ["microbial-drugs", "antimicrobial-peptides"],
        "partners": [("hokkaido-university", "lead_partner")],
        "funding": (*NSFC, Decimal("1000000"), "CNY"),
        "publication": "draft",
    },
    {
        "slug": "sino-thai-young-pharmacists-exchange",
        "title": ("中泰药学青年人才互访计划", "Sino-Thai exchange of young pharmacists"),
        "kind": "talent_exchange",
        "status": "planned",
        "start": date(2027, 2, 1),
        "end": date(2029, 1, 31),
        "unit": "college-of-pharmacy",
        "pi": "liu-yang",
        "fields": ["plant-derived-drugs"],
        "partners": [("chulalongkorn-university", "host")],
        "funding": (*UNIVERSITY, Decimal("300000"), "CNY"),
        "publication": "draft",
    },
]

# Summary and outcomes (zh, en) of each project, by slug. Kept apart from the table above
# so that the table stays easy to scan; the loader refuses a project without its texts.
PROJECT_TEXTS = {
    "microbial-natural-products-screening-tokyo": {
        "summary": (
            "与东京大学合作建立微生物天然产物高通量筛选平台，从四川及日本土壤来源的放线菌中系统发掘新型抗感染先导化合物。",
            "With the University of Tokyo, the institute built a high-throughput platform to "
            "screen actinomycetes from Sichuan and Japanese soils for new anti-infective leads.",
        ),
        "outcomes": (
            "建成含一万余株放线菌的菌种库和自动化筛选平台，发现新型聚酮化合物，申请发明专利一项。",
            "A collection of over 10,000 actinomycete strains and an automated screening "
            "platform; new polyketides discovered and one invention patent filed.",
        ),
    },
    "enzymatic-synthesis-beta-lactams-munich": {
        "summary": (
            "引进并消化慕尼黑工业大学的固定化酶技术，以酶法替代化学法合成阿莫西林等β-内酰胺类抗生素，减少有机溶剂用量。",
            "Adapting the Technical University of Munich's immobilised-enzyme technology to "
            "replace chemical routes to amoxicillin and other β-lactam antibiotics, cutting "
            "solvent use.",
        ),
        "outcomes": (
            "完成酶法合成工艺中试，获授权发明专利一项，成果获2016年四川省科学技术进步奖二等奖。",
            "A pilot-scale enzymatic process and one granted invention patent; second prize of "
            "the 2016 Sichuan Science and Technology Progress Award.",
        ),
    },
    "antimicrobial-peptides-moscow": {
        "summary": (
            "与莫斯科国立大学合作，针对耐甲氧西林金黄色葡萄球菌等耐药菌设计富含色氨酸的抗菌肽，并开展体内外活性与安全性评价。",
            "With Lomonosov Moscow State University, designing tryptophan-rich antimicrobial "
            "peptides against MRSA and other resistant bacteria and testing their activity and "
            "safety.",
        ),
        "outcomes": (
            "获得候选抗菌肽CP-12，在国际期刊发表论文，联合培养博士研究生两名。",
            "Peptide candidate CP-12, papers in international journals and two jointly trained "
            "doctoral graduates.",
        ),
    },
    "recombinant-protein-expression-oxford": {
        "summary": (
            "与牛津大学合作优化毕赤酵母和CHO细胞表达体系，提高治疗性抗体片段和细胞因子的表达量与质量。",
            "With the University of Oxford, optimising Pichia pastoris and CHO expression systems "
            "to raise the yield and quality of therapeutic antibody fragments and cytokines.",
        ),
        "outcomes": (
            "目标蛋白表达量提高三倍以上，制定宿主细胞蛋白残留检测团体标准一项，联合培养博士研究生两名。",
            "Expression yields raised more than threefold, one association standard for "
            "host-cell protein testing and two jointly trained doctoral students.",
        ),
    },
    "bone-repair-biomaterials-toronto": {
        "summary": (
            "与多伦多大学合作研发可注射磷酸钙骨水泥，用于椎体压缩性骨折和骨缺损的微创修复。",
            "With the University of Toronto, developing injectable calcium phosphate cements for "
            "the minimally invasive repair of vertebral compression fractures and bone defects.",
        ),
        "outcomes": (
            "完成骨水泥配方优化及动物实验并发表论文，为后续骨科合作项目奠定了基础。",
            "An optimised cement formulation tested in animal models and published, the "
            "groundwork for later orthopaedic projects.",
        ),
    },
    "prostate-cancer-focal-therapy-weizmann": {
        "summary": (
            "与魏茨曼科学研究所和特拉维夫大学合作，开展血管靶向光动力疗法治疗局限性前列腺癌的转化研究，在保留器官功能的前提下实现局灶治疗。",
            "With the Weizmann Institute of Science and Tel Aviv University, translating "
            "vascular-targeted photodynamic therapy for localised prostate cancer: focal "
            "treatment that spares organ function.",
        ),
        "outcomes": (
            "完成临床研究注册和早期临床观察，在国际肿瘤学期刊发表论文，组建了前列腺癌微创诊疗合作团队。",
            "A registered clinical study with early clinical results, a paper in an "
            "international oncology journal and a standing team for minimally invasive "
            "prostate-cancer care.",
        ),
    },
    "glycosyltransferase-biocatalysis-heidelberg": {
        "summary": (
            "与海德堡大学合作挖掘底物杂泛性糖基转移酶，用于黄酮类等天然产物的区域选择性糖基化修饰，改善其溶解性和生物利用度。",
            "With Heidelberg University, finding promiscuous glycosyltransferases for the "
            "regioselective glycosylation of flavonoids and other natural products, to improve "
            "their solubility and bioavailability.",
        ),
        "outcomes": (
            "鉴定糖基转移酶十余个，建立一锅法酶促糖基化工艺，成果发表于《德国应用化学》。",
            "More than ten glycosyltransferases characterised and a one-pot enzymatic "
            "glycosylation process, published in Angewandte Chemie.",
        ),
    },
    "sino-japanese-joint-lab-microbial-drugs": {
        "summary": (
            "与京都大学、北海道大学共建中日微生物药物联合实验室，围绕抗耐药真菌和耐药细菌药物开展长期联合研究、人员互访和研究生联合培养。",
            "A joint laboratory with Kyoto University and Hokkaido University for long-term "
            "research on drugs against resistant fungi and bacteria, staff exchanges and joint "
            "graduate training.",
        ),
        "outcomes": (
            "发现新型抗真菌化合物并获发明专利，推出候选药物SIIA-0715，在《天然产物报告》发表综述。",
            "A new antifungal compound with a patent, drug candidate SIIA-0715 and a review in "
            "Natural Product Reports.",
        ),
    },
    "thai-medicinal-plants-mahidol": {
        "summary": (
            "与玛希隆大学合作系统调查泰国姜科等热带药用植物，分离鉴定具有抗炎活性的二芳基庚烷类等成分。",
            "With Mahidol University, surveying Zingiberaceae and other Thai tropical medicinal "
            "plants and isolating anti-inflammatory diarylheptanoids and related compounds.",
        ),
        "outcomes": (
            "分离鉴定化合物八十余个，其中新化合物十二个，并举办泰国青年药学人才培训班。",
            "Over eighty compounds identified, twelve of them new, and a training course for "
            "young Thai pharmacists.",
        ),
    },
    "marine-actinomycetes-ubc": {
        "summary": (
            "与英属哥伦比亚大学合作，从深海沉积物中分离海洋放线菌，发掘具有抗肿瘤活性的环肽类先导化合物。",
            "With the University of British Columbia, isolating marine actinomycetes from "
            "deep-sea sediments and mining them for antitumour cyclopeptide leads.",
        ),
        "outcomes": (
            "获得抗肿瘤环肽先导化合物三个，成果发表于《天然产物杂志》，申请发酵工艺发明专利一项。",
            "Three antitumour cyclopeptide leads, a paper in the Journal of Natural Products "
            "and a fermentation patent.",
        ),
    },
    "visiting-scholars-cambridge-protein-design": {
        "summary": (
            "选派青年教师赴剑桥大学从事蛋白质设计与结构生物学访问研究，提升基地在基因与蛋白方向的研究能力。",
            "Young staff spent research stays at the University of Cambridge in protein design "
            "and structural biology, building the base's strength in gene and protein research.",
        ),
        "outcomes": (
            "三名访问学者完成研修回国，引入计算蛋白设计方法并开设相关研究生课程。",
            "Three visiting scholars completed their stays, bringing back computational protein "
            "design methods and a new graduate course.",
        ),
    },
    "antibiotic-process-transfer-osaka": {
        "summary": (
            "引进大阪大学抗生素发酵过程优化与代谢调控技术，在研究所中试车间实现绿色发酵工艺的转化。",
            "Introducing Osaka University's fermentation optimisation and metabolic-control "
            "technology and scaling a greener antibiotic fermentation process in the "
            "institute's pilot plant.",
        ),
        "outcomes": (
            "发酵单位提高约25%，能耗降低约15%，获授权发明专利一项，获2019年成都市科学技术进步奖一等奖。",
            "Titres up about 25% and energy use down about 15%, one granted patent and first "
            "prize of the 2019 Chengdu Science and Technology Progress Award.",
        ),
    },
    "peptide-antibiotics-spbu": {
        "summary": (
            "与圣彼得堡国立大学合作解析新型脂肽类抗生素的非核糖体肽合成酶装配机制，为组合生物合成奠定基础。",
            "With Saint Petersburg State University, resolving how non-ribosomal peptide "
            "synthetases assemble new lipopeptide antibiotics, as a basis for combinatorial "
            "biosynthesis.",
        ),
        "outcomes": (
            "阐明关键合成酶的结构基础，成果发表于《自然·化学生物学》，联合举办中俄抗菌药物创新论坛。",
            "The structural basis of the key synthetases, published in Nature Chemical Biology, "
            "and a joint Sino-Russian forum on antibacterial drug innovation.",
        ),
    },
    "prostate-mri-fusion-biopsy-hebrew-university": {
        "summary": (
            "与耶路撒冷希伯来大学合作，比较磁共振-超声融合靶向穿刺与系统穿刺在前列腺癌诊断中的准确性。",
            "With the Hebrew University of Jerusalem, comparing MRI-ultrasound fusion targeted "
            "biopsy with systematic biopsy in the diagnosis of prostate cancer.",
        ),
        "outcomes": (
            "建立融合穿刺规范流程，临床显著性前列腺癌检出率明显提高，成果发表于《欧洲泌尿学》。",
            "A standard fusion-biopsy procedure that clearly raised the detection of clinically "
            "significant cancer, published in European Urology.",
        ),
    },
    "enzyme-immobilisation-tum": {
        "summary": (
            "与慕尼黑工业大学合作开发固定化酶连续流反应器及过程控制系统，实现手性药物中间体的连续化绿色生产。",
            "With the Technical University of Munich, developing continuous-flow reactors with "
            "immobilised enzymes, and their process control, for the green and continuous "
            "production of chiral drug intermediates.",
        ),
        "outcomes": (
            "建成连续流酶催化示范线，获授权发明专利和软件著作权各一项。",
            "A continuous-flow enzymatic demonstration line, one granted patent and one "
            "registered software copyright.",
        ),
    },
    "spine-surgery-navigation-mcgill": {
        "summary": (
            "与麦吉尔大学合作评价机器人辅助脊柱微创手术的置钉准确性，并建立术后康复评价体系。",
            "With McGill University, assessing screw-placement accuracy in robot-assisted "
            "minimally invasive spine surgery and building a post-operative rehabilitation "
            "assessment.",
        ),
        "outcomes": (
            "完成两百余例手术数据分析并发表论文，联合培养硕士研究生两名。",
            "Data from over two hundred operations analysed and published; two jointly trained "
            "master's students.",
        ),
    },
    "sino-thai-plant-drug-platform": {
        "summary": (
            "与朱拉隆功大学、宋卡王子大学和玛希隆大学共建中泰植物药研发国际合作平台，整合热带药用植物资源，开展联合研发和人才培养。",
            "A Sino-Thai platform built with Chulalongkorn University, Prince of Songkla "
            "University and Mahidol University to pool tropical medicinal plant resources for "
            "joint drug development and training.",
        ),
        "outcomes": (
            "建成泰国药用植物资源数据库，获得植物源抗炎候选化合物TP-3，举办中泰植物药研发国际研讨会。",
            "A database of Thai medicinal plant resources, anti-inflammatory candidate TP-3 and "
            "a Sino-Thai symposium on plant-derived drugs.",
        ),
    },
    "cryo-em-antibiotic-targets-ucl": {
        "summary": (
            "与伦敦大学学院合作，利用冷冻电镜解析新型大环内酯类抗生素与细菌核糖体的复合物结构，指导先导化合物优化。",
            "With University College London, using cryo-EM to solve the structures of new "
            "macrolide antibiotics bound to the bacterial ribosome, to guide lead optimisation.",
        ),
        "outcomes": (
            "解析复合物高分辨率结构，成果发表于《自然·通讯》。",
            "High-resolution structures of the complexes, published in Nature Communications.",
        ),
    },
    "sechenov-clinical-pharmacology": {
        "summary": (
            "与谢切诺夫第一莫斯科国立医科大学合作，开展重症感染患者抗生素群体药动学研究，优化给药方案。",
            "With Sechenov University, studying the population pharmacokinetics of antibiotics "
            "in severely infected patients to improve dosing.",
        ),
        "outcomes": (
            "建立群体药动学模型并提出个体化给药建议，成果发表于《抗菌化疗杂志》。",
            "A population pharmacokinetic model with individual dosing recommendations, "
            "published in the Journal of Antimicrobial Chemotherapy.",
        ),
    },
    "marine-sponge-alkaloids-toronto": {
        "summary": (
            "与多伦多大学合作研究海绵来源溴代吡咯生物碱的抗炎作用机制，筛选炎症性疾病治疗先导化合物。",
            "With the University of Toronto, studying how bromopyrrole alkaloids from marine "
            "sponges act against inflammation and selecting leads for inflammatory diseases.",
        ),
        "outcomes": (
            "阶段成果：明确主要活性成分的作用靶点，成果发表于《海洋药物》。",
            "So far: the targets of the main active compounds identified, published in Marine "
            "Drugs.",
        ),
    },
    "joint-phd-training-oxford": {
        "summary": (
            "与牛津大学、剑桥大学联合培养生物医药方向博士研究生，学生在双方导师指导下分段完成学业。",
            "Joint doctoral training in biomedicine with the universities of Oxford and "
            "Cambridge: students spend periods on both sides under two supervisors.",
        ),
        "outcomes": (
            "已选派两批共九名博士研究生。",
            "Two cohorts, nine doctoral students in all, sent so far.",
        ),
    },
    "ai-enzyme-design-weizmann": {
        "summary": (
            "与魏茨曼科学研究所合作，将深度学习与定向进化相结合设计高稳定性工业酶，用于手性药物中间体的绿色合成。",
            "With the Weizmann Institute of Science, combining deep learning and directed "
            "evolution to design highly stable industrial enzymes for the green synthesis of "
            "chiral drug intermediates.",
        ),
        "outcomes": (
            "设计获得高稳定性转氨酶，成果发表于《ACS催化》，申请发明专利一项，获2025年四川省国际科技合作奖。",
            "Highly stable transaminases published in ACS Catalysis, one patent application "
            "and the 2025 Sichuan International Science and Technology Cooperation Award.",
        ),
    },
    "charite-prostate-imaging-ai": {
        "summary": (
            "与柏林夏里特医学院合作，基于多参数磁共振影像构建前列腺癌深度学习辅助诊断模型。",
            "With Charité – Universitätsmedizin Berlin, building deep-learning models that help "
            "diagnose prostate cancer from multiparametric MRI.",
        ),
        "outcomes": (
            "诊断模型在多中心数据中完成验证，成果发表于《放射学》。",
            "The diagnostic model validated on multi-centre data and published in Radiology.",
        ),
    },
    "phage-therapy-kyoto": {
        "summary": (
            "与京都大学合作构建噬菌体资源库，研究噬菌体鸡尾酒疗法治疗多重耐药肺炎克雷伯菌感染。",
            "With Kyoto University, building a phage library and testing phage cocktails "
            "against multidrug-resistant Klebsiella pneumoniae.",
        ),
        "outcomes": (
            "建成含三百余株噬菌体的资源库，动物感染模型疗效研究发表于《自然·微生物学》。",
            "A library of over 300 phages; efficacy in animal infection models published in "
            "Nature Microbiology.",
        ),
    },
    "biocatalytic-cascades-moscow": {
        "summary": (
            "与莫斯科国立大学合作构建多酶级联催化体系，一锅法合成手性胺类药物中间体。",
            "With Lomonosov Moscow State University, building multi-enzyme cascades for the "
            "one-pot synthesis of chiral amine drug intermediates.",
        ),
        "outcomes": (
            "三酶级联体系收率超过90%，并举办俄罗斯青年学者生物催化技术培训。",
            "A three-enzyme cascade with yields above 90%, and a biocatalysis training course "
            "for young Russian scholars.",
        ),
    },
    "orthopaedic-implant-coatings-ubc": {
        "summary": (
            "引进英属哥伦比亚大学抗菌肽涂层技术，开发可降低骨科植入物术后感染风险的抗菌涂层。",
            "Transferring the University of British Columbia's antimicrobial-peptide coating "
            "technology to cut the risk of infection after orthopaedic implant surgery.",
        ),
        "outcomes": (
            "阶段成果：完成涂层工艺小试和体外抗菌评价。",
            "So far: a bench-scale coating process and in-vitro antibacterial tests.",
        ),
    },
    "thai-marine-natural-products-psu": {
        "summary": (
            "与宋卡王子大学合作在安达曼海开展海洋生物样品联合调查，发掘海洋天然产物药物资源。",
            "With Prince of Songkla University, surveying marine organisms in the Andaman Sea "
            "for natural products with drug potential.",
        ),
        "outcomes": (
            "阶段成果：完成首航次联合采样，采集样品四百余份。",
            "So far: the first joint sampling cruise, with over 400 samples collected.",
        ),
    },
    "introduced-expert-team-tel-aviv": {
        "summary": (
            "引进特拉维夫大学前列腺微创治疗专家团队，开展临床技术培训和联合研究，提升前列腺癌微创诊疗水平。",
            "Bringing a Tel Aviv University expert team to the base for clinical training and "
            "joint research in minimally invasive prostate-cancer care.",
        ),
        "outcomes": (
            "阶段成果：专家团队已入驻并完成首期临床技术培训。",
            "So far: the expert team in place and the first clinical training completed.",
        ),
    },
    "protein-degraders-cambridge": {
        "summary": (
            "与剑桥大学合作设计靶向蛋白降解分子（PROTAC），针对耐药肿瘤中的难成药靶点。",
            "With the University of Cambridge, designing targeted protein degraders (PROTACs) "
            "for hard-to-drug targets in resistant tumours.",
        ),
        "outcomes": (
            "阶段成果：剑桥大学博士后来访开展合作研究，完成首批分子设计。",
            "So far: a Cambridge postdoctoral fellow at the base and the first molecules designed.",
        ),
    },
    "green-antibiotic-manufacturing-osaka": {
        "summary": (
            "与大阪大学、东京大学共建抗生素绿色智能制造联合实验室，推动发酵过程数字化和低碳生产。",
            "A joint laboratory with Osaka University and the University of Tokyo for green and "
            "smart antibiotic manufacturing: digital fermentation control and low-carbon "
            "production.",
        ),
        "outcomes": ("", ""),
    },
    "ginsenoside-biotransformation-freiburg": {
        "summary": (
            "拟与弗莱堡大学合作，利用糖苷酶定向转化人参主要皂苷，制备人参皂苷Rg3、CK等稀有皂苷。",
            "Planned with the University of Freiburg: using glycosidases to convert the major "
            "ginsenosides into rare ones such as Rg3 and compound K.",
        ),
        "outcomes": ("", ""),
    },
    "marine-peptide-vaccines-mcgill": {
        "summary": (
            "拟与麦吉尔大学合作，评价海洋来源多肽作为疫苗佐剂的免疫增强效果和安全性。",
            "Planned with McGill University: testing marine-derived peptides as vaccine "
            "adjuvants for efficacy and safety.",
        ),
        "outcomes": ("", ""),
    },
    "sino-russian-antibiotics-forum-platform": {
        "summary": (
            "与谢切诺夫第一莫斯科国立医科大学、圣彼得堡国立大学共建中俄抗生素创新合作平台，联合开展新药发现、临床评价和人才培养。",
            "A Sino-Russian platform for antibiotic innovation with Sechenov University and "
            "Saint Petersburg State University: drug discovery, clinical evaluation and "
            "training.",
        ),
        "outcomes": ("", ""),
    },
    "early-penicillin-acylase-cooperation": {
        "summary": (
            "基地获批初期与海德堡大学就青霉素酰化酶改造开展的探索性合作，因双方研究方向调整而中止，相关工作并入后续酶法合成项目。",
            "An exploratory cooperation with Heidelberg University on engineering penicillin "
            "acylase in the base's first years, suspended when both sides changed focus; the "
            "work continued in later enzymatic synthesis projects.",
        ),
        "outcomes": (
            "完成酶突变体的初步筛选。",
            "A first screening of enzyme variants.",
        ),
    },
    "lanthipeptide-genome-mining-hokkaido": {
        "summary": (
            "拟与北海道大学合作，通过基因组挖掘发现新型羊毛硫肽类抗生素，应对革兰氏阳性耐药菌感染。",
            "Planned with Hokkaido University: genome mining for new lanthipeptide antibiotics "
            "against resistant Gram-positive bacteria.",
        ),
        "outcomes": ("", ""),
    },
    "sino-thai-young-pharmacists-exchange": {
        "summary": (
            "拟与朱拉隆功大学开展药学青年教师和研究生互访，每年双方各派约十人进行短期研修。",
            "Planned with Chulalongkorn University: exchanges of young pharmacy staff and "
            "graduate students, about ten people each way every year for short research stays.",
        ),
        "outcomes": ("", ""),
    },
}

# --- awards -----------------------------------------------------------------------------
# slug, title (zh, en), granting body (zh, en), level, year, date, recipient (kind, slug).
AWARDS = [
    (
        "national-international-cooperation-base-2009",
        ("国家级国际科技合作基地", "National-level International S&T Cooperation Base"),
        (
            "中华人民共和国科学技术部",
            "Ministry of Science and Technology of the People's Republic of China",
        ),
        "national",
        2009,
        None,
        None,
    ),
    (
        "advanced-base-international-cooperation-2022",
        (
            "2022年度国际科技合作先进基地",
            "2022 Advanced Base for International Science and Technology Cooperation",
        ),
        ("四川省科学技术厅", "Science & Technology Department of Sichuan Province"),
        "provincial",
        2022,
        None,
        None,
    ),
    (
        "sichuan-international-cooperation-base-2012",
        ("四川省国际科技合作基地", "Sichuan Provincial International S&T Cooperation Base"),
        ("四川省科学技术厅", "Science & Technology Department of Sichuan Province"),
        "provincial",
        2012,
        None,
        ("unit", "sichuan-industrial-institute-of-antibiotics"),
    ),
    (
        "sichuan-science-progress-award-2016",
        (
            "四川省科学技术进步奖二等奖",
            "Sichuan Science and Technology Progress Award, second prize",
        ),
        ("四川省人民政府", "People's Government of Sichuan Province"),
        "provincial",
        2016,
        date(2016, 12, 20),
        ("project", "enzymatic-synthesis-beta-lactams-munich"),
    ),
    (
        "chengdu-science-progress-award-2019",
        (
            "成都市科学技术进步奖一等奖",
            "Chengdu Science and Technology Progress Award, first prize",
        ),
        ("成都市人民政府", "Chengdu Municipal People's Government"),
        "municipal",
        2019,
        date(2019, 11, 8),
        ("project", "antibiotic-process-transfer-osaka"),
    ),
    (
        "chengdu-international-cooperation-base-2014",
        ("成都市国际科技合作基地", "Chengdu International S&T Cooperation Base"),
        ("成都市科学技术局", "Chengdu Municipal Bureau of Science and Technology"),
        "municipal",
        2014,
        None,
        ("unit", "college-of-pharmacy"),
    ),
    (
        "university-teaching-award-2021",
        (
            "成都大学国际化人才培养优秀成果奖",
            "Chengdu University award for international talent training",
        ),
        ("成都大学", "Chengdu University"),
        "university",
        2021,
        date(2021, 6, 30),
        ("researcher", "li-na"),
    ),
    (
        "china-patent-excellence-award-2023",
        ("中国专利优秀奖", "China Patent Award of Excellence"),
        ("国家知识产权局", "China National Intellectual Property Administration"),
        "national",
        2023,
        date(2023, 7, 12),
        ("researcher", "huang-qiang"),
    ),
    (
        "international-cooperation-award-2025",
        ("四川省国际科技合作奖", "Sichuan International Science and Technology Cooperation Award"),
        ("四川省人民政府", "People's Government of Sichuan Province"),
        "provincial",
        2025,
        date(2025, 12, 18),
        ("project", "ai-enzyme-design-weizmann"),
    ),
]

# Descriptions (zh, en) of the awards that need one, by slug.
AWARD_DESCRIPTIONS = {
    "national-international-cooperation-base-2009": (
        "科技部认定成都大学国际科技合作基地为国家级国际科技合作基地，主要在生物医药领域开展国际科技合作。",
        "The Ministry of Science and Technology recognised Chengdu University's base as a "
        "national-level international science and technology cooperation base, mainly for "
        "cooperation in biomedicine.",
    ),
    "advanced-base-international-cooperation-2022": (
        "四川省科学技术厅将基地评为“2022年度国际科技合作先进基地”，于2023年四川省科技工作会议上公布。",
        "The Science & Technology Department of Sichuan Province rated the base a 2022 "
        "Advanced Base for International Science and Technology Cooperation, announced at the "
        "2023 Sichuan Science and Technology Work Conference.",
    ),
    "sichuan-international-cooperation-base-2012": (
        "四川抗菌素工业研究所被认定为四川省国际科技合作基地。",
        "The Sichuan Industrial Institute of Antibiotics was recognised as a provincial "
        "international S&T cooperation base.",
    ),
    "chengdu-international-cooperation-base-2014": (
        "成都大学药学院被认定为成都市国际科技合作基地。",
        "The College of Pharmacy was recognised as a Chengdu municipal international S&T "
        "cooperation base.",
    ),
    "sichuan-science-progress-award-2016": (
        "表彰β-内酰胺类抗生素酶法合成工艺的中德合作成果。",
        "For the Sino-German work on the enzymatic synthesis of β-lactam antibiotics.",
    ),
    "chengdu-science-progress-award-2019": (
        "表彰引进日本绿色发酵技术并实现产业化的成果。",
        "For introducing green fermentation technology from Japan and bringing it to production.",
    ),
    "international-cooperation-award-2025": (
        "表彰中以合作团队在人工智能辅助酶分子设计方面的成果。",
        "For the Sino-Israeli team's work on AI-assisted enzyme design.",
    ),
}

# --- achievements -----------------------------------------------------------------------
# kind, title (zh, en), year, project slug, identifier.
ACHIEVEMENTS = [
    (
        "paper",
        ("链霉菌来源新型聚酮化合物的发现", "Discovery of novel polyketides from Streptomyces"),
        2011,
        "microbial-natural-products-screening-tokyo",
        "10.5555/ja.2011.45",
    ),
    (
        "patent",
        (
            "一种高通量筛选微生物次级代谢产物的方法",
            "Method for high-throughput screening of microbial secondary metabolites",
        ),
        2012,
        "microbial-natural-products-screening-tokyo",
        "CN102286512A",
    ),
    (
        "patent",
        (
            "固定化青霉素酰化酶催化合成阿莫西林的方法",
            "Enzymatic synthesis of amoxicillin with immobilised penicillin acylase",
        ),
        2013,
        "enzymatic-synthesis-beta-lactams-munich",
        "CN103060278B",
    ),
    (
        "paper",
        ("β-内酰胺酶法合成的动力学控制", "Kinetic control in the enzymatic synthesis of β-lactams"),
        2013,
        "enzymatic-synthesis-beta-lactams-munich",
        "10.5555/j.jbiotec.2013.04.011",
    ),
    (
        "paper",
        (
            "富含色氨酸抗菌肽对耐药金黄色葡萄球菌的作用",
            "Tryptophan-rich antimicrobial peptides against resistant Staphylococcus aureus",
        ),
        2014,
        "antimicrobial-peptides-moscow",
        "10.5555/AAC.02475-13",
    ),
    (
        "drug_candidate",
        ("抗菌肽候选药物CP-12", "Antimicrobial peptide candidate CP-12"),
        2015,
        "antimicrobial-peptides-moscow",
        "",
    ),
    (
        "paper",
        (
            "毕赤酵母中治疗性抗体片段的高效分泌表达",
            "Efficient secretion of therapeutic antibody fragments in Pichia pastoris",
        ),
        2014,
        "recombinant-protein-expression-oxford",
        "10.5555/s12934-014-0162-x",
    ),
    (
        "standard",
        (
            "重组蛋白药物宿主细胞蛋白残留检测规范",
            "Guideline for host-cell protein residue testing of recombinant protein drugs",
        ),
        2016,
        "recombinant-protein-expression-oxford",
        "T/SCPA 012-2016",
    ),
    (
        "paper",
        (
            "可注射磷酸钙骨水泥修复椎体骨缺损",
            "Injectable calcium phosphate cement for vertebral bone defects",
        ),
        2015,
        "bone-repair-biomaterials-toronto",
        "10.5555/j.actbio.2015.06.022",
    ),
    (
        "clinical_trial",
        (
            "前列腺癌血管靶向光动力治疗临床研究",
            "Clinical study of vascular-targeted photodynamic therapy for prostate cancer",
        ),
        2017,
        "prostate-cancer-focal-therapy-weizmann",
        "ChiCTR1700012345",
    ),
    (
        "paper",
        (
            "血管靶向光动力治疗低危前列腺癌的疗效",
            "Efficacy of vascular-targeted photodynamic therapy in low-risk prostate cancer",
        ),
        2018,
        "prostate-cancer-focal-therapy-weizmann",
        "10.5555/S1470-2045(17)30909-8",
    ),
    (
        "paper",
        (
            "糖基转移酶的底物杂泛性及其在黄酮修饰中的应用",
            "Substrate promiscuity of glycosyltransferases for flavonoid modification",
        ),
        2017,
        "glycosyltransferase-biocatalysis-heidelberg",
        "10.5555/anie.201702123",
    ),
    (
        "patent",
        (
            "一种微生物来源的新型抗真菌化合物及其制备方法",
            "Novel antifungal compound of microbial origin and its preparation",
        ),
        2018,
        "sino-japanese-joint-lab-microbial-drugs",
        "CN108456789A",
    ),
    (
        "drug_candidate",
        ("抗耐药真菌候选药物SIIA-0715", "Candidate drug SIIA-0715 against resistant fungi"),
        2021,
        "sino-japanese-joint-lab-microbial-drugs",
        "",
    ),
    (
        "paper",
        ("微生物天然产物的基因组挖掘", "Genome mining of microbial natural products"),
        2022,
        "sino-japanese-joint-lab-microbial-drugs",
        "10.5555/D2NP00012A",
    ),
    (
        "paper",
        (
            "泰国姜科植物中的抗炎二芳基庚烷类化合物",
            "Anti-inflammatory diarylheptanoids from Thai Zingiberaceae",
        ),
        2019,
        "thai-medicinal-plants-mahidol",
        "10.5555/j.jep.2019.112001",
    ),
    (
        "paper",
        ("海洋放线菌来源的抗肿瘤环肽", "Antitumour cyclopeptides from marine actinomycetes"),
        2019,
        "marine-actinomycetes-ubc",
        "10.5555/acs.jnatprod.9b00345",
    ),
    (
        "patent",
        (
            "一种海洋放线菌发酵生产抗肿瘤化合物的方法",
            "Fermentation of a marine actinomycete for an antitumour compound",
        ),
        2020,
        "marine-actinomycetes-ubc",
        "CN111321088A",
    ),
    (
        "patent",
        ("一种抗生素绿色发酵工艺", "Green fermentation process for an antibiotic"),
        2019,
        "antibiotic-process-transfer-osaka",
        "CN109536522B",
    ),
    (
        "paper",
        (
            "脂肽类抗生素非核糖体肽合成酶的结构基础",
            "Structural basis of NRPS assembly of lipopeptide antibiotics",
        ),
        2020,
        "peptide-antibiotics-spbu",
        "10.5555/s41589-020-0553-8",
    ),
    (
        "paper",
        ("磁共振超声融合穿刺与系统穿刺的比较", "MRI-ultrasound fusion versus systematic biopsy"),
        2021,
        "prostate-mri-fusion-biopsy-hebrew-university",
        "10.5555/j.eururo.2021.03.004",
    ),
    (
        "software",
        ("连续流酶催化工艺控制软件V1.0", "Continuous-flow enzymatic process control software V1.0"),
        2021,
        "enzyme-immobilisation-tum",
        "2021SR0456789",
    ),
    (
        "patent",
        ("一种固定化酶连续流反应器", "Continuous-flow reactor with immobilised enzymes"),
        2022,
        "enzyme-immobilisation-tum",
        "CN114456123B",
    ),
    (
        "paper",
        (
            "机器人辅助脊柱微创手术的准确性",
            "Accuracy of robot-assisted minimally invasive spine surgery",
        ),
        2021,
        "spine-surgery-navigation-mcgill",
        "10.5555/s00586-021-06789-2",
    ),
    (
        "paper",
        ("泰国药用植物资源数据库的构建", "A database of Thai medicinal plant resources"),
        2022,
        "sino-thai-plant-drug-platform",
        "10.5555/database/baac045",
    ),
    (
        "drug_candidate",
        ("植物源抗炎候选化合物TP-3", "Plant-derived anti-inflammatory candidate TP-3"),
        2024,
        "sino-thai-plant-drug-platform",
        "",
    ),
    (
        "paper",
        (
            "细菌核糖体与新型大环内酯复合物的冷冻电镜结构",
            "Cryo-EM structure of the bacterial ribosome with a new macrolide",
        ),
        2022,
        "cryo-em-antibiotic-targets-ucl",
        "10.5555/s41467-022-31234-5",
    ),
    (
        "paper",
        (
            "重症感染患者抗生素群体药动学",
            "Population pharmacokinetics of antibiotics in severe infection",
        ),
        2023,
        "sechenov-clinical-pharmacology",
        "10.5555/jac/dkad112",
    ),
    (
        "paper",
        (
            "海绵来源溴代吡咯生物碱的抗炎机制",
            "Anti-inflammatory mechanism of bromopyrrole alkaloids from sponges",
        ),
        2023,
        "marine-sponge-alkaloids-toronto",
        "10.5555/md21050287",
    ),
    (
        "paper",
        ("深度学习辅助设计高稳定性转氨酶", "Deep-learning design of highly stable transaminases"),
        2024,
        "ai-enzyme-design-weizmann",
        "10.5555/acscatal.4c01234",
    ),
    (
        "patent",
        ("一种人工智能辅助的酶突变体筛选方法", "AI-assisted method for screening enzyme variants"),
        2025,
        "ai-enzyme-design-weizmann",
        "CN118234567A",
    ),
    (
        "paper",
        (
            "前列腺癌多参数磁共振影像的深度学习诊断",
            "Deep-learning diagnosis of multiparametric prostate MRI",
        ),
        2024,
        "charite-prostate-imaging-ai",
        "10.5555/radiol.240123",
    ),
    (
        "paper",
        (
            "噬菌体鸡尾酒治疗多重耐药肺炎克雷伯菌感染",
            "Phage cocktails against multidrug-resistant Klebsiella pneumoniae",
        ),
        2025,
        "phage-therapy-kyoto",
        "10.5555/s41564-025-01789-3",
    ),
    (
        "paper",
        ("多酶级联合成手性胺", "Multi-enzyme cascade synthesis of chiral amines"),
        2025,
        "biocatalytic-cascades-moscow",
        "10.5555/cctc.202500456",
    ),
]

# Short descriptions (zh, en) of some achievements, by English title.
ACHIEVEMENT_DESCRIPTIONS = {
    "Antimicrobial peptide candidate CP-12": (
        "由中俄抗菌肽合作项目筛选获得的候选药物，对耐甲氧西林金黄色葡萄球菌具有较强活性，已完成临床前药效学研究。",
        "A candidate from the Sino-Russian antimicrobial-peptide project, active against "
        "methicillin-resistant Staphylococcus aureus; its preclinical efficacy studies are "
        "complete.",
    ),
    "Guideline for host-cell protein residue testing of recombinant protein drugs": (
        "与英国合作伙伴共同起草的团体标准，规定了重组蛋白药物宿主细胞蛋白残留的检测方法与限度。",
        "A group standard drafted with the British partners: how to test recombinant protein "
        "drugs for host-cell protein residues, and the limits.",
    ),
    "Candidate drug SIIA-0715 against resistant fungi": (
        "源自中日微生物药物联合实验室的抗耐药真菌候选药物，正在开展临床前安全性评价。",
        "A candidate against drug-resistant fungi from the Sino-Japanese joint laboratory of "
        "microbial drugs, now in preclinical safety studies.",
    ),
    "Continuous-flow enzymatic process control software V1.0": (
        "用于固定化酶连续流反应器的过程控制软件，已取得计算机软件著作权登记。",
        "Process-control software for continuous-flow reactors with immobilised enzymes, "
        "registered for software copyright.",
    ),
    "Multi-enzyme cascade synthesis of chiral amines": (
        "中俄生物催化级联项目的代表性论文，报道了一锅法多酶级联合成手性胺药物中间体的方法。",
        "The Sino-Russian biocatalytic-cascade project's main paper: a one-pot multi-enzyme "
        "cascade for chiral amine drug intermediates.",
    ),
}

# --- exchanges --------------------------------------------------------------------------
# kind, title (zh, en), start, end, country, institution, unit, project, people.
EXCHANGES = [
    (
        "incoming_visit",
        ("东京大学代表团访问基地", "Delegation of the University of Tokyo visits the base"),
        date(2009, 10, 12),
        date(2009, 10, 15),
        "JP",
        "university-of-tokyo",
        "sichuan-industrial-institute-of-antibiotics",
        "microbial-natural-products-screening-tokyo",
        6,
    ),
    (
        "outgoing_visit",
        ("赴慕尼黑工业大学考察酶法工艺", "Study visit to TUM on enzymatic processes"),
        date(2010, 6, 7),
        date(2010, 6, 18),
        "DE",
        "technical-university-of-munich",
        "sichuan-industrial-institute-of-antibiotics",
        "enzymatic-synthesis-beta-lactams-munich",
        4,
    ),
    (
        "visiting_scholar",
        ("莫斯科大学访问学者来访合作研究", "Visiting scholar from Moscow State University"),
        date(2012, 3, 1),
        date(2012, 8, 31),
        "RU",
        "lomonosov-moscow-state-university",
        "sichuan-industrial-institute-of-antibiotics",
        "antimicrobial-peptides-moscow",
        1,
    ),
    (
        "joint_student",
        ("牛津大学联合培养博士研究生", "Joint doctoral students at the University of Oxford"),
        date(2013, 10, 1),
        date(2015, 9, 30),
        "GB",
        "university-of-oxford",
        "college-of-pharmacy",
        "recombinant-protein-expression-oxford",
        2,
    ),
    (
        "conference",
        ("中以前列腺癌诊疗学术研讨会", "Sino-Israeli symposium on prostate-cancer care"),
        date(2015, 11, 5),
        date(2015, 11, 6),
        "IL",
        "weizmann-institute-of-science",
        "college-of-pharmacy",
        "prostate-cancer-focal-therapy-weizmann",
        85,
    ),
    (
        "visiting_scholar",
        ("赴多伦多大学骨科访问研修", "Visiting fellowship in orthopaedics at Toronto"),
        date(2014, 9, 1),
        date(2015, 8, 31),
        "CA",
        "university-of-toronto",
        "college-of-pharmacy",
        "bone-repair-biomaterials-toronto",
        1,
    ),
    (
        "incoming_visit",
        (
            "京都大学教授团队访问并签署联合实验室协议",
            "Kyoto professors visit and sign the joint-lab agreement",
        ),
        date(2015, 10, 20),
        date(2015, 10, 23),
        "JP",
        "kyoto-university",
        "sichuan-industrial-institute-of-antibiotics",
        "sino-japanese-joint-lab-microbial-drugs",
        5,
    ),
    (
        "training",
        ("泰国青年药学人才培训班", "Training course for young Thai pharmacists"),
        date(2017, 7, 10),
        date(2017, 7, 28),
        "TH",
        "mahidol-university",
        "college-of-pharmacy",
        "thai-medicinal-plants-mahidol",
        24,
    ),
    (
        "outgoing_visit",
        ("赴英属哥伦比亚大学开展海洋样品联合分析", "Joint analysis of marine samples at UBC"),
        date(2018, 5, 14),
        date(2018, 6, 8),
        "CA",
        "university-of-british-columbia",
        "sichuan-industrial-institute-of-antibiotics",
        "marine-actinomycetes-ubc",
        3,
    ),
    (
        "visiting_scholar",
        ("剑桥大学蛋白质设计访问学者", "Visiting scholars in protein design at Cambridge"),
        date(2017, 2, 1),
        date(2018, 1, 31),
        "GB",
        "university-of-cambridge",
        "college-of-pharmacy",
        "visiting-scholars-cambridge-protein-design",
        3,
    ),
    (
        "incoming_visit",
        ("大阪大学工艺专家驻所指导", "Osaka process experts on site at the institute"),
        date(2018, 4, 9),
        date(2018, 4, 27),
        "JP",
        "osaka-university",
        "sichuan-industrial-institute-of-antibiotics",
        "antibiotic-process-transfer-osaka",
        3,
    ),
    (
        "conference",
        ("中俄抗菌药物创新论坛", "Sino-Russian forum on antibacterial drug innovation"),
        date(2019, 9, 23),
        date(2019, 9, 24),
        "RU",
        "saint-petersburg-state-university",
        "sichuan-industrial-institute-of-antibiotics",
        "peptide-antibiotics-spbu",
        120,
    ),
    (
        "joint_student",
        ("麦吉尔大学联合培养硕士研究生", "Joint master's students at McGill University"),
        date(2019, 9, 1),
        date(2020, 8, 31),
        "CA",
        "mcgill-university",
        "college-of-pharmacy",
        "spine-surgery-navigation-mcgill",
        2,
    ),
    (
        "conference",
        ("中泰植物药研发国际研讨会（线上）", "Sino-Thai symposium on plant-derived drugs (online)"),
        date(2020, 11, 17),
        date(2020, 11, 18),
        "TH",
        "chulalongkorn-university",
        "college-of-pharmacy",
        "sino-thai-plant-drug-platform",
        160,
    ),
    (
        "visiting_scholar",
        ("伦敦大学学院冷冻电镜访问研究", "Visiting research in cryo-EM at UCL"),
        date(2021, 10, 1),
        date(2022, 3, 31),
        "GB",
        "university-college-london",
        "college-of-pharmacy",
        "cryo-em-antibiotic-targets-ucl",
        1,
    ),
    (
        "joint_student",
        ("中英联合培养博士研究生（首批）", "First cohort of Sino-British joint PhD students"),
        date(2021, 9, 15),
        date(2025, 9, 14),
        "GB",
        "university-of-oxford",
        "college-of-pharmacy",
        "joint-phd-training-oxford",
        4,
    ),
    (
        "incoming_visit",
        ("魏茨曼科学研究所代表团来访", "Delegation of the Weizmann Institute visits the base"),
        date(2022, 3, 21),
        date(2022, 3, 24),
        "IL",
        "weizmann-institute-of-science",
        "sichuan-industrial-institute-of-antibiotics",
        "ai-enzyme-design-weizmann",
        4,
    ),
    (
        "outgoing_visit",
        ("赴柏林夏里特医学院交流影像诊断", "Visit to Charité on imaging diagnosis"),
        date(2022, 10, 10),
        date(2022, 10, 21),
        "DE",
        "charite-berlin",
        "college-of-pharmacy",
        "charite-prostate-imaging-ai",
        3,
    ),
    (
        "conference",
        ("第二届国际抗生素创新大会", "Second International Conference on Antibiotic Innovation"),
        date(2023, 6, 15),
        date(2023, 6, 17),
        "JP",
        "kyoto-university",
        "sichuan-industrial-institute-of-antibiotics",
        None,
        210,
    ),
    (
        "training",
        ("俄罗斯青年学者生物催化技术培训", "Biocatalysis training for young Russian scholars"),
        date(2023, 8, 7),
        date(2023, 8, 25),
        "RU",
        "lomonosov-moscow-state-university",
        "college-of-pharmacy",
        "biocatalytic-cascades-moscow",
        15,
    ),
    (
        "joint_student",
        ("中英联合培养博士研究生（第二批）", "Second cohort of Sino-British joint PhD students"),
        date(2023, 9, 15),
        date(2027, 9, 14),
        "GB",
        "university-of-cambridge",
        "college-of-pharmacy",
        "joint-phd-training-oxford",
        5,
    ),
    (
        "outgoing_visit",
        ("赴宋卡王子大学开展安达曼海联合采样", "Joint sampling in the Andaman Sea with PSU"),
        date(2024, 11, 4),
        date(2024, 11, 22),
        "TH",
        "prince-of-songkla-university",
        "sichuan-industrial-institute-of-antibiotics",
        "thai-marine-natural-products-psu",
        5,
    ),
    (
        "incoming_visit",
        ("特拉维夫大学专家团队入驻", "Tel Aviv University expert team arrives"),
        date(2024, 9, 10),
        date(2024, 12, 20),
        "IL",
        "tel-aviv-university",
        "college-of-pharmacy",
        "introduced-expert-team-tel-aviv",
        3,
    ),
    (
        "visiting_scholar",
        ("剑桥大学博士后来访合作研究", "Cambridge postdoctoral fellow joins the base"),
        date(2025, 4, 1),
        date(2026, 3, 31),
        "GB",
        "university-of-cambridge",
        "college-of-pharmacy",
        "protein-degraders-cambridge",
        1,
    ),
    (
        "conference",
        (
            "国际生物医药合作论坛暨基地年会",
            "International biomedicine cooperation forum and annual base meeting",
        ),
        date(2025, 10, 28),
        date(2025, 10, 29),
        "DE",
        "heidelberg-university",
        "college-of-pharmacy",
        None,
        150,
    ),
]

# Short descriptions (zh, en) of some exchanges, by English title.
EXCHANGE_DESCRIPTIONS = {
    "Kyoto professors visit and sign the joint-lab agreement": (
        "京都大学教授一行访问基地，参观微生物药物实验平台，并签署共建中日微生物药物联合实验室协议。",
        "Professors of Kyoto University toured the microbial-drug platform and signed the "
        "agreement that founded the Sino-Japanese joint laboratory of microbial drugs.",
    ),
    "Training course for young Thai pharmacists": (
        "为期两周的培训班，泰国青年药师学习中药与植物药质量控制及现代制剂技术。",
        "A two-week course in which young Thai pharmacists learned quality control of "
        "traditional and plant-derived medicines and modern formulation.",
    ),
    "Sino-Russian forum on antibacterial drug innovation": (
        "中俄两国高校、研究所和企业代表围绕耐药菌感染与新型抗菌药物研发开展交流。",
        "Universities, institutes and companies of both countries met on drug-resistant "
        "infections and the development of new antibacterial drugs.",
    ),
    "First cohort of Sino-British joint PhD students": (
        "首批四名联合培养博士生赴牛津大学和剑桥大学，在双方导师共同指导下开展研究。",
        "The first four joint PhD students went to Oxford and Cambridge to research under "
        "supervisors on both sides.",
    ),
    "International biomedicine cooperation forum and annual base meeting": (
        "来自七个国家合作伙伴的代表回顾年度合作成果，并商定下一年度联合研究与人员交流计划。",
        "Partners from seven countries reviewed the year's joint work and agreed the next "
        "year's joint research and exchange plans.",
    ),
}


# --- news -------------------------------------------------------------------------------
CATEGORIES = [
    ("base-news", "基地动态", "Base news", 1),
    ("exchanges", "合作交流", "Exchanges", 2),
    ("research-results", "科研成果", "Research results", 3),
]

SEED_ARTICLE_EN = [
    "Good news came from the 2023 Sichuan Science and Technology Work Conference that Chengdu "
    "University (CDU)'s international science and technology cooperation base was rated as the "
    '"2022 Advanced Base for International Science and Technology Cooperation" by the Science & '
    "Technology Department of Sichuan Province.",
    "The base was recognized as a national-level international science and technology cooperation "
    "base by the Ministry of Science and Technology in 2009, mainly for international scientific and "
    "technological cooperation in the field of biomedicine. Since it was recognized, the College of "
    "Pharmacy and the Sichuan Industrial Institute of Antibiotics have carried out cooperative "
    "research in the fields of gene and protein, biocatalysis and biotransformation, selection of "
    "innovative microbial drugs, enzyme engineering drugs, minimally invasive diagnosis and treatment "
    "of prostate cancer and orthopedic surgery, plant-derived innovative drugs and innovative marine "
    "drugs with Japan, Russia, the United Kingdom, Israel, Canada, Germany, Thailand, and other "
    "countries. They have made a series of high-level scientific research achievements and overcome "
    "many critical technical difficulties. Through useful explorations in the cooperation mechanism, "
    "talent training, project introduction, and resource integration, the base has been accumulating "
    "experience and striving to be a regional international cooperation demonstration site.",
    "In the next step, the base will take the opportunity of the Chengdu 2021 FISU World University "
    "Games to expand the breadth and depth of international exchanges and cooperation, further "
    "accelerate the output of representative achievements and the condensation of advantages and "
    "characteristics, improve the quality of international high-level talent training, and build a "
    "regional demonstration site for international cooperation in accordance with the three "
    "development strategies of CDU's \"talent strategy, characteristics strategy, and "
    'internationalization strategy" in the new era to promote the high-quality development of the '
    "university.",
]
SEED_ARTICLE_ZH = [
    "从2023年四川省科技工作会议上传来喜讯，成都大学国际科技合作基地被四川省科学技术厅评为"
    "“2022年度国际科技合作先进基地”。",
    "该基地于2009年被科技部认定为国家级国际科技合作基地，主要在生物医药领域开展国际科技合作。"
    "获批以来，药学院和四川抗菌素工业研究所与日本、俄罗斯、英国、以色列、加拿大、德国、泰国等国家，"
    "在基因与蛋白、生物催化与生物转化、创新微生物药物筛选、酶工程药物、前列腺癌微创诊疗及骨科手术、"
    "植物源创新药物和海洋创新药物等领域开展合作研究，取得了一系列高水平科研成果，攻克了多项关键技术难题。"
    "基地在合作机制、人才培养、项目引进和资源整合等方面进行了有益探索，不断积累经验，"
    "努力建设成为区域性国际合作示范基地。",
    "下一步，基地将以成都2021年第31届世界大学生夏季运动会为契机，拓展国际交流与合作的广度和深度，"
    "进一步加快代表性成果产出和优势特色凝练，提升国际化高层次人才培养质量，按照学校新时代"
    "“人才强校战略、特色发展战略、国际化战略”三大发展战略，建设区域性国际合作示范基地，推动学校高质量发展。",
]

# Topics cut across categories: slug, name (zh, en).
TOPICS = [
    ("recognition", "认定与表彰", "Recognition"),
    ("biomedicine", "生物医药", "Biomedicine"),
    ("talent-training", "人才培养", "Talent training"),
]

# The illustration (drawn by load_demo, not a photograph) of the seed article and the library.
DEMO_ILLUSTRATION_ALT = (
    "示意图：基地与七个合作国家的连线",
    "Illustration: the base linked with its seven partner countries",
)

# slug, category, title (zh, en), summary (zh, en), body paragraphs (zh, en), date, projects;
# optionally topics, related countries (ISO codes) and awards (slugs).
ARTICLES = [
    {
        "slug": "advanced-base-international-cooperation-2022",
        "category": "base-news",
        "title": (
            "我校国际科技合作基地获评“2022年度国际科技合作先进基地”",
            "CDU's international S&T cooperation base rated 2022 Advanced Base",
        ),
        "summary": (
            "成都大学国际科技合作基地被四川省科学技术厅评为“2022年度国际科技合作先进基地”。",
            "The Science & Technology Department of Sichuan Province rated CDU's base as the "
            "2022 Advanced Base for International Science and Technology Cooperation.",
        ),
        "body": (SEED_ARTICLE_ZH, SEED_ARTICLE_EN),
        "published": date(2023, 3, 2),
        "source": ("成都大学新闻网", "Chengdu University News"),
        "featured": True,
        "projects": [],
        "topics": ["recognition", "biomedicine"],
        "countries": ["JP", "RU", "GB", "IL", "CA", "DE", "TH"],
        "awards": [
            "national-international-cooperation-base-2009",
            "advanced-base-international-cooperation-2022",
        ],
        "cover": True,
    },
    {
        "slug": "sino-thai-platform-launched",
        "category": "exchanges",
        "title": (
            "中泰植物药研发国际合作平台正式启动",
            "Sino-Thai platform for plant-derived drugs launched",
        ),
        "summary": (
            "基地与朱拉隆功大学、宋卡王子大学和玛希隆大学共建植物药研发合作平台。",
            "The base and three Thai universities launched a joint platform for plant-derived drugs.",
        ),
        "body": (
            [
                "基地与朱拉隆功大学、宋卡王子大学和玛希隆大学签署协议，共建中泰植物药研发国际合作平台，"
                "围绕热带药用植物资源开展联合研究和人才培养。"
            ],
            [
                "The base signed an agreement with Chulalongkorn University, Prince of Songkla "
                "University and Mahidol University to build a Sino-Thai platform for plant-derived "
                "drug development, with joint research and training on tropical medicinal resources."
            ],
        ),
        "published": date(2019, 11, 20),
        "source": ("", ""),
        "featured": False,
        "projects": ["sino-thai-plant-drug-platform"],
    },
    {
        "slug": "antibiotic-innovation-conference-2023",
        "category": "exchanges",
        "title": (
            "第二届国际抗生素创新大会在京都举行",
            "Second International Conference on Antibiotic Innovation held in Kyoto",
        ),
        "summary": (
            "来自七个国家的两百余名学者参加会议，交流耐药菌防治最新进展。",
            "Over two hundred researchers from seven countries discussed progress against resistant bacteria.",
        ),
        "body": (
            [
                "会议由基地与京都大学联合主办，围绕新型抗生素发现、噬菌体治疗和抗菌肽等议题进行了深入交流。"
            ],
            [
                "Co-hosted by the base and Kyoto University, the conference covered new antibiotic "
                "discovery, phage therapy and antimicrobial peptides."
            ],
        ),
        "published": date(2023, 6, 20),
        "source": ("", ""),
        "featured": False,
        "projects": ["phage-therapy-kyoto"],
    },
    {
        "slug": "ai-enzyme-design-paper-2024",
        "category": "research-results",
        "title": (
            "中以合作团队在人工智能酶设计领域取得新进展",
            "Sino-Israeli team advances AI-assisted enzyme design",
        ),
        "summary": (
            "合作团队利用深度学习设计出高稳定性转氨酶，成果发表于ACS Catalysis。",
            "The team designed highly stable transaminases with deep learning, published in ACS Catalysis.",
        ),
        "body": (
            [
                "四川抗菌素工业研究所与魏茨曼科学研究所合作团队利用深度学习方法设计出高稳定性转氨酶，"
                "为手性药物中间体的绿色制造提供了新工具。"
            ],
            [
                "Researchers of the Sichuan Industrial Institute of Antibiotics and the Weizmann "
                "Institute used deep learning to design highly stable transaminases, a new tool for "
                "the green manufacture of chiral drug intermediates."
            ],
        ),
        "published": date(2024, 8, 12),
        "source": ("", ""),
        "featured": True,
        "projects": ["ai-enzyme-design-weizmann"],
    },
    {
        "slug": "annual-base-meeting-2025",
        "category": "base-news",
        "title": (
            "基地召开2025年度国际合作工作会议",
            "The base holds its 2025 international cooperation meeting",
        ),
        "summary": (
            "会议总结年度合作成效，部署下一年度重点任务。",
            "The meeting reviewed the year's cooperation and set next year's priorities.",
        ),
        "body": (
            [
                "会议总结了基地在合作机制、人才培养、项目引进和成果产出方面的进展，并部署了下一年度的重点工作。"
            ],
            [
                "The meeting reviewed progress in cooperation mechanisms, talent training, project "
                "introduction and research output, and set the priorities for the coming year."
            ],
        ),
        "published": date(2025, 10, 30),
        "source": ("", ""),
        "featured": False,
        "projects": [],
    },
]

# Addresses of the base's former website, as a university site numbered them, and the pages
# they lead to now (illustrative: the old site's real addresses are the base's to list).
REDIRECTS = [
    ("/info/1021/2023.htm", "/zh-hans/news/advanced-base-international-cooperation-2022/"),
    ("/jdjj.htm", "/zh-hans/pages/about/"),
]

ABOUT_PAGE = {
    "slug": "about",
    "title": ("关于基地", "About the base"),
    "body": (
        "<p>成都大学国际科技合作基地于2009年被科技部认定为国家级国际科技合作基地，"
        "主要在生物医药领域开展国际科技合作，2023年被四川省科学技术厅评为"
        "“2022年度国际科技合作先进基地”。</p>"
        "<h2>依托单位</h2><ul><li>成都大学药学院</li><li>四川抗菌素工业研究所</li></ul>"
        "<h2>合作领域</h2><p>基因与蛋白、生物催化与生物转化、创新微生物药物筛选、酶工程药物、"
        "前列腺癌微创诊疗及骨科手术、植物源创新药物和海洋创新药物。</p>"
        "<h2>合作国家</h2><p>日本、俄罗斯、英国、以色列、加拿大、德国、泰国等。</p>",
        "<p>Chengdu University's international science and technology cooperation base was "
        "recognised as a national-level base by the Ministry of Science and Technology in 2009. "
        "It works in biomedicine and was rated the 2022 Advanced Base for International Science "
        "and Technology Cooperation by the Science &amp; Technology Department of Sichuan "
        "Province.</p>"
        "<h2>Units</h2><ul><li>College of Pharmacy, Chengdu University</li>"
        "<li>Sichuan Industrial Institute of Antibiotics</li></ul>"
        "<h2>Fields</h2><p>Gene and protein; biocatalysis and biotransformation; innovative "
        "microbial drugs; enzyme-engineering drugs; minimally invasive diagnosis and treatment "
        "of prostate cancer and orthopaedic surgery; plant-derived and marine drugs.</p>"
        "<h2>Partner countries</h2><p>Japan, Russia, the United Kingdom, Israel, Canada, "
        "Germany, Thailand and others.</p>",
    ),
}
