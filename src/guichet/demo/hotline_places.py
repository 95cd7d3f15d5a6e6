"""Where the demo city's hotline requests come from: the grid of districts, streets and cells.

The grid is a set of bounding boxes: each district's box is cut into streets (subdistricts,
街道), each street's box into communities (社区), one `GridCell` per community. Jing'an, the
demo centre's district, is tiled finely (12 streets of 16 communities); four neighbouring
districts more coarsely (4 streets of 9). Landmarks and roads give requests believable places.
"""

from __future__ import annotations

from dataclasses import dataclass

from .hub_names import DISTRICTS


@dataclass(frozen=True)
class Street:
    code: str  # the street's community affairs centre code where the demo city has one
    en: str
    zh: str


@dataclass(frozen=True)
class District:
    code: str
    en: str
    zh: str
    box: tuple[float, float, float, float]  # min lat, max lat, min lon, max lon
    rows: int  # streets per column and per row of the district's box
    cols: int
    street_rows: int  # communities per street, by rows and columns
    street_cols: int
    streets: tuple[Street, ...]
    landmarks: tuple[tuple[str, str], ...]  # (English, Chinese)


@dataclass(frozen=True)
class Cell:
    code: str
    district: District
    street: Street
    community_en: str
    community_zh: str
    box: tuple[float, float, float, float]


GRID = (
    District(
        "JA",
        "Jing'an",
        "静安区",
        (31.22, 31.26, 121.42, 121.47),
        3,
        4,
        4,
        4,
        (
            Street("JA-TIANMUXI", "Tianmu West Road", "天目西路"),
            Street("JA-BEIZHAN", "Beizhan", "北站"),
            Street("JA-BAOSHAN", "Baoshan Road", "宝山路"),
            Street("JA-ZHIJIANGXI", "Zhijiang West Road", "芷江西路"),
            Street("JA-PENGPU", "Pengpu Xincun", "彭浦新村"),
            Street("JA-GONGHEXIN", "Gonghe Xin Road", "共和新路"),
            Street("JA-DANING", "Daning Road", "大宁路"),
            Street("JA-LINFEN", "Linfen Road", "临汾路"),
            Street("JA-CAOJIADU", "Caojiadu", "曹家渡"),
            Street("JA-JINGANSI", "Jing'an Temple", "静安寺"),
            Street("JA-NANJINGXI", "Nanjing West Road", "南京西路"),
            Street("JA-JIANGNING", "Jiangning Road", "江宁路"),
        ),
        (
            ("Jing'an Temple", "静安寺"),
            ("Jiuguang Department Store", "久光百货"),
            ("Kerry Centre", "嘉里中心"),
            ("Jing'an Sculpture Park", "静安雕塑公园"),
            ("Joy City", "大悦城"),
            ("Shanghai Railway Station", "上海火车站"),
            ("Daning Park", "大宁公园"),
            ("Daning Music Plaza", "大宁音乐广场"),
            ("Changshou Road metro station", "长寿路地铁站"),
            ("Caojiadu flower market", "曹家渡花鸟市场"),
            ("Jing'an Park", "静安公园"),
            ("Plaza 66", "恒隆广场"),
            ("Suzhou Creek bank", "苏州河边"),
            ("Hanzhong Road metro station", "汉中路地铁站"),
        ),
    ),
    District(
        "HP",
        "Huangpu",
        "黄浦区",
        (31.22, 31.245, 121.47, 121.50),
        2,
        2,
        3,
        3,
        (
            Street("HP-WAITAN", "The Bund", "外滩"),
            Street("HP-NANJINGDONG", "Nanjing East Road", "南京东路"),
            Street("HP-HUAIHAIZHONG", "Huaihai Middle Road", "淮海中路"),
            Street("HP-RUIJIN", "Ruijin No. 2 Road", "瑞金二路"),
        ),
        (
            ("People's Square", "人民广场"),
            ("Xintiandi", "新天地"),
            ("the Bund", "外滩"),
            ("Yu Garden", "豫园"),
            ("Dashijie", "大世界"),
        ),
    ),
    District(
        "XH",
        "Xuhui",
        "徐汇区",
        (31.18, 31.22, 121.42, 121.46),
        2,
        2,
        3,
        3,
        (
            Street("XH-XUJIAHUI", "Xujiahui", "徐家汇"),
            Street("XH-TIANPING", "Tianping Road", "天平路"),
            Street("XH-HUNAN", "Hunan Road", "湖南路"),
            Street("XH-FENGLIN", "Fenglin Road", "枫林路"),
        ),
        (
            ("Xujiahui Cathedral", "徐家汇天主教堂"),
            ("Grand Gateway 66", "港汇恒隆广场"),
            ("Shanghai Stadium", "上海体育场"),
            ("Zhongshan Hospital", "中山医院"),
        ),
    ),
    District(
        "CN",
        "Changning",
        "长宁区",
        (31.20, 31.23, 121.38, 121.42),
        2,
        2,
        3,
        3,
        (
            Street("CN-HUAYANG", "Huayang Road", "华阳路"),
            Street("CN-JIANGSU", "Jiangsu Road", "江苏路"),
            Street("CN-XINHUA", "Xinhua Road", "新华路"),
            Street("CN-TIANSHAN", "Tianshan Road", "天山路"),
        ),
        (
            ("Zhongshan Park", "中山公园"),
            ("Raffles City Changning", "长宁来福士"),
            ("Loushanguan Road metro station", "娄山关路地铁站"),
        ),
    ),
    District(
        "PT",
        "Putuo",
        "普陀区",
        (31.24, 31.27, 121.38, 121.42),
        2,
        2,
        3,
        3,
        (
            Street("PT-CHANGSHOU", "Changshou Road", "长寿路"),
            Street("PT-CAOYANG", "Caoyang Xincun", "曹杨新村"),
            Street("PT-GANQUAN", "Ganquan Road", "甘泉路"),
            Street("PT-YICHUAN", "Yichuan Road", "宜川路"),
        ),
        (
            ("Global Harbor", "月星环球港"),
            ("Caoyang Park", "曹杨公园"),
            ("Zhenru Temple", "真如寺"),
        ),
    ),
)

# Community names (English stem, Chinese stem); a street's communities take them in turn.
COMMUNITY_STEMS = (
    ("Yanping", "延平"), ("Kangding", "康定"), ("Wuding", "武定"), ("Jiaozhou", "胶州"),
    ("Yuyuan", "愚园"), ("Changde", "常德"), ("Xikang", "西康"), ("Taixing", "泰兴"),
    ("Huashan", "华山"), ("Anyuan", "安远"), ("Yichang", "宜昌"), ("Xinzha", "新闸"),
    ("Shimen", "石门"), ("Fengyang", "凤阳"), ("Datian", "大田"), ("Wenshui", "汶水"),
    ("Yanchang", "延长"), ("Guangzhong", "广中"), ("Lingshi", "灵石"), ("Pengjiang", "彭江"),
    ("Zhongxing", "中兴"), ("Hutai", "沪太"), ("Xizang", "西藏"), ("Wanrong", "万荣"),
    ("Liuying", "柳营"), ("Baotong", "宝通"), ("Zhongshan", "中山"), ("Fuxing", "复兴"),
    ("Jiashan", "嘉善"), ("Ruijin", "瑞金"), ("Yongjia", "永嘉"), ("Wukang", "武康"),
    ("Anfu", "安福"), ("Dingxi", "定西"), ("Fahuazhen", "法华镇"), ("Panyu", "番禺"),
    ("Meichuan", "梅川"), ("Lanxi", "兰溪"), ("Huaxi", "华溪"), ("Ganquan", "甘泉"),
    ("Xinjing", "新泾"), ("Jinshajiang", "金沙江"), ("Qilianshan", "祁连山"), ("Wuning", "武宁"),
    ("Xiangyang", "襄阳"), ("Hengshan", "衡山"), ("Tianping", "天平"), ("Jianguo", "建国"),
)  # fmt: skip


def _split(box: tuple[float, float, float, float], rows: int, cols: int):
    min_lat, max_lat, min_lon, max_lon = box
    height, width = (max_lat - min_lat) / rows, (max_lon - min_lon) / cols
    for row in range(rows):
        for col in range(cols):
            lat = max_lat - (row + 1) * height  # north first, as a map reads
            lon = min_lon + col * width
            yield (round(lat, 6), round(lat + height, 6), round(lon, 6), round(lon + width, 6))


def cells() -> list[Cell]:
    """Every cell of the demo grid, in a stable order (the codes never change between runs)."""
    found = []
    stem = 0
    for district in GRID:
        boxes = list(_split(district.box, district.rows, district.cols))
        for street, street_box in zip(district.streets, boxes, strict=True):
            for number, box in enumerate(
                _split(street_box, district.street_rows, district.street_cols), start=1
            ):
                en, zh = COMMUNITY_STEMS[stem % len(COMMUNITY_STEMS)]
                lap = stem // len(COMMUNITY_STEMS)
                stem += 1
                suffix_en = " Community" if lap == 0 else f" No. {lap + 1} Community"
                suffix_zh = "社区" if lap == 0 else f"第{lap + 1}社区"
                found.append(
                    Cell(
                        f"{street.code}-{number:02d}",
                        district,
                        street,
                        en + suffix_en,
                        zh + suffix_zh,
                        box,
                    )
                )
    return found


def roads(district_code: str) -> tuple[tuple[str, str], ...]:
    """The district's roads (English, Chinese) from the data hub's address book."""
    for code, _region, _en, _zh, _weight, its_roads in DISTRICTS:
        if code == district_code:
            return tuple(its_roads)
    return (("Zhongshan Road", "中山路"),)
