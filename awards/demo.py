"""The demo's year-end meeting of 20/12/2022 as the seed article tells it (shared/seed): 11
members present; Government flag for Hội Khuyến học tỉnh, provincial flag for Liên hiệp các Hội
Khoa học và Kỹ thuật tỉnh, certificates of merit for Hội Chữ thập đỏ tỉnh and Hội Liên hiệp Văn
học Nghệ thuật tỉnh; Hội Chữ thập đỏ tỉnh elected head and Hội Liên hiệp Văn học Nghệ thuật tỉnh
deputy for 2023.

The article gives no tallies, secretary, document numbers or province decisions: those are
INVENTED and labelled so (the meeting's notes, each nomination's note, "MH-" decision numbers).
Runs after members.demo and pledges.demo. Idempotent: rows are found by natural keys and updated."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from awards import rules as rulebook
from awards import selectors, services
from awards.models import (
    AchievementReport,
    AwardRule,
    AwardSettings,
    AwardType,
    Candidate,
    Election,
    Meeting,
    Nomination,
    NominationEvent,
    Vote,
)
from members import demo as members_demo
from members.models import BlocYear
from members.services import bloc_year_set_leadership

TALLY_NOTE = (
    "Dữ liệu minh họa: bài báo về Hội nghị không công bố kết quả kiểm phiếu, thư ký và số biên "
    "bản; các số liệu này do phần mềm tạo ra."
)
DECISION_NOTE = (
    "Dữ liệu minh họa: số, ngày tờ trình và quyết định khen thưởng không công khai; các số "
    "“MH-…” là số mẫu, không phải văn bản thật."
)

KH = "Hội Khuyến học tỉnh"
LHH = "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"
CTD = "Hội Chữ thập đỏ tỉnh"
VHNT = "Hội Liên hiệp Văn học Nghệ thuật tỉnh"

# organization, award, (for, against, abstain), decision (number, date, issuer)
NOMINEES = [
    (
        KH,
        "GOV_FLAG",
        (11, 0, 0),
        ("MH-01/QĐ-TTg", datetime.date(2023, 6, 15), "Thủ tướng Chính phủ"),
    ),
    (
        LHH,
        "PROVINCE_FLAG",
        (11, 0, 0),
        ("MH-101/QĐ-UBND", datetime.date(2023, 1, 30), "Chủ tịch UBND tỉnh Yên Bái"),
    ),
    (
        CTD,
        "MERIT_CERTIFICATE",
        (10, 0, 1),
        ("MH-101/QĐ-UBND", datetime.date(2023, 1, 30), "Chủ tịch UBND tỉnh Yên Bái"),
    ),
    (
        VHNT,
        "MERIT_CERTIFICATE",
        (10, 1, 0),
        ("MH-101/QĐ-UBND", datetime.date(2023, 1, 30), "Chủ tịch UBND tỉnh Yên Bái"),
    ),
]
# post, organization, (for, against, abstain)
CANDIDATES = [("head", CTD, (11, 0, 0)), ("deputy", VHNT, (10, 0, 1))]

RULE_BASES = {
    "GOV_FLAG": "Căn cứ tiêu chuẩn xét tặng Cờ thi đua của Chính phủ quy định tại Luật Thi đua, "
    "Khen thưởng và Nghị định số 91/2017/NĐ-CP;",
    "PROVINCE_FLAG": "Căn cứ Quy chế Thi đua, Khen thưởng của tỉnh Yên Bái;",
    "MERIT_CERTIFICATE": "Căn cứ Quy chế Thi đua, Khen thưởng của tỉnh Yên Bái;",
}

MEETING_DAY = datetime.date(2022, 12, 20)
SUBMITTED_ON = datetime.date(2022, 12, 26)
# One register per issuing body and calendar year (DOMAIN.md §7): the pledge took 01 in
# February, the minutes and the report of 20/12 took 04 and 05, the submission 06.
SUBMISSION_NUMBER = "06/TTr-KTĐ"


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def load() -> None:
    bloc_year = BlocYear.objects.select_related("bloc").get(bloc__slug=members_demo.SLUG, year=2022)
    orgs = {o.name: o for o in bloc_year.bloc.organizations.all()}
    users = {
        u.username: u for u in get_user_model().objects.filter(username__in=["thuky", "truongkhoi"])
    }
    _rules(bloc_year)
    meeting = _meeting(bloc_year, orgs)
    ranks = {row.organization.pk: row for row in selectors.ranking_rows(bloc_year)}
    present = meeting.present.count()
    members = bloc_year.memberships.count()
    for name, code, counts, decision in NOMINEES:
        _nomination(bloc_year, orgs[name], code, counts, decision, ranks, present, members, users)
    _election(bloc_year, orgs, present, members, users.get("thuky"))
    following = BlocYear.objects.get(bloc=bloc_year.bloc, year=2023)
    if (following.head_id, following.deputy_id) != (orgs[CTD].pk, orgs[VHNT].pk):
        bloc_year_set_leadership(bloc_year=following, head=orgs[CTD], deputy=orgs[VHNT])


def _rules(bloc_year) -> None:
    services.year_setup_ensure(bloc_year=bloc_year)
    for code, basis in RULE_BASES.items():
        AwardRule.objects.filter(bloc_year=bloc_year, award_type__code=code).update(
            legal_basis=basis
        )
    AwardSettings.objects.filter(bloc_year=bloc_year).update(
        ballot=AwardSettings.Ballot.SECRET,
        submission_recipient="Hội đồng Thi đua – Khen thưởng tỉnh Yên Bái",
    )


def _meeting(bloc_year, orgs) -> Meeting:
    meeting, _created = Meeting.objects.update_or_create(
        bloc_year=bloc_year,
        defaults={
            "held_on": MEETING_DAY,
            "starts_at": datetime.time(8, 0),
            "ends_at": datetime.time(11, 30),
            "place": "Thành phố Yên Bái",
            "chair": "Nguyễn Bình Minh",
            "chair_title": "Phó Chủ tịch Thường trực Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh, "
            "Trưởng Khối; đồng chủ trì: đồng chí Hà Thị Ngoan, Chủ tịch Hội Chữ thập đỏ tỉnh, "
            "Phó Trưởng Khối",
            "secretary": "Nguyễn Thị Thư",
            "secretary_title": "Văn phòng Khối",
            "guests": "Đồng chí Đinh Xuân Cường, Phó Giám đốc Sở Nội vụ tỉnh Yên Bái",
            "minutes_number": "04/BB-KTĐ",
            "notes": TALLY_NOTE,
        },
    )
    meeting.present.set(
        [m.organization for m in bloc_year.memberships.select_related("organization")]
    )
    return meeting


def _vote_values(rule, counts, present, members) -> dict:
    votes_for, against, abstain = counts
    outcome = rulebook.tally_outcome(
        votes_for=votes_for, voters=present, members=members, rule=rule
    )
    return {
        "votes_for": votes_for,
        "votes_against": against,
        "votes_abstain": abstain,
        "invalid": 0,
        "voters": present,
        "members": members,
        "base": outcome.base,
        "passed": outcome.passed,
        "percent": outcome.percent,
    }


def _nomination(bloc_year, org, code, counts, decision, ranks, present, members, users) -> None:
    award_type = AwardType.objects.get(code=code)
    rule = AwardRule.objects.get(bloc_year=bloc_year, award_type=award_type)
    row = ranks.get(org.pk)
    number, decided_on, issuer = decision
    nomination, _created = Nomination.objects.exclude(
        status=Nomination.Status.WITHDRAWN
    ).update_or_create(
        bloc_year=bloc_year,
        organization=org,
        award_type=award_type,
        defaults={
            "status": Nomination.Status.GRANTED,
            "rank": getattr(row, "rank", None),
            "score": getattr(row, "total", None),
            "submission_number": SUBMISSION_NUMBER,
            "submission_date": SUBMITTED_ON,
            "decision_number": number,
            "decision_date": decided_on,
            "decision_issuer": issuer,
            "granted": True,
            "note": DECISION_NOTE,
        },
    )
    values = _vote_values(rule, counts, present, members)
    Vote.objects.update_or_create(
        nomination=nomination,
        defaults={**values, "bloc_year": bloc_year, "recorded_by": users.get("thuky")},
    )
    _history(nomination, values, users, decision)
    _achievement_report(nomination, users)


# Illustrative wording (the article gives none); the page of each nomination says so in its note.
ACHIEVEMENT_OVERVIEW = (
    "{name} là tổ chức Hội đặc thù, hoạt động theo Điều lệ, chịu sự lãnh đạo của Tỉnh ủy và "
    "sự quản lý nhà nước của Ủy ban nhân dân tỉnh; cơ quan thường trực có các ban chuyên môn "
    "và văn phòng, cán bộ phần lớn làm việc kiêm nhiệm."
)
ACHIEVEMENT_TEXT = (
    "Năm {year}, đơn vị hoàn thành các chỉ tiêu đã đăng ký trong giao ước thi đua của Khối.\n"
    "Đơn vị chủ động phát động các phong trào thi đua chuyên đề, phát hiện và nhân rộng các "
    "điển hình tiên tiến trong hội viên.\n"
    "Đơn vị thực hiện đầy đủ chế độ thông tin, báo cáo và tham gia tích cực các hoạt động chung "
    "của Khối."
)


def _achievement_report(nomination, users) -> None:
    """Each nominee's achievement report, written before the submission and confirmed by the
    head unit; part III fills itself from the (earlier) award history."""
    AchievementReport.objects.update_or_create(
        nomination=nomination,
        defaults={
            "issued_on": datetime.date(2022, 12, 22),
            "overview": ACHIEVEMENT_OVERVIEW.format(name=nomination.organization.name),
            "achievements": ACHIEVEMENT_TEXT.format(year=nomination.bloc_year.year),
            "confirmed_at": _at(datetime.date(2022, 12, 23), 10),
            "confirmed_by": users.get("thuky"),
        },
    )


def _history(nomination, values, users, decision) -> None:
    S, A = Nomination.Status, NominationEvent.Action
    number, decided_on, issuer = decision
    steps = [
        (A.PROPOSE, "", S.PROPOSED, _at(datetime.date(2022, 12, 16), 9), "thuky", ""),
        (
            A.TALLY,
            S.PROPOSED,
            S.VOTED,
            _at(MEETING_DAY, 10),
            "thuky",
            f"{values['votes_for']}/{values['base']} phiếu đồng ý (minh họa).",
        ),
        (A.APPROVE, S.VOTED, S.APPROVED, _at(datetime.date(2022, 12, 22), 14), "truongkhoi", ""),
        (
            A.SUBMIT,
            S.APPROVED,
            S.SUBMITTED,
            _at(SUBMITTED_ON, 9),
            "thuky",
            f"Tờ trình số {SUBMISSION_NUMBER} ngày {SUBMITTED_ON:%d/%m/%Y}",
        ),
        (
            A.DECISION,
            S.SUBMITTED,
            S.GRANTED,
            _at(decided_on, 15),
            "thuky",
            f"Quyết định số {number} ngày {decided_on:%d/%m/%Y}, {issuer} (minh họa)",
        ),
    ]
    for action, from_status, to_status, at, username, reason in steps:
        NominationEvent.objects.update_or_create(
            nomination=nomination,
            action=action,
            defaults={
                "from_status": from_status,
                "to_status": to_status,
                "at": at,
                "by": users.get(username),
                "reason": reason,
            },
        )


def _election(bloc_year, orgs, present, members, secretary) -> None:
    settings = AwardSettings.objects.get(bloc_year=bloc_year)
    election, _created = Election.objects.update_or_create(
        bloc_year=bloc_year,
        defaults={
            "round": 1,
            "head": orgs[CTD],
            "deputy": orgs[VHNT],
            "applied_at": _at(MEETING_DAY, 11),
            "applied_by": secretary,
        },
    )
    for post, name, counts in CANDIDATES:
        candidate, _created = Candidate.objects.update_or_create(
            election=election,
            post=post,
            organization=orgs[name],
            defaults={"by_rotation": post == "head" and bloc_year.deputy_id == orgs[name].pk},
        )
        values = _vote_values(settings, counts, present, members)
        Vote.objects.update_or_create(
            candidate=candidate,
            round=1,
            defaults={**values, "bloc_year": bloc_year, "recorded_by": secretary},
        )
