"""The report's default outline (DOMAIN.md §5, a usual practice, editable per bloc) and the
plain-text narrative format: paragraphs, and lines starting with "- " for list items.

The titles are the printed document's words, Vietnamese by nature (like "BÁO CÁO"), so they are
data, not translated messages."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# (level, title with {year} / {next_year}, data, required)
DEFAULT_OUTLINE = [
    (1, "Đặc điểm tình hình", "members", True),
    (1, "Kết quả thực hiện công tác thi đua, khen thưởng năm {year}", "pledge", True),
    (2, "Kết quả chấm điểm, xếp hạng thi đua", "ranking", False),
    (2, "Công tác khen thưởng", "awards", False),
    (1, "Đánh giá chung", "", False),
    (2, "Hạn chế, nguyên nhân", "", True),
    (2, "Bài học kinh nghiệm", "", True),
    (1, "Phương hướng, nhiệm vụ năm {next_year}", "leadership", True),
    (1, "Kiến nghị, đề xuất", "", False),
]


def default_recipients(bloc) -> str:
    """ "Nơi nhận" of a new report, one a line; the bloc is a khối or a cụm."""
    short = bloc.words.short
    return "\n".join(
        [
            "Ban Thi đua - Khen thưởng (Sở Nội vụ) tỉnh;",
            f"Các đơn vị thành viên {short};",
            f"Lưu: VT, {short}.",
        ]
    )


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV"]


def default_sections(year: int) -> list[dict]:
    return [
        {
            "position": position,
            "level": level,
            "title": title.format(year=year, next_year=year + 1),
            "data": data,
            "required": required,
        }
        for position, (level, title, data, required) in enumerate(DEFAULT_OUTLINE, start=1)
    ]


def carried_title(title: str, old_year: int, new_year: int) -> str:
    """A title of last year's outline for this year: "năm 2022" → "năm 2023", "2023" → "2024"."""
    return re.sub(
        r"\b(\d{4})\b",
        lambda m: (
            str(int(m.group(1)) + new_year - old_year)
            if int(m.group(1)) in (old_year, old_year + 1)
            else m.group(1)
        ),
        title,
    )


@dataclass(frozen=True)
class Numbered:
    section: object
    label: str  # "I." / "1."


def numbered(sections) -> list[Numbered]:
    """Parts get roman numerals, items arabic numbers restarting in each part."""
    result, part, item = [], 0, 0
    for section in sections:
        if section.level == 1:
            part, item = part + 1, 0
            label = f"{ROMAN[part - 1] if part <= len(ROMAN) else part}."
        else:
            item += 1
            label = f"{item}."
        result.append(Numbered(section=section, label=label))
    return result


BREAK_EVERY = 20  # characters; a printed line of the report holds about 60


def _pieces(word: str):
    """The word cut every BREAK_EVERY characters, never before a combining mark."""
    start = 0
    for index in range(BREAK_EVERY, len(word)):
        if index - start >= BREAK_EVERY and not unicodedata.category(word[index]).startswith("M"):
            yield word[start:index]
            start = index
    yield word[start:]


def breakable(text: str) -> SafeString:
    """Escaped text where a run of more than BREAK_EVERY characters without a space gets a
    zero-width space every BREAK_EVERY characters. A word longer than the line (a pasted link, a
    string of signs) then wraps instead of running past the margin, where the PDF loses it.
    Not CSS overflow-wrap, nor <wbr>: WeasyPrint's time for those grows with the square of the
    word's length (minutes for 100 000 characters); with zero-width spaces it grows linearly.

    Printed composed (NFC), as Vietnamese keyboards mostly type it: "e" + U+0301 prints as "é"
    either way, but WeasyPrint lays out separate combining marks ten times slower."""
    parts = []
    text = unicodedata.normalize("NFC", text or "")
    # Split at the spaces a line may break at: a no-break space keeps its word together.
    for token in re.split(r"([^\S\u00a0\u2007\u202f]+)", text):
        parts.append(escape("\u200b".join(_pieces(token)) if len(token) > BREAK_EVERY else token))
    return mark_safe("".join(parts))


def narrative_html(text: str) -> SafeString:
    """Plain text → <p> paragraphs and <ul class="dash"> lists; everything escaped."""
    html, items = [], []

    def flush_items():
        if items:
            html.append('<ul class="dash">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            flush_items()
            continue
        if line.startswith(("- ", "+ ", "* ")) or line in ("-", "+", "*"):
            items.append(breakable(line[1:].strip()))
        else:
            flush_items()
            html.append(f"<p>{breakable(line)}</p>")
    flush_items()
    return mark_safe("\n".join(html))
