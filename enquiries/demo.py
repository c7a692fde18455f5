"""Demo 政务咨询 (demo mode only, idempotent by subject): one answered and published in
the Q&A, one routed to 社会保险股 and waiting for its answer, one just received."""

import datetime

from django.utils import timezone

from enquiries import services
from enquiries.models import Enquiry

QUESTIONS = [
    # (subject, question, contact, days ago, section to route to, answer, publish)
    (
        "高校毕业生一次性就业补贴怎么申领？",
        "我是2026届毕业生，已在本县企业就业并缴纳社保，请问一次性就业补贴需要什么材料、在哪里申请？",
        "13905720001",
        20,
        "就业促进股",
        "在本县企业就业并参加社会保险的离校2年内高校毕业生，可通过“浙里办”或县人社服务大厅申领，"
        "需提供身份证、毕业证和劳动合同，经审核后补贴直接发放至本人社会保障卡。",
        True,
    ),
    (
        "灵活就业人员养老保险缴费档次如何调整？",
        "本人以灵活就业人员身份参加企业职工养老保险，想提高缴费档次，请问什么时候可以办理？",
        "zhang@example.com",
        3,
        "社会保险股",
        "",
        False,
    ),
    (
        "失业保险金领取期限",
        "请问失业保险金最长可以领取多少个月？",
        "0572-5120000",
        1,
        "",
        "",
        False,
    ),
]


def load(ctx: dict) -> None:
    users = ctx.get("users", {})
    sections = ctx.get("sections", {})
    office = users.get("office")
    if office is None:
        return
    now = timezone.now()
    for subject, question, contact, days, section, answer, publish in QUESTIONS:
        if Enquiry.objects.filter(subject=subject).exists():
            continue
        enquiry = services.enquiry_submit(subject=subject, question=question, contact=contact)
        Enquiry.objects.filter(pk=enquiry.pk).update(
            submitted_at=now - datetime.timedelta(days=days)
        )
        if section and section in sections:
            enquiry = services.enquiry_route(
                enquiry=enquiry, section=sections[section], acting_user=office
            )
        if answer:
            enquiry = services.enquiry_answer(enquiry=enquiry, answer=answer, acting_user=office)
        if publish:
            services.enquiry_publish(enquiry=enquiry, publish=True, acting_user=office)
