"""政务咨询: citizens ask (name optional, contact required, never public, rate-limited);
the office routes to a section; the section answers within the configured working
days; the office publishes chosen answers; a question unanswered for more than 3
months is an inspection veto (国办秘函〔2019〕19号); counted on the statistics page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from enquiries import services
from enquiries.models import Enquiry, EnquiryStatus
from enquiries.services import EnquiryError
from enquiries.views import ASK_LIMIT
from inspection import rules
from inspection import services as inspection_services
from inspection.models import FindingKind
from tests.inspection.factories import at_noon
from workcalendar.selectors import add_workdays

pytestmark = pytest.mark.django_db
D = datetime.date
GOOD = {
    "subject": "灵活就业社保补贴",
    "question": "请问灵活就业社保补贴如何申请？",
    "contact": "13800001234",
}


def _enquiry(**fields) -> Enquiry:
    data = {**GOOD, **fields}
    return services.enquiry_submit(**data)


def test_a_citizen_asks_without_a_name_and_nothing_personal_is_public(client, organisation):
    response = client.post(reverse("enquiries:ask"), GOOD)
    assert response.status_code == 302 and response["Location"] == reverse("enquiries:thanks")
    enquiry = Enquiry.objects.get()
    assert enquiry.name == "" and enquiry.contact == "13800001234"
    assert enquiry.status == EnquiryStatus.RECEIVED
    assert "5 个工作日内" in client.get(reverse("enquiries:thanks")).content.decode()
    assert GOOD["subject"] not in client.get(reverse("enquiries:answers")).content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"contact": ""}, "contact", "请填写联系方式，以便答复您。"),
        ({"contact": "123"}, "contact", "请填写正确的手机号码、带区号的固定电话或电子邮箱。"),
        ({"question": "社保"}, "question", "咨询内容过短"),
        ({"subject": ""}, "subject", "请填写咨询标题。"),
    ],
)
def test_bad_questions_are_refused_in_chinese_and_keep_what_was_typed(
    client, organisation, data, field, message
):
    response = client.post(reverse("enquiries:ask"), {**GOOD, "name": "李四", **data})
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'value="李四"' in html
    assert not Enquiry.objects.exists()


def test_an_email_address_is_a_contact_too(client, organisation):
    client.post(reverse("enquiries:ask"), {**GOOD, "contact": "li@example.com"})
    assert Enquiry.objects.get().contact == "li@example.com"


def test_asking_is_rate_limited(client, organisation):
    for _ in range(ASK_LIMIT.count):
        assert client.post(reverse("enquiries:ask"), GOOD).status_code == 302
    response = client.post(reverse("enquiries:ask"), GOOD)
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Enquiry.objects.count() == ASK_LIMIT.count


def test_route_answer_publish(client, office, clerk, other_clerk, section):
    enquiry = _enquiry(name="王五")
    with pytest.raises(EnquiryError, match="只有局办公室可以分办"):
        services.enquiry_route(enquiry=enquiry, section=section, acting_user=clerk)
    detail = reverse("enquiries:staff_detail", args=[enquiry.pk])
    client.force_login(clerk)
    assert client.get(detail).status_code == 404  # not routed to the section yet
    services.enquiry_route(enquiry=enquiry, section=section, acting_user=office)
    assert client.get(detail).status_code == 200
    client.force_login(other_clerk)
    assert client.get(detail).status_code == 404  # another section's question
    response = client.post(reverse("enquiries:staff_answer", args=[enquiry.pk]), {"answer": "x"})
    assert response.status_code == 404
    with pytest.raises(EnquiryError, match="您无权答复"):
        services.enquiry_answer(enquiry=enquiry, answer="答复", acting_user=other_clerk)
    with pytest.raises(EnquiryError, match="只有已答复的咨询可以公开"):
        services.enquiry_publish(enquiry=enquiry, publish=True, acting_user=office)
    client.force_login(clerk)
    response = client.post(
        reverse("enquiries:staff_answer", args=[enquiry.pk]), {"answer": ""}, follow=True
    )
    assert "请填写答复内容。" in response.content.decode()
    client.post(
        reverse("enquiries:staff_answer", args=[enquiry.pk]), {"answer": "请登录社保服务平台申请。"}
    )
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.ANSWERED and enquiry.answered_by == clerk
    with pytest.raises(EnquiryError, match="只有局办公室可以公开"):
        services.enquiry_publish(enquiry=enquiry, publish=True, acting_user=clerk)
    client.force_login(office)
    client.post(reverse("enquiries:staff_publish", args=[enquiry.pk]), {"publish": "1"})
    client.logout()
    html = client.get(reverse("enquiries:answers")).content.decode()
    assert "请登录社保服务平台申请。" in html and GOOD["question"] in html
    assert "王五" not in html and "13800001234" not in html


def test_the_answer_is_due_on_the_configured_working_day(settings):
    settings.ENQUIRY_REPLY_WORKDAYS = 5
    enquiry = _enquiry()
    Enquiry.objects.filter(pk=enquiry.pk).update(submitted_at=at_noon(D(2026, 9, 25)))
    enquiry.refresh_from_db()
    due = add_workdays(D(2026, 9, 25), 5).date
    assert enquiry.reply_due.date == due  # the National Day holiday is skipped
    assert due == D(2026, 10, 9)  # 9/28, 9/29, 9/30, then 10/8, 10/9
    assert not enquiry.overdue_on(due) and enquiry.overdue_on(due + datetime.timedelta(days=1))


@pytest.mark.parametrize(("received", "flagged"), [(D(2026, 8, 16), False), (D(2026, 8, 15), True)])
def test_a_question_unanswered_for_more_than_three_months_fails_the_site(received, flagged):
    enquiry = _enquiry()
    Enquiry.objects.filter(pk=enquiry.pk).update(submitted_at=at_noon(received))
    drafts = list(rules.check_enquiries(D(2026, 11, 16)))
    assert [d.kind for d in drafts] == ([FindingKind.ENQUIRY_UNANSWERED] if flagged else [])
    if flagged:
        assert GOOD["contact"] not in drafts[0].message
        summary = inspection_services.summarise(drafts, columns_checked=1)
        verdict = next(v for v in summary["verdicts"] if v["label"].startswith("互动回应差"))
        assert verdict["failed"] is True


def test_an_answered_question_is_no_finding(office):
    enquiry = _enquiry()
    Enquiry.objects.filter(pk=enquiry.pk).update(submitted_at=at_noon(D(2026, 1, 5)))
    services.enquiry_answer(enquiry=enquiry, answer="已答复。", acting_user=office)
    assert list(rules.check_enquiries(D(2026, 11, 16))) == []


def test_the_statistics_page_counts_questions(client, office):
    year = timezone.localdate().year
    answered = _enquiry()
    services.enquiry_answer(enquiry=answered, answer="已答复。", acting_user=office)
    _enquiry()
    client.force_login(office)
    response = client.get(reverse("reports:statistics"), {"year": year})
    assert response.context["enquiries"] == {
        "received": 2, "answered": 1, "on_time": 1, "open": 1, "overdue": 0, "published": 0,
    }  # fmt: skip
    assert "政务咨询" in response.content.decode()


def test_the_demo_questions_are_loaded_once(client, settings):
    from disclosure import demo as disclosure_demo
    from enquiries import demo

    settings.DEMO_MODE = True
    ctx: dict = {"credentials": []}
    disclosure_demo.load(ctx)
    demo.load(ctx)
    demo.load(ctx)
    assert Enquiry.objects.count() == 3
    assert set(Enquiry.objects.values_list("status", flat=True)) == set(EnquiryStatus)
    assert "浙里办" in client.get(reverse("enquiries:answers")).content.decode()
    assert list(rules.check_enquiries(timezone.localdate())) == []  # answered in time
