"""Catalogue search over 5,000 services: in-process latency, then the search page under wrk.

The in-process part runs in a child process on the benchmark's database (generated services
written straight through the ORM, then every query timed many times): index build time and
p50/p95/p99 per kind of query, in a table and one JSON line ``{"bench": "catalog_search"}``.
The page part measures ``/services/?q=…`` through wrk on the same database and prints the
harness's usual report (``catalog_search_page``).

``python -m bench.catalog_search`` alone runs the in-process part on a throwaway SQLite file.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from bench._server import PROJECT_DIR, _server_env
from bench.harness import BenchError, Endpoint, Options, Report, machine_info, measure, serve

DESCRIPTION = "catalogue search: in-process p50/p95/p99 over 5,000 services, and the search page"
SERVICES = 5_000
ROUNDS = 40  # each query, this many times
TARGET_P95_MS = 50.0

QUERIES = {
    "en": [
        "food licence",
        "restaurant hygiene",
        "fire safety inspection",
        "drainage permit",
        "swimming pool",
        "alcohol licence yanta",
    ],
    "en typos": [
        "licnce",
        "resturant hygene",
        "fire saftey inspection",
        "pharmcy drug licence",
        "registraton",
        "swiming pool",
    ],
    "zh": ["食品经营", "餐饮许可", "消防安全检查", "雁塔区药店", "排水许可证", "广告备案"],
    "fr th": ["licence alimentaire", "hôtel hygiène", "ใบอนุญาตอาหาร", "สระว่ายน้ำ"],
}

# (English, Chinese, French, Thai)
ACTIVITIES = [
    ("restaurant", "餐饮", "restaurant", "ร้านอาหาร"),
    ("bakery", "烘焙", "boulangerie", "เบเกอรี่"),
    ("pharmacy", "药店", "pharmacie", "ร้านขายยา"),
    ("hotel", "酒店", "hôtel", "โรงแรม"),
    ("internet café", "网吧", "cybercafé", "ร้านอินเทอร์เน็ต"),
    ("supermarket", "超市", "supermarché", "ซูเปอร์มาร์เก็ต"),
    ("construction site", "建筑工地", "chantier", "สถานที่ก่อสร้าง"),
    ("clinic", "诊所", "clinique", "คลินิก"),
    ("market stall", "市场摊位", "étal de marché", "แผงตลาด"),
    ("beauty salon", "美容院", "salon de beauté", "ร้านเสริมสวย"),
    ("swimming pool", "游泳池", "piscine", "สระว่ายน้ำ"),
    ("kindergarten", "幼儿园", "école maternelle", "โรงเรียนอนุบาล"),
    ("warehouse", "仓库", "entrepôt", "คลังสินค้า"),
    ("food workshop", "食品小作坊", "atelier alimentaire", "โรงงานอาหารขนาดเล็ก"),
    ("karaoke bar", "歌舞厅", "karaoké", "คาราโอเกะ"),
    ("taxi company", "出租车公司", "compagnie de taxis", "บริษัทแท็กซี่"),
]
SUBJECTS = [
    ("food", "食品", "alimentaire", "อาหาร"),
    ("fire safety", "消防安全", "sécurité incendie", "ความปลอดภัยจากอัคคีภัย"),
    ("hygiene", "卫生", "hygiène", "สุขอนามัย"),
    ("signage", "招牌", "enseigne", "ป้าย"),
    ("drainage", "排水", "évacuation des eaux", "การระบายน้ำ"),
    ("environmental", "环境", "environnement", "สิ่งแวดล้อม"),
    ("business", "经营", "exploitation", "ธุรกิจ"),
    ("alcohol", "酒类", "alcool", "เครื่องดื่มแอลกอฮอล์"),
    ("tobacco", "烟草", "tabac", "ยาสูบ"),
    ("medical device", "医疗器械", "dispositif médical", "เครื่องมือแพทย์"),
    ("drug", "药品", "médicaments", "ยา"),
    ("performance", "演出", "spectacle", "การแสดง"),
    ("advertising", "广告", "publicité", "โฆษณา"),
    ("waste", "垃圾处理", "déchets", "ขยะ"),
]
KINDS = [
    ("licence", "许可", "licence", "ใบอนุญาต"),
    ("registration", "登记", "enregistrement", "การจดทะเบียน"),
    ("filing", "备案", "déclaration", "การยื่นแจ้ง"),
    ("permit", "许可证", "permis", "ใบอนุญาต"),
    ("inspection", "检查", "inspection", "การตรวจสอบ"),
    ("certificate", "证明", "certificat", "ใบรับรอง"),
    ("renewal", "换证", "renouvellement", "การต่ออายุ"),
    ("change", "变更", "modification", "การเปลี่ยนแปลง"),
]
DISTRICTS = [
    ("Beilin", "碑林"),
    ("Lianhu", "莲湖"),
    ("Xincheng", "新城"),
    ("Yanta", "雁塔"),
    ("Weiyang", "未央"),
    ("Baqiao", "灞桥"),
    ("Chang'an", "长安"),
    ("Lintong", "临潼"),
    ("Yanliang", "阎良"),
    ("Gaoling", "高陵"),
    ("Huyi", "鄠邑"),
]
DEPARTMENTS = ["MKT", "MPA", "HEALTH", "CULTURE", "FIRE", "URBAN", "COMMERCE", "ECO", "WATER"]


# --- In the child process: Django, the generated catalogue, the timings ---------------------


def _setup_django() -> str:
    """Django on the database in DATABASE_URL, or on a fresh SQLite file when there is none."""
    if not os.environ.get("DATABASE_URL"):
        tmp = Path(tempfile.mkdtemp(prefix="guichet-bench-search-"))
        atexit.register(shutil.rmtree, tmp, ignore_errors=True)
        os.environ["GUICHET_VAR_DIR"] = str(tmp)
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.settings")
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    if connection.vendor == "sqlite":
        return f"sqlite {connection.Database.sqlite_version}"
    return f"postgresql {connection.pg_version // 10000}.{connection.pg_version % 10000}"


def generate(count: int, seed: int = 7) -> int:
    """`count` published services with names, keywords and descriptions in four languages."""
    from django.db import transaction
    from django.utils import timezone

    from guichet.catalog.models import Channel, Department, Service, ServiceVersion

    rng = random.Random(seed)
    existing = Service.objects.filter(code__startswith="BENCH-").count()
    if existing >= count:
        return 0
    departments = [
        Department.objects.get_or_create(
            code=code, defaults={"name": {"en": code, "zh-hans": code}}
        )[0]
        for code in DEPARTMENTS
    ]
    combos = [(a, s, k, d) for a in ACTIVITIES for s in SUBJECTS for k in KINDS for d in DISTRICTS]
    chosen = rng.sample(combos, count)
    channel_sets = [
        [Channel.ONLINE, Channel.ANY_CENTRE, Channel.COMMUNITY],
        [Channel.ONLINE, Channel.ANY_CENTRE],
        [Channel.ANY_CENTRE],
        [Channel.ONLINE],
        [Channel.NAMED_CENTRE],
    ]
    now = timezone.now()
    with transaction.atomic():
        services = Service.objects.bulk_create(
            [Service(code=f"BENCH-{n:05}") for n in range(count)], batch_size=500
        )
        versions = []
        for service, (a, s, k, (district, district_zh)) in zip(services, chosen, strict=True):
            channels = rng.choice(channel_sets)
            versions.append(
                ServiceVersion(
                    service=service,
                    number=1,
                    status=ServiceVersion.Status.PUBLISHED,
                    name={
                        "en": f"{s[0].capitalize()} {k[0]} for a {a[0]} ({district})",
                        "zh-hans": f"{district_zh}区{a[1]}{s[1]}{k[1]}",
                        "fr": f"{k[2].capitalize()} {s[2]} pour {a[2]} ({district})",
                        "th": f"{k[3]}{s[3]}สำหรับ{a[3]} ({district})",
                    },
                    description={
                        "en": f"Apply for the {s[0]} {k[0]} you need to run a {a[0]} in "
                        f"{district} district. Bring your identity card and the lease contract.",
                        "zh-hans": f"在{district_zh}区开办{a[1]}需要办理的{s[1]}{k[1]}。"
                        "请携带身份证和租赁合同。",
                        "fr": f"Demandez la {k[2]} {s[2]} pour ouvrir un {a[2]} à {district}.",
                    },
                    keywords={"en": [a[0], s[0]], "zh-hans": [a[1], s[1]], "fr": [a[2]]},
                    audience=rng.choice(["person", "company", "both"]),
                    competent_department=rng.choice(departments),
                    legal_time_limit_days=20,
                    promised_time_limit_days=rng.choice([1, 3, 5, 10, 20]),
                    fee_amount=rng.choice([0, 0, 0, 50, 120]),
                    channels=channels,
                    named_centre_code="C01" if Channel.NAMED_CENTRE in channels else "",
                    visits=0 if channels == [Channel.ONLINE] else rng.choice([0, 1, 2]),
                    published_at=now,
                )
            )
        ServiceVersion.objects.bulk_create(versions, batch_size=500)
    return count


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    cut = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "n": len(ordered),
        "p50_ms": round(cut[49], 3),
        "p95_ms": round(cut[94], 3),
        "p99_ms": round(cut[98], 3),
        "max_ms": round(ordered[-1], 3),
    }


def measure_in_process(count: int) -> dict:
    database = _setup_django()
    generated = generate(count)
    import tracemalloc

    from guichet.catalog import search

    tracemalloc.start()
    search.reset()
    search.index()
    index_mb = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    builds = []
    for _ in range(3):
        search.reset()
        started = time.perf_counter()
        index = search.index()
        builds.append(time.perf_counter() - started)

    rows = []
    every_index, every_page = [], []
    for group, queries in QUERIES.items():
        index_ms, page_ms, hits = [], [], []
        for round_number in range(ROUNDS + 1):
            for query in queries:
                started = time.perf_counter()
                ids = search.ranked_ids(query)
                middle = time.perf_counter()
                page = search.search(query, limit=20)
                done = time.perf_counter()
                if round_number == 0:  # the first round warms the typo cache; not counted
                    hits.append(len(ids))
                    assert len(page) == min(20, len(ids)), query
                    continue
                index_ms.append((middle - started) * 1000)  # ranking alone
                page_ms.append((done - middle) * 1000)  # the whole call: ranking and rows
        every_index += index_ms
        every_page += page_ms
        rows.append(
            {
                "queries": group,
                "matches": hits,
                "index": _percentiles(index_ms),
                "search_top20": _percentiles(page_ms),
            }
        )
    rows.append(
        {
            "queries": "all",
            "index": _percentiles(every_index),
            "search_top20": _percentiles(every_page),
        }
    )
    return {
        "bench": "catalog_search",
        "database": database,
        "services": index.size,
        "generated_now": generated,
        "index": {
            "build_s": round(statistics.median(builds), 3),
            "tokenise_s": round(index.build_seconds, 3),
            "tokens": len(index.postings),
            "words": len(index.words),
            "memory_mb": round(index_mb, 1),
        },
        "rounds": ROUNDS,
        "ok": rows[-1]["search_top20"]["p95_ms"] < TARGET_P95_MS,
        "results": rows,
    }


# --- In the harness's process --------------------------------------------------------------


def print_in_process(data: dict) -> None:
    idx = data["index"]
    print(
        f"\ncatalog_search: {data['services']:,} published services, {data['database']}; "
        f"index built in {idx['build_s']:.2f} s ({idx['tokenise_s']:.2f} s tokenising), "
        f"{idx['tokens']:,} tokens, {idx['memory_mb']:.0f} MB"
    )
    heads = "".join(f" {head:>8}" for head in ("p50 ms", "p95 ms", "p99 ms", "max ms"))
    print(f"{'queries':<12} {'part':<22} {'n':>6}{heads}")
    for row in data["results"]:
        for part, label in (("index", "ranking (ids)"), ("search_top20", "search(), top 20")):
            p = row[part]
            print(
                f"{row['queries']:<12} {label:<22} {p['n']:>6} {p['p50_ms']:>8.2f} "
                f"{p['p95_ms']:>8.2f} {p['p99_ms']:>8.2f} {p['max_ms']:>8.2f}"
            )
    p95 = data["results"][-1]["search_top20"]["p95_ms"]
    verdict = "ok" if p95 < TARGET_P95_MS else "TOO SLOW"
    print(
        f"search() p95 over all queries: {p95:.2f} ms (target < {TARGET_P95_MS:.0f} ms): {verdict}"
    )
    print(json.dumps(data))


def _child(env: dict[str, str], count: int) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.catalog_search", "--json", "--services", str(count)],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-25:])
        raise BenchError(f"the in-process search benchmark failed ({proc.returncode}):\n{tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run(options: Options) -> Report:
    with serve(options) as server:
        kind = "postgres" if server.database.startswith("postgres") else "sqlite"
        # The server's own environment (its database), rebuilt from its temporary directory.
        env = _server_env(server.log.parent, kind)
        data = _child(env, SERVICES)
        data["machine"] = machine_info(server.database)
        print_in_process(data)
        endpoints = [
            Endpoint("/services/?q=" + quote(query), label=f"/services/?q={query}")
            for query in ("food licence", "licnce", "食品经营")
        ]
        endpoints += [Endpoint("/services/"), Endpoint("/services/BENCH-00042/")]
        results = measure(server, endpoints, options)
    return Report(
        "catalog_search_page", machine_info(server.database), results, results[0].rps, options
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.catalog_search")
    parser.add_argument("--services", type=int, default=SERVICES)
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    args = parser.parse_args(argv)
    data = measure_in_process(args.services)
    if args.json:
        print(json.dumps(data))
    else:
        data["machine"] = machine_info(data["database"])
        print_in_process(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
