"""Catalogue search: an in-process index of the published versions, in every language.

Text is cut into tokens the same way for the index and the query: Latin-script words are
lowercased with their accents folded ("Licence", "licencé" → "licence"); Chinese (and other
CJK) runs, written without spaces, become character bigrams; Thai runs, also without spaces,
become character trigrams. Retrieval is by token overlap through an inverted index; scoring
weighs the field a token was found in (name > keywords > description), how rare it is, how
much of the query matched, and whether the whole query appears as a phrase. Latin words
forgive typos: a query word also matches indexed words one edit away (two for long words,
counting a swap of neighbouring letters as one edit) and words it begins.

Freshness. Every web process keeps its own index and rebuilds it lazily. Published versions
never change, so the published set is fully described by (count, latest published_at, sum of
ids): publishing moves the latest date, withdrawing lowers the count. That key is read from
the database at most every CHECK_SECONDS, and at once after this process saved a version.
The outbox events (catalog.service_published / _withdrawn) reach one worker, not every web
process, so they could not tell each process's index on their own.
"""

from __future__ import annotations

import bisect
import math
import re
import threading
import time
import unicodedata
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, QuerySet, Sum
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from rapidfuzz import process
from rapidfuzz.distance import OSA

from . import selectors
from .models import ServiceVersion

CHECK_SECONDS = 3.0
FIELD_WEIGHTS = {"name": 3.0, "keywords": 2.0, "description": 1.0, "code": 0.5}
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
# Similarity of an indexed word to a query word: itself, a word it begins, one or two edits.
EXACT, PREFIX, ONE_EDIT, TWO_EDITS = 1.0, 0.7, 0.8, 0.55
MAX_EXPANSIONS = 40
MIN_GRAM_COVERAGE = 0.5  # share of a Chinese or Thai run's n-grams a match must contain
# Multipliers when the whole query appears as a phrase.
PHRASE_NAME, PHRASE_NAME_LANGUAGE, PHRASE_KEYWORDS, PHRASE_DESCRIPTION = 1.6, 1.15, 1.3, 1.1
EXACT_NAME = 2.0

WORD, CJK, THAI = "word", "cjk", "thai"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ebef"
_THAI = "\u0e00-\u0e7f"
_RUNS = re.compile(rf"([{_CJK}]+)|([{_THAI}]+)|([^\W_{_CJK}{_THAI}]+)")
_NGRAM = re.compile(f"[{_CJK}{_THAI}]")


# --- Tokens --------------------------------------------------------------------------------


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def runs(text: str) -> list[tuple[str, str]]:
    """The text as (kind, run) pairs: folded Latin words, CJK runs and Thai runs."""
    found = []
    for cjk, thai, word in _RUNS.findall(unicodedata.normalize("NFKC", text)):
        if cjk:
            found.append((CJK, cjk))
        elif thai:
            found.append((THAI, thai))
        else:
            found.append((WORD, _fold(word)))
    return found


def _grams(run: str, size: int) -> list[str]:
    if len(run) <= size:
        return [run]
    return [run[i : i + size] for i in range(len(run) - size + 1)]


def tokens(text: str) -> set[str]:
    """What the index stores for a text: words, CJK bigrams and single characters, Thai trigrams."""
    found: set[str] = set()
    for kind, run in runs(text):
        if kind == WORD:
            found.add(run)
        elif kind == CJK:
            found.update(_grams(run, 2))
            found.update(run)  # single characters, for one-character queries
        else:
            found.update(_grams(run, 3))
    return found


def normalized(text: str) -> str:
    """The text as the phrase check compares it: folded, one space between runs, none in CJK."""
    parts: list[str] = []
    previous = ""
    for kind, run in runs(text):
        if parts and not (kind == CJK and previous == CJK):
            parts.append(" ")
        parts.append(run)
        previous = kind
    return "".join(parts)


def _texts(value) -> list[str]:
    """Every language's text of a multilingual field (keywords hold lists)."""
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    found = []
    for item in value.values():
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, Iterable):
            found.extend(str(word) for word in item if word)
    return found


# --- The index -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facets:
    """What the catalogue page filters and counts on, for one published version."""

    code: str
    department: str
    audience: str
    online: bool  # no visit needed
    anywhere: bool  # at any service centre in the city
    events: frozenset[str]


class Index:
    """Postings (token → {version id: field weight}), the phrase texts, and each one's facets."""

    MEMO_SIZE = 128

    def __init__(self, rows: list[tuple], key: tuple, events: dict[int, set[str]]) -> None:
        started = time.perf_counter()
        self.key = key
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        shared: dict[float, float] = {}
        self.names: dict[int, dict[str, str]] = {}
        self.other: dict[int, tuple[str, str, str]] = {}
        self.facets: dict[int, Facets] = {}
        for pk, code, name, keywords, description, *facets in rows:
            department, audience, visits, channels = facets
            self.facets[pk] = Facets(
                code,
                department,
                audience,
                visits == 0,
                "any_centre" in (channels or ()),
                frozenset(events.get(pk, ())),
            )
            weights: dict[str, float] = defaultdict(float)
            fields = {
                "name": _texts(name),
                "keywords": _texts(keywords),
                "description": _texts(description),
                "code": [code],
            }
            for field, texts in fields.items():
                for token in set().union(*(tokens(text) for text in texts)):
                    weights[token] += FIELD_WEIGHTS[field]
            for token, weight in weights.items():
                postings[token][pk] = shared.setdefault(weight, weight)  # a few distinct floats
            self.names[pk] = {lang: normalized(text) for lang, text in (name or {}).items() if text}
            self.other[pk] = (
                "\n".join(normalized(t) for t in fields["keywords"]),
                "\n".join(normalized(t) for t in fields["description"]),
                normalized(code),
            )
        self.postings = dict(postings)
        self.size = len(rows)
        self.words = sorted(t for t in self.postings if not _NGRAM.search(t))
        self.fuzzy_words = [w for w in self.words if w.isalpha()]
        self.by_code = sorted(self.facets, key=lambda pk: self.facets[pk].code)
        self._expansions: dict[str, dict[str, float]] = {}
        self._memo: OrderedDict = OrderedDict()
        self._memo_lock = threading.Lock()
        self.build_seconds = time.perf_counter() - started

    def memo(self, key, compute: Callable[[], object]):
        """`compute()`'s answer, kept while this index lives (a few hundred answers at most)."""
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        with self._memo_lock:
            self._memo[key] = value
            while len(self._memo) > self.MEMO_SIZE:
                self._memo.popitem(last=False)
        return value

    def idf(self, token: str) -> float:
        return math.log(1 + self.size / len(self.postings[token]))

    def expand(self, word: str) -> dict[str, float]:
        """Indexed words a query word stands for, with their similarity to it."""
        cached = self._expansions.get(word)
        if cached is not None:
            return cached
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = EXACT
        if len(word) >= 3:
            start = bisect.bisect_left(self.words, word)
            for candidate in self.words[start : start + MAX_EXPANSIONS]:
                if not candidate.startswith(word):
                    break
                found.setdefault(candidate, PREFIX)
        if len(word) >= 4 and word.isalpha():
            edits = 1 if len(word) <= 7 else 2
            for candidate, distance, _ in process.extract(
                word,
                self.fuzzy_words,
                scorer=OSA.distance,
                score_cutoff=edits,
                limit=MAX_EXPANSIONS,
            ):
                similarity = EXACT if distance == 0 else ONE_EDIT if distance == 1 else TWO_EDITS
                found[candidate] = max(found.get(candidate, 0.0), similarity)
        if len(self._expansions) > 10_000:
            self._expansions.clear()
        self._expansions[word] = found
        return found

    def score(self, query: str, language: str, allowed: set[int] | None) -> dict[int, float]:
        terms = runs(query[:MAX_QUERY_CHARS])[:MAX_TERMS]
        if not terms:
            return {}
        totals: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for kind, run in terms:
            term = self._word_scores(run) if kind == WORD else self._gram_scores(kind, run)
            for pk, value in term.items():
                if allowed is None or pk in allowed:
                    totals[pk] += value
                    matched[pk] += 1
        needed = max(1, math.ceil(len(terms) / 2)) if len(terms) > 2 else 1
        phrase = normalized(query[:MAX_QUERY_CHARS])
        scores = {}
        for pk, total in totals.items():
            if matched[pk] < needed:
                continue
            coverage = matched[pk] / len(terms)
            scores[pk] = total * coverage * coverage * self._phrase_factor(pk, phrase, language)
        return scores

    def _word_scores(self, word: str) -> dict[int, float]:
        best: dict[int, float] = {}
        for token, similarity in self.expand(word).items():
            factor = similarity * self.idf(token)
            for pk, weight in self.postings[token].items():
                value = factor * weight
                if value > best.get(pk, 0.0):
                    best[pk] = value
        return best

    def _gram_scores(self, kind: str, run: str) -> dict[int, float]:
        grams = set(_grams(run, 2 if kind == CJK else 3))
        sums: dict[int, float] = defaultdict(float)
        hits: dict[int, int] = defaultdict(int)
        for gram in grams:
            posting = self.postings.get(gram)
            if not posting:
                continue
            idf = self.idf(gram)
            for pk, weight in posting.items():
                sums[pk] += idf * weight
                hits[pk] += 1
        needed = len(grams) * MIN_GRAM_COVERAGE
        return {pk: total / len(grams) for pk, total in sums.items() if hits[pk] >= needed}

    def _phrase_factor(self, pk: int, phrase: str, language: str) -> float:
        names = self.names[pk]
        keywords, description, code = self.other[pk]
        if phrase == code or phrase in names.values():
            return EXACT_NAME * PHRASE_NAME
        if any(phrase in name for name in names.values()):
            in_language = phrase in names.get(language, "")
            return PHRASE_NAME * (PHRASE_NAME_LANGUAGE if in_language else 1.0)
        if phrase in keywords:
            return PHRASE_KEYWORDS
        if phrase in description:
            return PHRASE_DESCRIPTION
        return 1.0


# --- Keeping it fresh ----------------------------------------------------------------------


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.index: Index | None = None
        self.checked_at = 0.0
        self.dirty = True


_state = _State()


def _published():
    return ServiceVersion.objects.filter(status=ServiceVersion.Status.PUBLISHED)


def _current_key() -> tuple:
    found = _published().aggregate(n=Count("pk"), latest=Max("published_at"), ids=Sum("pk"))
    return (found["n"], found["latest"], found["ids"] or 0)


def _build() -> Index:
    rows = list(
        _published().values_list(
            "pk",
            "service__code",
            "name",
            "keywords",
            "description",
            "competent_department__code",
            "audience",
            "visits",
            "channels",
            "published_at",
        )
    )
    events: dict[int, set[str]] = defaultdict(set)
    links = ServiceVersion.events.through.objects.filter(
        serviceversion__status=ServiceVersion.Status.PUBLISHED
    )
    for pk, code in links.values_list("serviceversion_id", "event__code"):
        events[pk].add(code)
    key = (len(rows), max((r[-1] for r in rows), default=None), sum(r[0] for r in rows))
    return Index([r[:-1] for r in rows], key, events)


def index() -> Index:
    """The current index: rebuilt when the published set changed, checked every few seconds."""
    current = _state.index
    recent = time.monotonic() - _state.checked_at < CHECK_SECONDS
    if current is not None and not _state.dirty and recent:
        return current
    with _state.lock:
        current = _state.index
        fresh = time.monotonic() - _state.checked_at < CHECK_SECONDS
        if current is not None and not _state.dirty and fresh:
            return current  # another thread checked meanwhile
        _state.dirty = False
        if current is None or current.key != _current_key():
            current = _state.index = _build()
        _state.checked_at = time.monotonic()
        return current


def invalidate() -> None:
    """Check the published set again before the next search."""
    _state.dirty = True


def reset() -> None:
    """Forget the index altogether (tests)."""
    with _state.lock:
        _state.index, _state.dirty = None, True


def _version_changed(sender, **kwargs) -> None:
    invalidate()
    transaction.on_commit(invalidate)  # once more when others can see it


post_save.connect(_version_changed, sender=ServiceVersion, dispatch_uid="catalog.search.saved")
post_delete.connect(_version_changed, sender=ServiceVersion, dispatch_uid="catalog.search.deleted")


# --- Searching -----------------------------------------------------------------------------


def ranked_ids(
    query: str,
    *,
    language: str | None = None,
    versions: QuerySet | None = None,
    limit: int | None = None,
) -> list[int]:
    """Ids of the matching published versions, most relevant first (no other query made)."""
    if not query or not query.strip():
        return []
    allowed = set(versions.values_list("pk", flat=True)) if versions is not None else None
    if allowed is not None and not allowed:
        return []
    language = (language or get_language() or "en").lower()
    scores = index().score(query, language, allowed)
    ordered = sorted(scores, key=lambda pk: (-scores[pk], pk))
    return ordered[:limit] if limit is not None else ordered


def search(
    query: str,
    *,
    language: str | None = None,
    versions: QuerySet | None = None,
    limit: int | None = None,
) -> list[ServiceVersion]:
    """Published versions matching `query`, most relevant first.

    `language` is the reader's (default: the active one): a phrase found in a name in it
    counts a little more; every language is searched. `versions` restricts the results to
    a filtered queryset (a department's services, say).
    """
    ids = ranked_ids(query, language=language, versions=versions, limit=limit)
    if not ids:
        return []
    found = (versions if versions is not None else selectors.published()).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
