"""The province's view: /p/<province>/… (members owns /p/<province>/ itself), and the pages of
a bloc's background jobs: /b/<bloc>/jobs/…"""

from django.urls import path

from province import views

app_name = "province"

P = "p/<slug:slug>/"
Y = P + "<int:year>/"
B = "b/<slug:slug>/"

urlpatterns = [
    path(P + "dashboard/", views.dashboard, name="dashboard"),
    path(Y + "deadlines/", views.deadlines, name="deadlines"),
    path(Y + "nominations/", views.nominations, name="nominations"),
    path(Y + "export.xlsx", views.export, name="export"),
    path(Y + "dossier/", views.dossier_start, name="dossier"),
    path(P + "jobs/<int:pk>/", views.job, name="job"),
    path(P + "jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path(P + "jobs/<int:pk>/file/", views.job_file, name="job_file"),
    path(P + "jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
    # A bloc's jobs (a large import), followed by the bloc's secretariat.
    path(B + "jobs/<int:pk>/", views.bloc_job, name="bloc_job"),
    path(B + "jobs/<int:pk>/progress/", views.bloc_job_progress, name="bloc_job_progress"),
    path(B + "jobs/<int:pk>/retry/", views.bloc_job_retry, name="bloc_job_retry"),
    path("account/e-mail/", views.preferences, name="preferences"),
]
