"""Helpers shared by test_admin.py and test_admin_downloads.py."""

from django.urls import reverse

from disclosure.choices import ContentCategory, Publicity, Topic


def url(name, *args):
    return reverse(f"admin:disclosure_{name}", args=args)


def login(client, user):
    client.force_login(user)
    return client


def changelist_titles(response) -> set[str]:
    return {item.title for item in response.context["cl"].result_list}


def item_post_data(column, **overrides):
    """What the add/change form posts, with an empty attachment inline."""
    data = {
        "column": column.pk,
        "title": "关于做好2026年高校毕业生就业服务工作的通知",
        "document_number": "示人社发〔2026〕12号",
        "written_on": "2026-03-02",
        "formed_on": "2026-03-03",
        "topic": Topic.LABOUR_EMPLOYMENT,
        "content_category": ContentCategory.POLICY_MEASURES,
        "validity": "valid",
        "keywords": "就业 高校毕业生",
        "summary": "",
        "body": "<p>各乡镇人民政府：</p><script>alert(1)</script>",
        "publicity": Publicity.PROACTIVE,
        "non_disclosure_reason": "",
        "publicity_note": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def with_attachment(data, upload, title=""):
    data = dict(data)
    data.update(
        {
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": title,
            "attachments-0-file": upload,
            "attachments-0-order": "0",
        }
    )
    return data
