"""The scenes of the demo: items walked through every state of the release workflow."""

from __future__ import annotations

import contextlib
import datetime
import io

import docx
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from disclosure import services as disclosure_services
from disclosure.choices import ContentCategory, Topic
from disclosure.models import Item
from review import services
from review.demo.people import DAY, INTERPRETATION_BODY, RELATION_FIELDS, S


class Demo:
    def __init__(self, people: dict, ctx: dict):
        self.p = people
        self.ctx = ctx
        self.today = timezone.localdate()

    # --- helpers ---------------------------------------------------------------------

    def item(
        self, title: str, *, body: str, days_ago: int = 3, column=None, **fields
    ) -> Item | None:
        """A new draft by the clerk, or None when it exists (the demo ran before)."""
        if Item.objects.filter(title=title).exists():
            return None
        formed = self.today - days_ago * DAY
        relations = {name: fields.pop(name) for name in RELATION_FIELDS if name in fields}
        item = disclosure_services.item_create(
            acting_user=self.p["clerk"],
            column=column or self.p["column"],
            title=title,
            body=body,
            summary=fields.pop("summary", ""),
            topic=fields.pop("topic", Topic.LABOUR_EMPLOYMENT),
            content_category=fields.pop("content_category", ContentCategory.POLICY_MEASURES),
            formed_on=formed,
            written_on=fields.pop("written_on", formed),
            publicity=fields.pop("publicity", "proactive"),
            **fields,
        )
        if relations:
            item = services.item_set_relations(
                item=item,
                acting_user=self.p["clerk"],
                is_signed_document=relations.get("is_signed_document", False),
                needs_interpretation=relations.get("needs_interpretation", False),
                interprets=relations.get("interprets"),
                responds_to=relations.get("responds_to"),
                signatory=relations.get("signatory", ""),
            )
        return item

    def to(self, item: Item, status: str) -> Item:
        """Walk `item` through the stages up to `status`."""
        path = [S.FIRST_REVIEW, S.SECOND_REVIEW, S.FINAL_REVIEW, S.APPROVED]
        services.item_submit(item=item, acting_user=self.p["clerk"])
        reviewers = [self.p["head"], self.p["office"], self.p["leader"]]
        opinions = ["内容属实，同意报送。", "格式规范，同意。", "同意发布。"]
        for target, reviewer, opinion in zip(path[1:], reviewers, opinions, strict=True):
            if path.index(status) < path.index(target):
                break
            services.review_approve(item=item, acting_user=reviewer, opinion=opinion)
        item.refresh_from_db()
        return item

    def publish(self, item: Item) -> Item:
        self.to(item, S.APPROVED)
        services.item_release(item=item, acting_user=self.p["office"])
        item.refresh_from_db()
        return item

    # --- the demo items ----------------------------------------------------------------

    def run(self) -> None:
        self.stages()
        self.returned()
        self.pending_leader()
        self.policy_and_interpretation()
        self.signed()
        self.withdrawn()
        self.replaced()
        self.changed()
        self.scheduled()

    def stages(self) -> None:
        texts = {
            S.DRAFT: ("关于开展2026年度企业薪酬调查工作的通知", 2),
            S.FIRST_REVIEW: ("关于公布第三批县级技能大师工作室名单的公告", 4),
            S.SECOND_REVIEW: ("关于做好高校毕业生就业见习补贴申领工作的通知", 17),
            S.FINAL_REVIEW: ("示例县2026年第三季度人力资源市场供求分析", 10),
            S.APPROVED: ("关于举办2026年秋季大型人才招聘会的公告", 6),
        }
        for status, (title, days_ago) in texts.items():
            item = self.item(
                title,
                body=f"<p>{title}。</p><p>各有关单位：现将有关事项通知如下，请认真贯彻执行。</p>",
                days_ago=days_ago,
            )
            if item is not None and status != S.DRAFT:
                self.to(item, status)
        # A draft past its 20-working-day deadline (shown as overdue).
        self.item(
            "关于调整失业保险金标准的通知",
            body="<p>根据省人力社保厅有关规定，现就调整我县失业保险金标准有关事项通知如下。</p>",
            days_ago=35,
        )

    def returned(self) -> None:
        item = self.item(
            "关于发放2026年第二批稳岗返还资金的公示",
            body=(
                "<p>经审核，以下企业符合稳岗返还条件，现予公示。</p>"
                "<p>联系人：李某某，联系电话：13857201234。</p>"
            ),
            days_ago=8,
        )
        if item is None:
            return
        document = docx.Document()
        document.add_paragraph("稳岗返还企业名单")
        document.add_paragraph("经办人：张某某，身份证号：330524198511200014")
        buffer = io.BytesIO()
        document.save(buffer)
        upload = SimpleUploadedFile("稳岗返还企业名单.docx", buffer.getvalue())
        with contextlib.suppress(ValidationError):  # the demo works without the attachment
            disclosure_services.attachment_add(
                item=item, file=upload, acting_user=self.p["clerk"], title="稳岗返还企业名单"
            )
        self.to(item, S.SECOND_REVIEW)
        services.review_return(
            item=item,
            acting_user=self.p["office"],
            opinion="正文中的联系人手机号码和附件中的经办人身份证号码属于个人信息，请删除或改为单位办公电话后重新送审。",
        )

    def pending_leader(self) -> None:
        item = self.item(
            "关于开展2026年度劳动用工和社会保险专项检查的通知",
            body=(
                "<p>请各用人单位于规定时间内完成自查。</p>"
                "<p>联系人：王科长，手机：13957209876（工作手机）。</p>"
            ),
            days_ago=5,
        )
        if item is not None:
            self.to(item, S.APPROVED)  # the office cannot release it; the leader must decide

    def policy_and_interpretation(self) -> None:
        title = "示例县创业担保贷款贴息管理办法"
        if Item.objects.filter(title=title).exists():
            return
        policy = self.item(
            title,
            body="<p>第一条　为支持创业带动就业，规范创业担保贷款贴息资金管理，制定本办法。</p><p>第二条　本办法适用于本县行政区域内个人创业担保贷款和小微企业创业担保贷款的贴息。</p><p>第三条　个人创业担保贷款最高额度为30万元，贴息期限不超过3年。</p>",
            column=self.p["policy_column"],
            document_number="示人社规〔2026〕5号",
            content_category=ContentCategory.LAWS,
            needs_interpretation=True,
            days_ago=6,
        )
        interpretation = self.item(
            "《示例县创业担保贷款贴息管理办法》政策解读",
            body=INTERPRETATION_BODY,
            column=self.p["policy_column"],
            interprets=policy,
            signatory="局长 王某某",
            days_ago=6,
        )
        self.to(policy, S.APPROVED)
        self.to(interpretation, S.APPROVED)
        services.item_release(item=policy, acting_user=self.p["office"])  # both, together
        response = self.item(
            "关于创业担保贷款贴息“免申即享”有关问题的回应",
            body="<p>近期，部分创业者关心贴息如何申领。现回应如下：符合条件的借款人无需另行申请，经办银行按季度直接将贴息资金拨付至借款人账户。</p>",
            responds_to=policy,
            signatory="副局长 李某某",
            days_ago=2,
        )
        self.publish(response)
        # A second pair still in review: the policy waits for its interpretation.
        policy2 = self.item(
            "示例县零工市场建设补助实施细则",
            body="<p>第一条　为规范零工市场建设，促进灵活就业，制定本细则。</p>",
            column=self.p["policy_column"],
            content_category=ContentCategory.LAWS,
            needs_interpretation=True,
            days_ago=9,
        )
        interpretation2 = self.item(
            "《示例县零工市场建设补助实施细则》政策解读",
            body="<h3>一、制定背景</h3><p>（撰写中）</p>",
            column=self.p["policy_column"],
            interprets=policy2,
            signatory="局长 王某某",
            days_ago=9,
        )
        self.to(policy2, S.APPROVED)
        services.item_submit(item=interpretation2, acting_user=self.p["clerk"])

    def signed(self) -> None:
        item = self.item(
            "示例县人力资源和社会保障局关于印发《2026年度就业创业工作要点》的通知",
            body="<p>各股室、局属各单位：</p><p>现将《2026年度就业创业工作要点》印发给你们，请结合实际认真抓好落实。</p>",
            document_number="示人社〔2026〕21号",
            is_signed_document=True,
            days_ago=3,
        )
        if item is not None:
            services.item_publish_signed(
                item=item,
                signer="王某某",
                signer_title="局长",
                signed_on=item.written_on,
                acting_user=self.p["office"],
            )

    def withdrawn(self) -> None:
        item = self.item(
            "关于公布2026年上半年社会保险待遇资格认证结果的通知",
            body="<p>现将2026年上半年待遇资格认证结果予以公布。</p>",
            days_ago=30,
        )
        if item is None:
            return
        self.publish(item)
        services.item_withdraw(
            item=item,
            reason="公布的名单范围有误，经核实后将重新发布。",
            acting_user=self.p["office"],
        )

    def replaced(self) -> None:
        old = self.item(
            "关于2026年度职称评审工作有关事项的通知",
            body="<p>2026年度职称评审申报时间为9月1日至9月30日。</p>",
            days_ago=40,
        )
        if old is None:
            return
        self.publish(old)
        new = self.item(
            "关于2026年度职称评审工作有关事项的通知（更新）",
            body="<p>2026年度职称评审申报时间调整为9月1日至10月20日，其他事项不变。</p>",
            days_ago=12,
        )
        self.publish(new)
        services.item_replace(
            item=old, replacement=new, acting_user=self.p["office"], note="申报时间调整"
        )

    def changed(self) -> None:
        item = self.item(
            "示例县2026年度企业工资指导线",
            body="<p>2026年度我县企业工资指导线基准线为6%，上线为9%，下线为3%。</p>",
            days_ago=14,
            content_category=ContentCategory.LABOUR_MARKET,
        )
        if item is None:
            return
        self.publish(item)
        services.item_update_published(
            item=item,
            changes={"body": item.body + "<p>本指导线自发布之日起执行。</p>"},
            substantive=True,
            note="补充执行日期。",
            acting_user=self.p["office"],
        )

    def scheduled(self) -> None:
        item = self.item(
            "关于2026年第四季度城乡居民养老保险缴费的提醒",
            body="<p>请参保人员于12月20日前完成2026年度城乡居民养老保险缴费。</p>",
            days_ago=2,
        )
        if item is None:
            return
        self.to(item, S.APPROVED)
        tomorrow_nine = timezone.make_aware(
            datetime.datetime.combine(self.today + DAY, datetime.time(9, 0))
        )
        services.item_schedule(item=item, when=tomorrow_nine, acting_user=self.p["office"])
