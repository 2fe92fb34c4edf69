"""The dashboard by e-mail: queued in the outbox, delivered to the local aiosmtpd server with
its HTML and both charts as inline PNG images; queued once per period when due."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from PIL import Image

from extradesk.cli import main
from extradesk.core.errors import NotFoundError, ValidationError
from extradesk.services import preferences, users
from extradesk.services.dashboard import mail
from extradesk.services.dto import UserInput
from extradesk.services.outbox import sender


def _parts(message):
    return {part.get_content_type(): part for part in message.walk()}


def test_the_dashboard_mail_arrives_with_its_charts_inline(mailer, smtp):
    ctx = mailer
    item_id, changes = mail.queue_mail(ctx, ctx.user_id)
    assert item_id in changes.outbox
    report, _ = sender.send_due(ctx)
    assert report.sent == 1
    [got] = smtp.starttls.handler.received
    assert got.rcpt_tos == ["marc@piscines-azur.fr"]
    message = got.message
    assert message["Subject"] == "Tableau de bord du 28/11/2026 – Piscines Azur"
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",)).get_content()
    assert "Chiffre d'affaires HT : 0,00\u00a0€" in plain
    html_part = message.get_body(("html",))
    html = html_part.get_content()
    assert "Tableau de bord de Marc Lefèvre" in html and "Devis à relancer" in html
    related = [p for p in message.walk() if p.get_content_type() == "multipart/related"]
    assert len(related) == 1
    images = [p for p in message.walk() if p.get_content_type() == "image/png"]
    assert [p.get_filename() for p in images] == ["ca-mensuel.png", "ca-origines.png"]
    for image in images:
        cid = image["Content-ID"].strip("<>")
        assert f'src="cid:{cid}"' in html  # the HTML shows this very part
        assert image.get_content_disposition() == "inline"
        picture = Image.open(io.BytesIO(image.get_content()))
        assert picture.format == "PNG" and picture.size[0] == 1280  # drawn at 2x for 640 px
    assert not [p for p in message.walk() if p.get_content_disposition() == "attachment"]


def test_the_same_bytes_on_a_retry(mailer, smtp):
    """The boundaries of the nested parts come from the Message-ID, not from chance."""
    from extradesk.services.outbox import mail_channel
    from extradesk.services.outbox.sender import _load

    ctx = mailer
    item_id, _ = mail.queue_mail(ctx, ctx.user_id)
    first = _load(ctx, [item_id])[0].message.as_bytes()
    again = _load(ctx, [item_id])[0].message.as_bytes()
    assert first == again
    assert b'filename="' + mail_channel.INLINE.encode() not in first  # the stored names


def test_due_once_per_period_at_the_chosen_time(mailer, smtp, clock):
    ctx = mailer  # 28/11/2026 09:30 UTC = 10:30 in Paris, a Saturday
    assert mail.due_period(ctx, ctx.user_id) is None  # no frequency chosen
    preferences.set_value(ctx, "dashboard.mail_frequency", value="daily")
    preferences.set_value(ctx, "dashboard.mail_time", value="11:00")
    assert mail.due_period(ctx, ctx.user_id) is None  # not yet 11:00
    clock.advance(timedelta(minutes=31))
    assert mail.due_period(ctx, ctx.user_id) == "2026-11-28"
    queued, _changes = mail.queue_due(ctx)
    assert len(queued) == 1
    assert mail.queue_due(ctx)[0] == []  # once per day
    assert mail.queue_mail(ctx, ctx.user_id, period="2026-11-28")[0] is None
    clock.advance(timedelta(days=1))
    assert len(mail.queue_due(ctx)[0]) == 1  # the next day
    preferences.set_value(ctx, "dashboard.mail_frequency", value="weekly")
    assert mail.due_period(ctx, ctx.user_id) == "2026-W48"  # Sunday: this week's not sent
    mail.queue_due(ctx)
    clock.advance(timedelta(days=1))  # Monday 30/11, 11:01
    assert mail.due_period(ctx, ctx.user_id) == "2026-W49"
    preferences.set_value(ctx, "dashboard.mail_frequency", value="monthly")
    assert mail.due_period(ctx, ctx.user_id) == "2026-11"
    assert sender.send_due(ctx)[0].sent == 3
    assert len(smtp.starttls.handler.received) == 3


def test_bad_input_is_refused_in_french(mailer, clock):
    ctx = mailer
    preferences.set_value(ctx, "dashboard.mail_frequency", value="daily")
    with pytest.raises(ValidationError):  # the preferences refuse it before we read it
        preferences.set_value(ctx, "dashboard.mail_time", value="25h")
    assert mail.mail_time(ctx, ctx.user_id).isoformat() == "07:00:00"  # the default
    users.update_user(ctx, ctx.user_id, data=UserInput(name="Marc Lefèvre", initials="ML",
                                                       color="#3465a4"))
    with pytest.raises(ValidationError):
        mail.queue_mail(ctx, ctx.user_id)  # no address to send to
    assert mail.queue_due(ctx)[0] == []  # skipped, not a crash


def test_no_account_says_so(business):
    with pytest.raises(NotFoundError) as refused:
        mail.queue_mail(business, business.user_id)
    assert refused.value.message_id == "dashboard.no_account"


def test_cli_queues_the_mail(mailer, db_path, capsys, smtp):
    mailer.db.dispose()
    assert main(["dashboard", "--db", str(db_path), "--mail", "--user", "ML"]) == 0
    assert "marc@piscines-azur.fr" in capsys.readouterr().err
    assert main(["outbox", "send", "--db", str(db_path)]) == 0
    assert len(smtp.starttls.handler.received) == 1
    assert main(["dashboard", "--db", str(db_path), "--due"]) == 0
    assert "Aucun tableau de bord" in capsys.readouterr().err

