"""The year-end report and the dossier, as registered document kinds ("report", "dossier").

The report's preview page and its PDF render the same template with the same context."""

import hashlib
import io
import zipfile

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from awards import selectors as awards_selectors
from awards.printing import achievement_document, dossier_attachments, voting_words
from documents import registry
from documents.layout import Signature, bloc_header, bloc_name_for_year, header_context
from documents.register import bloc_number
from documents.rendering import Rendered, render_pdf
from khoithidua import outline, selectors
from khoithidua.models import ReportSection, YearReport
from members.models import BlocYear
from members.selectors import head_signature
from pledges import selectors as pledges_selectors
from pledges.printing import scoring_words

REPORT_TEMPLATE = "khoithidua/report_print.html"


def _draft_report(bloc_year: BlocYear) -> tuple[YearReport, list[ReportSection]]:
    """No report written yet: the usual outline, unsaved, so a draft can still be printed."""
    report = YearReport(bloc_year=bloc_year, recipients=outline.default_recipients(bloc_year.bloc))
    sections = [ReportSection(**row) for row in outline.default_sections(bloc_year.year)]
    return report, sections


def _signature(report: YearReport, bloc_year: BlocYear) -> Signature:
    if report.is_signed_off:
        return Signature(
            prefix=report.signer_prefix, title=report.signer_position, name=report.signer_name
        )
    return head_signature(bloc_year)


def report_context(bloc_year: BlocYear, *, report: YearReport | None = None) -> dict:
    report = report or selectors.report_of_year(bloc_year)
    if report is None:
        report, sections = _draft_report(bloc_year)
    else:
        sections = selectors.sections_of(report)
    data = selectors.year_data(bloc_year).as_of(report.issued_on)
    scoring = pledges_selectors.scoring_settings(bloc_year)
    year = bloc_year.year
    context = header_context(
        **bloc_header(bloc_year),
        number=report_number(report),
        symbol=f"BC-{awards_selectors.document_symbol(bloc_year)}",
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
            "voting": voting_words(awards_selectors.settings_of_year(bloc_year)),
            "tie_rule": _tie_rule_if_it_decided(scoring, data.ranking),
            "scoring_words": scoring_words(scoring, bloc_year.bloc),
        }
    )
    return context


def report_number(report: YearReport, *, issue: bool = False) -> str:
    """The report's number in the head unit's register (reserved at sign-off, its issue)."""
    return bloc_number(
        report.bloc_year,
        "report",
        date=report.issued_on,
        type_code="BC",
        suffix=awards_selectors.document_symbol(report.bloc_year),
        title=f"Báo cáo tổng kết năm {report.bloc_year.year}",
        typed=report.number,
        issue=issue,
    )


def _tie_rule_if_it_decided(scoring, ranking: list) -> str:
    """The tie rule, worded as the settings name it, when two equal totals got different ranks:
    the minutes and the ranking state it, so the report must too."""
    decided = any(
        a.total == b.total and a.rank != b.rank for a, b in zip(ranking, ranking[1:], strict=False)
    )
    if not decided:
        return ""
    return str(scoring.get_tie_rule_display())


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


def _dossier_documents(bloc_year: BlocYear) -> list[tuple[str, str, Rendered | None, str]]:
    """(kind, title, rendered or None, why missing) in filing order: the submission, then
    exactly the attachments it lists (awards.printing.dossier_attachments)."""
    wanted = [{"kind": "submission", "title": "Tờ trình đề nghị khen thưởng"}]
    wanted += dossier_attachments(bloc_year)
    documents = []
    for item in wanted:
        try:
            if item["kind"] == "achievement":
                rendered = achievement_document(item["nomination"])
            else:
                rendered = registry.render(item["kind"], bloc_year)
        except registry.UnknownKind:
            documents.append((item["kind"], item["title"], None, "chưa có mẫu văn bản này"))
            continue
        except ValidationError as error:
            documents.append((item["kind"], item["title"], None, "; ".join(error.messages)))
            continue
        documents.append((item["kind"], item["title"], rendered, ""))
    return documents


def render_dossier(bloc_year: BlocYear) -> Rendered:
    """One ZIP with the submission and each attachment it lists, each as PDF and Word (.docx),
    and an index (00-danh-muc.txt) naming every file and anything missing."""
    files, missing = [], []
    for order, (_kind, title, rendered, reason) in enumerate(
        _dossier_documents(bloc_year), start=1
    ):
        if rendered is None:
            missing.append((title, reason))
            continue
        stem = f"{order:02d}-{rendered.filename.removesuffix('.pdf')}"
        files.append((f"{stem}.pdf", title, rendered.content))
        if rendered.docx:
            files.append((f"{stem}.docx", title, rendered.docx))
    listing = _listing(bloc_year, files, missing)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, _title, content in [("00-danh-muc.txt", "listing", listing), *files]:
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
                {"name": name, "title": title, "sha256": hashlib.sha256(content).hexdigest()}
                for name, title, content in files
            ],
            "missing": [{"title": title, "reason": reason} for title, reason in missing],
        },
    )


def _listing(bloc_year: BlocYear, files: list, missing: list) -> bytes:
    lines = [f"HỒ SƠ THI ĐUA, KHEN THƯỞNG NĂM {bloc_year.year}", bloc_year.bloc.name, ""]
    for name, title, content in files:
        digest = hashlib.sha256(content).hexdigest()
        lines.append(f"- {name}: {title} (SHA-256 {digest})")
    for title, reason in missing:
        lines.append(f"- CHƯA CÓ {title}: {reason}")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
