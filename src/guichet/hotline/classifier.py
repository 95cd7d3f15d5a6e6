"""The dispatch classifier: which category and which department a request's text points to.

Trained from the platform's own resolved requests, versioned in the database
(`ClassifierVersion`) so that every web and worker process loads the same model, and never
downloaded from anywhere. Chinese and Thai are written without spaces between words, so the
features are character n-grams (1 to 3 characters within word boundaries, TF-IDF with
sublinear term frequency): no word segmenter, one pipeline for every language. Two linear heads
(category, department) share the features; each gives probabilities, and the top three of
each are what the dispatcher sees.

Each head is a linear classifier trained by stochastic gradient descent on the log loss (a
logistic regression, one-vs-rest): on the demo history as accurate as LogisticRegression
(lbfgs) and within a point of a calibrated LinearSVC, while both heads train on 100,000
requests in well under a minute where those take minutes per head (the comparison is in
``bench/classify.py``, which measures it again).

The stored blob is a joblib pickle: only ever loaded from our own database, which only this
module writes.
"""

from __future__ import annotations

import io
import logging
import threading
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import joblib
import numpy as np
import sklearn
from django.db import transaction
from django.db.models import Max
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from .models import Category, ClassifierVersion, Request, WorkOrder

logger = logging.getLogger(__name__)

RECHECK_SECONDS = 60  # how often a process asks the database whether a newer model exists
TOP = 3
MAX_FEATURES = 200_000
MAX_SAMPLES = 200_000  # newest resolved requests a retrain reads
FORMAT = 1


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(1, 3),
        sublinear_tf=True,
        min_df=2,
        max_features=MAX_FEATURES,
        dtype=np.float32,
    )


def _head(labels: Sequence[str]):
    """A probabilistic linear model, or a constant when the history knows a single label."""
    if len(set(labels)) < 2:
        return DummyClassifier(strategy="prior")
    return SGDClassifier(
        loss="log_loss", alpha=3e-5, max_iter=10, tol=None, random_state=0, n_jobs=-1
    )


@dataclass(frozen=True)
class Prediction:
    version: int
    categories: list[tuple[str, float]]  # top three, most likely first
    departments: list[tuple[str, float]]


class TrainedModel:
    """The shared features and the two heads; `predict` gives a `Prediction`."""

    def __init__(self, vectorizer: TfidfVectorizer, categories, departments) -> None:
        self.vectorizer = vectorizer
        self.categories = categories
        self.departments = departments
        self.version = 0  # set when saved

    @staticmethod
    def _top(head, features) -> list[list[tuple[str, float]]]:
        probabilities = head.predict_proba(features)
        order = np.argsort(-probabilities, axis=1)[:, :TOP]
        return [
            [(str(head.classes_[i]), round(float(row[i]), 4)) for i in best]
            for row, best in zip(probabilities, order, strict=True)
        ]

    def predict_many(self, texts: Sequence[str]) -> list[Prediction]:
        features = self.vectorizer.transform(list(texts))
        categories = self._top(self.categories, features)
        departments = self._top(self.departments, features)
        return [
            Prediction(self.version, c, d) for c, d in zip(categories, departments, strict=True)
        ]

    def predict(self, text: str) -> Prediction:
        return self.predict_many([text])[0]

    @property
    def category_codes(self) -> list[str]:
        return [str(c) for c in self.categories.classes_]

    @property
    def department_codes(self) -> list[str]:
        return [str(c) for c in self.departments.classes_]


def train(texts: list[str], categories: list[str], departments: list[str]) -> TrainedModel:
    """Fit the features once and both heads on them."""
    if not (len(texts) == len(categories) == len(departments)):
        raise ValueError("texts, categories and departments must be as long as each other.")
    if len(texts) < 2:
        raise ValueError("At least two labelled requests are needed to train.")
    vectorizer = _vectorizer()
    try:
        features = vectorizer.fit_transform(texts)
    except ValueError:  # every n-gram is rarer than min_df: a tiny history
        vectorizer.set_params(min_df=1)
        features = vectorizer.fit_transform(texts)
    category_head = _fast(_head(categories).fit(features, categories))
    department_head = _fast(_head(departments).fit(features, departments))
    return TrainedModel(vectorizer, category_head, department_head)


def _fast(head):
    """Keep the weights column-major: scoring one request then multiplies a sparse row by a
    contiguous matrix instead of copying all the weights on each call (~4 ms -> ~0.2 ms)."""
    if hasattr(head, "coef_"):
        head.coef_ = np.asfortranarray(head.coef_)
    return head


def _dump(model: TrainedModel) -> bytes:
    buffer = io.BytesIO()
    joblib.dump(
        {"format": FORMAT, "sklearn": sklearn.__version__, "model": model}, buffer, compress=3
    )
    return buffer.getvalue()


def _load(blob: bytes) -> TrainedModel:
    # Our own pickle from our own database (see the module's docstring); nothing else is loaded.
    payload = joblib.load(io.BytesIO(bytes(blob)))
    if payload.get("sklearn") != sklearn.__version__:
        logger.warning(
            "Dispatch model trained with scikit-learn %s, running %s: retrain it "
            "(guichet dispatch-train).",
            payload.get("sklearn"),
            sklearn.__version__,
        )
    return payload["model"]


@transaction.atomic
def save(model: TrainedModel, *, samples: int, metrics: dict | None = None) -> ClassifierVersion:
    """Store a trained model as the next version; older versions stop being used."""
    latest = ClassifierVersion.objects.select_for_update().aggregate(v=Max("version"))["v"]
    version = (latest or 0) + 1
    model.version = version
    ClassifierVersion.objects.filter(active=True).update(active=False)
    row = ClassifierVersion.objects.create(
        version=version,
        samples=samples,
        metrics=dict(metrics or {}),
        model=_dump(model),
        active=True,
    )
    # This process uses it at once (and its other threads once it is committed); other
    # processes within RECHECK_SECONDS.
    forget()
    transaction.on_commit(forget)
    return row


# ---------------------------------------------------------------------------------------------
# The model in use, per process


_lock = threading.Lock()
_cache: dict = {"checked": 0.0, "version": None, "model": None}


def forget() -> None:
    """Drop this process's cached model; the next `current()` asks the database again."""
    with _lock:
        _cache.update(checked=0.0, version=None, model=None)


def current() -> TrainedModel | None:
    """The newest active model (cached; the database is asked again at most once a minute)."""
    now = time.monotonic()
    with _lock:
        if _cache["checked"] and now - _cache["checked"] < RECHECK_SECONDS:
            return _cache["model"]
        newest = (
            ClassifierVersion.objects.filter(active=True)
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
        if newest is None:
            _cache.update(checked=now, version=None, model=None)
        elif newest != _cache["version"]:
            blob = ClassifierVersion.objects.values_list("model", flat=True).get(version=newest)
            model = _load(blob)
            model.version = newest
            _cache.update(version=newest, model=model)
        _cache["checked"] = now
        return _cache["model"]


def predict(text: str) -> Prediction | None:
    """The top three categories and departments for a request's text; None without a model."""
    model = current()
    if model is None or not (text or "").strip():
        return None
    return model.predict(text)


# ---------------------------------------------------------------------------------------------
# What the platform learns from, and how well it does


def training_data(
    limit: int = MAX_SAMPLES,
) -> tuple[list[str], list[str], list[str]]:
    """Texts, categories and departments of the newest resolved requests.

    Resolved: closed or replied, with a category. The department is the first work order's
    (not returned) that names one; community and business-desk orders name none, so those
    requests count for their category's department.
    """
    rows = list(
        Request.objects.filter(
            state__in=(Request.State.CLOSED, Request.State.REPLIED), category__isnull=False
        )
        .order_by("-created_at", "-id")
        .values_list("id", "title", "description", "category__code", "category__department_code")[
            :limit
        ]
    )
    first_department: dict[int, str] = {}
    ids = [row[0] for row in rows]
    for start in range(0, len(ids), 5000):
        orders = (
            WorkOrder.objects.filter(request_id__in=ids[start : start + 5000])
            .exclude(state=WorkOrder.State.RETURNED)
            .exclude(department_code="")
            .order_by("id")
            .values_list("request_id", "department_code")
        )
        for request_id, code in orders:
            first_department.setdefault(request_id, code)
    community = set(Category.objects.filter(by_community=True).values_list("code", flat=True))
    texts, categories, departments = [], [], []
    for pk, title, description, category, category_department in reversed(rows):
        department = category_department if category in community else ""
        department = department or first_department.get(pk) or category_department
        if not department:
            continue
        texts.append(f"{title}\n{description}")
        categories.append(category)
        departments.append(department)
    return texts, categories, departments


def evaluate(texts: Sequence[str], labels: Sequence[str], *, folds: int = 5, seed: int = 0) -> dict:
    """Stratified k-fold cross-validation of the same pipeline (features and one head).

    Labels with fewer examples than folds cannot appear in every fold: they are left out, and
    the result says which (``dropped`` and ``warnings``).
    """
    if folds < 2:
        raise ValueError("At least 2 folds are needed.")
    counts = Counter(labels)
    dropped = {label: n for label, n in sorted(counts.items()) if n < folds}
    keep = [i for i, label in enumerate(labels) if label not in dropped]
    warnings_out = [
        f"left out label {label!r}: {n} example(s), fewer than the {folds} folds"
        for label, n in dropped.items()
    ]
    x = np.array([texts[i] for i in keep], dtype=object)
    y = np.array([labels[i] for i in keep], dtype=object)
    if len(set(y)) < 2:
        raise ValueError(
            f"Need at least two labels with {folds} or more examples each "
            f"(found {len(set(y))} among {len(texts)} rows)."
        )
    predicted = np.empty(len(y), dtype=object)
    fold_accuracy, train_seconds = [], []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # tiny folds: sklearn's own notes
        for train_index, test_index in splitter.split(x, y):
            started = time.perf_counter()
            vectorizer = _vectorizer()
            head = _head(list(y[train_index]))
            head.fit(vectorizer.fit_transform(list(x[train_index])), list(y[train_index]))
            train_seconds.append(time.perf_counter() - started)
            predicted[test_index] = head.predict(vectorizer.transform(list(x[test_index])))
            fold_accuracy.append(accuracy_score(list(y[test_index]), list(predicted[test_index])))
    truth, guess = list(y), list(predicted)
    classes = sorted(set(truth))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, guess, labels=classes, zero_division=0
    )
    return {
        "samples": len(truth),
        "classes": len(classes),
        "folds": folds,
        "accuracy": round(float(accuracy_score(truth, guess)), 4),
        "macro_f1": round(float(f1_score(truth, guess, average="macro", zero_division=0)), 4),
        "fold_accuracy": [round(float(a), 4) for a in fold_accuracy],
        "train_seconds": round(float(np.mean(train_seconds)), 3),
        "train_seconds_total": round(float(np.sum(train_seconds)), 3),
        "per_class": {
            label: {
                "precision": round(float(p), 4),
                "recall": round(float(r), 4),
                "f1": round(float(f), 4),
                "support": int(s),
            }
            for label, p, r, f, s in zip(classes, precision, recall, f1, support, strict=True)
        },
        "dropped": dropped,
        "warnings": warnings_out,
    }


def retrain(*, evaluate_folds: int = 0) -> tuple[ClassifierVersion, dict]:
    """Train on the platform's history and store the result as the next version."""
    texts, categories, departments = training_data()
    if len(texts) < 2 or len(set(categories)) < 2:
        raise ValueError(
            f"Not enough resolved requests to learn from ({len(texts)} with "
            f"{len(set(categories))} categories; at least 2 categories are needed)."
        )
    metrics: dict = {}
    if evaluate_folds:
        metrics["cv"] = evaluate(texts, categories, folds=evaluate_folds)
    started = time.perf_counter()
    model = train(texts, categories, departments)
    metrics.update(
        train_seconds=round(time.perf_counter() - started, 3),
        categories=len(set(categories)),
        departments=len(set(departments)),
    )
    return save(model, samples=len(texts), metrics=metrics), metrics
