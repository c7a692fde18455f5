"""Build the demo bureau's PDF attachments (run once; the PDFs are committed).

    .venv/bin/python disclosure/demo_files/build_pdfs.py

Needs reportlab (a development dependency); the demo loader only reads the PDFs.
Chinese text uses reportlab's built-in CID font STSong-Light, so no font file is
needed. `invariant` makes the output byte-for-byte reproducible."""

from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

rl_config.invariant = 1
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
HERE = Path(__file__).resolve().parent

TITLE = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=24, alignment=1)
BODY = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=19, firstLineIndent=22)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=13)
NOTE = ParagraphStyle("note", fontName=FONT, fontSize=10, leading=16, alignment=2)


def table(rows, widths):
    data = [[Paragraph(str(c), CELL) for c in row] for row in rows]
    t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return t


def build(name, title, story):
    doc = SimpleDocTemplate(
        str(HERE / name),
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author="示例县人力资源和社会保障局",
    )
    doc.build([Paragraph(title, TITLE), Spacer(1, 6 * mm), *story])


def main():
    build(
        "recruitment-plan-2026.pdf",
        "示例县2026年部分事业单位公开招聘工作人员岗位计划表",
        [
            table(
                [
                    ["序号", "招聘单位", "岗位名称", "人数", "学历要求", "专业要求", "其他条件"],
                    [
                        "1",
                        "示例县就业管理服务中心",
                        "综合管理",
                        "1",
                        "本科及以上",
                        "人力资源管理、公共事业管理",
                        "—",
                    ],
                    [
                        "2",
                        "示例县社会保险事业管理中心",
                        "经办服务",
                        "2",
                        "本科及以上",
                        "会计学、财务管理、审计学",
                        "—",
                    ],
                    [
                        "3",
                        "示例县劳动人事争议仲裁院",
                        "仲裁辅助",
                        "1",
                        "本科及以上",
                        "法学",
                        "取得法律职业资格者优先",
                    ],
                    [
                        "4",
                        "示例县人才服务中心",
                        "信息技术",
                        "1",
                        "本科及以上",
                        "计算机科学与技术、软件工程",
                        "—",
                    ],
                    [
                        "5",
                        "示例县职业技能鉴定中心",
                        "技能评价",
                        "1",
                        "大专及以上",
                        "不限",
                        "具有高级工及以上职业资格",
                    ],
                ],
                [12, 36, 18, 12, 22, 38, 28],
            ),
            Spacer(1, 6 * mm),
            Paragraph("注：年龄要求为18周岁以上、35周岁以下；报名时间、方式详见公告正文。", BODY),
            Spacer(1, 10 * mm),
            Paragraph("示例县人力资源和社会保障局　2026年3月9日", NOTE),
        ],
    )
    build(
        "insurance-fund-2025.pdf",
        "示例县2025年度社会保险基金收支情况表",
        [
            table(
                [
                    [
                        "险种",
                        "基金收入（万元）",
                        "基金支出（万元）",
                        "当年结余（万元）",
                        "年末滚存结余（万元）",
                    ],
                    ["企业职工基本养老保险", "86,420", "83,915", "2,505", "41,288"],
                    ["机关事业单位养老保险", "31,760", "30,982", "778", "6,914"],
                    ["城乡居民基本养老保险", "12,336", "10,874", "1,462", "18,506"],
                    ["失业保险", "3,218", "2,676", "542", "9,731"],
                    ["工伤保险", "2,845", "2,513", "332", "3,067"],
                    ["合计", "136,579", "130,960", "5,619", "79,506"],
                ],
                [44, 30, 30, 30, 32],
            ),
            Spacer(1, 6 * mm),
            Paragraph("说明：以上数据为2025年度决算数，基金收入含财政补贴收入。", BODY),
            Spacer(1, 10 * mm),
            Paragraph("示例县社会保险事业管理中心　2026年3月31日", NOTE),
        ],
    )
    build(
        "wage-guideline-2026.pdf",
        "2026年示例县企业工资指导线",
        [
            Paragraph(
                "根据省人力资源和社会保障厅有关要求，结合我县经济发展、城镇居民消费价格指数和劳动力市场状况，"
                "经县协调劳动关系三方会议研究，现发布2026年我县企业工资指导线如下：",
                BODY,
            ),
            Spacer(1, 4 * mm),
            table(
                [
                    ["指标", "幅度"],
                    ["基准线", "6.0%"],
                    ["上线（预警线）", "9.5%"],
                    ["下线", "2.5%"],
                ],
                [80, 60],
            ),
            Spacer(1, 4 * mm),
            Paragraph(
                "生产经营正常、经济效益增长的企业，可参照基准线安排工资增长；经济效益增长较快的企业，"
                "可在基准线和上线之间安排；生产经营困难、经济效益下降的企业，工资增长可低于下线或零增长，"
                "但支付给提供正常劳动职工的工资不得低于当地最低工资标准。",
                BODY,
            ),
            Spacer(1, 10 * mm),
            Paragraph("示例县人力资源和社会保障局　2026年8月18日", NOTE),
        ],
    )
    build(
        "employment-difficulty-form.pdf",
        "示例县就业困难人员认定申请表（样表）",
        [
            table(
                [
                    ["项目", "填写内容"],
                    ["姓名", ""],
                    ["性别", ""],
                    ["出生年月", ""],
                    ["户籍所在地", "（填写至乡镇、街道）"],
                    ["就业创业证编号", ""],
                    ["申请认定类别", "□大龄失业人员　□残疾人　□零就业家庭成员　□其他"],
                    ["申请人承诺", "本人承诺所填信息真实有效，如有虚假，愿承担相应责任。"],
                    ["乡镇（街道）初审意见", ""],
                    ["县公共就业服务机构审核意见", ""],
                ],
                [55, 105],
            ),
            Spacer(1, 6 * mm),
            Paragraph(
                "本表一式两份，申请人凭身份证件原件到户籍所在地乡镇（街道）公共就业服务机构办理。",
                BODY,
            ),
        ],
    )


if __name__ == "__main__":
    main()
