"""The demo bureau (F9): a county 人力资源和社会保障局 with its office and sections, a
column tree covering the 16 kinds of Art. 5, 70-odd items in every catalogue state,
a few real PDF attachments and one account per role.

`load(ctx)` is called by `manage.py load_demo` (demo mode only) and is idempotent:
everything is looked up by a natural key (organisation code, section name, column
slug, username, item title) and only created when missing, so a second run changes
nothing. It leaves for later loaders in `ctx`:

- `organisation`: the bureau;
- `sections`: {name: Section}; `columns`: {slug: Column};
- `users`: {username: User} (`clerk`/`head` of 就业促进股, `clerk2`/`head2` of
  社会保险股, `office`, `leader`, `sysadmin`, `security`, `auditor`, and one clerk for
  each other section);
- `items`: {key: Item}; `interpretation_pairs`: [(policy key, interpretation key)]
  for the review workflow to link (F4);
- `credentials`: (username, password, role label) appended for printing.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from disclosure import services
from disclosure.choices import ColumnKind, Publicity, Topic, Validity
from disclosure.models import Column, Item, Organisation, Section
from workcalendar.selectors import WorkCalendar

DEMO_FILES = Path(__file__).resolve().parent / "demo_files"
# One password for every demo account; printed by load_demo. Demo mode only.
DEMO_PASSWORD = "Demo-2026-gkpt"  # noqa: S105 - printed demo credential, never in production

ORGANISATION = {
    "code": "11330599002486157X",
    "name": "示例县人力资源和社会保障局",
    "address": "示例县城关镇人民路88号行政中心3号楼",
    "postcode": "313399",
    "office_hours": "工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）",
    "phone": "0572-5123456",
    "fax": "0572-5123457",
    "email": "rsjgk@example.gov.cn",
    "disclosure_office": "局办公室",
}

OFFICE = "局办公室"
POLICY = "政策法规股"
EMPLOYMENT = "就业促进股"
INSURANCE = "社会保险股"
LABOUR = "劳动关系股"
PERSONNEL = "人事管理股"
SKILLS = "职业能力建设股"
INSPECTION = "劳动保障监察大队"
INSURANCE_CENTRE = "社会保险事业管理中心"
SECTIONS = [
    OFFICE,
    POLICY,
    EMPLOYMENT,
    INSURANCE,
    LABOUR,
    PERSONNEL,
    SKILLS,
    INSPECTION,
    INSURANCE_CENTRE,
]

# (slug, name, kind, Art. 5 category, responsible section, parent slug, description)
COLUMNS = [
    ("about", "机构职能", ColumnKind.OTHER, "a05_01", OFFICE, None, "本局职责、领导信息、内设机构和联系方式。"),
    ("leaders", "领导信息", ColumnKind.OTHER, "a05_01", OFFICE, "about", "局领导班子成员及分工。"),
    ("structure", "内设机构", ColumnKind.OTHER, "a05_01", OFFICE, "about", "内设股室和下属单位及其职责。"),
    ("contact", "联系方式", ColumnKind.OTHER, "a05_01", OFFICE, "about", "各股室（单位）办公地址和电话。"),
    ("news", "工作动态", ColumnKind.NEWS, "a05_05", OFFICE, None, "人社工作重大活动和工作动态。"),
    ("notices", "通知公告", ColumnKind.NOTICE, "", OFFICE, None, "面向社会的通知、公告。"),
    ("policies", "政策文件", ColumnKind.POLICY, "a05_02", POLICY, None, "法律法规、规章和规范性文件。"),
    ("laws", "法律法规", ColumnKind.POLICY, "a05_02", POLICY, "policies", "人社领域法律、行政法规和规章。"),
    ("normative", "规范性文件", ColumnKind.POLICY, "a05_16", POLICY, "policies", "本局制定的行政规范性文件。"),
    ("other-docs", "其他文件", ColumnKind.POLICY, "a05_03", POLICY, "policies", "工作计划、总结等其他文件。"),
    ("interpretation", "政策解读", ColumnKind.POLICY, "a05_03", POLICY, None, "政策文件的解读材料（第七条第四项）。"),
    ("consultation", "意见征集", ColumnKind.NOTICE, "a05_16", POLICY, None, "规范性文件和政策的公开征求意见及采纳情况（第七条第三项）。"),
    ("employment", "就业创业", ColumnKind.NEWS, "a05_03", EMPLOYMENT, None, "就业创业政策措施及其实施情况。"),
    ("employment-policy", "就业政策落实", ColumnKind.POLICY, "a05_03", EMPLOYMENT, "employment", "就业补助资金、创业担保贷款等政策落实情况。"),
    ("labour-market", "人力资源市场供求", ColumnKind.OTHER, "a05_08", EMPLOYMENT, "employment", "人力资源市场供求状况和工资价位。"),
    ("insurance", "社会保险", ColumnKind.NEWS, "a05_03", INSURANCE, None, "社会保险政策及其实施情况。"),
    ("drug-catalogue", "医保和工伤保险药品目录", ColumnKind.OTHER, "a05_12", INSURANCE, "insurance", "基本医疗保险和工伤保险药品目录。"),
    ("insurance-funds", "社会保险基金收支", ColumnKind.OTHER, "a05_11", INSURANCE_CENTRE, "insurance", "社会保险基金收支情况。"),
    ("authorised-services", "授权服务事项办理", ColumnKind.OTHER, "a05_14", INSURANCE_CENTRE, "insurance", "授权的人社服务项目办理情况。"),
    ("labour-relations", "劳动关系", ColumnKind.OTHER, "a05_08", LABOUR, None, "最低工资标准、工资指导线和人工成本信息。"),
    ("wage-guidelines", "工资指导线", ColumnKind.OTHER, "a05_08", LABOUR, "labour-relations", "企业工资指导线。"),
    ("personnel", "人事人才", ColumnKind.OTHER, "a05_07", PERSONNEL, None, "事业单位人事管理和人才工作。"),
    ("recruitment", "事业单位公开招聘", ColumnKind.NOTICE, "a05_07", PERSONNEL, "personnel", "事业单位公开招聘计划、公告和结果。"),
    ("talent-funding", "人才资助项目", ColumnKind.OTHER, "a05_13", PERSONNEL, "personnel", "人才资助各类项目实施情况。"),
    ("title-exams", "职称考试", ColumnKind.NOTICE, "a05_09", SKILLS, "personnel", "专业技术资格、职称考试计划及实施方案。"),
    ("title-evaluation", "职称评审", ColumnKind.NOTICE, "a05_10", SKILLS, "personnel", "评聘专业技术资格的条件、程序和结果。"),
    ("enforcement", "行政执法", ColumnKind.OTHER, "a05_04", INSPECTION, None, "行政执法依据、职权、责任、监督和结果。"),
    ("enforcement-basis", "执法依据与职责", ColumnKind.OTHER, "a05_04", INSPECTION, "enforcement", "劳动保障监察执法依据和职责。"),
    ("enforcement-results", "执法结果公示", ColumnKind.OTHER, "a05_04", INSPECTION, "enforcement", "“双随机、一公开”抽查结果和行政处罚决定。"),
    ("approvals", "行政审批", ColumnKind.OTHER, "a05_06", POLICY, None, "行政许可和非行政许可审批事项目录及办事指南。"),
    ("major-projects", "重大建设项目", ColumnKind.OTHER, "a05_15", OFFICE, None, "重大建设项目批准和招投标情况。"),
]  # fmt: skip

# (username, full name, role, section or None, printed role label)
USERS = [
    ("clerk", "王丽", Role.SECTION_CLERK, EMPLOYMENT, "股室信息员（就业促进股）"),
    ("head", "李建国", Role.SECTION_HEAD, EMPLOYMENT, "股室负责人（就业促进股）"),
    ("clerk2", "陈晓燕", Role.SECTION_CLERK, INSURANCE, "股室信息员（社会保险股）"),
    ("head2", "赵志强", Role.SECTION_HEAD, INSURANCE, "股室负责人（社会保险股）"),
    ("office", "孙敏", Role.OFFICE_REVIEWER, OFFICE, "办公室审核员"),
    ("leader", "刘振华", Role.LEADER, None, "分管领导"),
    ("sysadmin", "周涛", Role.SYSTEM_ADMIN, None, "系统管理员"),
    ("security", "吴静", Role.SECURITY_ADMIN, None, "安全管理员"),
    ("auditor", "郑伟", Role.AUDIT_ADMIN, None, "审计管理员"),
    ("bgs", "何雪", Role.SECTION_CLERK, OFFICE, "股室信息员（局办公室）"),
    ("zcfg", "黄海燕", Role.SECTION_CLERK, POLICY, "股室信息员（政策法规股）"),
    ("ldgx", "徐明", Role.SECTION_CLERK, LABOUR, "股室信息员（劳动关系股）"),
    ("rsgl", "马丽娟", Role.SECTION_CLERK, PERSONNEL, "股室信息员（人事管理股）"),
    ("zynl", "朱晓东", Role.SECTION_CLERK, SKILLS, "股室信息员（职业能力建设股）"),
    ("jcdd", "胡斌", Role.SECTION_CLERK, INSPECTION, "股室信息员（劳动保障监察大队）"),
    ("sbzx", "林芳", Role.SECTION_CLERK, INSURANCE_CENTRE, "股室信息员（社会保险事业管理中心）"),
]

D = datetime.date
T = Topic


@dataclass(frozen=True)
class DemoItem:
    key: str
    column: str
    author: str
    title: str
    # A date, or for drafts an int: that many days before the day the demo is loaded
    # (so the demo always shows drafts that are fresh, due soon and overdue).
    formed: D | int
    paragraphs: tuple[str, ...]
    topic: str = T.LABOUR_EMPLOYMENT
    category: str = ""  # the column's Art. 5 category unless given
    doc: str = ""
    written: D | None = None
    publish_after: int | None = None  # working days after formation; None: a draft
    publicity: str = Publicity.PROACTIVE
    reason: str = ""
    note: str = ""
    validity: str = Validity.VALID
    keywords: str = ""
    attachment: tuple[str, str] | None = None  # (file in demo_files, title)


NOTICE_TO = "各乡镇人民政府、街道办事处，县直各有关单位："

ITEMS: list[DemoItem] = [
    # --- 机构职能 (Art. 5(1)) -----------------------------------------------------------
    DemoItem(
        "leaders",
        "leaders",
        "bgs",
        "示例县人力资源和社会保障局领导班子成员及分工",
        D(2026, 3, 16),
        (
            "局长、党组书记：张卫东，主持局全面工作。",
            "副局长、党组成员：刘振华，负责就业创业、社会保险、政府信息公开工作，分管就业促进股、社会保险股、社会保险事业管理中心。",
            "副局长：陈红梅，负责人事人才、职业能力建设工作，分管人事管理股、职业能力建设股。",
            "党组成员、劳动保障监察大队大队长：孙立新，负责劳动关系和劳动保障监察工作，分管劳动关系股、劳动保障监察大队。",
        ),
        topic=T.GENERAL_AFFAIRS,
        publish_after=2,
        keywords="领导信息 分工",
    ),
    DemoItem(
        "duties",
        "about",
        "bgs",
        "示例县人力资源和社会保障局主要职责",
        D(2025, 2, 10),
        (
            "贯彻执行国家、省、市人力资源和社会保障工作的方针政策和法律法规，拟订全县人力资源和社会保障事业发展规划和政策措施并组织实施。",
            "负责促进就业工作，统筹城乡就业发展和就业援助，拟订就业创业政策措施；统筹建立覆盖城乡的社会保障体系，组织实施社会保险政策。",
            "负责事业单位人事管理和专业技术人员管理，完善职业能力建设政策；统筹拟订劳动关系政策，组织实施劳动保障监察，依法查处违法案件。",
        ),
        topic=T.GENERAL_AFFAIRS,
        publish_after=2,
        keywords="职责 机构职能",
    ),
    DemoItem(
        "structure",
        "structure",
        "bgs",
        "示例县人力资源和社会保障局内设机构及主要职责",
        D(2025, 2, 10),
        (
            "局机关设局办公室、政策法规股、就业促进股、社会保险股、劳动关系股、人事管理股、职业能力建设股；下设劳动保障监察大队、社会保险事业管理中心。",
            "局办公室：负责机关日常运转，承担政务公开、信息宣传、安全保密、督查督办等工作；是本局政府信息公开工作机构。",
            "政策法规股：承担规范性文件合法性审查、行政复议和行政应诉、行政许可事项管理工作。",
        ),
        topic=T.GENERAL_AFFAIRS,
        publish_after=3,
        keywords="内设机构",
    ),
    DemoItem(
        "contact",
        "contact",
        "bgs",
        "示例县人力资源和社会保障局各股室（单位）联系方式",
        D(2025, 2, 10),
        (
            "办公地址：示例县城关镇人民路88号行政中心3号楼。邮政编码：313399。",
            "局办公室：0572-5123456（传真0572-5123457）；就业促进股：0572-5123461；社会保险股：0572-5123462；劳动关系股：0572-5123463。",
            "人事管理股：0572-5123465；职业能力建设股：0572-5123466；劳动保障监察大队（举报投诉）：0572-5123470；社会保险事业管理中心：0572-5123480。",
        ),
        topic=T.GENERAL_AFFAIRS,
        publish_after=3,
        keywords="联系方式 电话",
    ),
    # --- 工作动态 (Art. 5(5)) ------------------------------------------------------------
    DemoItem(
        "news-spring-action",
        "news",
        "bgs",
        "我县举办2026年“春风行动”暨就业援助月大型招聘会",
        D(2026, 2, 26),
        (
            "2月26日，2026年“春风行动”暨就业援助月大型招聘会在县人力资源市场举行。本次招聘会共组织126家企业进场，提供就业岗位3860个，涵盖装备制造、电子商务、养老护理等行业。",
            "招聘会现场设立政策咨询、技能培训报名、创业担保贷款受理等服务台，为求职者提供“一站式”服务。当天共有2100余人次进场求职，初步达成就业意向680人。",
            "县人社局将持续开展线上线下招聘活动，重点帮扶农村转移劳动力、就业困难人员和高校毕业生实现就业。",
        ),
        publish_after=1,
        keywords="春风行动 招聘会",
    ),
    DemoItem(
        "news-wage-arrears",
        "news",
        "bgs",
        "县人社局开展根治欠薪冬季专项行动",
        D(2025, 12, 8),
        (
            "为切实维护劳动者工资报酬权益，县人社局会同住建、交通、水利等部门自12月起开展根治欠薪冬季专项行动。",
            "专项行动重点检查在建工程项目和劳动密集型企业，全面落实农民工实名制管理、工资专用账户和总包代发等制度，对发现的欠薪问题实行“清单式”管理、限时办结。",
            "劳动者遇到欠薪问题，可拨打劳动保障监察举报投诉电话0572-5123470反映。",
        ),
        topic=T.LABOUR_SUPERVISION,
        publish_after=2,
        keywords="根治欠薪 专项行动",
    ),
    DemoItem(
        "news-skills-contest",
        "news",
        "bgs",
        "示例县第三届职业技能大赛圆满落幕",
        D(2025, 10, 20),
        (
            "10月20日，示例县第三届职业技能大赛闭幕。大赛设电工、焊工、养老护理员、电子商务师等8个竞赛项目，共有312名选手参赛。",
            "经过理论考试和实际操作比拼，共决出一等奖8名、二等奖16名、三等奖24名。获奖选手可按规定晋升相应职业技能等级。",
        ),
        publish_after=1,
        keywords="技能大赛",
    ),
    DemoItem(
        "news-insurance-promo",
        "news",
        "bgs",
        "社保政策宣传进村入企 打通服务“最后一公里”",
        D(2026, 6, 12),
        (
            "6月以来，县人社局组织业务骨干深入乡镇、村（社区）和企业，开展社会保险政策宣传活动20余场。",
            "宣传活动围绕城乡居民养老保险缴费档次、灵活就业人员参保、工伤保险待遇等群众关心的问题，现场解答咨询，指导群众通过手机办理参保缴费。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        publish_after=2,
        keywords="社保宣传",
    ),
    DemoItem(
        "news-graduates",
        "news",
        "bgs",
        "县人社局召开2026年高校毕业生就业工作推进会",
        D(2026, 5, 18),
        (
            "5月18日，县人社局召开2026年高校毕业生就业工作推进会，分析当前毕业生就业形势，部署下一阶段重点工作。",
            "会议要求，各有关单位要落实好一次性吸纳就业补贴、就业见习补贴等政策，开展“百日千万”招聘专项行动，确保有就业意愿的毕业生应帮尽帮。",
        ),
        publish_after=1,
        keywords="高校毕业生 就业",
    ),
    DemoItem(
        "news-service-hall",
        "news",
        "bgs",
        "人社服务大厅推行“一窗通办” 群众办事更便捷",
        D(2026, 9, 7),
        (
            "9月起，县人社服务大厅全面推行“一窗通办”服务模式，将就业、社保、劳动关系等86项业务整合到综合窗口受理。",
            "改革后，群众办事平均等候时间由原来的25分钟缩短至8分钟，“跑一次”办结率达到98%以上。",
        ),
        topic=T.LABOUR_OTHER,
        publish_after=3,
        keywords="一窗通办 服务大厅",
    ),
    DemoItem(
        "news-training",
        "news",
        "bgs",
        "全县人社系统开展政府信息公开业务培训",
        D(2026, 4, 13),
        (
            "4月13日，县人社局举办政府信息公开业务培训班，各股室（单位）信息员、负责人共40余人参加。",
            "培训围绕《中华人民共和国政府信息公开条例》、本局政府信息公开工作制度、信息发布“三审”制和个人信息保护等内容进行了讲解。",
        ),
        topic=T.GENERAL_AFFAIRS,
        publish_after=1,
        keywords="政务公开 培训",
    ),
    DemoItem(
        # Published late (26 working days): shows in statistics and inspection.
        "news-policy-tour",
        "news",
        "bgs",
        "县人社局赴乡镇开展人社政策“大宣讲”活动",
        D(2025, 7, 7),
        (
            "7月上旬，县人社局组成宣讲小组，赴全县12个乡镇开展人社政策“大宣讲”活动。",
            "宣讲内容涵盖就业创业扶持、技能培训补贴、养老保险待遇和劳动权益保护等，发放宣传资料5000余份。",
        ),
        topic=T.LABOUR_OTHER,
        publish_after=26,
        keywords="政策宣讲",
    ),
    DemoItem(
        "news-safety-check",
        "news",
        "bgs",
        "县人社局开展2026年度安全生产检查",
        2,
        (
            "为做好岁末年初安全生产工作，县人社局组织对人力资源市场、职业技能培训机构开展安全生产检查。",
            "检查组重点查看了消防设施、疏散通道和用电安全，对发现的问题当场提出整改要求。",
        ),
        topic=T.LABOUR_OTHER,
        keywords="安全生产",
    ),
    # --- 通知公告 ------------------------------------------------------------------------
    DemoItem(
        "notice-national-day-2026",
        "notices",
        "bgs",
        "关于2026年国庆节期间人社服务大厅办公安排的公告",
        D(2026, 9, 22),
        (
            "根据国务院办公厅关于2026年部分节假日安排的通知，现将国庆节期间县人社服务大厅办公安排公告如下：",
            "10月1日至7日放假，暂停窗口业务办理；9月20日（星期日）、10月10日（星期六）正常上班。",
            "放假期间，群众可通过浙里办APP、人社网上服务平台办理社保查询、参保缴费等业务。",
        ),
        topic=T.GENERAL_AFFAIRS,
        category="a05_03",
        publish_after=1,
        keywords="国庆 办公安排",
    ),
    DemoItem(
        "notice-spring-2026",
        "notices",
        "bgs",
        "关于2026年春节期间人社服务大厅暂停办理业务的公告",
        D(2026, 2, 2),
        (
            "2026年春节放假期间（2月15日至2月23日），县人社服务大厅暂停办理业务，2月24日起恢复正常办公。",
            "2月14日（星期六）、2月28日（星期六）正常上班。给您带来的不便，敬请谅解。",
        ),
        topic=T.GENERAL_AFFAIRS,
        category="a05_03",
        publish_after=1,
        keywords="春节 办公安排",
    ),
    DemoItem(
        "notice-hr-agencies",
        "notices",
        "bgs",
        "关于开展2025年度人力资源服务机构年度报告公示工作的通知",
        D(2026, 3, 5),
        (
            "各经营性人力资源服务机构：",
            "根据《人力资源市场暂行条例》规定，经营性人力资源服务机构应当在每年3月31日前报送上一年度经营情况年度报告。",
            "请各机构登录人力资源市场管理信息系统填报年度报告，逾期未报送的，将依法责令改正并纳入日常监管重点。",
        ),
        category="a05_03",
        doc="示人社函〔2026〕8号",
        written=D(2026, 3, 4),
        publish_after=4,
        keywords="人力资源服务机构 年度报告",
    ),
    DemoItem(
        "notice-system-upgrade",
        "notices",
        "bgs",
        "关于社会保险信息系统升级期间暂停部分业务的公告",
        D(2026, 7, 20),
        (
            "因省社会保险信息系统升级，7月25日至7月27日暂停办理社会保险关系转移、待遇核定业务，参保缴费业务不受影响。",
            "系统升级完成后，各项业务将恢复正常办理。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        category="a05_14",
        publish_after=1,
        keywords="系统升级",
    ),
    DemoItem(
        # A draft close to its deadline.
        "notice-statistics",
        "notices",
        "bgs",
        "关于做好2026年度人社统计报表报送工作的通知",
        24,
        (
            NOTICE_TO,
            "为做好2026年度人力资源和社会保障统计工作，请各有关单位于12月15日前报送年度统计报表。",
            "报表填报口径以人社部统计报表制度为准，数据须经单位负责人审核签字后报送。",
        ),
        topic=T.GENERAL_AFFAIRS,
        category="a05_03",
        keywords="统计报表",
    ),
    # --- 法律法规 (Art. 5(2)) -----------------------------------------------------------
    DemoItem(
        "law-labour-contract",
        "laws",
        "zcfg",
        "中华人民共和国劳动合同法",
        D(2025, 3, 3),
        (
            "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过，根据2012年12月28日第十一届全国人民代表大会常务委员会第三十次会议《关于修改〈中华人民共和国劳动合同法〉的决定》修正）",
            "第一条　为了完善劳动合同制度，明确劳动合同双方当事人的权利和义务，保护劳动者的合法权益，构建和发展和谐稳定的劳动关系，制定本法。",
            "第二条　中华人民共和国境内的企业、个体经济组织、民办非企业单位等组织与劳动者建立劳动关系，订立、履行、变更、解除或者终止劳动合同，适用本法。",
        ),
        doc="中华人民共和国主席令第七十三号",
        written=D(2012, 12, 28),
        publish_after=2,
        keywords="劳动合同法",
    ),
    DemoItem(
        "law-social-insurance",
        "laws",
        "zcfg",
        "中华人民共和国社会保险法",
        D(2025, 3, 3),
        (
            "（2010年10月28日第十一届全国人民代表大会常务委员会第十七次会议通过，根据2018年12月29日第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国社会保险法〉的决定》修正）",
            "第一条　为了规范社会保险关系，维护公民参加社会保险和享受社会保险待遇的合法权益，使公民共享发展成果，促进社会和谐稳定，根据宪法，制定本法。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        doc="中华人民共和国主席令第二十五号",
        written=D(2018, 12, 29),
        publish_after=2,
        keywords="社会保险法",
    ),
    DemoItem(
        "law-wage-payment",
        "laws",
        "zcfg",
        "保障农民工工资支付条例",
        D(2025, 3, 3),
        (
            "第一条　为了规范农民工工资支付行为，保障农民工按时足额获得工资，根据《中华人民共和国劳动法》及有关法律规定，制定本条例。",
            "第三条　农民工有按时足额获得工资的权利。任何单位和个人不得拖欠农民工工资。",
        ),
        topic=T.LABOUR_SUPERVISION,
        doc="中华人民共和国国务院令第724号",
        written=D(2019, 12, 30),
        publish_after=3,
        keywords="农民工工资",
    ),
    # --- 规范性文件 (Art. 5(16)) ---------------------------------------------------------
    DemoItem(
        "normative-employment-funds",
        "normative",
        "zcfg",
        "示例县就业补助资金管理办法",
        D(2025, 4, 21),
        (
            "第一条　为加强和规范就业补助资金管理，提高资金使用效益，根据财政部、人力资源社会保障部《就业补助资金管理办法》等规定，结合我县实际，制定本办法。",
            "第二条　本办法所称就业补助资金，是指县级财政通过一般公共预算安排，用于促进就业创业的专项资金，包括职业培训补贴、社会保险补贴、公益性岗位补贴、就业见习补贴等。",
            "第三条　就业补助资金实行专款专用，任何单位和个人不得截留、挤占、挪用。",
            "第二十条　本办法自2025年5月1日起施行，有效期5年。",
        ),
        doc="示人社规〔2025〕1号",
        written=D(2025, 4, 18),
        publish_after=5,
        keywords="就业补助资金 管理办法",
    ),
    DemoItem(
        "normative-flexible-pension",
        "normative",
        "zcfg",
        "示例县灵活就业人员参加企业职工基本养老保险实施办法",
        D(2025, 8, 12),
        (
            "第一条　为进一步扩大社会保险覆盖面，保障灵活就业人员的养老保险权益，根据《中华人民共和国社会保险法》等规定，制定本办法。",
            "第二条　在本县从事个体经营、非全日制用工和新就业形态的灵活就业人员，可以按规定参加企业职工基本养老保险，不受户籍限制。",
            "第五条　灵活就业人员可在全省上年度全口径城镇单位就业人员平均工资的60%至300%之间自主选择缴费基数。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        doc="示人社规〔2025〕2号",
        written=D(2025, 8, 11),
        publish_after=6,
        keywords="灵活就业 养老保险",
    ),
    DemoItem(
        "normative-trainee-2021",
        "normative",
        "zcfg",
        "示例县就业见习管理暂行办法",
        D(2025, 3, 10),
        (
            "第一条　为帮助离校未就业高校毕业生和青年提升就业能力，规范就业见习工作，制定本办法。",
            "本办法已被《示例县就业见习管理办法》（示人社规〔2026〕1号）废止，仅供查阅。",
        ),
        doc="示人社规〔2021〕3号",
        written=D(2021, 6, 1),
        publish_after=4,
        validity=Validity.REPEALED,
        keywords="就业见习",
    ),
    DemoItem(
        "normative-trainee-2026",
        "normative",
        "zcfg",
        "示例县就业见习管理办法",
        D(2026, 5, 11),
        (
            "第一条　为规范就业见习管理，帮助离校2年内未就业高校毕业生和16至24岁失业青年积累工作经验，制定本办法。",
            "第六条　见习期限一般为3至12个月。见习单位按不低于本县最低工资标准向见习人员发放基本生活补助。",
            "第十二条　对见习期满留用率达到50%以上的见习单位，见习补贴标准提高至最低工资标准的70%。",
            "第二十条　本办法自2026年6月1日起施行。《示例县就业见习管理暂行办法》（示人社规〔2021〕3号）同时废止。",
        ),
        doc="示人社规〔2026〕1号",
        written=D(2026, 5, 8),
        publish_after=3,
        keywords="就业见习 管理办法",
    ),
    DemoItem(
        # Drafted with its interpretation (Art. 7(4)): the review demo may submit both.
        "normative-skills-draft",
        "normative",
        "zcfg",
        "示例县技能人才评价管理办法",
        5,
        (
            "第一条　为健全技能人才评价体系，规范职业技能等级认定工作，制定本办法。",
            "第二条　本县行政区域内开展的职业技能等级认定、专项职业能力考核适用本办法。",
            "第九条　用人单位可自主开展本单位职工的职业技能等级认定，认定结果按规定纳入全省技能人才信息库。",
        ),
        doc="示人社规〔2026〕2号",
        written=None,
        keywords="技能人才评价",
    ),
    # --- 其他文件 -----------------------------------------------------------------------
    DemoItem(
        "doc-openness-plan-2026",
        "other-docs",
        "zcfg",
        "示例县人力资源和社会保障局2026年政务公开工作要点",
        D(2026, 3, 23),
        (
            "局属各股室（单位）：",
            "2026年，我局政务公开工作要坚持“以公开为常态、不公开为例外”，围绕就业、社保、劳动关系等群众关心的事项，加大主动公开力度。",
            "一、加强政策解读。规范性文件和重要政策文件做到与解读材料同步组织、同步审签、同步部署。",
            "二、严守公开时限。主动公开的政府信息自形成或变更之日起20个工作日内公开。",
        ),
        topic=T.GENERAL_AFFAIRS,
        doc="示人社发〔2026〕9号",
        written=D(2026, 3, 20),
        publish_after=4,
        keywords="政务公开 工作要点",
    ),
    DemoItem(
        "doc-summary-2025",
        "other-docs",
        "zcfg",
        "示例县人力资源和社会保障局2025年工作总结和2026年工作思路",
        D(2026, 1, 21),
        (
            "2025年，全县城镇新增就业8650人，城镇登记失业率控制在2.1%以内；户籍人口基本养老保险参保率达到96.5%。",
            "2026年，我局将围绕“稳就业、扩社保、优服务”，重点抓好高校毕业生就业、技能人才培养和根治欠薪等工作。",
        ),
        topic=T.GENERAL_AFFAIRS,
        doc="示人社发〔2026〕3号",
        written=D(2026, 1, 20),
        publish_after=5,
        keywords="工作总结",
    ),
    # --- 政策解读 (Art. 7(4)) -----------------------------------------------------------
    DemoItem(
        "interp-employment-funds",
        "interpretation",
        "zcfg",
        "《示例县就业补助资金管理办法》政策解读",
        D(2025, 4, 21),
        (
            "一、制定背景。为落实财政部、人力资源社会保障部关于就业补助资金管理的规定，进一步规范我县资金使用，制定本办法。",
            "二、起草过程。起草中赴乡镇和企业调研，两次征求县财政局等部门意见，并经合法性审查和局党组会议审议。",
            "三、工作目标。提高资金使用效益，确保资金安全，促进更加充分更高质量就业。",
            "四、主要内容。明确资金支出范围、补贴标准、申领程序和监督管理要求。",
            "五、创新举措。推行补贴“免申即享”，对符合条件的企业和个人主动推送、直接发放。",
            "六、下一步工作考虑。加强资金绩效评价，定期公开资金使用情况，接受社会监督。",
        ),
        publish_after=5,
        keywords="政策解读 就业补助资金",
    ),
    DemoItem(
        "interp-flexible-pension",
        "interpretation",
        "zcfg",
        "《示例县灵活就业人员参加企业职工基本养老保险实施办法》解读",
        D(2025, 8, 12),
        (
            "一、制定背景。新就业形态从业人员增多，需要放开户籍限制，方便灵活就业人员参保。",
            "二、起草过程。通过意见征集、座谈会等形式听取灵活就业人员、平台企业意见。",
            "三、工作目标。实现灵活就业人员应保尽保。",
            "四、主要内容。明确参保对象、缴费基数和待遇计发办法。",
            "五、创新举措。参保登记、缴费全程网办。",
            "六、下一步工作考虑。加强宣传，做好参保服务。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        publish_after=6,
        keywords="政策解读 灵活就业",
    ),
    DemoItem(
        "interp-trainee",
        "interpretation",
        "zcfg",
        "图解：《示例县就业见习管理办法》",
        D(2026, 5, 11),
        (
            "一、制定背景：原暂行办法已到期，需根据新形势修订。",
            "二、起草过程：经公开征求意见，共收到意见12条，采纳7条。",
            "三、工作目标：每年提供见习岗位不少于300个。",
            "四、主要内容：见习对象扩展到16至24岁失业青年。",
            "五、创新举措：提高高留用率见习单位的补贴标准。",
            "六、下一步工作考虑：建立见习岗位动态发布机制。",
        ),
        publish_after=3,
        keywords="图解 就业见习",
    ),
    DemoItem(
        "interp-skills-draft",
        "interpretation",
        "zcfg",
        "《示例县技能人才评价管理办法》政策解读",
        5,
        (
            "一、制定背景。二、起草过程。三、工作目标。",
            "四、主要内容。五、创新举措。六、下一步工作考虑。（待补充完善）",
        ),
        keywords="政策解读 技能人才",
    ),
    # --- 意见征集 (Art. 5(16), 7(3)) ----------------------------------------------------
    DemoItem(
        "consult-trainee",
        "consultation",
        "zcfg",
        "关于公开征求《示例县就业见习管理办法（征求意见稿）》意见的公告",
        D(2026, 3, 30),
        (
            "为做好就业见习工作，我局起草了《示例县就业见习管理办法（征求意见稿）》，现向社会公开征求意见。",
            "征集时间：2026年4月1日至2026年4月30日。",
            "联系人：黄海燕；联系电话：0572-5123458；电子邮箱：rsjzcfg@example.gov.cn；通信地址：示例县城关镇人民路88号政策法规股。",
        ),
        category="a05_16",
        publish_after=2,
        keywords="意见征集 就业见习",
    ),
    DemoItem(
        "consult-trainee-feedback",
        "consultation",
        "zcfg",
        "《示例县就业见习管理办法（征求意见稿）》意见征集情况及采纳情况的说明",
        D(2026, 4, 30),
        (
            "2026年4月1日至30日，我局就《示例县就业见习管理办法（征求意见稿）》公开征求意见，共收到意见建议12条。",
            "经研究，采纳7条，主要涉及扩大见习对象范围、提高见习补贴标准；未采纳5条，主要为超出本办法调整范围的建议，已向提出人说明理由。",
        ),
        category="a05_16",
        publish_after=3,
        keywords="意见采纳",
    ),
    DemoItem(
        "consult-skills",
        "consultation",
        "zcfg",
        "关于公开征求《示例县技能人才评价管理办法（征求意见稿）》意见的公告",
        D(2026, 10, 19),
        (
            "为健全技能人才评价体系，我局起草了《示例县技能人才评价管理办法（征求意见稿）》，现公开征求社会各界意见。",
            "征集时间：2026年10月21日至2026年11月20日。",
            "联系人：朱晓东；联系电话：0572-5123466；电子邮箱：rsjzynl@example.gov.cn。",
        ),
        category="a05_16",
        publish_after=2,
        keywords="意见征集 技能人才评价",
    ),
    # --- 就业创业 (就业促进股: the `clerk` and `head` demo accounts) --------------------
    DemoItem(
        "employment-graduate-fair",
        "employment",
        "clerk",
        "关于举办2026年高校毕业生专场招聘会的通知",
        D(2026, 5, 25),
        (
            "为促进高校毕业生就业，定于2026年6月6日在县人力资源市场举办高校毕业生专场招聘会。",
            "请有招聘需求的用人单位于6月3日前登录县人才网报名，并提供岗位名称、人数和薪酬待遇等信息。",
        ),
        publish_after=2,
        keywords="高校毕业生 招聘会",
    ),
    DemoItem(
        "employment-welfare-jobs",
        "employment",
        "clerk",
        "2026年第二季度公益性岗位补贴发放情况公示",
        D(2026, 7, 6),
        (
            "根据《示例县就业补助资金管理办法》，经审核，2026年第二季度共向32家用人单位发放公益性岗位补贴，涉及岗位156个，补贴金额合计93.6万元。",
            "公示期为5个工作日。对公示内容有异议的，请向县就业促进股反映，电话0572-5123461。",
        ),
        publish_after=4,
        keywords="公益性岗位 补贴",
    ),
    DemoItem(
        "employment-difficulty-draft",
        "employment",
        "clerk",
        "关于开展2026年度就业困难人员认定工作的通知",
        3,
        (
            NOTICE_TO,
            "为做好就业援助工作，现就2026年度就业困难人员认定工作通知如下：",
            "一、认定对象：法定劳动年龄内、有劳动能力和就业愿望，因身体状况、技能水平、家庭因素等原因难以实现就业的城乡劳动者。",
            "二、申请材料：身份证件、就业创业证和《示例县就业困难人员认定申请表》（见附件）。",
        ),
        keywords="就业困难人员 认定",
        attachment=("employment-difficulty-form.pdf", "示例县就业困难人员认定申请表（样表）"),
    ),
    DemoItem(
        # Overdue draft: formed 40 days ago, still not published.
        "employment-loans-overdue",
        "employment",
        "clerk",
        "2026年第三季度创业担保贷款贴息发放情况公示",
        40,
        (
            "2026年第三季度，我县共为148名创业者和12家小微企业发放创业担保贷款贴息资金。",
            "公示期为5个工作日。",
        ),
        keywords="创业担保贷款 贴息",
    ),
    DemoItem(
        # Draft due within 5 working days.
        "employment-winter-aid",
        "employment",
        "clerk",
        "关于做好2026年冬季就业援助工作的通知",
        23,
        (
            NOTICE_TO,
            "为帮助就业困难人员和零就业家庭成员实现就业，决定在全县开展冬季就业援助活动。",
            "各乡镇（街道）要逐户摸清就业援助对象底数，建立帮扶台账，落实“一人一策”帮扶措施。",
        ),
        keywords="就业援助",
    ),
    DemoItem(
        "employment-funds-2025",
        "employment-policy",
        "clerk",
        "2025年度就业补助资金使用情况公示",
        D(2026, 1, 26),
        (
            "2025年，我县就业补助资金共支出2863万元，其中职业培训补贴642万元、社会保险补贴915万元、公益性岗位补贴738万元、就业见习补贴186万元、创业补贴382万元。",
            "资金使用情况已经县财政局审核。欢迎社会各界监督。",
        ),
        publish_after=7,
        keywords="就业补助资金 使用情况",
    ),
    DemoItem(
        "employment-loans-h1",
        "employment-policy",
        "clerk",
        "2026年上半年创业担保贷款发放情况",
        D(2026, 7, 13),
        ("2026年上半年，全县共发放创业担保贷款1.26亿元，扶持个人创业562人，带动就业1870人。",),
        publish_after=5,
        keywords="创业担保贷款",
    ),
    DemoItem(
        # Published late (28 working days).
        "employment-insurance-subsidy-late",
        "employment-policy",
        "clerk",
        "2025年第四季度灵活就业社会保险补贴发放情况公示",
        D(2026, 1, 12),
        (
            "2025年第四季度，共为就业困难人员灵活就业发放社会保险补贴1286人次，补贴金额合计172.4万元。",
        ),
        publish_after=28,
        keywords="社会保险补贴",
    ),
    DemoItem(
        "market-2026-q1",
        "labour-market",
        "clerk",
        "2026年第一季度示例县人力资源市场供求状况分析",
        D(2026, 4, 15),
        (
            "一季度，县人力资源市场共登记用人需求12460人，进场求职9870人，求人倍率为1.26，市场需求略大于供给。",
            "从行业看，制造业用工需求占48.6%；从职业看，生产设备操作工、营业员、快递员需求较大。",
        ),
        publish_after=3,
        keywords="供求分析 一季度",
    ),
    DemoItem(
        "market-2026-q2",
        "labour-market",
        "clerk",
        "2026年第二季度示例县人力资源市场供求状况分析",
        D(2026, 7, 15),
        (
            "二季度，县人力资源市场共登记用人需求10320人，进场求职9150人，求人倍率为1.13。",
            "高校毕业生求职人数环比增长35%，技能型岗位缺口依然较大。",
        ),
        publish_after=3,
        keywords="供求分析 二季度",
    ),
    DemoItem(
        "market-2026-q3",
        "labour-market",
        "clerk",
        "2026年第三季度示例县人力资源市场供求状况分析",
        D(2026, 10, 19),
        (
            "三季度，县人力资源市场共登记用人需求9860人，进场求职8740人，求人倍率为1.13，供求总体平稳。",
        ),
        publish_after=4,
        keywords="供求分析 三季度",
    ),
    DemoItem(
        "market-wage-levels-2025",
        "labour-market",
        "clerk",
        "2025年示例县人力资源市场工资价位",
        D(2025, 9, 15),
        (
            "根据对全县312家企业的抽样调查，2025年我县企业从业人员年平均工资为72860元。",
            "工资价位较高的职业为软件工程技术人员、电工、焊工；较低的为保洁员、保安员。",
        ),
        category="a05_08",
        publish_after=6,
        keywords="工资价位",
    ),
    # --- 社会保险 (社会保险股: `clerk2` and `head2`) ------------------------------------------
    DemoItem(
        "insurance-base-2026",
        "insurance",
        "clerk2",
        "关于公布2026年度社会保险缴费基数上下限的通知",
        D(2026, 6, 29),
        (
            NOTICE_TO,
            "根据省人力资源和社会保障厅通知，2026年度我县职工基本养老保险、失业保险、工伤保险个人缴费基数下限为4462元/月，上限为22311元/月。",
            "本通知自2026年7月1日起执行。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        doc="示人社发〔2026〕15号",
        written=D(2026, 6, 26),
        publish_after=2,
        keywords="缴费基数",
    ),
    DemoItem(
        "insurance-pension-2026",
        "insurance",
        "clerk2",
        "关于2026年调整退休人员基本养老金的通知",
        D(2026, 7, 27),
        (
            NOTICE_TO,
            "按照国家和省统一部署，从2026年1月1日起，为2025年12月31日前已按规定办理退休手续并按月领取基本养老金的退休人员提高基本养老金水平。",
            "调整采取定额调整、挂钩调整与适当倾斜相结合的办法，调整增加的基本养老金于8月底前补发到位。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        doc="示人社发〔2026〕18号",
        written=D(2026, 7, 24),
        publish_after=3,
        keywords="基本养老金 调整",
    ),
    DemoItem(
        "insurance-rural-pension-draft",
        "insurance",
        "clerk2",
        "关于做好2027年度城乡居民基本养老保险缴费工作的通知",
        6,
        (
            NOTICE_TO,
            "2027年度城乡居民基本养老保险缴费工作自2027年1月1日开始。缴费档次设为每年300元至6000元共12个档次。",
            "各乡镇（街道）要做好政策宣传，引导参保人员选择较高档次缴费。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        keywords="城乡居民养老保险 缴费",
    ),
    DemoItem(
        # 依申请公开 (Art. 6(2)): in the catalogue with its 索引号, never on public pages.
        "insurance-injury-cases",
        "insurance",
        "clerk2",
        "2026年上半年工伤认定案件办理情况汇总",
        D(2026, 8, 3),
        (
            "2026年上半年，共受理工伤认定申请236件，作出认定工伤决定218件、不予认定工伤决定11件，中止7件。",
            "汇总表附有逐案的职工姓名、用人单位和伤情信息。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        publish_after=5,
        publicity=Publicity.ON_REQUEST,
        reason="third_party",
        note="汇总表含工伤职工个人信息和用人单位信息，公开可能损害第三方合法权益，依申请并经第三方意见后处理。",
        keywords="工伤认定",
    ),
    DemoItem(
        "drug-catalogue-2025",
        "drug-catalogue",
        "clerk2",
        "关于执行国家基本医疗保险、工伤保险和生育保险药品目录（2025年）的通知",
        D(2026, 1, 5),
        (
            NOTICE_TO,
            "根据国家医保局、人力资源社会保障部有关通知，我县自2026年1月1日起执行《国家基本医疗保险、工伤保险和生育保险药品目录（2025年）》。",
            "工伤保险基金支付药品费用时，按目录规定执行，不区分甲、乙类。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        publish_after=4,
        keywords="药品目录 工伤保险",
    ),
    # --- 社会保险事业管理中心 ----------------------------------------------------------------------
    DemoItem(
        "funds-2025",
        "insurance-funds",
        "sbzx",
        "示例县2025年度社会保险基金收支情况",
        D(2026, 3, 31),
        (
            "2025年，全县五项社会保险基金总收入13.66亿元，总支出13.10亿元，当年结余0.56亿元，年末滚存结余7.95亿元。",
            "各险种收支情况详见附件。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        publish_after=5,
        keywords="社保基金 收支",
        attachment=("insurance-fund-2025.pdf", "示例县2025年度社会保险基金收支情况表"),
    ),
    DemoItem(
        "funds-2026-h1",
        "insurance-funds",
        "sbzx",
        "示例县2026年上半年社会保险基金收支情况",
        D(2026, 7, 31),
        ("2026年上半年，全县五项社会保险基金总收入7.02亿元，总支出6.71亿元，基金运行平稳。",),
        topic=T.LABOUR_SOCIAL_SECURITY,
        publish_after=6,
        keywords="社保基金 上半年",
    ),
    DemoItem(
        "services-2026-q3",
        "authorised-services",
        "sbzx",
        "2026年第三季度社会保险经办服务事项办理情况",
        D(2026, 10, 12),
        (
            "三季度，县社会保险事业管理中心共办理参保登记、关系转移、待遇核定等经办服务事项38620件，按时办结率100%。",
            "其中网上办理31250件，占80.9%。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        publish_after=5,
        keywords="经办服务",
    ),
    DemoItem(
        "services-transfer-guide",
        "authorised-services",
        "sbzx",
        "社会保险关系转移接续办事指南",
        D(2025, 5, 12),
        (
            "一、办理条件：参保人员跨统筹地区流动就业。二、办理材料：身份证件。",
            "三、办理渠道：可通过国家社会保险公共服务平台、浙里办APP或服务大厅窗口办理。四、办理时限：15个工作日。",
        ),
        topic=T.LABOUR_SOCIAL_SECURITY,
        publish_after=3,
        keywords="关系转移 办事指南",
    ),
    # --- 劳动关系股 --------------------------------------------------------------------------
    DemoItem(
        "wage-guideline-2026",
        "wage-guidelines",
        "ldgx",
        "关于发布2026年示例县企业工资指导线的通知",
        D(2026, 8, 19),
        (
            "各有关企业：",
            "经县协调劳动关系三方会议研究，现发布2026年我县企业工资指导线：基准线6.0%，上线9.5%，下线2.5%。",
            "请各企业结合生产经营状况，通过工资集体协商合理确定本企业工资增长水平。",
        ),
        doc="示人社发〔2026〕21号",
        written=D(2026, 8, 18),
        publish_after=3,
        keywords="工资指导线",
        attachment=("wage-guideline-2026.pdf", "2026年示例县企业工资指导线"),
    ),
    DemoItem(
        "minimum-wage-2025",
        "labour-relations",
        "ldgx",
        "关于调整我县最低工资标准的通知",
        D(2025, 12, 1),
        (
            NOTICE_TO,
            "根据省政府决定，自2026年1月1日起，我县月最低工资标准调整为2290元，非全日制工作小时最低工资标准调整为22元。",
        ),
        doc="示人社发〔2025〕30号",
        written=D(2025, 11, 28),
        publish_after=2,
        keywords="最低工资标准",
    ),
    DemoItem(
        # 不予公开 (Art. 6(3)): a process record.
        "labour-negotiation-report",
        "labour-relations",
        "ldgx",
        "关于某企业工资集体协商争议处理情况的报告",
        D(2026, 9, 14),
        ("本报告为争议协调处理过程中形成的内部请示报告。",),
        topic=T.LABOUR_EMPLOYMENT,
        publicity=Publicity.NOT_DISCLOSED,
        reason="process_info",
        note="属于处理过程中形成的请示报告，为过程性信息，依据第六条第三项不予公开。",
        keywords="集体协商",
    ),
    # --- 人事管理股 -------------------------------------------------------------------------
    DemoItem(
        "recruitment-2026",
        "recruitment",
        "rsgl",
        "示例县2026年部分事业单位公开招聘工作人员公告",
        D(2026, 3, 9),
        (
            "根据《事业单位人事管理条例》和省、市有关规定，经研究，县就业管理服务中心等5家事业单位面向社会公开招聘工作人员6名。",
            "一、招聘计划：详见附件《岗位计划表》。二、报名时间：2026年3月16日至3月20日。",
            "三、报名方式：网上报名。四、考试：笔试和面试，笔试成绩和面试成绩各占50%。",
        ),
        topic=T.LABOUR_PERSONNEL,
        publish_after=2,
        keywords="事业单位 公开招聘",
        attachment=("recruitment-plan-2026.pdf", "岗位计划表"),
    ),
    DemoItem(
        "recruitment-2026-results",
        "recruitment",
        "rsgl",
        "示例县2026年部分事业单位公开招聘拟聘用人员公示",
        D(2026, 6, 22),
        (
            "经笔试、面试、体检和考察，现将县就业管理服务中心等5家事业单位拟聘用人员予以公示，公示期7天。",
            "公示期间如有异议，请向县人事管理股反映，电话0572-5123465。",
        ),
        topic=T.LABOUR_PERSONNEL,
        publish_after=1,
        keywords="拟聘用 公示",
    ),
    DemoItem(
        "recruitment-2025-h2",
        "recruitment",
        "rsgl",
        "示例县2025年下半年事业单位公开招聘工作人员公告",
        D(2025, 8, 25),
        (
            "经研究，县劳动人事争议仲裁院等3家事业单位面向社会公开招聘工作人员4名。报名时间为2025年9月1日至9月5日。",
        ),
        topic=T.LABOUR_PERSONNEL,
        publish_after=2,
        keywords="事业单位 公开招聘",
    ),
    DemoItem(
        "talent-funding-2025",
        "talent-funding",
        "rsgl",
        "2025年度示例县高层次人才引进资助发放情况公示",
        D(2026, 2, 9),
        (
            "2025年度，我县共向引进的46名高层次人才发放安家补助、生活津贴等资助资金1280万元。",
            "公示期为5个工作日。",
        ),
        topic=T.LABOUR_PERSONNEL,
        publish_after=7,
        keywords="人才资助",
    ),
    DemoItem(
        # 依申请公开: expert opinions formed during the process (Art. 6(3)).
        "talent-review-opinions",
        "talent-funding",
        "rsgl",
        "2026年人才资助项目评审专家意见汇总",
        D(2026, 9, 7),
        ("本汇总为人才资助项目评审过程中各评审专家的书面意见。",),
        topic=T.LABOUR_PERSONNEL,
        publish_after=3,
        publicity=Publicity.ON_REQUEST,
        reason="process_info",
        note="评审专家意见属于过程性信息，依申请公开时按规定处理。",
        keywords="评审意见",
    ),
    # --- 职业能力建设股 -----------------------------------------------------------------------
    DemoItem(
        "exams-2026",
        "title-exams",
        "zynl",
        "关于做好2026年度专业技术人员职业资格考试工作的通知",
        D(2026, 2, 24),
        (
            NOTICE_TO,
            "根据人力资源社会保障部办公厅关于2026年度专业技术人员职业资格考试工作计划的通知，现将我县有关工作通知如下。",
            "考试报名、缴费均在中国人事考试网进行，请考生及时关注各项考试报名时间。",
        ),
        topic=T.SCIENCE_EDUCATION,
        publish_after=3,
        keywords="职业资格考试",
    ),
    DemoItem(
        "exams-accounting-2026",
        "title-exams",
        "zynl",
        "关于2026年度初级、中级会计专业技术资格考试报名有关事项的通知",
        D(2026, 1, 19),
        (
            "2026年度初级、中级会计专业技术资格考试报名时间为2026年2月1日至2月20日，考试时间为5月中旬和9月上旬。",
        ),
        topic=T.SCIENCE_EDUCATION,
        publish_after=2,
        keywords="会计资格考试",
    ),
    DemoItem(
        "evaluation-teachers-2025",
        "title-evaluation",
        "zynl",
        "2025年度示例县中小学教师中级职称评审通过人员名单公示",
        D(2025, 12, 15),
        (
            "经县中小学教师中级职称评审委员会评审，共有86人通过中级职称评审，现予公示。公示期为5个工作日。",
        ),
        topic=T.SCIENCE_EDUCATION,
        publish_after=2,
        keywords="职称评审 中小学教师",
    ),
    DemoItem(
        "evaluation-engineering-2026",
        "title-evaluation",
        "zynl",
        "关于开展2026年度工程系列初级职称评审工作的通知",
        D(2026, 9, 28),
        (
            NOTICE_TO,
            "2026年度工程系列初级职称评审工作即日启动，申报人员须于10月30日前通过职称申报系统提交材料。",
            "申报条件、评审程序按照省工程系列职称评价标准条件执行。",
        ),
        topic=T.SCIENCE_EDUCATION,
        publish_after=5,
        keywords="职称评审 工程系列",
    ),
    # --- 劳动保障监察大队 (Art. 5(4)) ----------------------------------------------------------
    DemoItem(
        "enforcement-duties",
        "enforcement-basis",
        "jcdd",
        "劳动保障监察行政执法职责及依据",
        D(2025, 3, 17),
        (
            "执法依据：《中华人民共和国劳动法》《中华人民共和国劳动合同法》《劳动保障监察条例》《保障农民工工资支付条例》。",
            "执法职权：对用人单位遵守劳动保障法律法规的情况进行监督检查，依法纠正和查处违法行为。",
            "监督方式：对执法行为有异议的，可依法申请行政复议或提起行政诉讼。",
        ),
        topic=T.LABOUR_SUPERVISION,
        publish_after=3,
        keywords="执法依据 职责",
    ),
    DemoItem(
        "enforcement-random-2026",
        "enforcement-results",
        "jcdd",
        "2026年度劳动保障监察“双随机、一公开”抽查结果公示",
        D(2026, 6, 15),
        (
            "2026年上半年，我局随机抽取用人单位60家开展劳动保障监察，发现存在问题的11家，均已责令限期整改到位。",
        ),
        topic=T.LABOUR_SUPERVISION,
        publish_after=5,
        keywords="双随机 一公开",
    ),
    DemoItem(
        "enforcement-penalty-2026-3",
        "enforcement-results",
        "jcdd",
        "行政处罚决定书（示人社监罚〔2026〕3号）",
        D(2026, 5, 6),
        (
            "当事人：示例县某建材有限公司。",
            "违法事实：该公司未按规定为劳动者缴纳社会保险费，经责令限期改正逾期仍不改正。",
            "处罚依据和决定：依据《劳动保障监察条例》第二十七条，决定处以罚款人民币2万元。",
        ),
        topic=T.LABOUR_SUPERVISION,
        doc="示人社监罚〔2026〕3号",
        written=D(2026, 5, 6),
        publish_after=4,
        keywords="行政处罚",
    ),
    DemoItem(
        # 不予公开: an enforcement case file (Art. 6(3)).
        "enforcement-case-file",
        "enforcement-results",
        "jcdd",
        "劳动保障监察投诉案件调查笔录",
        D(2026, 10, 26),
        ("本件为劳动保障监察投诉案件的调查笔录。",),
        topic=T.LABOUR_SUPERVISION,
        publicity=Publicity.NOT_DISCLOSED,
        reason="enforcement_file",
        note="属于行政执法案卷信息，依据第六条第三项不予公开。",
        keywords="调查笔录",
    ),
    # --- 行政审批 (Art. 5(6)) ----------------------------------------------------------------
    DemoItem(
        "approvals-list-2026",
        "approvals",
        "zcfg",
        "示例县人力资源和社会保障局行政许可事项清单（2026年版）",
        D(2026, 1, 26),
        (
            "根据县政府办公室关于公布县级行政许可事项清单的通知，我局实施的行政许可事项共3项：劳务派遣经营许可、人力资源服务许可、企业实行不定时工作制和综合计算工时工作制审批。",
        ),
        topic=T.GENERAL_AFFAIRS,
        publish_after=4,
        keywords="行政许可 事项清单",
    ),
    DemoItem(
        "approvals-labour-dispatch",
        "approvals",
        "zcfg",
        "劳务派遣经营许可办事指南",
        D(2025, 6, 9),
        (
            "一、设定依据：《中华人民共和国劳动合同法》第五十七条。二、申请条件：注册资本不少于人民币二百万元，有固定的经营场所。",
            "三、申请材料：申请书、营业执照、经营场所使用证明、劳务派遣管理制度。四、办理时限：承诺10个工作日。",
        ),
        publish_after=3,
        keywords="劳务派遣 办事指南",
    ),
    # --- 重大建设项目 (Art. 5(15)) -------------------------------------------------------------
    DemoItem(
        "project-training-base-tender",
        "major-projects",
        "bgs",
        "示例县公共实训基地建设项目招标公告",
        D(2025, 10, 13),
        (
            "项目名称：示例县公共实训基地建设项目。建设地点：示例县经济开发区。项目总投资：8600万元。",
            "招标范围：土建、安装及室外配套工程。投标文件递交截止时间：2025年11月5日9时30分。",
        ),
        topic=T.CONSTRUCTION,
        publish_after=2,
        keywords="公共实训基地 招标",
    ),
    DemoItem(
        "project-training-base-award",
        "major-projects",
        "bgs",
        "示例县公共实训基地建设项目中标结果公示",
        D(2025, 11, 17),
        (
            "经评标委员会评审，示例县公共实训基地建设项目中标人为示例建设集团有限公司，中标价7926.5万元。",
            "公示期为3日。",
        ),
        topic=T.CONSTRUCTION,
        publish_after=1,
        keywords="中标结果",
    ),
]

INTERPRETATION_PAIRS = [
    ("normative-employment-funds", "interp-employment-funds"),
    ("normative-flexible-pension", "interp-flexible-pension"),
    ("normative-trainee-2026", "interp-trainee"),
    ("normative-skills-draft", "interp-skills-draft"),
]


def load(ctx: dict) -> None:
    """Create the demo bureau where it is missing (see the module docstring)."""
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("演示数据只能在演示模式（DEMO_MODE=1）下载入。")
    organisation = _organisation()
    sections = _sections(organisation)
    columns = _columns(sections)
    users = _users(sections, ctx)
    items = _items(columns, users)
    ctx["organisation"] = organisation
    ctx.setdefault("sections", {}).update(sections)
    ctx.setdefault("columns", {}).update(columns)
    ctx.setdefault("users", {}).update(users)
    ctx.setdefault("items", {}).update(items)
    ctx.setdefault("interpretation_pairs", []).extend(
        p for p in INTERPRETATION_PAIRS if p not in ctx["interpretation_pairs"]
    )


def _organisation() -> Organisation:
    fields = dict(ORGANISATION)
    organisation, _ = Organisation.objects.get_or_create(code=fields.pop("code"), defaults=fields)
    return organisation


def _sections(organisation: Organisation) -> dict[str, Section]:
    sections = {}
    for order, name in enumerate(SECTIONS):
        section = Section.objects.filter(organisation=organisation, name=name).first()
        if section is None:
            section = services.section_create(
                organisation=organisation, name=name, is_office=name == OFFICE, order=order
            )
        sections[name] = section
    return sections


def _columns(sections: dict[str, Section]) -> dict[str, Column]:
    columns: dict[str, Column] = {}
    for order, (slug, name, kind, category, section, parent, description) in enumerate(COLUMNS):
        column = Column.objects.filter(slug=slug).first()
        if column is None:
            column = services.column_create(
                acting_user=None,
                responsible_section=sections[section],
                parent=columns[parent] if parent else None,
                name=name,
                slug=slug,
                kind=kind,
                content_category=category,
                description=description,
                order=order,
            )
        columns[slug] = column
    return columns


def _users(sections: dict[str, Section], ctx: dict) -> dict[str, User]:
    users = {}
    for username, full_name, role, section, label in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                full_name=full_name,
                email=f"{username}@rsj.example.gov.cn",
                is_staff=True,
            )
            validate_password(DEMO_PASSWORD, user)  # the same rules as real accounts
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=str(role)))
            if section:
                user.groups.add(sections[section].group)
        users[username] = user
        ctx.setdefault("credentials", []).append((username, DEMO_PASSWORD, label))
    return users


def _items(columns: dict[str, Column], users: dict[str, User]) -> dict[str, Item]:
    today = timezone.localdate()
    calendar = WorkCalendar()
    existing = {
        item.title: item for item in Item.objects.filter(title__in=[d.title for d in ITEMS])
    }
    items: dict[str, Item] = {}
    # Publish in date order so 索引号 serials follow the publication dates.
    to_publish: list[tuple[datetime.datetime, str]] = []
    for number, demo in enumerate(ITEMS):
        item = existing.get(demo.title)
        if item is None:
            item, when = _create_item(demo, number, columns, users, today, calendar)
            if when is not None:
                to_publish.append((when, demo.key))
        items[demo.key] = item
    for when, key in sorted(to_publish):
        items[key] = services.item_mark_published(
            item=items[key], when=when, acting_user=users["office"]
        )
    return items


def _create_item(demo: DemoItem, number: int, columns, users, today, calendar):
    column = columns[demo.column]
    author = users[demo.author]
    formed = demo.formed if isinstance(demo.formed, D) else today - datetime.timedelta(demo.formed)
    body = "".join(f"<p>{p}</p>" for p in demo.paragraphs)
    item = services.item_create(
        acting_user=author,
        column=column,
        title=demo.title,
        body=body,
        summary=demo.paragraphs[0][:120] if len(demo.paragraphs) > 1 else "",
        keywords=demo.keywords,
        topic=demo.topic,
        content_category=demo.category or column.content_category,
        document_number=demo.doc,
        written_on=demo.written if demo.written else (formed if demo.doc else None),
        formed_on=formed,
        validity=demo.validity,
        publicity=demo.publicity,
        non_disclosure_reason=demo.reason,
        publicity_note=demo.note,
    )
    if demo.attachment:
        filename, title = demo.attachment
        with (DEMO_FILES / filename).open("rb") as handle:
            services.attachment_add(
                item=item, file=File(handle, name=filename), title=title, acting_user=author
            )
    if demo.publish_after is None:
        return item, None
    day = calendar.add_workdays(formed, demo.publish_after).date
    # Office hours, spread over the morning so the list is not all at one minute.
    when = datetime.datetime.combine(
        day, datetime.time(9, 0), tzinfo=timezone.get_current_timezone()
    ) + datetime.timedelta(minutes=(number * 37) % 180)
    return item, when
