"""Public pages of the catalogue (F1). Every item comes from `selectors.public_items()`
or `selectors.public_item_or_404()`: anything that is not a published 主动公开 item is
a 404 here, never a 403."""

import logging
from pathlib import PurePosixPath

from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.views.decorators.http import require_safe

from common.exports import file_response
from common.listing import capped_page_or_404
from common.pagecache import public_page, versioned_local
from common.sanitize import clean_html
from disclosure import listings, selectors, services
from disclosure.categories import categories_with_columns
from disclosure.search import (
    MAX_QUERY_LENGTH,
    PublicFilterForm,
    best_excerpt_source,
    excerpt,
    filter_options,
    highlight,
)

logger = logging.getLogger(__name__)

# Labels shown next to attachments (the stored type was decided by content on upload).
FILE_TYPE_LABELS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.ms-excel": "Excel",
    "image/jpeg": "JPG 图片",
    "image/png": "PNG 图片",
    "application/zip": "ZIP 压缩包",
    "text/plain": "文本",
}


def file_type_label(content_type: str) -> str:
    return FILE_TYPE_LABELS.get(content_type, "文件")


def labelled_attachments(attachments) -> list:
    """The attachments as a list, each with `type_label` for the page (the public
    item page and the consultation pages show them alike)."""
    attachments = list(attachments)
    for attachment in attachments:
        attachment.type_label = file_type_label(attachment.content_type)
    return attachments


def item_body_html(item) -> str:
    """The body, sanitized again at render: not every write path (fixtures, admin
    edits, imports) is guaranteed to go through `services.item_body_clean`, and an
    unsanitized body must never reach a public page (F8)."""
    return clean_html(item.body)


# --- catalogue and columns ---------------------------------------------------------


def _catalogue_crumb() -> tuple[str, str]:
    return ("信息公开目录", reverse("disclosure:catalogue"))


def _column_crumbs(tree: selectors.ColumnTree, column) -> list[tuple[str, str]]:
    return [
        (c.name, reverse("disclosure:column", args=[c.slug]))
        for c in [*tree.ancestors(column), column]
    ]


@require_safe
@public_page
def catalogue(request):
    """The 政府信息公开目录: the column tree with counts and the browse entry points
    (Reg. 12: the catalogue, arranged by column, topic, section and year)."""
    return render(
        request,
        "disclosure/catalogue.html",
        {
            "crumbs": [("信息公开目录", "")],
            "tree": selectors.column_tree(with_counts=True).flat(),
            "topics": selectors.topics_with_counts(),
            "sections": selectors.sections_with_counts(),
            "years": selectors.years_with_counts(),
            "categories": categories_with_columns(),
        },
    )


@require_safe
@public_page
def standard_directory(request):
    """The 标准目录 of 人社厅函〔2019〕113号: every 事项 with its nine elements and
    its latest public items."""
    from disclosure.standard import directories

    return render(
        request,
        "disclosure/standard.html",
        {"crumbs": [_catalogue_crumb(), ("标准目录", "")], "directories": directories()},
    )


@require_safe
@public_page
def column_detail(request, slug: str):
    """A column's public items, its sub-columns' included, newest first."""
    column = selectors.column_by_slug_or_404(slug)
    tree = selectors.column_tree(with_counts=True)
    node = tree.node(column)
    page = capped_page_or_404(
        request,
        listings.column_listing(tree.subtree_ids(column)),
        listings.public_list_rows_by_ids,
    )
    return render(
        request,
        "disclosure/column.html",
        {
            "crumbs": [_catalogue_crumb(), *_column_crumbs(tree, column)],
            "column": column,
            "node": node,
            "children": node.children,
            "nav_html": _browse_nav(column),
            "page": page,
            "items": page.object_list,
        },
    )


# --- items -------------------------------------------------------------------------


def _item_context(item) -> dict:
    tree = selectors.column_tree()
    return {
        "crumbs": [_catalogue_crumb(), *_column_crumbs(tree, item.column), ("正文", "")],
        "item": item,
        "body_html": item_body_html(item),
        "attachments": labelled_attachments(item.attachments.all()),
        "organisation_name": item.section.organisation.name,
    }


@require_safe
@public_page
def item_detail(request, pk: int):
    item = selectors.public_item_or_404(pk)
    return render(request, "disclosure/item.html", _item_context(item))


@require_safe
@public_page
def item_print(request, pk: int):
    """A clean layout like a printed official document, with the 附注 line."""
    item = selectors.public_content_or_404(pk)
    return render(request, "disclosure/item_print.html", _item_context(item))


def _download_name(attachment) -> str:
    """The attachment's title, with the stored file's extension when it lacks one."""
    ext = PurePosixPath(attachment.file.name).suffix.lower()
    title = attachment.title.strip() or "附件"
    if ext and not title.lower().endswith(ext):
        title += ext
    return title


@require_safe
def attachment_download(request, pk: int, attachment_pk: int):
    """Serve an attachment of a public item, always as a download with the type
    checked at upload (F8: uploads served safely, never rendered inline)."""
    item = selectors.public_content_or_404(pk)
    attachment = selectors.public_attachment_or_404(item=item, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        # Gone from storage: say so (not 页面不存在), record it and tell the office
        # once; the item page then shows the attachment as 文件暂不可用.
        attachment.item = item
        services.attachment_file_missing(attachment=attachment)
        return render(
            request,
            "disclosure/attachment_missing.html",
            {"item": item, "attachment": attachment},
            status=404,
        )
    services.attachment_file_found(attachment=attachment)  # back: the mark goes
    return file_response(
        handle,
        filename=_download_name(attachment),
        content_type=attachment.content_type,
        private=False,
    )


# --- browse ------------------------------------------------------------------------


def _browse_nav(current) -> str:
    """The catalogue's side navigation (every column, `current` marked): the same
    for every page of a column until the catalogue changes, so rendered once per
    catalogue version, script prefix and column in each process."""
    key = f"browse-nav:{get_script_prefix()}:{current.pk if current else ''}"
    return versioned_local(
        key,
        lambda: render_to_string(
            "disclosure/_browse_nav.html",
            {"tree": selectors.column_tree().flat(), "current": current},
        ),
    )


def _browse(request, *, heading: str, crumbs: list, name: str, queryset):
    page = capped_page_or_404(
        request, listings.queryset_listing(name, queryset), listings.public_list_rows_by_ids
    )
    return render(
        request,
        "disclosure/browse.html",
        {
            "crumbs": crumbs,
            "heading": heading,
            "nav_html": _browse_nav(None),
            "page": page,
            "items": page.object_list,
        },
    )


@require_safe
@public_page
def topic_list(request):
    return render(
        request,
        "disclosure/topics.html",
        {
            "crumbs": [_catalogue_crumb(), ("主题分类", "")],
            "topics": selectors.topics_with_counts(),
        },
    )


@require_safe
@public_page
def topic_detail(request, code: str):
    """Items of a 主题分类; a top-level topic includes its sub-topics."""
    topic = selectors.topic_or_404(code)
    crumbs = [_catalogue_crumb(), ("主题分类", reverse("disclosure:topics"))]
    if "." in topic.value:
        parent = selectors.topic_or_404(topic.value.split(".")[0])
        crumbs.append((parent.label, reverse("disclosure:topic", args=[parent.value])))
    label = selectors.topic_label(topic.value)
    return _browse(
        request,
        heading=label,
        crumbs=[*crumbs, (label, "")],
        name=f"topic:{topic.value}",
        queryset=selectors.public_items_for_topic(topic.value),
    )


@require_safe
@public_page
def section_detail(request, pk: int):
    section = selectors.section_or_404(pk)
    return _browse(
        request,
        heading=f"{section.name}发布的信息",
        crumbs=[_catalogue_crumb(), (section.name, "")],
        name=f"section:{section.pk}",
        queryset=selectors.public_items_for_section(section),
    )


@require_safe
@public_page
def year_detail(request, year: int):
    year = selectors.year_or_404(year)
    return _browse(
        request,
        heading=f"{year}年发布的信息",
        crumbs=[_catalogue_crumb(), (f"{year}年", "")],
        name=f"year:{year}",
        queryset=selectors.public_items_for_year(year),
    )


# --- search ------------------------------------------------------------------------


@require_safe
@public_page
def search(request):
    form = PublicFilterForm(request.GET or None)
    tree = selectors.column_tree()
    context = {
        "form": form,
        **filter_options(request.GET),
        "crumbs": [("信息检索", "")],
        "max_length": MAX_QUERY_LENGTH,
        "page": None,
        "message": "",
    }
    if not form.is_bound:
        context["message"] = "请输入要搜索的关键词，或选择栏目、主题、年份后再搜索。"
    elif not form.is_valid():
        context["message"] = form.first_error()
    else:
        filters = form.filters()
        if filters.is_empty:
            context["message"] = "请输入要搜索的关键词，或选择栏目、主题、年份后再搜索。"
        else:
            page = capped_page_or_404(
                request,
                listings.search_listing(filters, tree=tree),
                listings.public_search_rows_by_ids,
            )
            for item in page.object_list:
                item.title_html = highlight(item.title, filters.terms)
                # A match may be in the 文号 or the 索引号 only (人社发, an index number).
                item.document_number_html = highlight(item.document_number, filters.terms)
                item.index_number_html = highlight(item.index_number, filters.terms)
                item.excerpt_html = excerpt(best_excerpt_source(item, filters.terms), filters.terms)
            context.update({"page": page, "items": page.object_list, "filters": filters})
    # An invalid search comes back with its message and the form kept filled.
    return render(request, "disclosure/search.html", context)
