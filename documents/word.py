"""The Word copy of a printed document (provinces ask for "file word và file pdf").

It is made from the very HTML the PDF is made from (documents/base_print.html and the template
that extends it), so both say the same words: the header's two columns, the type and summary, the
body's paragraphs, lists and tables, "Nơi nhận" and the signature. The page is the PDF's: A4
(portrait or landscape as the template says), the same margins, Times New Roman (Word's own
name for the metric twin of Liberation Serif), and the page number centred in the top margin
from page 2 on (Decree 30/2020)."""

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import html as lxml_html

FONT = "Times New Roman"
BODY_PT = 14
# The PDF's @page margins (documents/base_print.html).
MARGINS_MM = {"top": 20, "right": 16, "bottom": 20, "left": 30}
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "ul", "ol", "table", "main", "section"}


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


class _Writer:
    def __init__(self, landscape: bool):
        self.document = Document()
        self._page(landscape)
        self._styles()

    # --- page, fonts, page numbers ------------------------------------------------------------

    def _page(self, landscape: bool) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin = Mm(MARGINS_MM["top"])
        section.bottom_margin = Mm(MARGINS_MM["bottom"])
        section.left_margin = Mm(MARGINS_MM["left"])
        section.right_margin = Mm(MARGINS_MM["right"])
        section.header_distance = Mm(8)
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._page_field(paragraph.add_run())

    @staticmethod
    def _page_field(run) -> None:
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    def _styles(self) -> None:
        style = self.document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        fonts = style.element.rPr.rFonts
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.line_spacing = 1.15

    # --- inline text ---------------------------------------------------------------------------

    def inline(self, paragraph, element, *, bold=False, italic=False, size=None, keep=False):
        """The element's text into runs, keeping bold and italic (b, strong, i, em), and the
        words of a "nowrap" span on one line (non-breaking spaces: Word has no nowrap)."""
        tag = element.tag if isinstance(element.tag, str) else ""
        bold = bold or tag in ("b", "strong")
        italic = italic or tag in ("i", "em")
        inner = keep or "nowrap" in _classes(element)
        if tag == "br":
            paragraph.add_run().add_break()
        elif element.text:
            self._run(paragraph, element.text, bold, italic, size, keep=inner)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in ("style", "script", "svg"):
                self.inline(paragraph, child, bold=bold, italic=italic, size=size, keep=inner)
            if child.tail:
                self._run(paragraph, child.tail, bold, italic, size, keep=keep)

    @staticmethod
    def _run(paragraph, text, bold, italic, size, *, keep=False) -> None:
        # XML 1.0 has no place for control characters; HTML shows none of them either.
        text = re.sub(r"\s+", " ", CONTROL.sub("", text))
        if not text.strip() and not paragraph.runs:
            return
        if keep:
            text = text.replace(" ", "\u00a0")
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)

    # --- blocks --------------------------------------------------------------------------------

    def paragraph(self, container, element, *, align=None, bold=False, italic=False, size=None,
                  indent=True, prefix=""):  # fmt: skip
        paragraph = container.add_paragraph()
        if prefix:
            paragraph.add_run(prefix)
        self.inline(paragraph, element, bold=bold, italic=italic, size=size)
        if align is not None:
            paragraph.alignment = align
        elif indent:
            paragraph.paragraph_format.first_line_indent = Mm(10)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return paragraph

    def blocks(self, container, element) -> None:
        for child in element:
            if isinstance(child.tag, str):
                self.block(container, child)

    def block(self, container, element) -> None:
        tag, classes = element.tag, _classes(element)
        if tag in ("style", "script", "nav", "svg") or "chart" in classes:
            return
        if tag == "table":
            self.table(container, element)
        elif tag in ("ul", "ol"):
            dash = "dash" in classes or "recipients" in classes
            for item in element.findall("li"):
                if "recipients" in classes:
                    self.paragraph(container, item, indent=False, size=11, prefix="- ")
                else:
                    self.paragraph(container, item, prefix="- " if dash else "")
        elif tag in ("h1", "h2", "h3", "h4"):
            paragraph = self.paragraph(container, element, bold=True, italic=tag == "h4")
            if "part" in classes:  # text-transform: uppercase in the PDF
                for run in paragraph.runs:
                    run.text = run.text.upper()
        elif tag in ("main", "section") or (tag == "div" and self._has_blocks(element)):
            self.blocks(container, element)
        elif _text(element):
            self.text_block(container, element, classes)

    @staticmethod
    def _has_blocks(element) -> bool:
        return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in element)

    def text_block(self, container, element, classes) -> None:
        center = bool(classes & {"center", "doc-type", "doc-summary", "recipient-line",
                                 "signature", "sig-prefix", "sig-title", "sig-name", "nation",
                                 "motto", "place-date", "issuer-line", "superior-line",
                                 "doc-number", "draft-mark"})  # fmt: skip
        bold = bool(classes & {"doc-type", "doc-summary", "sig-prefix", "sig-title", "sig-name",
                               "nation", "motto", "issuer-line", "recipients-title"})  # fmt: skip
        italic = bool(classes & {"place-date", "recipients-title"})
        size = 12 if classes & {"nation", "issuer-line", "superior-line", "small",
                                "recipients-title"} else None  # fmt: skip
        if "doc-number" in classes:
            size = 13  # "Số: 05/BC-KTĐ", as base_print.html prints it
        if "superior-line" in classes:
            bold = False
        paragraph = self.paragraph(
            container,
            element,
            align=WD_ALIGN_PARAGRAPH.CENTER if center else None,
            bold=bold,
            italic=italic,
            size=size,
            indent="plain" not in classes and container is self.document,
        )
        if "motto" in classes:
            for run in paragraph.runs:
                run.underline = True
        if "sig-space" in classes:
            paragraph.paragraph_format.space_after = Mm(22)

    def table(self, container, element) -> None:
        rows = [r for r in element.iter("tr")]
        if not rows:
            return
        width = max(len(r.findall("td") + r.findall("th")) for r in rows)
        grid = "grid" in _classes(element)
        table = container.add_table(rows=0, cols=width)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if grid:
            table.style = "Table Grid"
        for row in rows:
            cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
            docx_row = table.add_row()
            if row.getparent().tag == "thead":  # repeated on every page, as the PDF does
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                docx_row._tr.get_or_add_trPr().append(header)
            column = 0
            # The row's cells, taken once: python-docx builds the whole list on every access.
            row_cells = docx_row.cells
            for cell in cells:
                span = int(cell.get("colspan", "1") or 1)
                target = row_cells[column]
                if span > 1 and column + span <= width:
                    target = target.merge(row_cells[column + span - 1])
                self.cell(target, cell, header=cell.tag == "th", grid=grid)
                column += span
        if not grid:  # layout tables (header, footer, signatures): the sig-space gap stays
            for paragraph in table._cells[0].paragraphs:
                paragraph.paragraph_format.space_after = Pt(0)

    def cell(self, target, element, *, header: bool, grid: bool) -> None:
        target.paragraphs[0]._p.getparent().remove(target.paragraphs[0]._p)
        classes = _classes(element)
        if self._has_blocks(element):
            self.blocks(target, element)
            for paragraph in target.paragraphs:
                if grid:
                    paragraph.paragraph_format.first_line_indent = None
        else:
            align = None
            if header or classes & {"center"}:
                align = WD_ALIGN_PARAGRAPH.CENTER
            elif classes & {"num"}:
                align = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                align = WD_ALIGN_PARAGRAPH.LEFT
            self.paragraph(target, element, align=align, bold=header, size=12 if grid else None)
        if not target.paragraphs:
            target.add_paragraph()


def html_to_docx(html: str) -> bytes:
    """The printed HTML (for_print=True) as a .docx with the PDF's page and words."""
    tree = lxml_html.fromstring(html)
    style = " ".join(s.text_content() for s in tree.iter("style"))
    writer = _Writer(landscape=bool(re.search(r"size:\s*A4\s+landscape", style)))
    body = tree.find("body")
    writer.blocks(writer.document, body if body is not None else tree)
    buffer = io.BytesIO()
    writer.document.save(buffer)
    return buffer.getvalue()
