"""Permission-matrix rows for pledges, criteria, score sheets and the ranking (tests/matrix.py
explains the defaults).

The shared world's year is in phase "scoring" with head review: its criteria are frozen. Criteria
editing is therefore checked on `setup_year` (phase "pledge", five years back), and cross-scoring
on `cross_year` (the year before that, in review with cross-scoring), so the shared year stays as
the other apps expect it."""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import BlocYear, Membership
from pledges.models import Evidence, ScoreSheet, ScoringSettings
from tests.factories import BlocYearFactory
from tests.matrix import EVERYONE, MANAGERS, PROVINCE, Case
from tests.pledges.factories import criteria_table, pledge_with_targets, sheet_with_points

REVIEWERS = frozenset({"leader", "secretariat", "admin"})
OWN_OR_MANAGE = MANAGERS | {"member"}
EVIDENCE_NAME = "evidence/matrix/minh-chung.pdf"


def _evidence(score, user=None) -> Evidence:
    # A fixed small file: the matrix reads it, never changes it (deletes are rolled back).
    name = EVIDENCE_NAME
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(b"%PDF-1.4\n% minh chung\n"))
    return Evidence.objects.create(
        score=score,
        file=name,
        original_name="minh-chung.pdf",
        size=24,
        content_type="application/pdf",
        uploaded_by=user,
    )


def _year_like(world, year: int, phase: str) -> BlocYear:
    other = BlocYearFactory(bloc=world.bloc, year=year, phase=phase)
    Membership.objects.bulk_create(
        Membership(bloc_year=other, organization_id=m.organization_id, position=m.position)
        for m in world.bloc_year.memberships.all()
    )
    return other


def build(world):
    year = world.bloc_year
    orgs = [m.organization for m in year.memberships.order_by("position")]
    criteria = criteria_table(year, scored=2)
    world.criterion = criteria[0]
    world.pledge = pledge_with_targets(year, criterion=world.criterion)
    world.member_org = orgs[2]
    full = {c: "1" if c.kind != "deduction" else "0" for c in criteria}
    world.own_sheet = sheet_with_points(year, orgs[2], full)
    world.other_sheet = sheet_with_points(year, orgs[3], full, status=ScoreSheet.Status.SUBMITTED)
    world.other_evidence = _evidence(world.other_sheet.scores.first())
    world.own_evidence = _evidence(world.own_sheet.scores.first())

    world.cross_year = _year_like(world, year.year - 6, BlocYear.Phase.REVIEW)
    ScoringSettings.objects.create(
        bloc_year=world.cross_year, review_mode=ScoringSettings.ReviewMode.CROSS
    )
    cross_criteria = criteria_table(world.cross_year, scored=2)
    world.cross_sheet = sheet_with_points(
        world.cross_year,
        orgs[3],
        {c: "1" if c.kind != "deduction" else "0" for c in cross_criteria},
        status=ScoreSheet.Status.SUBMITTED,
    )

    world.cross_scorer = orgs[1]
    world.setup_year = _year_like(world, year.year - 5, BlocYear.Phase.PLEDGE)
    setup = criteria_table(world.setup_year, scored=2)
    world.setup_criterion = setup[0]
    world.setup_section = setup[0].section
    assert world.own_sheet.scores.filter(self_points=Decimal("1")).exists()


def y(world, suffix="", year=None):
    return f"/b/{world.bloc.slug}/{(year or world.bloc_year).year}/{suffix}"


def s(world, suffix=""):
    return y(world, suffix, world.setup_year)


CASES = [
    # The pledge.
    Case("pledges:pledge", lambda w: y(w, "pledge/")),
    Case("pledges:pledge_edit", lambda w: y(w, "pledge/edit/"), allowed=MANAGERS),
    Case("pledges:pledge_sign", lambda w: y(w, "pledge/sign/"), method="post", allowed=MANAGERS),
    Case(
        "pledges:pledge_targets",
        lambda w: y(w, f"pledge/targets/{w.member_org.pk}/"),
        allowed=MANAGERS,
        # The member may only enter its figures once the pledge is signed; others' → 404.
        expect={"member": 403, "leader": 404, "observer": 404},
    ),
    Case("pledges:pledge_pdf", lambda w: y(w, "pledge/pdf/")),
    # Criteria: read in the shared year, edited in the setup year (not frozen).
    Case("pledges:criteria", lambda w: y(w, "criteria/")),
    Case("pledges:criteria_export", lambda w: y(w, "criteria/export.xlsx")),
    Case(
        "pledges:criteria_copy",
        lambda w: s(w, "criteria/copy/"),
        method="post",
        allowed=MANAGERS,  # from the year before: cross_year
    ),
    Case("pledges:criteria_import", lambda w: s(w, "criteria/import/"), allowed=MANAGERS),
    Case("pledges:section_new", lambda w: s(w, "criteria/sections/new/"), allowed=MANAGERS),
    Case(
        "pledges:section_edit",
        lambda w: s(w, f"criteria/sections/{w.setup_section.pk}/edit/"),
        allowed=MANAGERS,
    ),
    Case(
        "pledges:section_delete",
        lambda w: s(w, f"criteria/sections/{w.setup_section.pk}/delete/"),
        method="post",
        allowed=MANAGERS,
    ),
    Case("pledges:criterion_new", lambda w: s(w, "criteria/new/"), allowed=MANAGERS),
    Case(
        "pledges:criterion_edit",
        lambda w: s(w, f"criteria/{w.setup_criterion.pk}/edit/"),
        allowed=MANAGERS,
    ),
    Case(
        "pledges:criterion_delete",
        lambda w: s(w, f"criteria/{w.setup_criterion.pk}/delete/"),
        method="post",
        allowed=MANAGERS,
    ),
    # The province office too: once a sheet is final only it may change the bands (with a reason).
    Case(
        "pledges:scoring_settings",
        lambda w: y(w, "scoring/settings/"),
        allowed=MANAGERS | PROVINCE,
    ),
    # Sheets.
    Case("pledges:sheets", lambda w: y(w, "sheets/")),
    # Those who fill sheets open the missing ones; observers read only.
    Case(
        "pledges:sheets_start",
        lambda w: y(w, "sheets/start/"),
        method="post",
        allowed=frozenset({"member", "leader", "secretariat", "admin"}),
    ),
    Case(
        "pledges:sheets_finalize",
        lambda w: y(w, "sheets/finalize/"),
        method="post",
        allowed=REVIEWERS,
    ),
    Case(
        "pledges:sheet",
        lambda w: y(w, f"sheets/{w.own_sheet.pk}/"),
        # A draft is seen by its member, the secretariat and observers; another member → 404.
        expect={"leader": 404},
    ),
    Case(
        "pledges:sheet_row",
        lambda w: y(w, f"sheets/{w.own_sheet.pk}/rows/{w.criterion.pk}/"),
        method="post",
        allowed=OWN_OR_MANAGE,
        data=lambda w: {
            f"c{w.criterion.pk}-points": "5",
            f"c{w.criterion.pk}-note": "",
            f"c{w.criterion.pk}-version": 0,
        },
        expect={"leader": 404, "observer": 404},
    ),
    Case(
        "pledges:sheet_save",
        lambda w: y(w, f"sheets/{w.own_sheet.pk}/save/"),
        method="post",
        allowed=OWN_OR_MANAGE,
        data=lambda w: {
            f"c{w.criterion.pk}-points": "5",
            f"c{w.criterion.pk}-note": "",
            f"c{w.criterion.pk}-version": 0,
        },
        expect={"leader": 404, "observer": 404},
    ),
    Case(
        "pledges:sheet_evidence",
        lambda w: y(w, f"sheets/{w.own_sheet.pk}/rows/{w.criterion.pk}/evidence/"),
        method="post",
        allowed=OWN_OR_MANAGE,
        data=lambda w: {"evidence": SimpleUploadedFile("minh-chung.pdf", b"%PDF-1.4\n")},
        expect={"leader": 404, "observer": 404},
    ),
    Case("pledges:sheets_xlsx", lambda w: y(w, "sheets/export.xlsx")),
    Case(
        "pledges:sheet_xlsx",
        lambda w: y(w, f"sheets/{w.own_sheet.pk}/export.xlsx"),
        expect={"leader": 404},
    ),
    Case(
        "pledges:cross_xlsx",
        lambda w: y(w, f"sheets/cross.xlsx?scorer={w.cross_scorer.pk}", w.cross_year),
        # A member's own workbook (the scorer asked for is ignored); the secretariat picks one.
        allowed=MANAGERS | {"member", "leader"},
    ),
    Case(
        "pledges:scores_import",
        lambda w: y(w, "sheets/import/"),
        allowed=MANAGERS | {"member", "leader"},
    ),
    Case(
        "pledges:sheet_submit",
        lambda w: y(w, f"sheets/{w.own_sheet.pk}/submit/"),
        method="post",
        allowed=OWN_OR_MANAGE,
        data=lambda w: {"version": w.own_sheet.version},
        expect={"leader": 404, "observer": 404},
    ),
    Case(
        "pledges:sheet_review",
        lambda w: y(w, f"sheets/{w.other_sheet.pk}/review/"),
        allowed=REVIEWERS,
    ),
    Case(
        "pledges:sheet_cross",
        lambda w: y(w, f"sheets/{w.cross_sheet.pk}/cross/", w.cross_year),
        # Members (and the secretariat for them) score each other; observers do not.
        allowed=EVERYONE - {"observer"},
    ),
    Case(
        "pledges:sheet_return",
        lambda w: y(w, f"sheets/{w.other_sheet.pk}/return/"),
        allowed=REVIEWERS,
    ),
    Case(
        "pledges:sheet_finalize",
        lambda w: y(w, f"sheets/{w.other_sheet.pk}/finalize/"),
        method="post",
        allowed=REVIEWERS,
    ),
    Case(
        "pledges:evidence",
        lambda w: y(w, f"sheets/{w.other_sheet.pk}/evidence/{w.other_evidence.pk}/"),
    ),
    Case(
        "pledges:evidence_delete",
        lambda w: y(w, f"sheets/{w.own_sheet.pk}/evidence/{w.own_evidence.pk}/delete/"),
        method="post",
        allowed=OWN_OR_MANAGE,
        expect={"leader": 404, "observer": 404},
    ),
    # Ranking and table.
    Case("pledges:ranking", lambda w: y(w, "ranking/")),
    Case("pledges:ranking_pdf", lambda w: y(w, "ranking/pdf/")),
    Case("pledges:ranking_xlsx", lambda w: y(w, "ranking/export.xlsx")),
    Case("pledges:table", lambda w: y(w, "table/")),
    Case("pledges:table_pdf", lambda w: y(w, "table/pdf/")),
    Case("pledges:table_xlsx", lambda w: y(w, "table/export.xlsx")),
]
