"""Links inside the bodies of public items (国办秘函〔2019〕19号 counts 错链、断链 among
the site's problems). Checked without the network: a link to this site is resolved
against its own URLs and data (the page must exist and be public); a link elsewhere
is only checked for a well-formed address."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse

from disclosure.models import Attachment, Column, Item
from inspection.models import FindingKind
from inspection.rules.base import FindingDraft, public_items, published_before

_HOST = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}$")
_SCHEMES_WITHOUT_HOST = {"mailto", "tel"}


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href.strip(), "".join(self._text).strip()))
            self._href = None


def body_links(html: str) -> list[tuple[str, str]]:
    parser = _Anchors()
    parser.feed(html or "")
    parser.close()
    return parser.links


def _own_hosts() -> set[str]:
    from disclosure.selectors import site_identity

    hosts = {urlsplit(settings.SITE_URL).hostname or ""}
    domain = site_identity().site_domain
    if domain:
        hosts.add(domain.lower())
    return {h for h in hosts if h}


def _internal_problem(path: str) -> str | None:
    """Why a path of this site does not lead to a public page, or None."""
    prefix = settings.FORCE_SCRIPT_NAME or ""
    if prefix and (path == prefix or path.startswith(prefix + "/")):
        path = path[len(prefix) :] or "/"
    if path.startswith(settings.STATIC_URL.removeprefix(prefix)):
        from django.contrib.staticfiles import finders

        name = path[len(settings.STATIC_URL.removeprefix(prefix)) :]
        return None if finders.find(name) else "站内链接指向的文件不存在"
    try:
        match = resolve(path)
    except Resolver404:
        return "站内链接指向的页面不存在"
    name, kwargs = match.view_name, match.kwargs
    if name in ("disclosure:item", "disclosure:item_print"):
        if not Item.objects.published().filter(pk=kwargs["pk"]).exists():
            return "站内链接指向的信息不存在或未公开"
    elif name == "disclosure:attachment":
        found = Attachment.objects.filter(
            pk=kwargs["attachment_pk"], item__in=Item.objects.published().filter(pk=kwargs["pk"])
        ).exists()
        if not found:
            return "站内链接指向的附件不存在或未公开"
    elif (
        name in ("disclosure:column", "disclosure:feed_column")
        and not Column.objects.filter(slug=kwargs["slug"]).exists()
    ):
        return "站内链接指向的栏目不存在"
    return None


def link_problem(href: str, *, page_path: str, own_hosts: set[str]) -> str | None:
    """What is wrong with the link `href` on the page at `page_path`, or None."""
    if not href:
        return "链接地址为空"
    if href.startswith("#"):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return "链接地址格式不正确"
    scheme = parts.scheme.lower()
    if scheme in _SCHEMES_WITHOUT_HOST:
        return None if parts.path else "链接地址格式不正确"
    if scheme and scheme not in ("http", "https"):
        return "链接地址格式不正确"
    if scheme or href.startswith("//"):
        host = parts.hostname or ""
        if not host or not _HOST.match(host) or " " in href:
            return "链接地址格式不正确"
        if host.lower() not in own_hosts:
            return None  # elsewhere: well formed; no network in the inspection
        return _internal_problem(parts.path or "/")
    if " " in parts.path:
        return "链接地址格式不正确"
    return _internal_problem(urlsplit(urljoin(page_path, href)).path)


def check_body_links(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Broken or malformed links in the bodies of items public on `as_of`."""
    hosts = _own_hosts()
    items = (
        public_items()
        .filter(published_before(as_of))
        .filter(body__icontains="<a ")
        .select_related("section", "column")
        .order_by("-published_at", "-id")
    )
    for item in items.iterator(chunk_size=200):
        page = reverse("disclosure:item", args=[item.pk])
        problems = list(_problems(item.body, page, hosts))
        if not problems:
            continue
        shown = "；".join(f"“{text or href}”（{href}）：{why}" for href, text, why in problems[:5])
        yield FindingDraft(
            kind=FindingKind.LINK_BROKEN,
            message=f"“{item.title}”正文中有 {len(problems)} 个链接错误：{shown}。",
            section=item.section,
            column=item.column,
            item=item,
            subject=item.title,
            subject_url=page,
            detail={"links": [{"href": h, "text": t, "problem": w} for h, t, w in problems]},
            fingerprint=f"{FindingKind.LINK_BROKEN}:item:{item.pk}",
        )


def _problems(body: str, page: str, hosts: set[str]) -> Iterator[tuple[str, str, str]]:
    for href, text in body_links(body):
        why = link_problem(href, page_path=page, own_hosts=hosts)
        if why:
            yield href[:300], text[:100], why
