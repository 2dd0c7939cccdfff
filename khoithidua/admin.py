from django.contrib import admin

from khoithidua.models import ReportSection, YearLogEntry, YearReport
from members.admin import ClosedYearReadOnly, ScopedAdmin


class ReportSectionInline(admin.StackedInline):
    model = ReportSection
    extra = 0

    def _closed(self, obj):
        return obj is not None and obj.bloc_year.is_closed

    def has_add_permission(self, request, obj=None):
        return not (self._closed(obj) and not request.user.is_superuser)

    def has_change_permission(self, request, obj=None):
        return not (self._closed(obj) and not request.user.is_superuser)

    def has_delete_permission(self, request, obj=None):
        return not (self._closed(obj) and not request.user.is_superuser)


@admin.register(YearReport)
class YearReportAdmin(ClosedYearReadOnly, ScopedAdmin):
    list_display = ["bloc_year", "number", "issued_on", "signed_off_at", "signer_name"]
    list_filter = ["bloc_year__bloc", "bloc_year__year"]
    list_select_related = ["bloc_year__bloc"]
    readonly_fields = ["signed_off_at", "signed_off_by", "updated_at"]
    inlines = [ReportSectionInline]


@admin.register(ReportSection)
class ReportSectionAdmin(ClosedYearReadOnly, ScopedAdmin):
    year_path = "report__bloc_year"
    list_display = ["title", "report", "position", "level", "data", "required"]
    list_filter = ["report__bloc_year__bloc", "data"]
    list_select_related = ["report__bloc_year__bloc"]


@admin.register(YearLogEntry)
class YearLogEntryAdmin(ScopedAdmin):
    """The log is evidence: nobody edits or deletes it."""

    list_display = ["bloc_year", "action", "user", "at", "reason"]
    list_filter = ["action", "bloc_year__bloc"]
    list_select_related = ["bloc_year__bloc", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
