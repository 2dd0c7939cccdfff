"""The printed documents of awards (Decree 30/2020 layout, DOMAIN.md §5): the minutes of the
year-end meeting (Biên bản) and the submission to the province (Tờ trình). Each context
function serves the on-screen preview and the PDF; the render functions are registered for
`render_document` as "minutes" and "submission"."""

from django.utils import translation

from awards import selectors
from awards.models import AwardSettings, Candidate, Nomination
from documents import registry
from documents.dates import lines_known_on
from documents.layout import (
    Signature,
    bloc_header,
    bloc_superior_lines,
    bloc_title,
    header_context,
    upper,
    with_province,
)
from documents.register import bloc_number
from documents.rendering import Rendered, render_pdf
from members.models import BlocYear, vn_slugify
from members.selectors import (
    deputy_signature,
    head_signature,
    organization_signature,
    signer_of,
)

Status = Nomination.Status
SUBMITTED_OR_LATER = [Status.APPROVED, Status.SUBMITTED, Status.GRANTED, Status.NOT_GRANTED]
# The voting method as every document words it (document text, Vietnamese by nature): the
# method, and the words of its three counts (for, against, the third kind of ballot).
BALLOT_WORDS = {
    AwardSettings.Ballot.SECRET: "bỏ phiếu kín",
    AwardSettings.Ballot.OPEN: "biểu quyết giơ tay",
}
COUNT_WORDS = {
    AwardSettings.Ballot.SECRET: ("đồng ý", "không đồng ý", "phiếu không hợp lệ"),
    AwardSettings.Ballot.OPEN: ("tán thành", "không tán thành", "không biểu quyết"),
}


def voting_words(settings) -> dict:
    """The one place documents read the voting method from (the minutes, the report)."""
    ballot = settings.ballot if settings else AwardSettings.Ballot.SECRET
    agree, disagree, other = COUNT_WORDS.get(ballot, COUNT_WORDS[AwardSettings.Ballot.SECRET])
    secret = settings is None or settings.secret
    return {
        "method": BALLOT_WORDS.get(ballot, "bỏ phiếu"),
        # What is counted: ballots in secret, members raising their hands in the open.
        "counted": "phiếu" if secret else "đơn vị",
        "secret": secret,
        "agree": agree,
        "disagree": disagree,
        "other": other,
    }


def full_name(organization, province: str) -> str:
    """ "Hội Khuyến học tỉnh" → "Hội Khuyến học tỉnh Yên Bái" on a document of that year."""
    return with_province(organization.name, province)


def bloc_name(bloc_year: BlocYear) -> str:
    return f"{bloc_title(bloc_year)} tỉnh {bloc_year.province_name}".strip()


def _slug(bloc_year: BlocYear) -> str:
    return f"{bloc_year.bloc.slug}-{bloc_year.year}"


def _symbol(kind: str, bloc_year: BlocYear) -> str:
    return f"{kind}-{selectors.document_symbol(bloc_year)}"


def _nominee(nomination, bloc_year) -> dict:
    """One nominee as the documents name it: a flag's nominee is named as leading the bloc."""
    leads = ""
    # Only the first-ranked member leads the bloc; a flag for another member names no lead.
    if nomination.award_type.names_leading_bloc and nomination.rank == 1:
        leads = f"đơn vị dẫn đầu phong trào thi đua {bloc_name(bloc_year)} năm {bloc_year.year}"
    return {
        "nomination": nomination,
        "name": full_name(nomination.organization, bloc_year.province_name),
        "leads": leads,
        "award": nomination.award_type.name,
        "vote": nomination.tally,
    }


def _grouped(nominees: list[dict]) -> list[dict]:
    groups: list[dict] = []
    for nominee in nominees:
        if not groups or groups[-1]["award"] != nominee["award"]:
            groups.append({"award": nominee["award"], "nominees": []})
        groups[-1]["nominees"].append(nominee)
    for index, group in enumerate(groups):
        group["count"] = f"{len(group['nominees']):02d}"
        group["letter"] = "abcdđeghiklmnopqrstuvxy"[index % 23]  # a), b), … đ) as documents do
    return groups


# --- minutes ----------------------------------------------------------------------------------


def minutes_number(bloc_year: BlocYear, meeting, *, issue: bool = False) -> str:
    """The minutes' number in the head unit's register (reserved when the meeting is recorded)."""
    return bloc_number(
        bloc_year,
        "minutes",
        date=meeting.held_on,
        type_code="BB",
        suffix=selectors.document_symbol(bloc_year),
        title=f"Biên bản Hội nghị tổng kết năm {bloc_year.year}",
        typed=meeting.minutes_number,
        issue=issue,
    )


def minutes_context(bloc_year: BlocYear) -> dict:
    meeting = selectors.meeting_of_year(bloc_year)
    settings = selectors.settings_of_year(bloc_year)
    election = selectors.election_of_year(bloc_year)
    nominations = [n for n in selectors.nominations_of_year(bloc_year) if n.tally is not None]
    nominees = [_nominee(n, bloc_year) for n in nominations]
    passed = [n for n in nominees if n["vote"].passed]
    words = bloc_year.bloc.words
    context = header_context(
        **bloc_header(bloc_year),
        number=minutes_number(bloc_year, meeting) if meeting else "",
        symbol=_symbol("BB", bloc_year),
        place=bloc_year.place_name,
        date=meeting.held_on if meeting else None,
        doc_type="Biên bản",
        summary=[
            f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {bloc_year.year};",
            f"bình xét, suy tôn khen thưởng và bầu {words.head}, {words.deputy} "
            f"năm {bloc_year.year + 1}",
        ],
        title=f"Biên bản Hội nghị tổng kết năm {bloc_year.year}",
    )
    context.update(
        {
            "bloc_year": bloc_year,
            "bloc_name": bloc_name(bloc_year),
            "meeting": meeting,
            "present_names": [
                full_name(o, bloc_year.province_name) for o in getattr(meeting, "present_list", [])
            ],
            "absent_names": [
                full_name(o, bloc_year.province_name) for o in getattr(meeting, "absent_list", [])
            ],
            "voting": voting_words(settings),
            "rounds": [
                {
                    "label": words.head if post["post"] == Candidate.Post.HEAD else words.deputy,
                    "rounds": [
                        {
                            "number": r["number"],
                            "rows": [
                                (full_name(org, bloc_year.province_name), vote)
                                for org, vote in r["rows"]
                            ],
                        }
                        for r in post["rounds"]
                    ],
                }
                for post in selectors.election_rounds(election)
            ],
            "nominees": nominees,
            "passed_groups": _grouped(passed),
            "election": election,
            "elected_head": full_name(election.head, bloc_year.province_name)
            if election and election.head
            else "",
            "elected_deputy": full_name(election.deputy, bloc_year.province_name)
            if election and election.deputy
            else "",
            "next_year": bloc_year.year + 1,
        }
    )
    return context


def render_minutes(bloc_year: BlocYear) -> Rendered:
    with translation.override("vi"):
        return render_pdf(
            "awards/print/minutes.html",
            minutes_context(bloc_year),
            f"bien-ban-hoi-nghi-tong-ket-{_slug(bloc_year)}.pdf",
        )


# --- submission -------------------------------------------------------------------------------


def _legal_bases(bloc_year: BlocYear, award_type_ids: set[int], date) -> list[str]:
    lines = list(bloc_year.legal_basis_lines())
    for rule in selectors.rules_of_year(bloc_year):
        if rule.award_type_id in award_type_ids:
            lines.extend(line for line in rule.legal_basis_lines() if line not in lines)
    return lines_known_on(date, lines)


def submission_number(bloc_year: BlocYear, *, date, typed: str, issue: bool = False) -> str:
    """The submission's number in the head unit's register (reserved when it is submitted)."""
    return bloc_number(
        bloc_year,
        "submission",
        date=date,
        type_code="TTr",
        suffix=selectors.document_symbol(bloc_year),
        title=f"Tờ trình đề nghị khen thưởng năm {bloc_year.year}",
        typed=typed,
        issue=issue,
    )


def submission_context(bloc_year: BlocYear) -> dict:
    settings = selectors.settings_of_year(bloc_year)
    meeting = selectors.meeting_of_year(bloc_year)
    nominations = list(selectors.nominations_by_status(bloc_year, SUBMITTED_OR_LATER))
    groups = _grouped([_nominee(n, bloc_year) for n in nominations])
    submitted = next((n for n in nominations if n.submission_number), None)
    recipient = settings.submission_recipient if settings else ""
    awards = ", ".join(group["award"] for group in groups)
    words = bloc_year.bloc.words
    context = header_context(
        **bloc_header(bloc_year),
        number=submission_number(
            bloc_year,
            date=submitted.submission_date if submitted else None,
            typed=submitted.submission_number if submitted else "",
        ),
        symbol=_symbol("TTr", bloc_year),
        place=bloc_year.place_name,
        date=submitted.submission_date if submitted else None,
        doc_type="Tờ trình",
        summary=f"Về việc đề nghị tặng {awards} năm {bloc_year.year}"
        if awards
        else f"Về việc đề nghị khen thưởng năm {bloc_year.year}",
        recipient_line=f"Kính gửi: {recipient}" if recipient else "",
        recipients=["Như trên;", f"Các đơn vị thành viên {words.short};", "Lưu: VT."],
        signature=head_signature(bloc_year),
        title=f"Tờ trình đề nghị khen thưởng năm {bloc_year.year}",
    )
    context.update(
        {
            "bloc_year": bloc_year,
            "bloc_name": bloc_name(bloc_year),
            "meeting": meeting,
            "recipient": recipient,
            "legal_bases": _legal_bases(
                bloc_year,
                {n.award_type_id for n in nominations},
                submitted.submission_date if submitted else None,
            ),
            "groups": groups,
            "attachments": [a["title"] for a in dossier_attachments(bloc_year)],
        }
    )
    return context


def render_submission(bloc_year: BlocYear) -> Rendered:
    with translation.override("vi"):
        return render_pdf(
            "awards/print/submission.html",
            submission_context(bloc_year),
            f"to-trinh-khen-thuong-{_slug(bloc_year)}.pdf",
        )


CONTEXTS = {"minutes": minutes_context, "submission": submission_context}
TEMPLATES = {"minutes": "awards/print/minutes.html", "submission": "awards/print/submission.html"}


# --- achievement reports ----------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def achievement_context(nomination: Nomination) -> dict:
    bloc_year = nomination.bloc_year
    report = getattr(nomination, "achievement_report", None)
    issued_on = report.issued_on if report else None
    membership = signer_of(bloc_year, nomination.organization)
    # The head unit confirms for the bloc, signed as it signs; its own report, the deputy unit.
    deputy_confirms = selectors.achievement_confirmer_id(nomination) != bloc_year.head_id
    head = deputy_signature(bloc_year) if deputy_confirms else head_signature(bloc_year)
    context = header_context(
        issuer_lines=[with_province(nomination.organization.name, bloc_year.province_name)],
        superior_lines=bloc_superior_lines(bloc_year),
        place=bloc_year.place_name,
        date=issued_on,
        doc_type="Báo cáo thành tích",
        summary=f"Đề nghị tặng {nomination.award_type.name} năm {bloc_year.year}",
        signature=organization_signature(membership) if membership else None,
        title=f"Báo cáo thành tích – {nomination.organization.name}",
    )
    context.update(
        {
            "bloc_year": bloc_year,
            "nomination": nomination,
            "report": report,
            "overview_lines": _lines(report.overview if report else ""),
            "achievement_lines": _lines(report.achievements if report else ""),
            "history": selectors.awards_received(nomination.organization, as_of=issued_on),
            "confirmation": Signature(
                prefix=f"XÁC NHẬN CỦA {upper(bloc_year.bloc.words.name)}\n{head.prefix}",
                title=head.title,
                name=head.name,
            ),
        }
    )
    context["doc_number"] = ""  # the nominee's own register is not kept here
    return context


def achievement_filename(nomination: Nomination) -> str:
    """ "bao-cao-thanh-tich-hoi-khuyen-hoc-tinh-co-thi-dua-cua-chinh-phu.pdf": the file goes to
    the province as it is, so it names the nominee and the award in words (cut to a length
    every archive and e-mail client keeps)."""
    org = nomination.organization
    who = vn_slugify(org.abbreviation or org.short_name or org.name)[:60].strip("-")
    award = vn_slugify(nomination.award_type.name)[:50].strip("-")
    return f"bao-cao-thanh-tich-{who or org.pk}-{award}.pdf"


def achievement_key(nomination: Nomination) -> str:
    """Its key among the stored documents: "<bloc>/<year>/achievement/<nomination>"."""
    bloc_year = nomination.bloc_year
    return f"{bloc_year.bloc.slug}/{bloc_year.year}/achievement/{nomination.pk}"


def achievement_document(nomination: Nomination) -> Rendered:
    """What prints for the nominee's achievement report: its kept copy once issued for signing
    (or signed), else a new rendering."""
    return registry.kept_or_rendered(
        achievement_key(nomination),
        "achievement",
        lambda: render_achievement(nomination),
        keep=False,
    )


def render_achievement(nomination: Nomination) -> Rendered:
    with translation.override("vi"):
        return render_pdf(
            "awards/print/achievement.html",
            achievement_context(nomination),
            achievement_filename(nomination),
        )


def dossier_attachments(bloc_year: BlocYear) -> list[dict]:
    """What goes with the submission, in filing order: the minutes, the report, the ranking and
    one achievement report per nominee. The submission lists exactly these, and the dossier
    (khoithidua) packs exactly these: one list serves both."""
    attachments = [
        {"kind": "minutes", "title": "Biên bản Hội nghị tổng kết công tác thi đua, khen thưởng"},
        {
            "kind": "report",
            "title": f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {bloc_year.year}",
        },  # fmt: skip
        {"kind": "ranking", "title": "Bảng tổng hợp kết quả chấm điểm, xếp hạng thi đua"},
    ]
    for nomination in selectors.nominees_with_reports(bloc_year):
        name = full_name(nomination.organization, bloc_year.province_name)
        attachments.append(
            {
                "kind": "achievement",
                "nomination": nomination,
                "title": f"Báo cáo thành tích của {name} (đề nghị tặng "
                f"{nomination.award_type.name})",
            }
        )
    return attachments
