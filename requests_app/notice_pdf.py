"""The reply notice as a PDF (A4): the stored text laid out as an official notice, with
the bureau's seal image over the signature and date. Uses reportlab's built-in CID font
STSong-Light (Adobe's Song for simplified Chinese): no font file to ship; readers
substitute a Song typeface when they render it."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

FONT = "STSong-Light"
SEAL_SIZE = 42 * mm  # an official round seal is about 4.2 cm across


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    base = ParagraphStyle("body", fontName=font, fontSize=14, leading=26, wordWrap="CJK")
    return {
        "org": ParagraphStyle("org", parent=base, fontSize=18, leading=30, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=34, alignment=TA_CENTER),
        "number": ParagraphStyle("number", parent=base, alignment=TA_CENTER),
        "body": ParagraphStyle("body2", parent=base, alignment=TA_JUSTIFY),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    # Full-width spaces indent paragraphs as in the text; escape <, >, &.
    return Paragraph(escape(text), style)


class Signature(Flowable):
    """The signature block: the organisation and the date, right-aligned, with the
    seal stamped over them (centred on the lines, as stamped by hand)."""

    LEADING = 26
    SIZE = 14

    def __init__(self, lines: list[str], *, seal: bytes | None = None):
        super().__init__()
        self.lines = lines
        self.seal = ImageReader(io.BytesIO(seal)) if seal else None

    def wrap(self, available_width, available_height):
        self.width = available_width
        text_height = self.LEADING * len(self.lines)
        self.height = max(text_height, SEAL_SIZE if self.seal else 0)
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.setFont(_font(), self.SIZE)
        widths = [pdfmetrics.stringWidth(line, _font(), self.SIZE) for line in self.lines]
        block = max(widths, default=0)
        right = self.width - 2 * self.SIZE  # two characters from the right margin
        top = self.height - (self.height - self.LEADING * len(self.lines)) / 2
        for i, line in enumerate(self.lines):
            y = top - (i + 1) * self.LEADING + (self.LEADING - self.SIZE) / 2
            # Each line centred under the widest one, the block right-aligned.
            canvas.drawCentredString(right - block / 2, y, line)
        if self.seal is not None:
            centre_x = right - block / 2
            centre_y = self.height / 2
            canvas.drawImage(
                self.seal,
                centre_x - SEAL_SIZE / 2,
                centre_y - SEAL_SIZE / 2,
                width=SEAL_SIZE,
                height=SEAL_SIZE,
                mask="auto",
                preserveAspectRatio=True,
            )


def render_notice_pdf(*, parts: dict[str, list[str]], seal: bytes | None = None) -> bytes:
    """The PDF of a notice split by `notices.notice_parts` (head, body, foot)."""
    styles = _styles()
    story: list = []
    head = parts.get("head", [])
    for line, style in zip(head, ("org", "title", "number"), strict=False):
        story.append(_p(line, styles[style]))
    story.append(Spacer(1, 8 * mm))
    for line in parts.get("body", []):
        style = styles["body"]
        story.append(_p(line, style))
    story.append(Spacer(1, 14 * mm))
    story.append(Signature(parts.get("foot", []), seal=seal))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=28 * mm,
        rightMargin=26 * mm,
        topMargin=37 * mm,
        bottomMargin=35 * mm,
        title=" ".join(head[1:3]) if len(head) >= 3 else "政府信息公开申请答复告知书",
        author=head[0] if head else "",
    )
    doc.build(story)
    return buffer.getvalue()
