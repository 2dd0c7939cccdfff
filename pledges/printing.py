"""The printed documents of this app (Decree 30/2020 layout): the pledge, the ranking and the
scoring table. Each function takes a bloc year and returns a documents.rendering.Rendered; the
web views and the `render_document` command call the same functions."""

from django.db.models import Max

from documents.dates import lines_known_on
from documents.layout import bloc_header, document_symbol, header_context
from documents.register import bloc_number
from documents.rendering import Rendered, render_pdf
from members.models import BlocYear
from members.selectors import head_signature, organization_signature
from pledges import selectors
from pledges.charts import ranking_chart
from pledges.models import ScoreSheet, ScoringSettings


def _slug(bloc_year: BlocYear) -> str:
    return f"{bloc_year.bloc.slug}-{bloc_year.year}"


def _pairs(items: list) -> list[list]:
    return [items[i : i + 2] for i in range(0, len(items), 2)]


def pledge_number(pledge, *, issue: bool = False) -> str:
    """The pledge's number in the head unit's register (reserved when it is marked signed)."""
    return bloc_number(
        pledge.bloc_year,
        "pledge",
        date=pledge.signed_on,
        type_code="GƯTĐ",
        suffix=document_symbol(pledge.bloc_year),
        title=f"Bản giao ước thi đua năm {pledge.bloc_year.year}",
        typed=pledge.number,
        issue=issue,
    )


def pledge_context(bloc_year: BlocYear) -> dict:
    pledge = selectors.pledge_of_year(bloc_year)
    place = (pledge.place if pledge and pledge.place else "") or bloc_year.place_name
    date = pledge.signed_on if pledge else None
    members = selectors.targets_by_organization(pledge, bloc_year)
    context = header_context(
        **bloc_header(bloc_year),
        number=pledge_number(pledge) if pledge else "",
        symbol=f"GƯTĐ-{document_symbol(bloc_year)}",
        place=place,
        date=date,
        doc_type="Bản giao ước thi đua",
        summary=f"Năm {bloc_year.year}",
        title=f"Giao ước thi đua năm {bloc_year.year}",
    )
    context.update(
        {
            "bloc_year": bloc_year,
            "pledge": pledge,
            "commitments": list(pledge.commitments.all()) if pledge else [],
            "members": members,
            "signature_rows": _pairs([(m, organization_signature(m)) for m, _targets in members]),
            "legal_bases": lines_known_on(date, bloc_year.legal_basis_lines()),
        }
    )
    return context


def render_pledge(bloc_year: BlocYear) -> Rendered:
    return render_pdf(
        "pledges/print/pledge.html",
        pledge_context(bloc_year),
        f"giao-uoc-thi-dua-{_slug(bloc_year)}.pdf",
    )


# How the final points were reached, as every document words it (the year's review mode).
SCORING_WORDS = {
    ScoringSettings.ReviewMode.HEAD: "kết quả tự chấm điểm của các đơn vị thành viên và kết quả "
    "thẩm định của đơn vị {head}",
    ScoringSettings.ReviewMode.CROSS: "kết quả tự chấm điểm của các đơn vị thành viên và kết quả "
    "chấm chéo giữa các đơn vị",
}


def scoring_words(settings: ScoringSettings, bloc) -> str:
    """The one place documents read the scoring method from (the ranking, the report)."""
    words = SCORING_WORDS.get(settings.review_mode, SCORING_WORDS[ScoringSettings.ReviewMode.HEAD])
    return words.format(head=bloc.words.head)


def _recipients(bloc_year: BlocYear) -> list[str]:
    short = bloc_year.bloc.words.short
    return [f"Các đơn vị thành viên {short};", f"Lưu: VT {short}."]


def _finalized_on(bloc_year: BlocYear):
    last = ScoreSheet.objects.filter(bloc_year=bloc_year).aggregate(last=Max("finalized_at"))
    if last["last"] is None:
        return None
    from django.utils import timezone

    return timezone.localtime(last["last"]).date()


def ranking_context(bloc_year: BlocYear) -> dict:
    settings = selectors.scoring_settings(bloc_year)
    rows = selectors.year_ranking(bloc_year, settings=settings)
    context = header_context(
        **bloc_header(bloc_year),
        symbol=f"BC-{document_symbol(bloc_year)}",
        place=bloc_year.place_name,
        date=_finalized_on(bloc_year),
        doc_type="Bảng tổng hợp",
        summary=f"Kết quả chấm điểm, xếp hạng thi đua năm {bloc_year.year}",
        recipients=_recipients(bloc_year),
        signature=head_signature(bloc_year),
        title=f"Xếp hạng thi đua năm {bloc_year.year}",
    )
    context.update(
        {
            "bloc_year": bloc_year,
            "rows": rows,
            "settings": settings,
            "scoring_words": scoring_words(settings, bloc_year.bloc),
            "scale": selectors.scale_totals(bloc_year),
            "chart": ranking_chart(rows, title=f"Xếp hạng thi đua năm {bloc_year.year}"),
            "has_previous": any(r.previous_rank is not None for r in rows),
        }
    )
    return context


def render_ranking(bloc_year: BlocYear) -> Rendered:
    return render_pdf(
        "pledges/print/ranking.html",
        ranking_context(bloc_year),
        f"xep-hang-thi-dua-{_slug(bloc_year)}.pdf",
    )


def scoring_table_context(bloc_year: BlocYear) -> dict:
    table = selectors.scoring_table(bloc_year)
    context = header_context(
        **bloc_header(bloc_year),
        symbol=f"BC-{document_symbol(bloc_year)}",
        place=bloc_year.place_name,
        date=_finalized_on(bloc_year),
        doc_type="Bảng điểm",
        summary=f"Chấm điểm thi đua năm {bloc_year.year} theo từng tiêu chí",
        recipients=_recipients(bloc_year),
        signature=head_signature(bloc_year),
        title=f"Bảng điểm thi đua năm {bloc_year.year}",
    )
    context.update({"bloc_year": bloc_year, "table": table})
    return context


def render_scoring_table(bloc_year: BlocYear) -> Rendered:
    return render_pdf(
        "pledges/print/scoring_table.html",
        scoring_table_context(bloc_year),
        f"bang-diem-thi-dua-{_slug(bloc_year)}.pdf",
    )
