"""The demo's pledges, criteria and scores (after members.demo.load()).

2022: the signed pledge, a 100-point table of 26 criteria in 5 sections (bonus and deduction items
capped at 3 points each), and final sheets for the 11 members. The real bloc's scores are not
public: these are INVENTED and labelled so on every sheet; they only reproduce the outcome of the
meeting of 20/12/2022 (Hội Khuyến học first, Liên hiệp các Hội KH&KT second, Hội Chữ thập đỏ and
Hội Liên hiệp VHNT next). 2023 is the year a visitor can try: pledge signed, criteria copied from
2022, a few sheets in draft, none submitted.

Idempotent: every row is found by its natural key and updated, never duplicated."""

import datetime
from decimal import Decimal

from django.utils import timezone

from members import demo as members_demo
from members.models import Bloc, BlocYear, Organization
from members.services import COPY_PARTS
from pledges import services
from pledges.models import (
    Criterion,
    Pledge,
    PledgeCommitment,
    PledgeTarget,
    Score,
    ScoreSheet,
    ScoringSettings,
    Section,
)

DEMO_NOTE = "Dữ liệu minh họa: điểm do phần mềm tạo ra, không phải điểm thật của Khối."

# (code, title, [(code, title, kind, max, guidance)])
S, B, D = Criterion.Kind.SCORED, Criterion.Kind.BONUS, Criterion.Kind.DEDUCTION
CRITERIA = [
    (
        "I",
        "Công tác lãnh đạo, chỉ đạo, tổ chức phong trào thi đua",
        [
            (
                "1",
                "Ban hành kế hoạch, hướng dẫn thi đua năm của đơn vị",
                S,
                4,
                "Có kế hoạch trước 31/3: 4 điểm; chậm: 2 điểm; không có: 0.",
            ),
            ("2", "Tổ chức ký kết, đăng ký thi đua trong đơn vị", S, 4, ""),
            ("3", "Phát động các phong trào thi đua chuyên đề, đợt", S, 4, ""),
            ("4", "Sơ kết, tổng kết, nhân rộng điển hình tiên tiến", S, 4, ""),
            (
                "5",
                "Thực hiện chế độ thông tin, báo cáo đúng hạn",
                S,
                4,
                "Mỗi báo cáo chậm trừ 1 điểm.",
            ),
        ],
    ),
    (
        "II",
        "Kết quả thực hiện nhiệm vụ chính trị, chuyên môn",
        [
            (
                "6",
                "Hoàn thành các chỉ tiêu đã đăng ký trong giao ước",
                S,
                6,
                "Theo tỷ lệ chỉ tiêu đạt và vượt.",
            ),
            ("7", "Tuyên truyền, phổ biến chủ trương, chính sách tới hội viên", S, 5, ""),
            ("8", "Tham gia tư vấn, phản biện và giám định xã hội", S, 5, ""),
            ("9", "Vận động nguồn lực xã hội cho hoạt động của Hội", S, 5, ""),
            ("10", "Thực hiện chương trình, đề án, dự án được giao", S, 5, ""),
            ("11", "Ứng dụng công nghệ thông tin, chuyển đổi số", S, 4, ""),
            ("12", "Phối hợp với các cơ quan, đơn vị liên quan", S, 5, ""),
            ("13", "Quản lý, sử dụng kinh phí, tài sản đúng quy định", S, 5, ""),
        ],
    ),
    (
        "III",
        "Xây dựng tổ chức Hội và đội ngũ hội viên",
        [
            ("14", "Phát triển hội viên mới", S, 4, "Đạt chỉ tiêu giao ước: 4 điểm."),
            ("15", "Củng cố, kiện toàn tổ chức Hội các cấp", S, 4, ""),
            ("16", "Bồi dưỡng, tập huấn cán bộ, hội viên", S, 4, ""),
            ("17", "Thực hiện quy chế dân chủ, phòng chống tham nhũng, lãng phí", S, 4, ""),
            ("18", "Công tác thi đua, khen thưởng nội bộ", S, 4, ""),
        ],
    ),
    (
        "IV",
        "Tham gia hoạt động chung của Khối thi đua",
        [
            (
                "19",
                "Tham dự đầy đủ các hội nghị, hoạt động của Khối",
                S,
                5,
                "Vắng không lý do mỗi lần trừ 2 điểm.",
            ),
            ("20", "Thực hiện nhiệm vụ Trưởng, Phó Khối hoặc nhiệm vụ được phân công", S, 5, ""),
            ("21", "Tham gia chấm điểm, bình xét đúng thời hạn", S, 5, ""),
            ("22", "Chia sẻ kinh nghiệm, mô hình hay với các đơn vị trong Khối", S, 5, ""),
        ],
    ),
    (
        "V",
        "Điểm thưởng, điểm trừ",
        [
            ("23", "Có mô hình mới, cách làm hay được cấp có thẩm quyền công nhận", B, 2, ""),
            ("24", "Được khen thưởng đột xuất trong năm", B, 1, ""),
            ("25", "Để xảy ra vi phạm, bị nhắc nhở, phê bình", D, 2, ""),
            ("26", "Nộp hồ sơ thi đua chậm so với quy định", D, 1, ""),
        ],
    ),
]

COMMITMENTS = [
    "Quán triệt, thực hiện nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà "
    "nước; chỉ thị, nghị quyết của Tỉnh ủy, Hội đồng nhân dân, Ủy ban nhân dân tỉnh.",
    "Đẩy mạnh các phong trào thi đua yêu nước gắn với việc học tập và làm theo tư tưởng, đạo "
    "đức, phong cách Hồ Chí Minh; hoàn thành xuất sắc nhiệm vụ chính trị được giao.",
    "Củng cố, phát triển tổ chức Hội vững mạnh; phát triển hội viên mới, nâng cao chất lượng "
    "hoạt động của hội viên.",
    "Phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến, mô hình hay, cách làm hiệu quả.",
    "Tham gia đầy đủ các hoạt động của Khối; thực hiện nghiêm chế độ thông tin, báo cáo và chấm "
    "điểm, bình xét thi đua đúng quy định.",
]

# Final totals (scored, bonus, deduction), invented to give the 2022 meeting's order.
RESULTS_2022 = {
    "Hội Khuyến học tỉnh": ("97.50", "3", "0"),
    "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh": ("96.75", "2", "0"),
    "Hội Chữ thập đỏ tỉnh": ("96.00", "2", "0.5"),
    "Hội Liên hiệp Văn học Nghệ thuật tỉnh": ("95.50", "1", "0"),
    "Hội Nhà báo tỉnh": ("94.25", "1", "0"),
    "Hội Luật gia tỉnh": ("93.50", "1", "0.5"),
    "Hội Cựu Thanh niên xung phong tỉnh": ("93.00", "0", "0"),
    "Liên minh Hợp tác xã tỉnh": ("92.00", "1", "1"),
    "Hội Người mù tỉnh": ("91.25", "0", "0"),
    # Tied on the total with the next member: the tie rule ranks the higher scored total first.
    "Hội Đông y tỉnh": ("90.75", "0", "1"),
    "Hội Nạn nhân chất độc da cam/dioxin tỉnh": ("89.75", "0", "0"),
}
# (text, unit, 2022 target, 2022 achieved, criterion code)
TARGETS = [
    ("Kết nạp hội viên mới", "hội viên", 300, 342, "14"),
    ("Mở lớp tập huấn cho cán bộ, hội viên", "lớp", 4, 5, "16"),
    ("Vận động nguồn lực xã hội", "triệu đồng", 500, 560, "9"),
]
DRAFT_2023 = ["Hội Khuyến học tỉnh", "Hội Chữ thập đỏ tỉnh", "Hội Nhà báo tỉnh"]


def load() -> None:
    bloc = Bloc.objects.get(slug=members_demo.SLUG)
    orgs = {o.name: o for o in bloc.organizations.all()}
    year_2022 = BlocYear.objects.get(bloc=bloc, year=2022)
    year_2023 = BlocYear.objects.get(bloc=bloc, year=2023)
    criteria = _criteria(year_2022)
    ScoringSettings.objects.update_or_create(
        bloc_year=year_2022, defaults={"max_bonus": Decimal(3), "max_deduction": Decimal(3)}
    )
    _pledge(year_2022, orgs, datetime.date(2022, 2, 25), criteria, achieved=True)
    _final_sheets(year_2022, orgs, criteria)

    if not year_2023.criteria_sections.exists():
        services.open_year(source=year_2022, new=year_2023, parts=COPY_PARTS)
    criteria_2023 = {c.code: c for c in Criterion.objects.filter(section__bloc_year=year_2023)}
    ScoringSettings.objects.update_or_create(
        bloc_year=year_2023, defaults={"max_bonus": Decimal(3), "max_deduction": Decimal(3)}
    )
    _pledge(year_2023, orgs, datetime.date(2023, 2, 24), criteria_2023, achieved=False)
    _draft_sheets(year_2023, orgs, criteria_2023)
    services.sheets_ensure(bloc_year=year_2023)  # every member's sheet open, as in a real year


def _criteria(bloc_year: BlocYear) -> dict[str, Criterion]:
    found = {}
    for position, (code, title, rows) in enumerate(CRITERIA, start=1):
        section, _ = Section.objects.update_or_create(
            bloc_year=bloc_year, position=position, defaults={"code": code, "title": title}
        )
        for row_position, (c_code, c_title, kind, maximum, guidance) in enumerate(rows, start=1):
            found[c_code], _ = Criterion.objects.update_or_create(
                section=section,
                position=row_position,
                defaults={
                    "code": c_code,
                    "title": c_title,
                    "kind": kind,
                    "max_points": Decimal(maximum),
                    "guidance": guidance,
                },
            )
    return found


def _pledge(bloc_year, orgs, signed_on, criteria, *, achieved: bool) -> Pledge:
    pledge, _ = Pledge.objects.update_or_create(
        bloc_year=bloc_year,
        defaults={
            "number": "01/GƯTĐ-KTĐ",
            "signed_on": signed_on,
            "place": bloc_year.place_name,
            "is_signed": True,
            "signed_at": timezone.make_aware(
                datetime.datetime.combine(signed_on, datetime.time(9))
            ),
        },
    )
    for position, text in enumerate(COMMITMENTS, start=1):
        PledgeCommitment.objects.update_or_create(
            pledge=pledge, position=position, defaults={"text": text}
        )
    growth = Decimal("1.05") if bloc_year.year > 2022 else Decimal(1)
    for index, org in enumerate(orgs.values()):
        for position, (text, unit, target, done, code) in enumerate(TARGETS, start=1):
            scale = Decimal(1) + Decimal(index % 4) / 10
            value = (Decimal(target) * scale * growth).quantize(Decimal(1))
            PledgeTarget.objects.update_or_create(
                pledge=pledge,
                organization=org,
                position=position,
                defaults={
                    "text": text,
                    "unit": unit,
                    "target_value": value,
                    "achieved_value": (Decimal(done) * scale).quantize(Decimal(1))
                    if achieved
                    else None,
                    "criterion": criteria.get(code),
                },
            )
    return pledge


def _spread(total: Decimal, criteria: list[Criterion], start: int) -> dict[int, Decimal]:
    """Points per scored criterion summing to `total`: full marks, minus the shortfall taken in
    quarter points from criteria in turn, from a place that differs per member (deterministic,
    so the demo is the same every time)."""
    points = {c.pk: c.max_points for c in criteria}
    shortfall = sum(points.values()) - total
    step, index = Decimal("0.25"), start
    while shortfall > 0:
        c = criteria[index % len(criteria)]
        if points[c.pk] >= Decimal(1):
            take = min(step * (1 + index % 3), shortfall)
            points[c.pk] -= take
            shortfall -= take
        index += 1
    return points


def _split(amount: Decimal, criteria: list[Criterion]) -> dict[int, Decimal]:
    points, left = {}, amount
    for c in criteria:
        points[c.pk] = min(left, c.max_points)
        left -= points[c.pk]
    return points


def _final_sheets(bloc_year, orgs, criteria) -> None:
    scored = [c for c in criteria.values() if c.kind == Criterion.Kind.SCORED]
    bonus = [c for c in criteria.values() if c.kind == Criterion.Kind.BONUS]
    deduction = [c for c in criteria.values() if c.kind == Criterion.Kind.DEDUCTION]
    finalized = timezone.make_aware(datetime.datetime(2022, 12, 15, 16, 0))
    for number, (name, (total, plus, minus)) in enumerate(RESULTS_2022.items()):
        sheet, _ = ScoreSheet.objects.update_or_create(
            bloc_year=bloc_year,
            organization=orgs[name],
            defaults={
                "status": ScoreSheet.Status.FINAL,
                "submitted_at": finalized - datetime.timedelta(days=10),
                "finalized_at": finalized,
                "demo_note": DEMO_NOTE,
            },
        )
        points = {
            **_spread(Decimal(total), scored, start=5 * number),
            **_split(Decimal(plus), bonus),
            **_split(Decimal(minus), deduction),
        }
        rows = {}
        for c in criteria.values():
            final = points[c.pk]
            # The member claimed a little more on one criterion; the review corrected it.
            claimed = (
                final + Decimal("0.5") if c.code == "6" and final <= c.max_points - 1 else final
            )
            rows[c] = {
                "max_points": c.max_points,
                "self_points": claimed,
                "reviewed_points": final,
                "review_reason": "Minh chứng chưa đủ cho phần vượt chỉ tiêu."
                if claimed != final
                else "",
                "final_points": final,
                "note": _note(c, orgs[name]),
            }
        _scores_put(sheet, rows)


def _scores_put(sheet: ScoreSheet, rows: dict[Criterion, dict]) -> None:
    """The sheet's scores set to `rows` ({criterion: fields}) in two statements, not one
    update_or_create per row: the demo has 500 scores and loads in every `make run` and in
    many tests."""
    existing = {score.criterion_id: score for score in sheet.scores.all()}
    new, changed = [], []
    for criterion, fields in rows.items():
        score = existing.get(criterion.pk)
        if score is None:
            new.append(Score(sheet=sheet, criterion=criterion, **fields))
            continue
        for field, value in fields.items():
            setattr(score, field, value)
        changed.append(score)
    Score.objects.bulk_create(new)
    if changed:
        Score.objects.bulk_update(changed, list(next(iter(rows.values()))))


def _note(criterion: Criterion, organization: Organization) -> str:
    abbreviation = organization.abbreviation or "Hội"
    return (
        f"Minh chứng: báo cáo số {10 + criterion.position}/BC-{abbreviation} và hồ sơ kèm theo "
        "(dữ liệu minh họa)."
    )


def _draft_sheets(bloc_year, orgs, criteria) -> None:
    ordered = sorted(criteria.values(), key=lambda c: (c.section.position, c.position))
    for count, name in enumerate(DRAFT_2023, start=1):
        sheet, _ = ScoreSheet.objects.update_or_create(
            bloc_year=bloc_year,
            organization=orgs[name],
            defaults={"status": ScoreSheet.Status.DRAFT, "demo_note": DEMO_NOTE},
        )
        # A few first rows filled, more for the earlier members: drafts in progress.
        rows = {
            c: {
                "max_points": c.max_points,
                "self_points": c.max_points if c.kind == Criterion.Kind.SCORED else Decimal(0),
                "note": _note(c, orgs[name]),
            }
            for c in ordered[: 3 * count]
        }
        _scores_put(sheet, rows)
