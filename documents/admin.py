from django.contrib import admin

from documents.models import RegisterEntry, StoredDocument


@admin.register(StoredDocument)
class StoredDocumentAdmin(admin.ModelAdmin):
    """Stored documents are what was filed: they can be looked at, never changed, and only by a
    superuser (this bottom layer cannot tell a stored document's bloc from its key's slug
    without the app above it; everyone else reads them through the year's pages)."""

    list_display = ["key", "filename", "sha256", "created_at", "superseded_at"]
    list_filter = ["kind"]
    search_fields = ["key", "sha256"]
    exclude = ["content"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RegisterEntry)
class RegisterEntryAdmin(admin.ModelAdmin):
    """A number once reserved is part of the register: looked at, never changed here."""

    list_display = ["number", "issuer_name", "year", "sequence", "title", "issued_on"]
    list_filter = ["year"]
    search_fields = ["number", "issuer_name", "title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
