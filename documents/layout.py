"""The context every printed document passes to "documents/base_print.html".

This bottom layer imports no app: `header_context` takes plain values, and `bloc_issuer_lines`
only reads attributes of the bloc year it is given (bloc, head, province_name), so pledges and
awards can build a Decree 30/2020 header without importing the app that owns the year page."""

import datetime
import re
from dataclasses import dataclass

from documents.dates import place_date_line


@dataclass(frozen=True)
class Signature:
    """The signature block: "TM. KHỐI THI ĐUA" / "TRƯỞNG KHỐI" / (space) / "Hà Thị Ngoan"."""

    prefix: str = ""
    title: str = ""
    name: str = ""


def signature(*, on_behalf_of: str, position: str, signer_title: str, name: str) -> Signature:
    """The authority lines of Decree 30/2020 (Appendix I, VIII) from the signer's title, in bold
    capitals with nothing else under them: the head signs "TM. <collective>" / "<POSITION>"; a
    deputy ("Phó …") signs "TM. <collective>" / "KT. <POSITION>" / "<HIS OWN TITLE>"; an acting
    head ("Quyền …", or "Q. …" as the decree abbreviates it) signs "TM. <collective>" /
    "Q. <POSITION>"."""
    title = (signer_title or "").strip()
    lines = [f"TM. {on_behalf_of}"] if on_behalf_of else []
    if re.match(r"phó\s", title, flags=re.IGNORECASE):
        lines.append(f"KT. {position}")
        return Signature(prefix="\n".join(upper(x) for x in lines), title=upper(title), name=name)
    if re.match(r"(quyền\s|q\.)", title, flags=re.IGNORECASE):  # "Q." as the decree writes it
        lines.append(f"Q. {position}")
        return Signature(prefix="\n".join(upper(x) for x in lines), title="", name=name)
    return Signature(prefix="\n".join(upper(x) for x in lines), title=upper(position), name=name)


def principal_title(signer_title: str) -> str:
    """ "Phó Chủ tịch Thường trực" → "Chủ tịch": the post a deputy or acting head signs for."""
    title = (signer_title or "").strip()
    title = re.sub(r"^((phó|quyền)\s+|q\.\s*)", "", title, flags=re.IGNORECASE)
    title = re.sub(r"\s+thường trực$", "", title, flags=re.IGNORECASE)
    return title[:1].upper() + title[1:]


def upper(text: str) -> str:
    # str.upper() keeps Vietnamese diacritics ("đỏ" -> "ĐỎ"), so extracted text matches print.
    return (text or "").upper()


# The administrative units a body's name ends with, longest first ("THỊ XÃ" before "XÃ").
_PLACE_AT_END = re.compile(
    r"(?:^|\s)((?:THÀNH PHỐ|THỊ XÃ|THỊ TRẤN|TỈNH|HUYỆN|QUẬN|XÃ|PHƯỜNG|ĐẶC KHU)"
    r"(?:\s+\S+){1,3})$"
)


def split_place(line: str) -> tuple[str, str]:
    """A header line and the place its name ends with: "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" →
    ("ỦY BAN NHÂN DÂN ", "TỈNH QUẢNG NGÃI"), so a line too long for the header's column breaks
    before the place, as a typist breaks it, and never inside it ("… QUẢNG / NGÃI")."""
    match = _PLACE_AT_END.search(line)
    if match is None:
        return line, ""
    return line[: match.start(1)], match.group(1)


# Who reads a year's document symbol (the part after the type code, "05/BC-KTĐ"): a setting of
# the year kept by the awards app, which registers its reader here in AppConfig.ready (this
# layer imports no app). Without one, the bloc's own symbol: "KTĐ", or "CTĐ" for a cụm.
SYMBOL_READERS: list = []


def document_symbol(bloc_year) -> str:
    """The symbol every kind of the year's documents numbers with: one register, one symbol."""
    for reader in SYMBOL_READERS:
        return reader(bloc_year)
    return bloc_year.bloc.words.symbol


def number_line(number: str = "", symbol: str = "") -> str:
    """ "Số: 05/BC-KTĐ"; without a number yet, room to write it by hand: "Số:      /BC-KTĐ"."""
    if number:
        return f"Số: {number}"
    return f"Số:\u2003\u2003/{symbol}" if symbol else "Số:"


def bloc_issuer_lines(bloc_year) -> list[str]:
    """Issuing body lines for a bloc document: the head unit (a bloc has no seal), then the bloc.

    The province comes from the bloc year, never from the bloc or from code: after the 2025
    merger a 2026 document says "HỘI CHỮ THẬP ĐỎ TỈNH LÀO CAI". When neither line names the
    province (a head unit called "Sở Tư pháp"), the bloc's line does, so a reader can tell the
    province from the header alone (DOMAIN.md §7)."""
    lines = []
    head = getattr(bloc_year, "head", None)
    province = getattr(bloc_year, "province_name", "") or ""
    if head is not None:
        lines.append(upper(with_province(head.name, province)))
    bloc_line = bloc_title(bloc_year)
    superior = getattr(bloc_year, "superior_body", "") or ""
    named = " ".join([*lines, bloc_line, superior]).lower()
    if province and province.lower() not in named:
        bloc_line = f"{bloc_line} tỉnh {province}"
    lines.append(upper(bloc_line))
    return lines


def bloc_superior_lines(bloc_year) -> list[str]:
    """The superior body (cơ quan chủ quản) printed above the issuing body, from the year."""
    superior = (getattr(bloc_year, "superior_body", "") or "").strip()
    return [upper(superior)] if superior else []


def with_province(name: str, province: str) -> str:
    """ "Hội Khuyến học tỉnh" → "Hội Khuyến học tỉnh Yên Bái" on a document of that year."""
    name = (name or "").strip()
    if province and re.search(r"\btỉnh$", name, flags=re.IGNORECASE):
        return f"{name} {province}"
    return name


def bloc_header(bloc_year) -> dict:
    """The header arguments of every bloc document (superior body, issuing body, bloc)."""
    return {
        "superior_lines": bloc_superior_lines(bloc_year),
        "issuer_lines": bloc_issuer_lines(bloc_year),
    }


def bloc_title(bloc_year) -> str:
    """The bloc's name without its trailing "tỉnh <old province>", which belongs to the year."""
    bloc = bloc_year.bloc
    name = bloc.name.strip()
    province = getattr(bloc.province, "name", bloc.province)
    if province:
        name = re.sub(rf"\s+tỉnh\s+{re.escape(province)}$", "", name, flags=re.IGNORECASE)
    return name


def bloc_name_for_year(bloc_year) -> str:
    """The bloc's full name with the year's province: "Khối Thi đua … tỉnh Yên Bái" is printed
    "… tỉnh Lào Cai" in a year whose province_name says Lào Cai."""
    bloc = bloc_year.bloc
    province = getattr(bloc_year, "province_name", "") or ""
    title = bloc_title(bloc_year)
    if title != bloc.name.strip() and province:
        return f"{title} tỉnh {province}"
    return bloc.name


def _year_kept_whole(line: str) -> str:
    """ "năm 2023" on one line: a summary wrapped before its year left "2023" alone on the last
    line (a non-breaking space, which the Word copy keeps too)."""
    return re.sub(r"\b(năm) (\d{4})\b", "\\1\u00a0\\2", line)


def header_context(
    *,
    issuer_lines: list[str],
    superior_lines: list[str] | tuple[str, ...] = (),
    number: str = "",
    symbol: str = "",
    place: str,
    date: datetime.date | None,
    doc_type: str = "",
    summary: str | list[str] = "",
    recipient_line: str = "",
    recipients: list[str] | tuple[str, ...] = (),
    signature: Signature | None = None,
    title: str = "",
) -> dict:
    """Everything base_print.html reads, under names starting with "doc_"."""
    summary_lines = [summary] if isinstance(summary, str) else list(summary)
    return {
        "doc_superior_lines": [upper(line) for line in superior_lines],
        "doc_issuer_lines": [upper(line) for line in issuer_lines],
        "doc_number": number_line(number, symbol),
        "doc_place_date": place_date_line(place, date),
        "doc_type": upper(doc_type),
        "doc_summary_lines": [_year_kept_whole(line) for line in summary_lines if line],
        "doc_recipient_line": recipient_line,
        "doc_recipients": list(recipients),
        "doc_signature": signature,
        "doc_title": title or upper(doc_type),
    }
