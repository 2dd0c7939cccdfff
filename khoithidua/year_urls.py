"""Pages that compose the apps: the year's documents and checklist (the documents issue)."""

app_name = "khoithidua"

urlpatterns = []
