"""Requests by e-mail: a message with a photo becomes one request, once; refused attachments are
noted; a Maildir's broken messages are moved aside; the command says what it took in."""

from __future__ import annotations

import io
import mailbox
from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from guichet.hotline import mail
from guichet.hotline.models import Kind, Request
from guichet.ops import periodic
from tests.hotline.world import photo

pytestmark = pytest.mark.django_db


def message(
    subject: str = "Broken street light on Wuning Road",
    text: str | None = "The light at the corner of Wuning Road has been out for a week.",
    *,
    html: str | None = None,
    attachments: tuple[tuple[str, bytes, str], ...] = (),
    sender: str = "Wang Xiu <wang.xiu@example.org>",
    language: str = "",
) -> bytes:
    mail_ = EmailMessage()
    mail_["From"] = sender
    mail_["To"] = "12345@city.example"
    mail_["Subject"] = subject
    mail_["Message-ID"] = make_msgid(domain="example.org")
    if text is not None:
        mail_.set_content(text)
    if html is not None:
        if text is None:
            mail_.set_content(html, subtype="html")
        else:
            mail_.add_alternative(html, subtype="html")
    for name, data, content_type in attachments:
        maintype, subtype = content_type.split("/")
        mail_.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    if language:
        mail_["Content-Language"] = language
    return mail_.as_bytes()


def jpeg() -> tuple[str, bytes, str]:
    return ("light.jpg", photo().read(), "image/jpeg")


def test_an_email_with_a_photo_becomes_a_request(hotline_world):
    request = mail.intake_eml(message(attachments=(jpeg(),), language="zh-CN"))
    assert request.channel == Request.Channel.EMAIL and request.kind == Kind.REPORT
    assert request.title == "Broken street light on Wuning Road"
    assert request.description.startswith("The light at the corner")
    assert (request.reporter_name, request.reporter_email) == ("Wang Xiu", "wang.xiu@example.org")
    assert request.language == "zh-hans"
    (attachment,) = request.attachments.all()
    assert attachment.kind == "jpeg" and attachment.original_name.endswith(".jpg")


def test_the_same_message_twice_is_one_request(hotline_world):
    data = message()
    first, second = mail.intake_eml(data), mail.intake_eml(data)
    assert first.pk == second.pk and Request.objects.count() == 1
    assert first.attributes["message_id"].endswith("@example.org>")


def test_a_script_attachment_is_left_out_and_the_description_says_so(hotline_world):
    script = ("fix.sh", b"#!/bin/sh\necho pwned\n", "application/x-sh")
    request = mail.intake_eml(message(attachments=(script, jpeg())))
    assert request.attachments.count() == 1
    assert "fix.sh" in request.description and "not taken" in request.description
    assert request.description.startswith("The light at the corner")


def test_a_question_is_a_consultation_and_html_is_read_as_text(hotline_world):
    markup = (
        "<html><head><style>p {color: red}</style></head><body><p>When does the &amp; "
        "office open?</p><script>alert(1)</script><p>Thanks</p></body></html>"
    )
    request = mail.intake_eml(message("咨询：办事大厅开放时间", None, html=markup))
    assert request.kind == Kind.CONSULTATION
    assert request.description == "When does the & office open?\nThanks"
    assert mail.intake_eml(message("Re: Question about parking")).kind == Kind.CONSULTATION


def maildir_with(tmp_path, *messages: bytes) -> mailbox.Maildir:
    box = mailbox.Maildir(tmp_path / "inbox", create=True)
    for data in messages:
        box.add(data)
    return box


def test_a_maildir_takes_the_good_message_and_moves_the_broken_one_aside(hotline_world, tmp_path):
    broken = b"Subject: no sender here\n\nThis could be from anyone.\n"
    maildir_with(tmp_path, message(), broken)
    inbox = tmp_path / "inbox"
    (request,) = mail.intake_maildir(inbox)
    assert request.title == "Broken street light on Wuning Road"
    assert list((inbox / "new").iterdir()) == []
    (seen,) = (inbox / "cur").iterdir()
    assert seen.name.endswith(":2,S")
    (failed,) = (inbox / ".failed" / "cur").iterdir()
    assert failed.name.endswith(":2,T") and b"no sender here" in failed.read_bytes()
    assert mail.intake_maildir(inbox) == []  # nothing new: nothing taken twice


def test_the_command_prints_one_number_per_message(hotline_world, tmp_path):
    files = []
    for n, subject in enumerate(["Leaking pipe", "Fallen tree"]):
        path = tmp_path / f"{n}.eml"
        path.write_bytes(message(subject))
        files.append(str(path))
    out = io.StringIO()
    call_command("hotline_mail", "--eml", *files, stdout=out)
    lines = out.getvalue().splitlines()
    numbers = list(Request.objects.order_by("id").values_list("number", flat=True))
    assert [line.split("\t")[0] for line in lines] == numbers
    assert lines[1].endswith("Fallen tree")

    maildir_with(tmp_path, message("Graffiti on the bridge"))
    out = io.StringIO()
    call_command("hotline_mail", "--maildir", str(tmp_path / "inbox"), stdout=out)
    assert out.getvalue().startswith("12345-") and "Graffiti on the bridge" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("hotline_mail", "--maildir", str(tmp_path / "nowhere"), stdout=out)


def test_the_mailbox_is_read_every_few_minutes_when_configured(hotline_world, tmp_path, settings):
    assert "hotline.mail" in [job.name for job in periodic.jobs()]
    settings.GUICHET_HOTLINE_MAILDIR = ""
    assert mail.read_mailbox() == 0
    maildir_with(tmp_path, message())
    settings.GUICHET_HOTLINE_MAILDIR = str(tmp_path / "inbox")
    assert mail.read_mailbox() == 1
