from django.contrib import admin

from articles.models import Article, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "comment_policy"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "label", "published_at", "status"]
    list_filter = ["status", "section", "label"]
    list_select_related = ["section"]
    search_fields = ["headline", "deck", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = ["original_path", "checksum", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["section", "label", "headline", "slug", "deck"]}),
        ("Story", {"fields": ["dateline", "body", "credit", "source_domain", "reading_minutes"]}),
        ("Publication", {"fields": ["status", "published_at", "comment_policy"]}),
        (
            "Origin",
            {
                "classes": ["collapse"],
                "fields": ["original_path", "checksum", "created_at", "updated_at"],
            },
        ),
    ]
