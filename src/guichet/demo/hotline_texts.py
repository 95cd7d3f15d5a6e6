"""The demo hotline's request texts: composed, not templated.

Each text is put together from independent fragment pools per category and language (what is
wrong, details, how it affects people, what they ask; in ``hotline_texts_zh*``, ``_en``,
``_fr`` and ``_th``) and pools every category shares (where, since when, how people open and
close a call), in a varied order, with places, numbers and names drawn for each request. A
share of requests also mentions a second, related problem from a neighbouring category, as
people do, so categories overlap a little and the dispatch classifier has honest work to do.

Pure Python and seeded: the same seed gives the same texts, with or without a database.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import hotline_texts_en, hotline_texts_fr, hotline_texts_th, hotline_texts_zh
from . import hotline_texts_zh2 as _zh2
from .hotline_categories import BY_CODE, CATEGORIES
from .hotline_places import GRID, Cell, cells, roads
from .hub_names import TRADE_NAMES

LANGUAGES = ("zh-hans", "en", "fr", "th")
# The history's languages: mostly Chinese, and the city's foreign residents.
LANGUAGE_WEIGHTS = (0.72, 0.12, 0.07, 0.09)
SECOND_ISSUE_SHARE = 0.25  # requests that also mention a neighbouring category's problem
# Requests the dispatcher filed under a neighbouring category (the history's labels are human).
MISFILED_SHARE = 0.05
SHORT_SHARE = 0.15  # one-line requests: what and where, perhaps an ask

FRAGMENTS = {
    "zh-hans": {**hotline_texts_zh.FRAGMENTS, **_zh2.FRAGMENTS},
    "en": hotline_texts_en.FRAGMENTS,
    "fr": hotline_texts_fr.FRAGMENTS,
    "th": hotline_texts_th.FRAGMENTS,
}
FRAMES = {
    "zh-hans": hotline_texts_zh.FRAME,
    "en": hotline_texts_en.FRAME,
    "fr": hotline_texts_fr.FRAME,
    "th": hotline_texts_th.FRAME,
}


@dataclass(frozen=True)
class Spot:
    """Where a request is about: the names its text may mention."""

    district: str  # district code
    names: dict  # language -> {"road", "road2", "landmark", "community", "street", "district"}


@dataclass(frozen=True)
class Sample:
    category: str
    language: str
    kind: str
    title: str
    description: str
    cell: Cell
    spot: Spot

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.description}"


def spot_in(rng: random.Random, cell: Cell) -> Spot:
    """Names near a grid cell: two of its district's roads, a landmark, the community."""
    district = cell.district
    its_roads = roads(district.code)
    road, road2 = rng.sample(its_roads, 2) if len(its_roads) > 1 else (its_roads[0],) * 2
    landmark = rng.choice(district.landmarks)
    latin = {
        "road": road[0],
        "road2": road2[0],
        "landmark": landmark[0],
        "community": cell.community_en,
        "street": cell.street.en,
        "district": district.en,
    }
    chinese = {
        "road": road[1],
        "road2": road2[1],
        "landmark": landmark[1],
        "community": cell.community_zh,
        "street": cell.street.zh,
        "district": district.zh,
    }
    return Spot(district.code, {"zh-hans": chinese, "en": latin, "fr": latin, "th": latin})


def _values(rng: random.Random, language: str, spot: Spot) -> dict:
    frame = FRAMES[language]
    trade_en, trade_zh = rng.choice(TRADE_NAMES)
    trade = trade_zh if language == "zh-hans" else trade_en
    values = dict(spot.names[language])
    values.update(
        n=rng.randint(2, 9),
        nn=rng.randint(10, 60),
        floor=rng.randint(2, 28),
        building=rng.randint(1, 40),
        lane=rng.choice((rng.randint(1, 99), rng.randint(100, 1999))),
        room=rng.randint(1, 28) * 100 + rng.randint(1, 6),
        bus=rng.choice((rng.randint(11, 150), rng.randint(700, 990))),
        hour=rng.randint(9, 12),
        early=rng.randint(4, 6),
        money=rng.choice((rng.randint(3, 99) * 100, rng.randint(10, 300) * 1000)),
        months=rng.randint(2, 8),
        days=rng.randint(2, 20),
        weeks=rng.randint(2, 6),
        age=rng.randint(72, 96),
        years=rng.randint(5, 38),
        fever=rng.randint(38, 40),
        pole=f"{spot.district}{rng.randint(1, 9999):04d}",
        shop=rng.choice(frame["shop"]).format(trade=trade),
        company=rng.choice(frame["company"]).format(trade=trade),
        krub=rng.choice(("ครับ", "ค่ะ")),
    )
    return values


def _pick(rng: random.Random, pool: tuple[str, ...], avoid: str = "") -> str:
    choice = rng.choice(pool)
    if choice == avoid and len(pool) > 1:
        choice = rng.choice([p for p in pool if p != avoid])
    return choice


def compose(
    rng: random.Random, category: str, language: str, *, kind: str, spot: Spot
) -> tuple[str, str]:
    """A request's title and description, as a reporter in `language` might put it."""
    frame, pools = FRAMES[language], FRAGMENTS[language][category]
    values = _values(rng, language, spot)
    what = _pick(rng, pools["what"])
    where = _pick(rng, frame["where"])
    head = _pick(rng, frame["head"]).replace("{where}", where).replace("{what}", what)
    if kind == "praise":
        body = [_pick(rng, frame["praise"]).replace("{what}", what)]
        if rng.random() < 0.5:
            body.append(_pick(rng, frame["thanks"]))
    elif rng.random() < SHORT_SHARE:
        body = [head] + ([_pick(rng, pools["ask"])] if rng.random() < 0.6 else [])
    else:
        middle = [head]
        if rng.random() < 0.6:
            middle.append(_pick(rng, frame["since"]))
        if rng.random() < 0.6:
            detail = _pick(rng, pools["detail"])
            middle.append(detail)
            if rng.random() < 0.15:
                middle.append(_pick(rng, pools["detail"], avoid=detail))
        if rng.random() < 0.55:
            middle.append(_pick(rng, pools["impact"]))
        if rng.random() < SECOND_ISSUE_SHARE and BY_CODE[category].neighbours:
            other = FRAGMENTS[language][rng.choice(BY_CODE[category].neighbours)]
            if rng.random() < 0.35:  # told first, as if it were the main thing
                middle.insert(0, _pick(rng, other["what"]))
            else:
                middle.append(
                    _pick(rng, frame["also"]).replace("{what}", _pick(rng, other["what"]))
                )
        if rng.random() < 0.25:  # people tell it in their own order
            first = middle.pop(rng.randrange(len(middle)))
            middle.insert(0, first)
        body = middle
        if kind == "suggestion":
            body.append(_pick(rng, frame["suggest"]))
        elif kind == "consultation" and rng.random() < 0.7:
            body.append(_pick(rng, frame["consult"]))
        if kind != "suggestion" or rng.random() < 0.4:
            body.append(_pick(rng, pools["ask"]))
        if rng.random() < 0.3:
            body.insert(0, _pick(rng, frame["open"]))
        if rng.random() < 0.35:
            body.append(_pick(rng, frame["thanks"]))
    description = frame["join"](rng, body).format_map(values)
    return _title(rng, frame, pools, kind, what).format_map(values), description


def _title(rng: random.Random, frame: dict, pools: dict, kind: str, what: str) -> str:
    roll = rng.random()
    if roll < 0.45:
        title = _pick(rng, pools["title"])
        if rng.random() < 0.35:
            title = _pick(rng, frame["title_where"]).replace("{title}", title)
    elif roll < 0.8:
        title = frame["clip"](what)
    else:
        title = _pick(rng, frame["title_kind"][kind]).replace("{title}", _pick(rng, pools["title"]))
    return title[:1].upper() + title[1:]


def reply(rng: random.Random, category: str, language: str, spot: Spot) -> str:
    """What the department answered, in the reporter's language."""
    frame, pools = FRAMES[language], FRAGMENTS[language][category]
    text = _pick(rng, frame["reply"]).replace("{fix}", _pick(rng, pools["fix"]))
    return text.format_map(_values(rng, language, spot))


def pick_language(rng: random.Random) -> str:
    return rng.choices(LANGUAGES, weights=LANGUAGE_WEIGHTS)[0]


def pick_kind(rng: random.Random, category: str) -> str:
    kinds = BY_CODE[category].kinds
    return rng.choices(list(kinds), weights=list(kinds.values()))[0]


def pick_category(rng: random.Random) -> str:
    return rng.choices([c.code for c in CATEGORIES], weights=[c.weight for c in CATEGORIES])[0]


def samples(count: int, *, seed: int = 0) -> list[Sample]:
    """`count` labelled requests in the history's mix of categories, kinds and languages.

    The label is the category the request was filed under: about one in twenty was filed
    under a neighbouring category (``MISFILED_SHARE``), as dispatchers do.
    """
    rng = random.Random(seed)  # noqa: S311 - demo data, reproducible on purpose
    grid = cells()
    jingan = [c for c in grid if c.district.code == GRID[0].code]
    found = []
    for _ in range(count):
        category = pick_category(rng)
        language = pick_language(rng)
        kind = pick_kind(rng, category)
        # Jing'an, the demo centre's district, reports most; the other districts some.
        cell = rng.choice(jingan) if rng.random() < 0.7 else rng.choice(grid)
        spot = spot_in(rng, cell)
        title, description = compose(rng, category, language, kind=kind, spot=spot)
        if rng.random() < MISFILED_SHARE and BY_CODE[category].neighbours:
            category = rng.choice(BY_CODE[category].neighbours)
        found.append(Sample(category, language, kind, title, description, cell, spot))
    return found
