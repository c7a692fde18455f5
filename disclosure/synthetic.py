"""A synthetic catalogue for benchmarks and scale tests: realistic Chinese titles
and bodies of an HR and social-security bureau, spread over the existing columns,
sections and topics and over the years 2015-2026, with marker terms at known rates
(`MARKERS`), written in bulk straight into published items and their search
documents. Never used by the portal itself; `manage.py generate_items N` runs it."""

from __future__ import annotations

import datetime
import multiprocessing
import os
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, connections, transaction
from django.db.models import Max
from django.utils import timezone

from common.subprocesses import parent_state, setup_child
from disclosure import search_index
from disclosure.choices import ContentCategory, Publicity, Topic
from disclosure.models import Column, IndexSerial, Item, ItemStatus, Organisation, SearchDocument

# Marker terms and how often each occurs (1 in N items). Their characters 社, 伤 and
# 稳 are kept out of the filler text (except 社 in 文号 "人社发"), so a search for
# them finds exactly the marked items.
MARKERS = {"稳岗返还": 1000, "工伤": 6, "社会保险": 3}

_SUBJECTS = [
    "就业创业",
    "职业技能培训",
    "人才引进",
    "劳动合同",
    "养老待遇",
    "医疗保障",
    "失业保险金",
    "高校毕业生就业",
    "农民工工资支付",
    "事业单位公开招聘",
    "职称评审",
    "技能人才评价",
    "劳动人事争议仲裁",
    "劳动保障监察",
    "人力资源市场",
    "工资指导价位",
    "创业担保贷款",
    "公益性岗位",
    "就业见习",
    "退役军人就业",
    "残疾人就业",
    "企业年金",
    "最低工资标准",
]
_ACTIONS = ["做好", "开展", "加强", "进一步推进", "组织实施", "规范", "调整", "公布"]
_KINDS = ["工作的通知", "实施办法", "工作方案", "有关事项的公告", "名单的公示", "情况的报告"]
_SENTENCES = [
    "为贯彻落实上级有关决策部署，结合本县实际，现就{s}有关事项通知如下。",
    "各乡镇人民政府、县级有关单位要高度重视{s}工作，明确责任分工，确保各项措施落到实处。",
    "申请人应当于规定期限内携带有效身份证件和相关材料到县政务服务中心窗口办理。",
    "经审核符合条件的，按照规定标准发放补贴资金，资金直接拨付至个人账户或者单位账户。",
    "对弄虚作假骗取补贴资金的，一经查实，责令退回并依法依规追究相关责任。",
    "本年度全县城镇新增就业人员持续增长，重点群体就业形势总体保持平稳。",
    "县人力资源和保障部门将会同财政、税务等部门加强监督检查，定期通报工作进展。",
    "用人单位应当依法与劳动者订立书面劳动合同，按时足额支付劳动报酬。",
    "本办法自发布之日起施行，由县人力资源和保障局负责解释。",
    "咨询电话请拨打县人力资源和保障局业务科室，工作时间为法定工作日上午和下午。",
    "{s}相关政策已在县政府门户网站和县人力资源和保障局网站同步公开。",
    "对照年度目标任务，各单位要认真梳理存在的问题，提出整改措施并按期完成。",
]
_NUMBERS = ["人社发", "人社函", "政办发"]


def _filler(rng: random.Random, subject: str, target: int) -> list[str]:
    parts: list[str] = []
    length = 0
    while length < target:
        sentence = rng.choice(_SENTENCES).format(s=subject)
        parts.append(sentence)
        length += len(sentence)
    return parts


def item_fields(n: int, rng: random.Random) -> dict:
    """The catalogue fields of synthetic item number `n` (markers by `n`)."""
    subject = rng.choice(_SUBJECTS)
    year = 2015 + n % 12
    title = f"关于{rng.choice(_ACTIONS)}{year}年{subject}{rng.choice(_KINDS)}"
    paragraphs = _filler(rng, subject, rng.randint(300, 3000))
    for marker, every in MARKERS.items():
        if n % every == 0:
            at = rng.randrange(len(paragraphs))
            paragraphs[at] = paragraphs[at][:-1] + f"，涉及{marker}相关事项。"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    number = f"示县{rng.choice(_NUMBERS)}〔{year}〕{n % 97 + 1}号" if n % 4 == 0 else ""
    return {
        "title": title,
        "body": body,
        "text": " ".join(paragraphs),  # what disclosure.search.plain_text makes of body
        "summary": paragraphs[0][:120],
        "number": number,
        "year": year,
    }


@dataclass(frozen=True)
class _Plan:
    """What every batch needs to write its items without asking the others: the
    first new primary key, each year's last 索引号 serial before the run, the columns
    (id, section id) and the author. Item `n` belongs to year 2015 + n % 12, so its
    serial is that year's base plus (n - first) // 12 + 1 — no counter is shared."""

    first: int
    bases: dict[int, int]
    code: str
    columns: list[tuple[int, int]]
    author_id: int
    seed: int


def _batch(plan: _Plan, begin: int, size: int) -> int:
    """Write items begin .. begin + size - 1 and their search documents in one
    transaction; the batch's random numbers depend on the seed and `begin` only."""
    rng = random.Random(f"{plan.seed}:{begin}")  # noqa: S311 - reproducible test data
    topics = [t.value for t in Topic]
    categories = [c.value for c in ContentCategory]
    tz = timezone.get_current_timezone()
    items, texts = [], []
    for n in range(begin, begin + size):
        fields = item_fields(n, rng)
        year = fields["year"]
        column_id, section_id = plan.columns[n % len(plan.columns)]
        published = datetime.datetime(year, 1, 1, 9, tzinfo=tz) + datetime.timedelta(
            minutes=rng.randrange(365 * 24 * 60)
        )
        serial = plan.bases.get(year, 0) + (n - plan.first) // 12 + 1
        texts.append(fields["text"])
        items.append(
            Item(
                pk=n,
                column_id=column_id,
                section_id=section_id,
                title=fields["title"],
                body=fields["body"],
                summary=fields["summary"],
                keywords="人力资源 就业",
                topic=topics[n % len(topics)],
                content_category=categories[n % len(categories)],
                document_number=fields["number"],
                written_on=published.date(),
                formed_on=published.date(),
                published_at=published,
                publicity=Publicity.PROACTIVE,
                index_number=f"{plan.code}/{year}-{serial:05d}",
                status=ItemStatus.PUBLISHED,
                created_by_id=plan.author_id,
            )
        )
    with transaction.atomic():
        Item.objects.bulk_create(items)
        documents = [
            search_index.build_document(item, body_text=text)
            for item, text in zip(items, texts, strict=True)
        ]
        SearchDocument.objects.bulk_create(documents)
        search_index._fts_write(documents)
    return size


def _batch_in_child(args: tuple[_Plan, int, int]) -> int:
    # A spawned writer (common.subprocesses) opens its own database connection.
    try:
        return _batch(*args)
    finally:
        connections.close_all()


def default_jobs() -> int:
    """Parallel writers: one per core on PostgreSQL; SQLite takes one writer only."""
    return (os.cpu_count() or 1) if connection.vendor == "postgresql" else 1


def generate(
    count: int,
    *,
    seed: int = 2026,
    batch_size: int = 2000,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Add `count` published items (and their search documents), in batches written
    by `jobs` processes in parallel (PostgreSQL; SQLite always uses one). Needs the
    demo bureau or any organisation with sections, columns and a user."""
    from accounts.models import User

    organisation = Organisation.objects.order_by("id").first()
    columns = list(Column.objects.order_by("id").values_list("id", "responsible_section_id"))
    author = User.objects.order_by("id").first()
    if organisation is None or not columns or author is None:
        raise RuntimeError("先加载示例数据（manage.py load_demo）或建立单位、栏目和用户。")
    first = (Item.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    bases = {s.year: s.last_serial for s in IndexSerial.objects.filter(organisation=organisation)}
    plan = _Plan(first, bases, organisation.code, columns, author.pk, seed)
    batches = [
        (plan, begin, min(batch_size, first + count - begin))
        for begin in range(first, first + count, batch_size)
    ]
    done = 0
    if jobs > 1 and connection.vendor == "postgresql":
        connections.close_all()
        spawn = multiprocessing.get_context("spawn")
        with spawn.Pool(jobs, initializer=setup_child, initargs=parent_state()) as pool:
            for size in pool.imap_unordered(_batch_in_child, batches):
                done += size
                if progress is not None:
                    progress(done, count)
    else:
        for batch in batches:
            done += _batch(*batch)
            if progress is not None:
                progress(done, count)
    last = first + count - 1
    for year in range(2015, 2027):
        made = len(range(first + (year - 2015 - first) % 12, last + 1, 12))
        if made:
            IndexSerial.objects.update_or_create(
                organisation=organisation,
                year=year,
                defaults={"last_serial": bases.get(year, 0) + made},
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('disclosure_item', 'id'), %s)",
                [first + count],
            )
            cursor.execute("ANALYZE disclosure_item")
            cursor.execute("ANALYZE disclosure_searchdocument")
    from common.pagecache import catalogue_changed

    catalogue_changed()
    return done
