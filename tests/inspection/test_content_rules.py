"""The checks that use other apps' code: personal data and sensitive words in public
items (review.scanner), consultations closed without feedback (consultations)."""

import datetime
import json

import pytest
from django.utils import timezone

from consultations.models import Consultation
from inspection import rules
from inspection.models import FindingKind
from review.models import SensitiveWord
from tests.consultations.factories import ConsultationFactory, publish
from tests.factories import ItemFactory
from tests.inspection.factories import attach, published_on

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 11, 16)
ID_NUMBER = "11010519491231002X"  # valid check digit (GB 11643 example)
MOBILE = "13812345678"


def test_personal_data_in_body_and_attachment_is_reported_masked():
    item = published_on(
        AS_OF - datetime.timedelta(days=1),
        body=f"<p>联系人身份证号 {ID_NUMBER}，电话 {MOBILE}。</p>",
    )
    attach(item, f"名单：{ID_NUMBER}".encode(), name="名单.txt", content_type="text/plain")
    drafts = list(rules.check_published_content(AS_OF))
    assert [d.kind for d in drafts] == [FindingKind.PERSONAL_DATA]
    finding = drafts[0]
    assert finding.item == item and finding.section == item.section
    wheres = {h["where"] for h in finding.detail["hits"]}
    assert wheres == {"正文", "名单.txt"}
    assert {h["masked"] for h in finding.detail["hits"]} >= {"110***********002X", "138****5678"}
    stored = json.dumps(finding.detail, ensure_ascii=False) + finding.message
    assert ID_NUMBER not in stored and MOBILE not in stored


def test_sensitive_words_are_reported_separately():
    SensitiveWord.objects.create(word="内部资料")
    published_on(AS_OF, body="<p>本文件为内部资料，请勿外传。</p>")
    drafts = list(rules.check_published_content(AS_OF))
    assert [d.kind for d in drafts] == [FindingKind.SENSITIVE_WORD]
    assert drafts[0].detail["hits"][0]["label"] == "敏感词"


def test_clean_and_unpublished_items_give_no_content_finding():
    published_on(AS_OF, body="<p>索引号 11330524K14997759R/2026-00016，咨询电话 0572-1234567。</p>")
    ItemFactory(body=f"<p>{ID_NUMBER}</p>")  # a draft: the release check's business
    assert list(rules.check_published_content(AS_OF)) == []


def test_consultation_closed_without_feedback_is_flagged_until_it_has_one():
    now = timezone.now()
    consultation = ConsultationFactory(
        published=True,
        opens_at=now - datetime.timedelta(days=80),
        closes_at=now - datetime.timedelta(days=50),  # feedback due 20 working days on
    )
    today = timezone.localdate()
    drafts = list(rules.check_consultations(today))
    assert [d.kind for d in drafts] == [FindingKind.CONSULTATION_NO_FEEDBACK]
    assert drafts[0].section == consultation.section
    assert drafts[0].subject == consultation.title
    assert "尚未发布意见征集及采纳情况" in drafts[0].message
    # Once the feedback is published, the finding goes away.
    feedback = ItemFactory(column=consultation.item.column)
    Consultation.objects.filter(pk=consultation.pk).update(feedback_item=feedback)
    publish(feedback)
    assert list(rules.check_consultations(today)) == []


def test_open_and_internal_consultations_are_not_flagged():
    now = timezone.now()
    ConsultationFactory(published=True)  # still open
    ConsultationFactory(
        internal=True,
        opens_at=now - datetime.timedelta(days=40),
        closes_at=now - datetime.timedelta(days=10),
    )
    assert list(rules.check_consultations(timezone.localdate())) == []
