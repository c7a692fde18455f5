"""No English on the pages a bureau user sees (the portal's text is Chinese): every
back-office and staff page reachable by each demo account is crawled (one page per
URL shape), and any English word in its visible text fails the test. Data is not UI:
usernames, addresses, file names and paths are left out; a short list of
abbreviations used as such in Chinese (PDF, XLSX, URL, ...) is allowed."""

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.demo import USERS
from accounts.models import User

ALLOWED = {
    "PDF", "XLSX", "XLS", "CSV", "URL", "API", "ID", "IP", "HTTP", "HTTPS", "JSON", "RSS",
    "XML", "DOCX", "DOC", "OFD", "JPG", "JPEG", "PNG", "ZIP", "TXT", "WPS", "Word",
    "Excel", "SM", "HMAC", "TOTP", "QR", "KB", "MB", "GB", "Accept", "GET", "POST",
    "UTC", "CST", "ICP", "Ctrl",
}  # fmt: skip
# Pages that are not pages: downloads, exports, logout, actions by GET.
SKIP = re.compile(
    r"(/logout|/export|\.csv|\.xlsx|\.xml|\.pdf|/download|/attachments/|/files?/|/notice|/jsi18n"
    r"|/qr|/print|/delete/|/static/|/media/)"
)
MAX_PAGES_PER_USER = 120
DATA = re.compile(
    r"\S+@\S+|https?://\S+|[\w.-]*/[\w./-]*|\b[\w-]+(?:\.[\w-]+)+\b|\b\w*[\d_]\w*\b|\S*\*{3,}\S*",
    re.I,
)  # addresses, links, paths and MIME types, domain and file names, codes, masked values
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


class _Text(HTMLParser):
    """The text a reader sees: text nodes outside script/style, and the labels a
    page shows in attributes (placeholder, title, submit buttons' value). Not `alt`:
    Django's admin writes its icons' alt text (True/False) untranslated."""

    HIDDEN = {"script", "style", "template", "noscript", "textarea", "select", "option"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.HIDDEN:
            self.skip += 1
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        for name in ("placeholder", "title"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def english_words(text: str, data_words: set[str]) -> dict[str, str]:
    """Each English word of `text` that is neither allowed nor data, with the text
    around it (for the failure message)."""
    text = DATA.sub(" ", text)
    found = {}
    for match in WORD.finditer(text):
        word = match.group(0)
        if word not in ALLOWED and word.lower() not in data_words and word not in found:
            around = text[max(0, match.start() - 30) : match.end() + 30]
            found[word] = " ".join(around.split())
    return found


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(client, starts: list[str], data_words: set[str]) -> dict[str, dict[str, str]]:
    seen_shapes: set[str] = set()
    queue = deque(starts)
    found: dict[str, dict[str, str]] = {}
    pages = 0
    while queue and pages < MAX_PAGES_PER_USER:
        url = queue.popleft()
        parts = urlsplit(url)
        if parts.netloc or not _is_staff_path(parts.path) or SKIP.search(parts.path):
            continue  # another site, the public site (checked elsewhere), not a page
        shape = _shape(parts.path) + ("?" if parts.query else "")
        if shape in seen_shapes:
            continue
        seen_shapes.add(shape)
        response = client.get(parts.path, follow=True)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        final = response.request["PATH_INFO"]
        if not _is_staff_path(final):
            continue
        pages += 1
        parser = _Text()
        parser.feed(response.content.decode())
        words = english_words(" ".join(parser.parts), data_words)
        if words:
            found[final] = words
        queue.extend(h for h in parser.hrefs if not h.startswith("#"))
    print("PAGES", pages, sorted(seen_shapes)[:200])
    return found


def _is_staff_path(path: str) -> bool:
    """The back office (/admin/) and the staff pages of the apps."""
    return (
        "/staff" in path
        or path.startswith(
            ("/admin/", "/review/", "/inspection/", "/accounts/", "/reports/annual/manage")
        )
        or path.startswith("/reports/")
        and path.endswith(("/edit/", "/statistics/"))
    )


def _data_words() -> set[str]:
    """Words that are data in the demo bureau, not the portal's text: usernames and
    names, the columns' address names (slugs), what citizens wrote, and the source the
    holiday calendar was loaded from (a change reason in its history)."""
    from consultations.models import Comment
    from disclosure.models import Column
    from workcalendar.models import CalendarDay

    text = " ".join(
        [
            *User.objects.values_list("username", flat=True),
            *User.objects.values_list("full_name", flat=True),
            *Column.objects.values_list("slug", flat=True),
            *Comment.objects.values_list("body", flat=True),
            *CalendarDay.history.exclude(history_change_reason=None)
            .values_list("history_change_reason", flat=True)
            .distinct(),
        ]
    )
    return {w.lower() for w in WORD.findall(text)}


@pytest.mark.django_db
def test_no_english_on_the_pages_each_demo_account_sees(client, settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=io.StringIO())
    data_words = _data_words()
    starts = [reverse("staff_start"), reverse("admin:index")]
    problems = []
    accounts = {}
    for username, _name, role, _section, _label in USERS:
        accounts.setdefault(role, username)  # one account per role
    for username in accounts.values():
        client.force_login(User.objects.get(username=username))
        with translation.override("zh-hans"):
            for path, words in crawl(client, starts, data_words).items():
                problems += [f"{username} {path}: {w!r} in “{at}”" for w, at in words.items()]
        client.logout()
    assert not problems, "\n".join(problems)


NOTE_AHEAD = "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)"
NOTE_BEHIND = "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)"


@pytest.mark.django_db
def test_the_admins_script_catalogue_has_the_time_zone_note_in_chinese(client, office):
    """The note DateTimeShortcuts.js writes under date fields when the browser's
    clock is not on Beijing time comes from the admin's JavaScriptCatalog, which
    reads the project's djangojs catalogue (Django 6.1's Chinese lacks it)."""
    import json

    client.force_login(office)
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalogue[NOTE_AHEAD] == [
        "注意：请按北京时间填写（您的电脑时间比北京时间快 %(offset)s 小时）。"
    ]
    assert catalogue[NOTE_BEHIND] == [
        "注意：请按北京时间填写（您的电脑时间比北京时间慢 %(offset)s 小时）。"
    ]


@pytest.mark.django_db
def test_default_permissions_are_named_in_chinese():
    from django.contrib.auth.models import Permission

    from accounts.permission_names import chinese_name

    assert not Permission.objects.filter(name__startswith="Can ").exists()
    assert Permission.objects.get(codename="view_attachment").name == "查看附件"
    assert chinese_name("Can change 栏目", "change_column") == "修改栏目"
    assert chinese_name("Can publish", "publish_item") is None  # not a default one
