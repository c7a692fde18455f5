"""Demo data of the release workflow (`manage.py load_demo`, after disclosure.demo).

Items at every stage of the 三审, one returned with an opinion, a policy released
together with its interpretation and a response to it, a signed-document release, a
withdrawn item, a replaced item, a published item with a change note, an approved
item with a personal-data finding awaiting the leader, and the sensitive-word list.
Everything goes through the real services. Items are found by title, so running it
again changes nothing.

Split: `people` (who acts, where), `scenes` (the items in each state); `load` here."""

from __future__ import annotations

from django.db.models import Count

from disclosure.models import Item
from disclosure.selectors import current_organisation
from review import notifications
from review.demo.people import S, _link_catalogue_pairs, _people, _say, _sensitive_words
from review.demo.scenes import Demo

__all__ = ["Demo", "load"]


def load(ctx: dict) -> None:
    organisation = ctx.get("organisation") or current_organisation()
    if organisation is None:
        return  # disclosure.demo did not run
    people = _people(ctx)
    if people is None:
        _say(
            ctx, "发布审核：缺少演示账户（股室信息员、股室负责人、办公室审核员、分管领导），跳过。"
        )
        return
    _sensitive_words(people["security"] or people["office"])
    with notifications.muted():
        _link_catalogue_pairs(ctx, people)
        Demo(people, ctx).run()
    counts = dict(
        Item.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    summary = "，".join(f"{S(s).label} {n}" for s, n in counts.items())
    _say(ctx, f"发布审核：{summary}")
