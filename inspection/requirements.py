"""The default rectification requirement offered for each kind of finding (the
office edits it when creating the task)."""

from inspection.models import FindingKind

REQUIREMENTS = {
    FindingKind.COLUMN_IDLE: "请及时更新本栏目信息，按栏目类型保持更新频率，并反馈更新情况。",
    FindingKind.COLUMN_EMPTY: "请补充本栏目应公开的信息；确无信息的，说明情况并提出栏目调整建议。",
    FindingKind.HOME_IDLE: "请督促各股室及时提供信息，确保首页信息两周内有更新。",
    FindingKind.ITEM_OVERDUE: "请尽快完成审核发布，并说明超期原因。",
    FindingKind.ATTACHMENT_BROKEN: "请重新上传有效附件，确保附件可以正常打开。",
    FindingKind.PERSONAL_DATA: "请立即对个人信息进行去标识化处理（打码）后重新发布，并说明原因。",
    FindingKind.SENSITIVE_WORD: "请核查并修改敏感内容后重新发布。",
    FindingKind.CONSULTATION_NO_FEEDBACK: "请尽快发布意见征集情况及采纳情况，并与征集信息关联。",
    FindingKind.COLUMN_STALE: "请按栏目更新周期补充发布信息，并反馈更新情况；确已无需定期更新的，申请调整更新周期。",
    FindingKind.LINK_BROKEN: "请修正或删除正文中错误的链接后重新发布。",
    FindingKind.REQUEST_OVERDUE: "请立即办理并答复申请人，说明逾期原因。",
    FindingKind.ANNUAL_REPORT_LATE: "请尽快完成并发布上一年度政府信息公开工作年度报告。",
    FindingKind.GUIDE_STALE: "请核对并更新政府信息公开指南（分类编排、获取方式、工作机构联系方式等）。",
    FindingKind.NORMATIVE_EXPIRY: "请在有效期届满前评估该文件，决定延期、重新制发或废止，并更新有效性。",
    FindingKind.ENQUIRY_UNANSWERED: "请立即答复该咨询；超过3个月未答复属单项否决情形。",
    FindingKind.MATTER_IDLE: "请按标准目录的公开时限发布该事项的信息，或在管理后台核对事项对应的栏目。",
}
