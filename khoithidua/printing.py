"""The year-end report and the dossier, as registered document kinds ("report", "dossier").

The report's preview page and its PDF render the same template with the same context."""

import hashlib
import io
import zipfile

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from documents import registry
from documents.layout import Signature, bloc_issuer_lines, bloc_name_for_year, header_context
from documents.rendering import Rendered, render_pdf
from khoithidua import outline, selectors
from khoithidua.models import ReportSection, YearReport
from members.models import BlocYear
from members.selectors import head_signature

REPORT_TEMPLATE = "khoithidua/report_print.html"
REPORT_SYMBOL = "BC-KTĐ"

# The dossier sent to the province, in the order a secretary files it.
DOSSIER_KINDS = [
    ("submission", "01"),
    ("minutes", "02"),
    ("report", "03"),
    ("ranking", "04"),
]


def _draft_report(bloc_year: BlocYear) -> tuple[YearReport, list[ReportSection]]:
    """No report written yet: the usual outline, unsaved, so a draft can still be printed."""
    report = YearReport(bloc_year=bloc_year, recipients="\n".join(outline.DEFAULT_RECIPIENTS))
    sections = [ReportSection(**row) for row in outline.default_sections(bloc_year.year)]
    return report, sections


def _signature(report: YearReport, bloc_year: BlocYear) -> Signature:
    if report.is_signed_off:
        return Signature(
            prefix=report.signer_prefix,
            title=report.signer_position,
            subtitle=report.signer_title,
            name=report.signer_name,
        )
    return head_signature(bloc_year)


def report_context(bloc_year: BlocYear, *, report: YearReport | None = None) -> dict:
    report = report or selectors.report_of_year(bloc_year)
    if report is None:
        report, sections = _draft_report(bloc_year)
    else:
        sections = selectors.sections_of(report)
    data = selectors.year_data(bloc_year)
    year = bloc_year.year
    context = header_context(
        issuer_lines=bloc_issuer_lines(bloc_year),
        number=report.number,
        symbol=REPORT_SYMBOL,
        place=bloc_year.place_name,
        date=report.issued_on,
        doc_type="Báo cáo",
        summary=[
            f"Tổng kết công tác thi đua, khen thưởng năm {year};",
            f"phương hướng, nhiệm vụ năm {year + 1}",
        ],
        recipients=report.recipient_lines(),
        signature=_signature(report, bloc_year),
        title=f"Báo cáo tổng kết năm {year}",
    )
    context.update(
        {
            "bloc_year": bloc_year,
            "bloc": bloc_year.bloc,
            "bloc_name": bloc_name_for_year(bloc_year),
            "report": report,
            "sections": outline.numbered(sections),
            "data": data,
            "year": year,
            "next_year": year + 1,
            "is_draft": not report.is_signed_off,
        }
    )
    return context


def report_filename(bloc_year: BlocYear) -> str:
    return f"bao-cao-tong-ket-{bloc_year.bloc.slug}-{bloc_year.year}.pdf"


def render_report(bloc_year: BlocYear) -> Rendered:
    return render_pdf(REPORT_TEMPLATE, report_context(bloc_year), report_filename(bloc_year))


def report_print_parts(bloc_year: BlocYear) -> tuple[str, str]:
    """The report's print stylesheet and body, for the report page to carry inline: a browser
    prints only the visible box of an iframe, so printing the page must not rely on one."""
    html = render_to_string(REPORT_TEMPLATE, {**report_context(bloc_year), "for_print": True})
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    body = html.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    return style, body.replace("<main ", "<div ").replace("</main>", "</div>")


def report_preview_html(bloc_year: BlocYear, **extra) -> str:
    return render_to_string(
        REPORT_TEMPLATE, {**report_context(bloc_year), **extra, "for_print": False}
    )


def dossier_filename(bloc_year: BlocYear) -> str:
    return f"ho-so-{bloc_year.bloc.slug}-{bloc_year.year}.zip"


def render_dossier(bloc_year: BlocYear) -> Rendered:
    """One ZIP with the submission, the minutes, the report and the ranking (stored versions
    once the year is closed), and a list of its contents naming anything that is missing."""
    files, missing = [], []
    for kind, order in DOSSIER_KINDS:
        try:
            rendered = registry.render(kind, bloc_year)
        except registry.UnknownKind:
            missing.append((kind, "chưa có mẫu văn bản này"))
            continue
        except ValidationError as error:
            missing.append((kind, "; ".join(error.messages)))
            continue
        files.append((f"{order}-{rendered.filename}", kind, rendered.content))
    listing = _listing(bloc_year, files, missing)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, _kind, content in [*files, ("00-danh-muc.txt", "listing", listing)]:
            # A fixed timestamp: the same documents always give the same ZIP bytes.
            info = zipfile.ZipInfo(name, date_time=(bloc_year.year, 12, 31, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return Rendered(
        filename=dossier_filename(bloc_year),
        mimetype="application/zip",
        content=buffer.getvalue(),
        data={
            "files": [
                {"name": name, "kind": kind, "sha256": hashlib.sha256(content).hexdigest()}
                for name, kind, content in files
            ],
            "missing": [{"kind": kind, "reason": reason} for kind, reason in missing],
        },
    )


KIND_TITLES = {
    "submission": "Tờ trình đề nghị khen thưởng",
    "minutes": "Biên bản Hội nghị tổng kết",
    "report": "Báo cáo tổng kết",
    "ranking": "Bảng tổng hợp điểm và xếp hạng",
}


def _listing(bloc_year: BlocYear, files: list, missing: list) -> bytes:
    lines = [f"HỒ SƠ THI ĐUA, KHEN THƯỞNG NĂM {bloc_year.year}", bloc_year.bloc.name, ""]
    for name, kind, content in files:
        digest = hashlib.sha256(content).hexdigest()
        lines.append(f"- {name}: {KIND_TITLES.get(kind, kind)} (SHA-256 {digest})")
    for kind, reason in missing:
        lines.append(f"- CHƯA CÓ {KIND_TITLES.get(kind, kind)}: {reason}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
