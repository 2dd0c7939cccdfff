"""The administrator's view of pledges, criteria and scores. The bloc's own pages are where the
work is done (with history and checks); here a closed year is read-only, and the history of
scores can be read but never edited."""

from django.contrib import admin

from members.admin import ClosedYearReadOnly, ScopedAdmin
from pledges.models import (
    Criterion,
    CrossScore,
    Evidence,
    Pledge,
    PledgeCommitment,
    PledgeTarget,
    Score,
    ScoreChange,
    ScoreSheet,
    ScoringSettings,
    Section,
)


@admin.register(ScoringSettings)
class ScoringSettingsAdmin(ClosedYearReadOnly, ScopedAdmin):
    list_display = ["bloc_year", "review_mode", "aggregate", "tie_rule", "member_edit_phase"]
    list_select_related = ["bloc_year__bloc"]


class CommitmentInline(admin.TabularInline):
    model = PledgeCommitment
    extra = 0


@admin.register(Pledge)
class PledgeAdmin(ClosedYearReadOnly, ScopedAdmin):
    list_display = ["bloc_year", "signed_on", "place", "is_signed"]
    list_select_related = ["bloc_year__bloc"]
    inlines = [CommitmentInline]


@admin.register(PledgeCommitment)
class PledgeCommitmentAdmin(ClosedYearReadOnly, ScopedAdmin):
    year_path = "pledge__bloc_year"
    list_display = ["__str__", "pledge", "position"]
    list_select_related = ["pledge__bloc_year__bloc"]


@admin.register(PledgeTarget)
class PledgeTargetAdmin(ClosedYearReadOnly, ScopedAdmin):
    year_path = "pledge__bloc_year"
    list_display = ["text", "organization", "target_value", "unit", "achieved_value"]
    list_select_related = ["organization"]
    list_filter = ["pledge__bloc_year"]
    raw_id_fields = ["criterion"]


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Section)
class SectionAdmin(ClosedYearReadOnly, ScopedAdmin):
    list_display = ["__str__", "bloc_year", "position"]
    list_select_related = ["bloc_year__bloc"]
    list_filter = ["bloc_year"]
    inlines = [CriterionInline]


@admin.register(Criterion)
class CriterionAdmin(ClosedYearReadOnly, ScopedAdmin):
    year_path = "section__bloc_year"
    list_display = ["__str__", "section", "kind", "max_points"]
    list_select_related = ["section"]
    list_filter = ["section__bloc_year", "kind"]


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    fields = ["criterion", "self_points", "reviewed_points", "final_points", "note"]
    readonly_fields = ["criterion"]


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ClosedYearReadOnly, ScopedAdmin):
    state_fields = ("status", "version", "submitted_at")
    list_display = ["organization", "bloc_year", "status", "version", "submitted_at"]
    list_filter = ["bloc_year", "status"]
    list_select_related = ["organization", "bloc_year__bloc"]
    inlines = [ScoreInline]


@admin.register(Score)
class ScoreAdmin(ClosedYearReadOnly, ScopedAdmin):
    year_path = "sheet__bloc_year"
    list_display = ["__str__", "self_points", "reviewed_points", "final_points"]
    list_select_related = ["sheet__organization", "sheet__bloc_year__bloc", "criterion"]
    list_filter = ["sheet__bloc_year"]
    raw_id_fields = ["sheet", "criterion"]


@admin.register(CrossScore)
class CrossScoreAdmin(ClosedYearReadOnly, ScopedAdmin):
    year_path = "score__sheet__bloc_year"
    list_display = ["__str__", "scorer", "points", "updated_at"]
    list_select_related = [
        "scorer",
        "score__sheet__organization",
        "score__sheet__bloc_year__bloc",
        "score__criterion",
    ]
    raw_id_fields = ["score"]


@admin.register(Evidence)
class EvidenceAdmin(ClosedYearReadOnly, ScopedAdmin):
    year_path = "score__sheet__bloc_year"
    list_display = ["original_name", "score", "size", "uploaded_at"]
    list_select_related = [
        "score__sheet__organization",
        "score__sheet__bloc_year__bloc",
        "score__criterion",
    ]
    raw_id_fields = ["score"]


@admin.register(ScoreChange)
class ScoreChangeAdmin(ScopedAdmin):
    """The history is evidence: it is read here, never edited."""

    list_display = ["score", "field", "old_value", "new_value", "changed_by", "changed_at"]
    list_select_related = [
        "score__sheet__organization",
        "score__sheet__bloc_year__bloc",
        "score__criterion",
        "changed_by",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
