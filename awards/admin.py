"""The administrator's view of awards. Award types are managed here (the only place to add one);
the year's records are kept by the application's pages, whose services check every rule, so
here they are read-only except the settings rows."""

from django.contrib import admin

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
from members.admin import ClosedYearReadOnly, ScopedAdmin


class ReadOnlyAdmin(ScopedAdmin):
    """Votes, nominations and their history change only through the services (with a trace)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AwardType)
class AwardTypeAdmin(ScopedAdmin):
    list_display = ["name", "code", "level", "precedence", "prize_multiple", "offered_by_default"]
    ordering = ["precedence"]


@admin.register(AwardRule)
class AwardRuleAdmin(ClosedYearReadOnly, ScopedAdmin):
    list_display = ["award_type", "bloc_year", "offered", "quota", "min_rank", "threshold_base"]
    list_filter = ["bloc_year__bloc", "bloc_year__year", "award_type"]
    list_select_related = ["award_type", "bloc_year__bloc"]


@admin.register(AwardSettings)
class AwardSettingsAdmin(ClosedYearReadOnly, ScopedAdmin):
    list_display = ["bloc_year", "ballot", "quorum_numerator", "quorum_denominator"]
    list_select_related = ["bloc_year__bloc"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["bloc_year", "held_on", "place", "chair"]
    list_select_related = ["bloc_year__bloc"]


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdmin):
    list_display = ["organization", "award_type", "bloc_year", "status", "decision_number"]
    list_filter = ["bloc_year__bloc", "bloc_year__year", "status", "award_type"]
    list_select_related = ["organization", "award_type", "bloc_year__bloc"]
    search_fields = ["organization__name"]


@admin.register(AchievementReport)
class AchievementReportAdmin(ReadOnlyAdmin):
    list_display = ["nomination", "issued_on", "confirmed_at"]
    list_select_related = ["nomination__organization", "nomination__award_type"]


@admin.register(NominationEvent)
class NominationEventAdmin(ReadOnlyAdmin):
    list_display = ["nomination", "action", "from_status", "to_status", "at", "by"]
    list_filter = ["action"]
    list_select_related = [
        "nomination__organization",
        "nomination__award_type",
        "by",
    ]


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdmin):
    list_display = ["bloc_year", "round", "head", "deputy", "applied_at"]
    list_select_related = ["bloc_year__bloc", "head", "deputy"]


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ["organization", "post", "election", "by_rotation"]
    list_select_related = ["organization", "election__bloc_year__bloc"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["bloc_year", "nomination", "candidate", "round", "votes_for", "base", "passed"]
    list_select_related = [
        "bloc_year__bloc",
        "nomination__organization",
        "nomination__award_type",
        "candidate__organization",
    ]
