"""The hotline's test world (a suite-wide plugin): categories, a grid cell, one user per role."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.hotline.models import Category, CellWorker, DeskManager, GridCell

# A point inside the test cell (Jing'an, Caojiadu).
LAT, LON = 31.2305, 121.4405


@dataclass
class HotlineWorld:
    pothole: Category
    noise: Category
    neighbours: Category
    financing: Category
    cell: GridCell
    operator: object
    dispatcher: object
    reviewer: object
    supervisor: object
    housing_reviewer: object
    community_worker: object
    desk_manager: object
    leader: object
    citizen: object


def _staff(make_user, role: Role, code: str):
    user = make_user(role)
    user.memberships.all().delete()
    accounts.grant_membership(user, role=role, organisation_code=code, organisation_name=code)
    return user


@pytest.fixture(autouse=True)
def _no_cached_classifier():
    """Each process caches the dispatch model; a test's model must not outlive its database."""
    from guichet.hotline import classifier

    classifier.forget()
    yield
    classifier.forget()


@pytest.fixture
def hotline_world(db, make_user) -> HotlineWorld:
    pothole = Category.objects.create(
        code="road-damage",
        name={"en": "Road damage", "zh-hans": "道路破损"},
        department_code="MKT",
        attributes=[
            {
                "code": "size",
                "datatype": "singlevaluelist",
                "required": True,
                "variable": True,
                "description": "How big is it?",
                "order": 1,
                "values": [{"key": "small", "name": "Small"}, {"key": "large", "name": "Large"}],
            }
        ],
    )
    noise = Category.objects.create(
        code="noise", name={"en": "Noise", "zh-hans": "噪音扰民"}, department_code="HOUSING"
    )
    neighbours = Category.objects.create(
        code="neighbours",
        name={"en": "Neighbour dispute", "zh-hans": "邻里纠纷"},
        department_code="HOUSING",
        by_community=True,
    )
    financing = Category.objects.create(
        code="business-financing",
        name={"en": "Financing for companies", "zh-hans": "企业融资"},
        desk="financing",
        reportable=False,
    )
    cell = GridCell.objects.create(
        code="JA-CJD-01",
        district="Jing'an",
        street="Caojiadu",
        community="Wuning",
        min_lat=31.225,
        max_lat=31.235,
        min_lon=121.435,
        max_lon=121.445,
    )
    community_worker = _staff(make_user, Role.COMMUNITY_WORKER, "JA-CJD-01")
    CellWorker.objects.create(cell=cell, worker=community_worker)
    desk_manager = make_user(Role.CITIZEN)
    DeskManager.objects.create(user=desk_manager, desk="financing", expertise=["catering"])
    return HotlineWorld(
        pothole=pothole,
        noise=noise,
        neighbours=neighbours,
        financing=financing,
        cell=cell,
        operator=_staff(make_user, Role.HOTLINE_OPERATOR, "12345"),
        dispatcher=make_user(Role.DISPATCHER),
        reviewer=_staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT"),
        supervisor=_staff(make_user, Role.DEPARTMENT_SUPERVISOR, "MKT"),
        housing_reviewer=_staff(make_user, Role.DEPARTMENT_REVIEWER, "HOUSING"),
        community_worker=community_worker,
        desk_manager=desk_manager,
        leader=make_user(Role.CITY_LEADER),
        citizen=make_user(Role.CITIZEN, phone="+8613900000007"),
    )


def photo(name: str = "pothole.jpg", *, size=(64, 48), fmt: str = "JPEG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 90, 60)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def video(name: str = "clip.mp4", *, extra: int = 0) -> SimpleUploadedFile:
    """A minimal MP4 (an ftyp box and an empty mdat): enough to be recognised by content."""
    ftyp = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    mdat_size = 8 + extra
    mdat = mdat_size.to_bytes(4, "big") + b"mdat" + b"\x00" * extra
    return SimpleUploadedFile(name, ftyp + mdat, content_type="video/mp4")
