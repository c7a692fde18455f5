"""Consultation minimums (国务院令第713号 Art. 15; 国办发〔2018〕37号) enforced at release,
a public reason when shortened; a 规范性文件 released without consultation says why;
an open consultation extended (audited, shown with the new close time)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from consultations import minimums, services
from consultations.models import ConsultationKind, Extension
from consultations.services import ConsultationError
from tests.consultations.factories import ConsultationFactory
from tests.factories import ItemFactory
from workcalendar.selectors import add_workdays

pytestmark = pytest.mark.django_db

OPENS = timezone.make_aware(datetime.datetime(2026, 9, 1, 9, 0))  # a Tuesday


def _consultation(closes_on: datetime.date, **fields):
    closes = timezone.make_aware(datetime.datetime.combine(closes_on, datetime.time(17, 0)))
    return ConsultationFactory.build(opens_at=OPENS, closes_at=closes, **fields)


@pytest.mark.parametrize(
    ("kind", "market", "days", "short"),
    [
        (ConsultationKind.MAJOR_DECISION, False, 30, False),
        (ConsultationKind.MAJOR_DECISION, False, 29, True),
        (ConsultationKind.NORMATIVE, True, 30, False),
        (ConsultationKind.NORMATIVE, True, 29, True),
        (ConsultationKind.OTHER, False, 1, False),
    ],
)
def test_thirty_day_minimums(kind, market, days, short):
    consultation = _consultation(
        OPENS.date() + datetime.timedelta(days=days), kind=kind, market_related=market
    )
    problem = minimums.period_problem(consultation)
    assert (problem is not None) is short
    if short:
        assert "一般不少于30日" in problem


def test_seven_working_days_for_a_normative_document():
    seventh = add_workdays(OPENS.date(), 7).date
    sixth = add_workdays(OPENS.date(), 6).date
    ok = _consultation(seventh, kind=ConsultationKind.NORMATIVE)
    short = _consultation(sixth, kind=ConsultationKind.NORMATIVE)
    assert minimums.period_problem(ok) is None
    assert "一般不少于7个工作日（国办发〔2018〕37号）" in minimums.period_problem(short)


def _open_short(**fields):
    now = timezone.now()
    return ConsultationFactory(
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=10),
        kind=ConsultationKind.MAJOR_DECISION,
        **fields,
    )


def test_a_short_consultation_is_blocked_at_release_until_a_public_reason_is_given(client):
    consultation = _open_short()
    blockers = services.release_blockers(consultation.item)
    assert any("重大行政决策征求意见一般不少于30日" in b and "须填写理由" in b for b in blockers)
    consultation.shortened_reason = "上级部署要求年底前出台，时间紧迫。"
    consultation.save()
    assert services.release_blockers(consultation.item) == []
    # The reason is public with the draft.
    consultation.item = services_publish(consultation.item)
    html = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "上级部署要求年底前出台，时间紧迫。" in html and "重大行政决策" in html


def services_publish(item):
    from disclosure import services as disclosure_services

    return disclosure_services.item_mark_published(item=item)


def test_a_normative_document_without_consultation_needs_a_reason():
    fields = {
        "is_normative": True,
        "document_number": "示人社规〔2026〕3号",
        "normative_code": "SXSD01-2026-0003",
        "effective_on": datetime.date(2026, 10, 1),
        "summary": "规范就业见习管理。",
    }
    item = ItemFactory(**fields)
    (blocker,) = services.release_blockers(item)
    assert "行政规范性文件未关联公开征求意见" in blocker
    item.no_consultation_reason = "属于对上级文件的简单转发，不涉及群众切身利益调整。"
    item.save()
    assert services.release_blockers(item) == []
    # Or: a public consultation linked to it.
    other = ItemFactory(**{**fields, "document_number": "示人社规〔2026〕4号"})
    consulted = ConsultationFactory(published=True)
    consulted.policy_item = other
    consulted.save()
    assert services.release_blockers(other) == []
    # An internal consultation is no public consultation.
    third = ItemFactory(**{**fields, "document_number": "示人社规〔2026〕5号"})
    internal = ConsultationFactory(internal=True)
    internal.policy_item = third
    internal.save()
    assert services.release_blockers(third)
    assert services.release_blockers(ItemFactory()) == []  # any other item: nothing


# -- extension ----------------------------------------------------------------------


@pytest.fixture
def open_consultation(section):
    now = timezone.now()
    return ConsultationFactory(
        published=True,
        item__section=section,
        opens_at=now - datetime.timedelta(days=2),
        closes_at=now + datetime.timedelta(days=5),
    )


def test_an_open_consultation_is_extended_audited_and_shown(client, open_consultation, clerk):
    old = open_consultation.closes_at
    new = old + datetime.timedelta(days=10)
    services.consultation_extend(
        consultation=open_consultation, closes_at=new, reason="收到的意见较多，延长以便充分听取。",
        acting_user=clerk,
    )  # fmt: skip
    open_consultation.refresh_from_db()
    assert open_consultation.closes_at == new
    extension = Extension.objects.get()
    assert (extension.previous_closes_at, extension.extended_by) == (old, clerk)
    assert AuditEntry.objects.filter(detail__startswith="延长意见征集期限至").exists()
    html = client.get(reverse("consultations:detail", args=[open_consultation.pk])).content.decode()
    assert "收到的意见较多，延长以便充分听取。" in html
    assert timezone.localtime(new).strftime("%Y年%-m月%-d日 %H:%M") in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reason": " "}, "请填写延长征集期限的理由"),
        ({"delta": datetime.timedelta(0)}, "新的截止时间须晚于原截止时间"),
        ({"delta": -datetime.timedelta(days=1)}, "新的截止时间须晚于原截止时间"),
    ],
)
def test_extension_refusals(open_consultation, clerk, change, message):
    with pytest.raises(ConsultationError, match=message):
        services.consultation_extend(
            consultation=open_consultation,
            closes_at=open_consultation.closes_at + change.get("delta", datetime.timedelta(days=3)),
            reason=change.get("reason", "理由"),
            acting_user=clerk,
        )
    assert not Extension.objects.exists()


def test_only_an_open_public_consultation_is_extended_by_its_managers(
    open_consultation, other_clerk, clerk
):
    later = open_consultation.closes_at + datetime.timedelta(days=3)
    with pytest.raises(ConsultationError, match="您无权延长"):
        services.consultation_extend(
            consultation=open_consultation, closes_at=later, reason="理由", acting_user=other_clerk
        )
    now = timezone.now()
    closed = ConsultationFactory(
        published=True,
        item__section=open_consultation.item.section,
        opens_at=now - datetime.timedelta(days=20),
        closes_at=now - datetime.timedelta(days=1),
    )
    with pytest.raises(ConsultationError, match="只有正在公开征集"):
        services.consultation_extend(
            consultation=closed,
            closes_at=now + datetime.timedelta(days=5),
            reason="理由",
            acting_user=clerk,
        )
    assert not Extension.objects.exists()


def test_the_staff_page_extends_with_a_chinese_error_on_bad_input(client, open_consultation, clerk):
    client.force_login(clerk)
    url = reverse("consultations:staff_extend", args=[open_consultation.pk])
    response = client.post(url, {"closes_at": "", "reason": ""}, follow=True)
    assert "请填写新的截止时间。" in response.content.decode()
    later = timezone.localtime(open_consultation.closes_at + datetime.timedelta(days=7))
    response = client.post(
        url, {"closes_at": later.strftime("%Y-%m-%dT%H:%M"), "reason": "延长一周"}, follow=True
    )
    assert "征集期限已延长" in response.content.decode()
    assert Extension.objects.get().reason == "延长一周"


# -- the moderators' digest ---------------------------------------------------------


def test_moderators_get_a_digest_of_new_comments(
    section, other_section, clerk, other_clerk, office, mailoutbox
):
    import io

    from django.core.management import call_command

    from tests.consultations.factories import CommentFactory

    for user, email in (
        (clerk, "clerk@x.gov.cn"),
        (other_clerk, "other@x.gov.cn"),
        (office, "office@x.gov.cn"),
    ):
        user.email = email
        user.save()
    mine = ConsultationFactory(published=True, item__section=section)
    CommentFactory(consultation=mine)
    CommentFactory(consultation=mine)
    CommentFactory(consultation=mine, approved=True)  # already moderated
    theirs = ConsultationFactory(published=True, item__section=other_section)
    old = CommentFactory(consultation=theirs)
    CommentFactory._meta.model.objects.filter(pk=old.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=3)
    )
    out = io.StringIO()
    call_command("consultation_digest", stdout=out)
    assert "已发送提醒邮件 2 封" in out.getvalue()
    by_recipient = {m.to[0]: m.body for m in mailoutbox}
    assert set(by_recipient) == {"clerk@x.gov.cn", "office@x.gov.cn"}
    assert f"《{mine.title}》：新意见 2 条待审核" in by_recipient["clerk@x.gov.cn"]
    assert theirs.title not in by_recipient["office@x.gov.cn"]  # older than 24 hours


def test_the_demo_consultations_are_normative_drafts_within_their_minimum(settings):
    from consultations import demo
    from consultations.models import Consultation
    from tests.factories import OrganisationFactory

    settings.DEMO_MODE = True
    from disclosure import demo as disclosure_demo

    ctx: dict = {"credentials": [], "organisation": OrganisationFactory()}
    disclosure_demo.load(ctx)
    demo.load(ctx)
    public = Consultation.objects.filter(is_internal=False)
    assert public.filter(kind=ConsultationKind.NORMATIVE).exists()
    for consultation in public:
        assert minimums.period_problem(consultation) is None, consultation.title
