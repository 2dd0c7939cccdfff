from django.urls import path

from pledges.views import criteria, pledge, ranking, sheets, workbooks

app_name = "pledges"

Y = "b/<slug:slug>/<int:year>/"

urlpatterns = [
    path(Y + "pledge/", pledge.pledge_detail, name="pledge"),
    path(Y + "pledge/edit/", pledge.pledge_edit, name="pledge_edit"),
    path(Y + "pledge/sign/", pledge.pledge_sign, name="pledge_sign"),
    path(Y + "pledge/targets/<int:org>/", pledge.pledge_targets, name="pledge_targets"),
    path(Y + "pledge/pdf/", pledge.pledge_pdf, name="pledge_pdf"),
    path(Y + "criteria/", criteria.criteria_list, name="criteria"),
    path(Y + "criteria/copy/", criteria.criteria_copy, name="criteria_copy"),
    path(Y + "criteria/import/", criteria.criteria_import, name="criteria_import"),
    path(Y + "criteria/export.xlsx", criteria.criteria_export, name="criteria_export"),
    path(Y + "criteria/sections/new/", criteria.section_edit, name="section_new"),
    path(Y + "criteria/sections/<int:pk>/edit/", criteria.section_edit, name="section_edit"),
    path(Y + "criteria/sections/<int:pk>/delete/", criteria.section_delete, name="section_delete"),
    path(Y + "criteria/new/", criteria.criterion_edit, name="criterion_new"),
    path(Y + "criteria/<int:pk>/edit/", criteria.criterion_edit, name="criterion_edit"),
    path(Y + "criteria/<int:pk>/delete/", criteria.criterion_delete, name="criterion_delete"),
    path(Y + "scoring/settings/", criteria.scoring_settings, name="scoring_settings"),
    path(Y + "sheets/", sheets.sheet_list, name="sheets"),
    path(Y + "sheets/finalize/", sheets.sheets_finalize, name="sheets_finalize"),
    path(Y + "sheets/start/", sheets.sheets_start, name="sheets_start"),
    path(Y + "sheets/export.xlsx", workbooks.sheets_xlsx, name="sheets_xlsx"),
    path(Y + "sheets/cross.xlsx", workbooks.cross_xlsx, name="cross_xlsx"),
    path(Y + "sheets/import/", workbooks.scores_import, name="scores_import"),
    path(Y + "sheets/<int:pk>/export.xlsx", workbooks.sheet_xlsx, name="sheet_xlsx"),
    path(Y + "sheets/<int:pk>/", sheets.sheet_detail, name="sheet"),
    path(Y + "sheets/<int:pk>/save/", sheets.sheet_save, name="sheet_save"),
    path(Y + "sheets/<int:pk>/rows/<int:criterion>/", sheets.sheet_row, name="sheet_row"),
    path(
        Y + "sheets/<int:pk>/rows/<int:criterion>/evidence/",
        sheets.sheet_evidence,
        name="sheet_evidence",
    ),
    path(Y + "sheets/<int:pk>/submit/", sheets.sheet_submit, name="sheet_submit"),
    path(Y + "sheets/<int:pk>/review/", sheets.sheet_review, name="sheet_review"),
    path(Y + "sheets/<int:pk>/cross/", sheets.sheet_cross, name="sheet_cross"),
    path(Y + "sheets/<int:pk>/return/", sheets.sheet_return, name="sheet_return"),
    path(Y + "sheets/<int:pk>/finalize/", sheets.sheet_finalize, name="sheet_finalize"),
    path(
        Y + "sheets/<int:pk>/evidence/<int:evidence_pk>/",
        sheets.evidence_download,
        name="evidence",
    ),
    path(
        Y + "sheets/<int:pk>/evidence/<int:evidence_pk>/delete/",
        sheets.evidence_delete,
        name="evidence_delete",
    ),
    path(Y + "ranking/", ranking.ranking, name="ranking"),
    path(Y + "ranking/pdf/", ranking.ranking_pdf, name="ranking_pdf"),
    path(Y + "ranking/export.xlsx", ranking.ranking_xlsx, name="ranking_xlsx"),
    path(Y + "table/", ranking.table, name="table"),
    path(Y + "table/pdf/", ranking.table_pdf, name="table_pdf"),
    path(Y + "table/export.xlsx", ranking.table_xlsx, name="table_xlsx"),
]
