"""The dispatch classifier: it reads Chinese, Thai and French alike, retrains into new versions
that every process picks up, and its evaluation command says clearly what it measured."""

from __future__ import annotations

import csv
import json

import pytest
from django.utils import timezone

from guichet.__main__ import main
from guichet.demo import hotline_texts
from guichet.hotline import classifier
from guichet.hotline.models import Category, ClassifierVersion, Request, WorkOrder

# (category, department, texts in Chinese, Thai and French)
LABELLED = {
    ("streetlight", "URBAN"): (
        "路灯不亮了",
        "小区门口的路灯坏了",
        "路灯晚上不亮，路上很黑",
        "这条路的路灯一直闪",
        "ไฟถนนดับ",
        "ไฟถนนหน้าบ้านเสีย",
        "ไฟถนนดับทั้งซอย",
        "ไฟถนนกะพริบ",
        "le lampadaire est éteint",
        "lampadaire en panne dans ma rue",
        "le lampadaire clignote toute la nuit",
        "éclairage public en panne, lampadaire cassé",
    ),
    ("noise", "ECO"): (
        "楼下酒吧噪音太大",
        "广场舞噪音扰民",
        "半夜噪音很吵，睡不着",
        "空调外机噪音很大",
        "เสียงดังรบกวนทั้งคืน",
        "บาร์เปิดเพลงเสียงดัง",
        "เสียงดังจากร้านข้างล่าง",
        "เสียงเพลงดังมากตอนกลางคืน",
        "le bar fait trop de bruit",
        "bruit de musique toute la nuit",
        "trop de bruit le soir dans la rue",
        "le bruit du climatiseur nous réveille",
    ),
    ("water-supply", "WATER"): (
        "家里停水了",
        "自来水发黄",
        "水压太低，楼上没有水",
        "停水没有提前通知",
        "น้ำไม่ไหล",
        "น้ำประปาไหลอ่อน",
        "น้ำประปาสีเหลือง",
        "ไม่มีน้ำประปาทั้งวัน",
        "pas d'eau au robinet",
        "coupure d'eau sans prévenir",
        "l'eau du robinet est jaune",
        "la pression de l'eau est faible",
    ),
}


def _labelled() -> tuple[list[str], list[str], list[str]]:
    rows = [(text, c, d) for (c, d), texts in LABELLED.items() for text in texts]
    return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


@pytest.fixture(scope="module")
def model() -> classifier.TrainedModel:
    return classifier.train(*_labelled())


@pytest.mark.parametrize(
    ("text", "category", "department"),
    [
        ("我们楼下的路灯不亮", "streetlight", "URBAN"),
        ("今天又停水了", "water-supply", "WATER"),
        ("ไฟถนนดับอีกแล้ว", "streetlight", "URBAN"),
        ("เสียงดังมาก", "noise", "ECO"),
        ("Il y a trop de bruit chez le voisin", "noise", "ECO"),
        ("Plus d'eau au robinet depuis ce matin", "water-supply", "WATER"),
    ],
)
def test_the_model_reads_chinese_thai_and_french_without_a_segmenter(
    model, text, category, department
):
    prediction = model.predict(text)
    assert prediction.categories[0][0] == category
    assert prediction.departments[0][0] == department
    probabilities = [p for _code, p in prediction.categories]
    assert len(probabilities) == 3 and probabilities == sorted(probabilities, reverse=True)


@pytest.mark.django_db
def test_no_model_means_no_prediction():
    classifier.forget()
    assert classifier.predict("路灯不亮了") is None


@pytest.mark.django_db
def test_a_retrain_is_a_new_version_that_current_picks_up(model):
    first = classifier.save(model, samples=36, metrics={"note": "first"})
    assert classifier.predict("路灯不亮了").version == first.version
    texts, categories, departments = _labelled()
    texts.append("井盖不见了")
    categories.append("road-damage")
    departments.append("URBAN")
    second = classifier.save(
        classifier.train(texts, categories, departments), samples=len(texts), metrics={}
    )

    assert second.version == first.version + 1
    assert list(
        ClassifierVersion.objects.filter(active=True).values_list("version", flat=True)
    ) == [second.version]
    current = classifier.current()
    assert current.version == second.version
    assert "road-damage" in current.category_codes
    assert classifier.predict("ไฟถนนดับ").version == second.version


@pytest.mark.django_db
def test_training_data_takes_the_department_that_answered_not_the_one_that_returned_it():
    road = Category.objects.create(code="road-damage", department_code="URBAN")
    elderly = Category.objects.create(
        code="elderly-help", department_code="CIVIL", by_community=True
    )
    due = timezone.now()

    def resolved(number: str, category: Category, *orders: tuple[str, str]) -> Request:
        request = Request.objects.create(
            number=number,
            channel="phone",
            kind="report",
            category=category,
            title="路面塌了",
            description="马路中间有个大坑",
            state=Request.State.CLOSED,
        )
        for n, (department, state) in enumerate(orders, start=1):
            WorkOrder.objects.create(
                request=request,
                number=f"{number}-{n}",
                assignee="department" if department else "community",
                department_code=department,
                state=state,
                due_at=due,
            )
        return request

    resolved("12345-T-1", road, ("WATER", "returned"), ("URBAN", "replied"))
    resolved("12345-T-2", elderly, ("", "replied"))
    Request.objects.create(number="12345-T-3", channel="web", kind="report", title="open")

    texts, categories, departments = classifier.training_data()

    assert texts[0] == "路面塌了\n马路中间有个大坑"
    assert sorted(zip(categories, departments, strict=True)) == [
        ("elderly-help", "CIVIL"),
        ("road-damage", "URBAN"),
    ]


def _write_csv(path, rows, header=("text", "label")) -> str:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def test_dispatch_eval_prints_accuracy_a_table_and_one_json_line(tmp_path, capsys):
    texts, categories, _departments = _labelled()
    rows = [*zip(texts, categories, strict=True), ("孤零零的一条", "lonely")]
    path = _write_csv(tmp_path / "labelled.csv", rows)

    main(["guichet", "dispatch-eval", "--csv", path, "--folds", "3"])

    out = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith("accuracy") for line in out)
    assert any(line.startswith("macro-F1") for line in out)
    assert any("left out label 'lonely'" in line for line in out)
    result = json.loads(out[-1])
    assert result["samples"] == 36 and result["classes"] == 3 and result["folds"] == 3
    assert 0 <= result["accuracy"] <= 1
    assert set(result["per_class"]) == {"streetlight", "noise", "water-supply"}
    assert result["dropped"] == {"lonely": 1}


def test_dispatch_eval_refuses_a_missing_column_with_exit_code_2(tmp_path, capsys):
    path = _write_csv(tmp_path / "other.csv", [("路灯不亮了", "streetlight")], ("text", "category"))

    with pytest.raises(SystemExit) as stopped:
        main(["guichet", "dispatch-eval", "--csv", path])

    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert "no column 'label'" in error and "text, category" in error


def test_dispatch_eval_refuses_a_missing_file_with_exit_code_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["guichet", "dispatch-eval", "--csv", str(tmp_path / "nowhere.csv")])

    assert stopped.value.code == 2
    assert "no such file" in capsys.readouterr().err


def test_demo_texts_are_varied_multilingual_and_cover_every_category():
    samples = hotline_texts.samples(2000, seed=3)

    distinct = {sample.text for sample in samples}
    assert len(distinct) / len(samples) >= 0.95
    assert {s.language for s in samples} == {"zh-hans", "en", "fr", "th"}
    assert {s.category for s in samples} == set(hotline_texts.FRAGMENTS["en"])
    assert all(s.title and s.description and "{" not in s.text for s in samples)
