"""Reading a PDF back in tests (pypdf): text per page, page count and sizes, fonts embedded.

from tests.pdf import PdfInfo
info = PdfInfo(rendered.content)
assert info.page_count >= 2 and info.all_a4()
assert "BIÊN BẢN" in info.text
assert info.fonts_embedded() and info.font_families() == {"LiberationSerif"}
"""

import io
import re
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
