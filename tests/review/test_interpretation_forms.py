"""解读 in every form (Art. 7(4)): the six headed parts are asked of a 文字解读 only; a
图解, video or audio interpretation brings its file; the signatory is a leader
account; the form and signatory are part of the approved content."""

import pytest
from django.core.files.base import ContentFile

from disclosure.models import Attachment
from review import services
from review.checks import security_check
from review.models import InterpretationForm
from review.revision import content_revision
from tests.review.factories import INTERPRETATION_BODY, draft

pytestmark = pytest.mark.django_db


def interpretation(team, *, form, body="<p>图解见附件。</p>", signatory_user=None):
    policy = draft(team, title="示例政策", needs_interpretation=True)
    item = draft(team, body=body)
    services.item_set_relations(
        item=item,
        acting_user=team.clerk,
        is_signed_document=False,
        needs_interpretation=False,
        interprets=policy,
        responds_to=None,
        signatory_user=signatory_user or team.leader,
        interpretation_form=form,
    )
    item.refresh_from_db()
    return item


def blockers(item):
    return [
        b.message for b in security_check(item).blockers if b.code == "interpretation_incomplete"
    ]


def test_text_interpretation_needs_the_six_parts(team):
    item = interpretation(team, form=InterpretationForm.TEXT, body="<p>只有一段话。</p>")
    assert any("文字解读缺少必备内容" in m for m in blockers(item))
    complete = interpretation(team, form=InterpretationForm.TEXT, body=INTERPRETATION_BODY)
    assert blockers(complete) == []


@pytest.mark.parametrize(
    "form", [InterpretationForm.GRAPHIC, InterpretationForm.VIDEO, InterpretationForm.AUDIO]
)
def test_graphic_video_audio_need_their_file_not_the_six_parts(team, form):
    item = interpretation(team, form=form)
    assert blockers(item) == [
        f"{InterpretationForm(form).label}须上传{InterpretationForm(form).label}文件作为附件。"
    ]
    Attachment.objects.create(item=item, title="图解", file=ContentFile(b"x", name="a.png"), size=1)
    assert blockers(item) == []


def test_interview_needs_a_transcript_or_a_recording(team):
    item = interpretation(team, form=InterpretationForm.INTERVIEW, body="<p>访谈实录：……</p>")
    assert blockers(item) == []
    empty = interpretation(team, form=InterpretationForm.INTERVIEW, body="<p> </p>")
    assert any("文字实录或音视频附件" in m for m in blockers(empty))


def test_signatory_is_a_leader_account(team):
    item = interpretation(team, form=InterpretationForm.TEXT, body=INTERPRETATION_BODY)
    assert item.signatory == "分管领导庚"
    with pytest.raises(services.TransitionError, match="分管领导"):
        interpretation(team, form=InterpretationForm.TEXT, signatory_user=team.head)


def test_unknown_form_is_refused(team):
    with pytest.raises(services.TransitionError, match="解读形式"):
        interpretation(team, form="dance")


def test_changing_the_form_changes_the_revision(team):
    item = interpretation(team, form=InterpretationForm.TEXT, body=INTERPRETATION_BODY)
    before = content_revision(item)
    services.item_set_relations(
        item=item,
        acting_user=team.clerk,
        is_signed_document=False,
        needs_interpretation=False,
        interprets=item.interprets,
        responds_to=None,
        signatory_user=team.leader2,
        interpretation_form=InterpretationForm.TEXT,
    )
    item.refresh_from_db()
    assert content_revision(item) != before  # another leader signs: approve again
