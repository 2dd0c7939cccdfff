"""Pages that compose the apps: the year-end report, the dossier, closing and reopening."""

from django.urls import path

from khoithidua import views

app_name = "khoithidua"

Y = "b/<slug:slug>/<int:year>/"

urlpatterns = [
    path(Y + "report/", views.report_detail, name="report"),
    path(Y + "report/preview/", views.report_preview, name="report_preview"),
    path(Y + "report/pdf/", views.report_pdf, name="report_pdf"),
    path(Y + "report/start/", views.report_start, name="report_start"),
    path(Y + "report/edit/", views.report_edit, name="report_edit"),
    path(Y + "report/sign-off/", views.report_sign_off, name="report_sign_off"),
    path(Y + "dossier/", views.dossier, name="dossier"),
    path(Y + "documents/<slug:kind>.docx", views.document_word, name="document_word"),
    path(Y + "register/", views.register, name="register"),
    path(Y + "export.xlsx", views.year_export, name="year_xlsx"),
    path(Y + "close/", views.year_close, name="close"),
    path(Y + "delete/", views.year_delete, name="year_delete"),
    path(Y + "reopen/", views.year_reopen, name="reopen"),
]
