from django.contrib import admin

from documents.models import StoredDocument


@admin.register(StoredDocument)
class StoredDocumentAdmin(admin.ModelAdmin):
    """Stored documents are what was filed: they can be looked at, never changed."""

    list_display = ["key", "filename", "sha256", "created_at", "superseded_at"]
    list_filter = ["kind"]
    search_fields = ["key", "sha256"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
