"""The choices of a request's fields and the actions of its workflow (the map of which
action moves which status is `requests_app.transitions.TRANSITIONS`)."""

from django.db import models


class Status(models.TextChoices):
    """Where a request stands. Moves only by `requests_app.transitions`."""

    SUBMITTED = "submitted", "待确认收到"
    RECEIVED = "received", "已收到待分办"
    ASSIGNED = "assigned", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待申请人补正"
    AWAITING_FEE = "awaiting_fee", "待缴纳费用"
    DRAFTED = "drafted", "答复待审批"
    CLOSED = "closed", "已办结"
    DISCARDED = "discarded", "已作废（未受理）"


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.ASSIGNED,
    Status.AWAITING_CORRECTION,
    Status.AWAITING_FEE,
    Status.DRAFTED,
)


class Channel(models.TextChoices):
    """How the request arrived; decides which date is the date of receipt (Reg. 31)."""

    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    POST_SIGNED = "post_signed", "邮寄（挂号信、快递等签收）"
    POST_ORDINARY = "post_ordinary", "邮寄（平常信函）"
    FAX = "fax", "传真"

    @property
    def receipt_rule(self) -> str:
        """The Reg. 31 wording of the date of receipt for this channel."""
        return {
            "online": "双方确认之日",
            "in_person": "申请人提交之日",
            "post_signed": "行政机关签收之日",
            "post_ordinary": "行政机关与申请人确认之日",
            "fax": "双方确认之日",
        }[self.value]


class RequestKind(models.TextChoices):
    """A request for information (Reg. 27), or for the correction of a record about
    the applicant (Reg. 41: 更正; not counted in the annual report's table 三)."""

    DISCLOSURE = "disclosure", "政府信息公开申请"
    RECORD_CORRECTION = "correction", "更正与本人相关的政府信息记录（第四十一条）"


class DiscardReason(models.TextChoices):
    """Why an online submission is not taken as a request (never free text alone)."""

    DUPLICATE = "duplicate", "同一申请人重复提交（按另一提交办理）"
    NO_CONTENT = "no_content", "无实际内容（测试、乱码、广告等）"
    WITHDRAWN = "withdrawn", "申请人在确认收到前撤回"


class IdType(models.TextChoices):
    ID_CARD = "id_card", "居民身份证"
    USCC = "uscc", "统一社会信用代码"
    PASSPORT = "passport", "护照"
    HK_MACAO = "hk_macao", "港澳居民来往内地通行证"
    TAIWAN = "taiwan", "台湾居民来往大陆通行证"
    OTHER = "other", "其他有效证件"


class InfoForm(models.TextChoices):
    """Reg. 29(3): the form in which the information is wanted."""

    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class DeliveryMethod(models.TextChoices):
    """Reg. 29(3): how the applicant wants to receive it."""

    POST = "post", "邮寄"
    PICKUP = "pickup", "自行领取"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "在线查看"


class FeeScheme(models.TextChoices):
    """Reg. 42 and 国办函〔2020〕109号: free unless staff decide to charge."""

    NONE = "none", "不收费"
    PER_REQUEST = "per_request", "按件计收"
    PER_PAGE = "per_page", "按量计收"


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "未批准"


class PauseKind(models.TextChoices):
    """Periods not counted in the reply period."""

    THIRD_PARTY = "third_party", "征求第三方意见"  # Reg. 32, 33(3)
    OTHER_AGENCY = "other_agency", "征求其他机关意见"  # Reg. 33(3), 34
    FEE = "fee", "收费通知至缴费"  # 国办函〔2020〕109号


class RequestFileKind(models.TextChoices):
    SUPPORTING = "supporting", "申请人提交的材料"
    REPLY = "reply", "答复材料"
    CORRECTION = "correction", "申请人在线提交的补正材料"


class Action(models.TextChoices):
    SUBMIT = "submit", "网上提交申请"
    REGISTER = "register", "登记申请"
    CONFIRM_RECEIPT = "confirm_receipt", "确认收到申请"
    PROPOSE_DISCARD = "propose_discard", "提请作废"
    DISCARD = "discard", "批准作废（未受理）"
    ASSIGN = "assign", "分办"
    REQUEST_CORRECTION = "request_correction", "告知补正"
    RECEIVE_CORRECTION = "receive_correction", "收到补正申请"
    LAPSE_CORRECTION = "lapse_correction", "逾期未补正，终止办理"
    START_PAUSE = "start_pause", "征求意见（暂停计时）"
    END_PAUSE = "end_pause", "征求意见结束（恢复计时）"
    APPLY_EXTENSION = "apply_extension", "申请延期答复"
    DECIDE_EXTENSION = "decide_extension", "审批延期答复"
    NOTIFY_FEE = "notify_fee", "发出收费通知"
    RECORD_PAYMENT = "record_payment", "登记缴费"
    LAPSE_FEE = "lapse_fee", "逾期未缴费，终止办理"
    SUBMIT_DRAFT = "submit_draft", "提交答复意见"
    RETURN_DRAFT = "return_draft", "退回答复意见"
    APPROVE = "approve", "审批通过并答复"
    WITHDRAW = "withdraw", "申请人撤回申请"
    ANSWER_ON_SPOT = "answer_on_spot", "当场答复"
    ASK_REASONS = "ask_reasons", "要求说明理由（第三十五条）"
    DECIDE_REASONS = "decide_reasons", "认定申请理由（第三十五条）"
