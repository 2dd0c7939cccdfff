"""Reading a PDF back in tests (pypdf): text per page, page count and sizes, fonts embedded.

from tests.pdf import PdfInfo
info = PdfInfo(rendered.content)
assert info.page_count >= 2 and info.all_a4()
assert "BIÊN BẢN" in info.text
assert info.fonts_embedded() and info.font_families() == {"LiberationSerif"}
"""

import io
import re
import subprocess
from dataclasses import dataclass
from functools import cached_property

from pypdf import PdfReader

A4_PORTRAIT = (595.28, 841.89)
TOLERANCE = 1.0


def _normalize(text: str) -> str:
    # Extraction breaks lines where the PDF wraps them; tests look for phrases, not line breaks.
    return re.sub(r"\s+", " ", text).strip()


class PdfInfo:
    def __init__(self, content: bytes):
        assert content[:5] == b"%PDF-", "not a PDF"
        self.reader = PdfReader(io.BytesIO(content))

    @property
    def page_count(self) -> int:
        return len(self.reader.pages)

    @cached_property
    def pages_text(self) -> list[str]:
        """Each page's text, whitespace collapsed to single spaces."""
        return [_normalize(page.extract_text() or "") for page in self.reader.pages]

    @property
    def text(self) -> str:
        return " ".join(self.pages_text)

    def page_sizes(self) -> list[tuple[float, float]]:
        return [
            (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2))
            for page in self.reader.pages
        ]

    def all_a4(self, landscape: bool = False) -> bool:
        want = A4_PORTRAIT[::-1] if landscape else A4_PORTRAIT
        return all(
            abs(w - want[0]) <= TOLERANCE and abs(h - want[1]) <= TOLERANCE
            for w, h in self.page_sizes()
        )

    @cached_property
    def fonts(self) -> dict[str, bool]:
        """Base font name (subset prefix removed) -> embedded (a FontFile* in its descriptor)."""
        found: dict[str, bool] = {}
        for page in self.reader.pages:
            resources = page.get("/Resources")
            if resources is None:
                continue
            self._collect(resources.get_object(), found, seen=set())
        return found

    def _collect(self, resources, found: dict[str, bool], seen: set) -> None:
        fonts = resources.get("/Font")
        if fonts is not None:
            for ref in fonts.get_object().values():
                font = ref.get_object()
                name = str(font.get("/BaseFont", "")).lstrip("/")
                name = re.sub(r"^[A-Z]{6}\+", "", name)
                found[name] = found.get(name, True) and _embedded(font)
        xobjects = resources.get("/XObject")
        if xobjects is not None:  # forms drawn on the page carry their own fonts
            for ref in xobjects.get_object().values():
                key = getattr(ref, "idnum", id(ref))
                if key in seen:
                    continue
                seen.add(key)
                inner = ref.get_object().get("/Resources")
                if inner is not None:
                    self._collect(inner.get_object(), found, seen)

    def fonts_embedded(self) -> bool:
        return bool(self.fonts) and all(self.fonts.values())

    def font_families(self) -> set[str]:
        """Families without style or separators: "Liberation-Serif-Bold" -> "LiberationSerif"."""
        return {_family(name) for name in self.fonts}


STYLE_WORDS = {"Regular", "Bold", "Italic", "BoldItalic", "Oblique", "BoldOblique", "Roman"}


def _family(name: str) -> str:
    parts = re.split(r"[-,]", name)
    while len(parts) > 1 and parts[-1] in STYLE_WORDS:
        parts.pop()
    return "".join(parts).replace(" ", "")


def _embedded(font) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        descendants = font.get("/DescendantFonts")
        if descendants is None:
            return False
        return all(_embedded(d.get_object()) for d in descendants.get_object())
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def pdf_info(content: bytes) -> PdfInfo:
    return PdfInfo(content)


# --- the Decree 30/2020 text box ----------------------------------------------------------------

MM = 72 / 25.4
# Decree 30/2020, Appendix I: left 30-35 mm, right 15-20 mm, top and bottom 20-25 mm. The
# smallest margins are the box every glyph must stay inside. A landscape page is the same sheet
# turned: its margins are read as the page lies, left 30 mm, right 15 mm, top and bottom 20 mm.
TEXT_BOX_MARGINS = {"top": 20 * MM, "right": 15 * MM, "bottom": 20 * MM, "left": 30 * MM}
# Poppler's word boxes run from the font's ascender to its descender (wider than the ink); a
# quarter point absorbs rounding, not a misplaced line.
SLACK = 0.25


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    page_width: float
    page_height: float

    def outside(self) -> list[str]:
        m = TEXT_BOX_MARGINS
        sides = []
        if self.x0 < m["left"] - SLACK:
            sides.append(f"left {self.x0 / MM:.1f} mm")
        if self.x1 > self.page_width - m["right"] + SLACK:
            sides.append(f"right {(self.page_width - self.x1) / MM:.1f} mm")
        if self.y0 < m["top"] - SLACK:
            sides.append(f"top {self.y0 / MM:.1f} mm")
        if self.y1 > self.page_height - m["bottom"] + SLACK:
            sides.append(f"bottom {(self.page_height - self.y1) / MM:.1f} mm")
        return sides

    def is_page_number(self) -> bool:
        """Decree 30 puts the page number centred in the top margin (not on page 1): the one
        glyph run allowed outside the box, and only there."""
        middle = (self.x0 + self.x1) / 2
        box_middle = (TEXT_BOX_MARGINS["left"] + self.page_width - TEXT_BOX_MARGINS["right"]) / 2
        return (
            self.page > 1
            and self.text == str(self.page)
            and self.y1 <= TEXT_BOX_MARGINS["top"] + SLACK
            and abs(middle - box_middle) < 3 * MM
        )


def pdf_words(content: bytes) -> list[Word]:
    """Every word of every page with its box in points (poppler's pdftotext -bbox)."""
    from xml.etree import ElementTree

    result = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=content, capture_output=True, check=True
    )
    xhtml = result.stdout.decode("utf-8")
    root = ElementTree.fromstring(xhtml)
    words = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        width, height = float(page.get("width")), float(page.get("height"))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = [float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            words.append(Word(number, word.text or "", *box, width, height))
    return words


def words_outside_text_box(content: bytes) -> list[str]:
    """ "p.1 'Độc' right 5.0 mm" for each word that leaves the Decree 30 text box."""
    return [
        f"p.{w.page} {w.text!r} {', '.join(w.outside())}"
        for w in pdf_words(content)
        if w.outside() and not w.is_page_number()
    ]
