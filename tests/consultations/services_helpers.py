"""Helpers shared by test_services.py and test_feedback_services.py."""

from zoneinfo import ZoneInfo

from consultations import services

TZ = ZoneInfo("Asia/Shanghai")


def submit(consultation, body="建议把申请材料精简为一张表。", address="10.0.0.1", **kwargs):
    return services.comment_submit(
        consultation=consultation,
        author_name=kwargs.pop("author_name", "李四"),
        contact=kwargs.pop("contact", "13812345678"),
        body=body,
        client_address=address,
        **kwargs,
    )
