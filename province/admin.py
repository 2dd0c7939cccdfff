from django.contrib import admin

from province.models import NoticePreference, ProvinceJob, ProvinceYear, SentNotice


@admin.register(ProvinceYear)
class ProvinceYearAdmin(admin.ModelAdmin):
    list_display = ["province", "year", "pledge_due", "scoring_due", "meeting_due", "dossier_due"]
    list_filter = ["province"]


@admin.register(ProvinceJob)
class ProvinceJobAdmin(admin.ModelAdmin):
    list_display = ["province", "year", "kind", "status", "done_steps", "total_steps", "created_at"]
    list_filter = ["status", "kind"]


@admin.register(SentNotice)
class SentNoticeAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "subject", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["user__username", "subject"]


admin.site.register(NoticePreference)
