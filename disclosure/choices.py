"""Fixed vocabularies of the catalogue (domain-rules.md, seed Art. 5-7, Reg. 20)."""

from django.db import models


class Publicity(models.TextChoices):
    """公开属性, seed Art. 7(1)."""

    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    NOT_DISCLOSED = "not_disclosed", "不予公开"

    @property
    def annotation(self) -> str:
        """The 附注 line printed under the date on official documents."""
        return f"（此件{self.label}）"


class NonDisclosureReason(models.TextChoices):
    """Art. 6 categories, worded as the annual report's 不予公开 rows (2021 format)."""

    STATE_SECRET = "state_secret", "属于国家秘密"
    LAW_PROHIBITED = "law_prohibited", "其他法律行政法规禁止公开"
    THREE_SECURITY = "three_security", "危及“三安全一稳定”"
    THIRD_PARTY = "third_party", "保护第三方合法权益"
    INTERNAL_AFFAIRS = "internal_affairs", "属于三类内部事务信息"
    PROCESS_INFO = "process_info", "属于四类过程性信息"
    ENFORCEMENT_FILE = "enforcement_file", "属于行政执法案卷"
    ADMIN_QUERY = "admin_query", "属于行政查询事项"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    AMENDED = "amended", "已修改"
    REPEALED = "repealed", "已废止"


class DocumentType(models.TextChoices):
    """文种: the 15 kinds of 公文 (党政机关公文处理工作条例 Art. 8, laid out by GB/T
    9704), then 法律法规 (laws, regulations and rules of other issuers, numbered in
    their own form) and 工作文件 (plans, summaries, other working documents)."""

    RESOLUTION = "resolution", "决议"
    DECISION = "decision", "决定"
    ORDER = "order", "命令（令）"
    COMMUNIQUE = "communique", "公报"
    ANNOUNCEMENT = "announcement", "公告"
    PUBLIC_NOTICE = "public_notice", "通告"
    OPINION = "opinion", "意见"
    NOTICE = "notice", "通知"
    CIRCULAR = "circular", "通报"
    REPORT = "report", "报告"
    REQUEST = "request", "请示"
    REPLY = "reply", "批复"
    MOTION = "motion", "议案"
    LETTER = "letter", "函"
    MINUTES = "minutes", "纪要"
    LAW = "law", "法律法规"
    WORK_DOCUMENT = "work_document", "工作文件"


class ColumnKind(models.TextChoices):
    """Sets the update frequency the inspection checks (国办秘函〔2019〕19号)."""

    NEWS = "news", "动态/要闻"
    NOTICE = "notice", "通知公告"
    POLICY = "policy", "政策文件"
    OTHER = "other", "其他"


class UpdateFrequency(models.IntegerChoices):
    """How often a column of kind 其他 must be updated, in months (国办秘函〔2019〕19号:
    "应更新但长期未更新" columns are counted by the inspection); blank: 不定期."""

    MONTHLY = 1, "每月"
    QUARTERLY = 3, "每季度"
    HALF_YEARLY = 6, "每半年"
    YEARLY = 12, "每年"


class ContentCategory(models.TextChoices):
    """What an item discloses proactively: the 16 kinds of the seed's Art. 5, then
    the items of Reg. 20 that Art. 5 does not name (and two that 考核 checks too),
    so that every kind of information an office must publish has a place. The
    value says where the kind comes from: a05_NN (seed Art. 5(NN)), r20_NN
    (Reg. 20(NN)), x_NN (考核 practice)."""

    LEADERSHIP = "a05_01", "领导成员、机构设置、职能及联系方式"
    LAWS = "a05_02", "法律法规、规章和规范性文件"
    POLICY_MEASURES = "a05_03", "政策措施及其实施情况"
    ENFORCEMENT = "a05_04", "行政执法事项"
    MAJOR_ACTIVITIES = "a05_05", "重大活动情况"
    APPROVALS = "a05_06", "行政许可和非行政许可审批事项"
    RECRUITMENT = "a05_07", "事业单位公开招聘"
    LABOUR_MARKET = "a05_08", "人力资源市场供求与工资指导"
    TITLE_EXAMS = "a05_09", "专业技术资格、职称考试"
    TITLE_EVALUATION = "a05_10", "专业技术资格评聘"
    INSURANCE_FUNDS = "a05_11", "社会保险基金收支情况"
    DRUG_CATALOGUE = "a05_12", "医疗保险和工伤保险药品目录"
    TALENT_FUNDING = "a05_13", "人才资助项目实施情况"
    AUTHORISED_SERVICES = "a05_14", "授权服务项目办理情况"
    MAJOR_PROJECTS = "a05_15", "重大建设项目批准和招投标"
    NORMATIVE_DRAFTS = "a05_16", "规范性文件及政策制定"
    # Reg. 20 (Decree 711), beyond the seed's Art. 5.
    PLANS = "r20_03", "规划（发展规划、专项规划及相关政策）"
    STATISTICS = "r20_04", "统计信息"
    BUDGET = "r20_07", "财政预算、决算（含“三公”经费）"
    FEES = "r20_08", "行政事业性收费项目及其依据、标准"
    PROCUREMENT = "r20_09", "政府集中采购项目的目录、标准及实施情况"
    EMERGENCY = "r20_12", "突发公共事件的应急预案、预警信息及应对情况"
    SUPERVISION = "r20_13", "监督检查情况"
    # Checked in the yearly 政务公开考核 as well.
    PROPOSALS = "x_01", "人大代表建议和政协提案办理结果"
    POWERS = "x_02", "权责清单"

    @property
    def basis(self) -> str:
        """Where the kind comes from, as the guide cites it."""
        source, number = self.value.split("_")
        if source == "a05":
            return f"制度第五条第{_CN_NUMBERS[int(number)]}项"
        if source == "r20":
            return f"条例第二十条第{_CN_NUMBERS[int(number)]}项"
        return "政务公开考核要求"


_CN_DIGITS = ("零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
              "十一", "十二", "十三", "十四", "十五", "十六")  # fmt: skip
_CN_NUMBERS = {n: f"（{text}）" for n, text in enumerate(_CN_DIGITS)}


class Topic(models.TextChoices):
    """主题分类, the gov.cn top-level list, with the sub-topics of 劳动、人事、监察."""

    STATE_COUNCIL_ORGANS = "01", "国务院组织机构"
    GENERAL_AFFAIRS = "02", "综合政务"
    ECONOMY = "03", "国民经济管理、国有资产监管"
    FINANCE = "04", "财政、金融、审计"
    LAND_ENERGY = "05", "国土资源、能源"
    AGRICULTURE = "06", "农业、林业、水利"
    INDUSTRY_TRANSPORT = "07", "工业、交通"
    TRADE = "08", "商贸、海关、旅游"
    MARKET_SUPERVISION = "09", "市场监管、安全生产监管"
    CONSTRUCTION = "10", "城乡建设、环境保护"
    SCIENCE_EDUCATION = "11", "科技、教育"
    CULTURE = "12", "文化、广电、新闻出版"
    HEALTH_SPORTS = "13", "卫生、体育"
    POPULATION = "14", "人口与计划生育、妇女儿童工作"
    LABOUR = "15", "劳动、人事、监察"
    LABOUR_EMPLOYMENT = "15.1", "劳动、人事、监察/劳动就业"
    LABOUR_SOCIAL_SECURITY = "15.2", "劳动、人事、监察/社会保障"
    LABOUR_PERSONNEL = "15.3", "劳动、人事、监察/人事工作"
    LABOUR_VETERANS = "15.4", "劳动、人事、监察/军转安置"
    LABOUR_SUPERVISION = "15.5", "劳动、人事、监察/监察"
    LABOUR_CONDUCT = "15.6", "劳动、人事、监察/纠正行业不正之风"
    LABOUR_OTHER = "15.9", "劳动、人事、监察/其他"
    PUBLIC_SECURITY = "16", "公安、安全、司法"
    CIVIL_AFFAIRS = "17", "民政、扶贫、救灾"
    ETHNIC_RELIGION = "18", "民族、宗教"
    FOREIGN_AFFAIRS = "19", "对外事务"
    HK_MACAO_TAIWAN = "20", "港澳台侨工作"
    DEFENCE = "21", "国防"
    OTHER = "22", "其他"
