from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from documents import registry
from members.access import get_year_for_user
from pledges import excel, selectors
from pledges.charts import ranking_chart
from pledges.views.common import XLSX, year_context


@login_required
def ranking(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    page = selectors.ranking_page(bloc_year)
    rows = page.rows
    context = year_context(
        bloc_year,
        access,
        rows=rows,
        chart=ranking_chart(rows, title=str(bloc_year)),
        settings=page.settings,
        progress=page.progress,
        has_previous=any(r.previous_rank is not None for r in rows),
        demo_note=page.demo_note,
    )
    return render(request, "pledges/ranking.html", context)


@login_required
def ranking_pdf(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    return registry.response("ranking", bloc_year, inline=False)


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def ranking_xlsx(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    return _xlsx(
        excel.ranking_xlsx(bloc_year), f"xep-hang-{bloc_year.bloc.slug}-{bloc_year.year}.xlsx"
    )


@login_required
def table(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    context = year_context(bloc_year, access, table=selectors.scoring_table_shown(bloc_year))
    return render(request, "pledges/table.html", context)


@login_required
def table_pdf(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    return registry.response("scoring_table", bloc_year, inline=False)


@login_required
def table_xlsx(request, slug, year):
    bloc_year, access = get_year_for_user(request.user, slug, year)
    return _xlsx(
        excel.table_xlsx(bloc_year), f"bang-diem-{bloc_year.bloc.slug}-{bloc_year.year}.xlsx"
    )
