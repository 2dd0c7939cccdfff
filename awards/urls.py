from django.urls import path

from awards import views

app_name = "awards"

Y = "b/<slug:slug>/<int:year>/awards/"

urlpatterns = [
    path("b/<slug:slug>/awards/", views.bloc_awards, name="bloc_awards"),
    path(Y, views.nominations, name="nominations"),
    path(f"{Y}propose/", views.nomination_propose, name="nomination_propose"),
    path(f"{Y}from-ranking/", views.nominations_from_ranking, name="nominations_from_ranking"),
    path(f"{Y}nominations/<int:pk>/", views.nomination_detail, name="nomination"),
    path(f"{Y}nominations/<int:pk>/tally/", views.nomination_tally, name="nomination_tally"),
    path(f"{Y}nominations/<int:pk>/approve/", views.nomination_approve, name="nomination_approve"),
    path(f"{Y}nominations/<int:pk>/return/", views.nomination_return, name="nomination_return"),
    path(
        f"{Y}nominations/<int:pk>/withdraw/", views.nomination_withdraw, name="nomination_withdraw"
    ),
    path(
        f"{Y}nominations/<int:pk>/decision/", views.nomination_decision, name="nomination_decision"
    ),
    path(f"{Y}nominations/<int:pk>/achievement/", views.achievement_report, name="achievement"),
    path(
        f"{Y}nominations/<int:pk>/achievement/confirm/",
        views.achievement_confirm,
        name="achievement_confirm",
    ),
    path(
        f"{Y}nominations/<int:pk>/achievement.<ext>",
        views.achievement_file,
        name="achievement_file",
    ),
    path(f"{Y}rules/", views.rules, name="rules"),
    path(f"{Y}rules/set-up/", views.rules_set_up, name="rules_set_up"),
    path(f"{Y}rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path(f"{Y}settings/", views.settings_edit, name="settings_edit"),
    path(f"{Y}meeting/", views.meeting, name="meeting"),
    path(f"{Y}meeting/edit/", views.meeting_edit, name="meeting_edit"),
    path(f"{Y}election/", views.election, name="election"),
    path(f"{Y}election/candidates/", views.candidate_add, name="candidate_add"),
    path(
        f"{Y}election/candidates/<int:pk>/remove/",
        views.candidate_remove,
        name="candidate_remove",
    ),
    path(f"{Y}election/candidates/<int:pk>/tally/", views.candidate_tally, name="candidate_tally"),
    path(f"{Y}election/round/", views.election_round, name="election_round"),
    path(f"{Y}election/apply/", views.election_apply, name="election_apply"),
    path(f"{Y}decisions/", views.decisions, name="decisions"),
    path(f"{Y}decisions/submit/", views.submission_mark, name="submission_mark"),
    path(f"{Y}documents/<slug:kind>/", views.document_preview, name="document_preview"),
    path(f"{Y}documents/<slug:kind>.pdf", views.document_pdf, name="document_pdf"),
]
