"""Public search and list filters: one form validates the parameters of the search
page and of the JSON API alike, and helpers highlight what was found."""

import re
from dataclasses import dataclass

from django import forms
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localdate

from common.pagecache import versioned_local
from common.text import plain_text
from disclosure import selectors
from disclosure.choices import Topic
from disclosure.models import Column, Section
from disclosure.selectors import FIRST_YEAR

MAX_QUERY_LENGTH = 50  # characters; longer queries are refused with a message
MAX_TERMS = 5  # each term is one more LIKE over every searchable field
_SPACES = re.compile(r"[\s\u3000]+")  # ASCII and full-width (ideographic) spaces


@dataclass(frozen=True)
class SearchFilters:
    """What a valid search asks for: its terms and the filters combined with them."""

    terms: tuple[str, ...] = ()
    column: Column | None = None
    topic: str = ""
    year: int | None = None
    section: Section | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.terms or self.column or self.topic or self.year or self.section)


class PublicFilterForm(forms.Form):
    """Validates `q`, `column` (slug), `topic` (code), `year` and `section`.

    Unknown values are errors, not silently ignored, so a mistyped link or API call
    says what is wrong instead of returning everything."""

    q = forms.CharField(
        label="关键词",
        required=False,
        strip=True,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"搜索词过长，请不超过 {MAX_QUERY_LENGTH} 个字。",
        },
    )
    column = forms.SlugField(
        label="栏目",
        required=False,
        error_messages={"invalid": "栏目参数无效。"},
    )
    topic = forms.ChoiceField(
        label="主题分类",
        required=False,
        choices=[("", "全部主题")] + list(Topic.choices),
        error_messages={"invalid_choice": "主题分类代码“%(value)s”不存在。"},
    )
    year = forms.IntegerField(
        label="发布年份",
        required=False,
        error_messages={"invalid": "年份应为四位数字，如 2025。"},
    )
    section = forms.IntegerField(
        label="发布股室",
        required=False,
        error_messages={"invalid": "股室参数无效。"},
    )

    def clean_q(self) -> str:
        # Collapse runs of ASCII and full-width spaces into one.
        return _SPACES.sub(" ", self.cleaned_data["q"]).strip()

    def clean_column(self) -> Column | None:
        slug = self.cleaned_data["column"]
        if not slug:
            return None
        column = Column.objects.filter(slug=slug).first()
        if column is None:
            raise forms.ValidationError("栏目“%(slug)s”不存在。", params={"slug": slug})
        return column

    def clean_year(self) -> int | None:
        year = self.cleaned_data["year"]
        if year is None:
            return None
        last = localdate().year + 1
        if not FIRST_YEAR <= year <= last:
            raise forms.ValidationError(
                "年份应在 %(first)s 至 %(last)s 之间。",
                params={"first": FIRST_YEAR, "last": last},
            )
        return year

    def clean_section(self) -> Section | None:
        pk = self.cleaned_data["section"]
        if pk is None:
            return None
        section = Section.objects.filter(pk=pk).first()
        if section is None:
            raise forms.ValidationError("股室不存在。")
        return section

    def filters(self) -> SearchFilters:
        """The validated parameters; call only when `is_valid()`."""
        data = self.cleaned_data
        return SearchFilters(
            terms=search_terms(data["q"]),
            column=data["column"],
            topic=data["topic"],
            year=data["year"],
            section=data["section"],
        )

    def first_error(self) -> str:
        for errors in self.errors.values():
            return str(errors[0])
        return ""


def search_terms(q: str) -> tuple[str, ...]:
    """Terms of a query, split on spaces, duplicates dropped, at most MAX_TERMS."""
    seen: list[str] = []
    for term in _SPACES.split(q):
        if term and term.casefold() not in (s.casefold() for s in seen):
            seen.append(term)
    return tuple(seen[:MAX_TERMS])


def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    if not terms:
        return None
    # Longest first so that "社会保险" wins over "社会" where both match.
    alternatives = sorted((re.escape(t) for t in terms), key=len, reverse=True)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def highlight(text: str, terms: tuple[str, ...]) -> SafeString:
    """`text` escaped, with every occurrence of a term wrapped in <mark>.

    Matches are found in the raw text and each piece is escaped on its own, so a
    term can never split an HTML entity or inject markup."""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        out.append(str(escape(text[pos : match.start()])))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        pos = match.end()
    out.append(str(escape(text[pos:])))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def option_tags(choices: list[tuple[str, str]], selected: str) -> SafeString:
    """`<option>`s of a filter box, `selected` marked: joined here rather than looped
    over in the template (the search page has a hundred of them)."""
    return mark_safe(  # noqa: S308 - every value and label escaped
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == selected else ""}>'
            f"{escape(label)}</option>"
            for value, label in choices
        )
    )


def _filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The search form's four filter boxes as (value, label) pairs: the same for
    every search until the catalogue changes, so built once per version."""
    topics = []
    for topic in selectors.topics_with_counts():
        topics.append((topic.code, topic.label))
        topics += [(sub.code, f"\u3000└ {sub.label}") for sub in topic.children]
    return {
        "column": [
            (
                node.column.slug,
                f"{node.indent}└ {node.column.name}" if node.depth else node.column.name,
            )
            for node in selectors.column_tree().flat()
        ],
        "topic": topics,
        "year": [(str(year), f"{year}年") for year, _ in selectors.years_with_counts()],
        "section": [(str(s.pk), s.name) for s in selectors.sections_with_counts()],
    }


def filter_options(chosen) -> dict[str, SafeString]:
    """The search page's filter boxes (`column_options`, `topic_options`, ...), with
    what the visitor chose (`chosen`: the query parameters) marked."""
    choices = versioned_local("search-filter-choices", _filter_choices)
    return {
        f"{name}_options": option_tags(pairs, chosen.get(name, ""))
        for name, pairs in choices.items()
    }


def best_excerpt_source(item, terms: tuple[str, ...]) -> str:
    """The summary if a term is in it (or there are no terms), else the body text."""
    lowered = item.summary.casefold()
    if item.summary and (not terms or any(t.casefold() in lowered for t in terms)):
        return item.summary
    body = plain_text(item.body)
    if any(t.casefold() in body.casefold() for t in terms):
        return body
    return item.summary or body


def excerpt(text: str, terms: tuple[str, ...], *, width: int = 120) -> SafeString:
    """About `width` characters of `text` around the first match, highlighted."""
    pattern = _pattern(terms)
    start = 0
    if pattern is not None:
        match = pattern.search(text)
        if match is not None:
            start = max(0, match.start() - width // 3)
    piece = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(f"{prefix}{highlight(piece, terms)}{suffix}")  # noqa: S308
