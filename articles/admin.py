from django.contrib import admin, messages
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles import renditions
from articles.admin_dates import PublishedFilter
from articles.forms import HEADLINE_SHOWN_CHARS, ArticleForm, AuthorForm, SeedUploadForm
from articles.importer import import_seed_files
from articles.models import Article, Author, Byline, Correction, Section
from articles.search import CONFIG, RANKED_MATCHES, StoredDocument, clean_query
from newsroom.paginators import EstimatedCountPaginator


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "comment_policy"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorForm
    list_display = ["name", "slug"]
    # The article form's byline picks authors by these (autocomplete).
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "bio", "photo"]

    def view_on_site(self, author):
        return author.get_absolute_url()


class BylineInline(admin.TabularInline):
    """The article's authors, in order, each picked by typing part of their name."""

    model = Byline
    fields = ["author", "position"]
    autocomplete_fields = ["author"]
    extra = 0


class CorrectionInline(admin.TabularInline):
    model = Correction
    fields = ["created_at", "kind", "note"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["headline", "section", "label", "published_at", "publication_status"]
    list_filter = ["status", "section", "label", PublishedFilter]
    list_select_related = ["section"]
    # On PostgreSQL the search reads the search document's index (`get_search_results`).
    search_fields = ["headline", "deck", "body"]
    # Counting every article on each page load grows with the archive: long counts are
    # estimated, and the unfiltered total is not shown.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = [
        "lead_image_preview",
        "original_path",
        "checksum",
        "created_at",
        "updated_at",
    ]
    inlines = [BylineInline, CorrectionInline]
    fieldsets = [
        (None, {"fields": ["section", "label", "headline", "slug", "deck"]}),
        (
            "Lead image",
            {
                "fields": [
                    "lead_image",
                    "lead_image_preview",
                    "lead_image_alt",
                    "lead_image_caption",
                    "lead_image_credit",
                ]
            },
        ),
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

    class Media:
        # Headline, deck and body as wide as the form; no inline style under the site's CSP.
        css = {"all": ["css/admin.css"]}

    @admin.display(description="As cards show it")
    def lead_image_preview(self, article):
        # A new upload on a form sent back with errors is not stored yet, nor its renditions.
        if not article.lead_image or not article.lead_image._committed:
            return "No image yet."
        width, height = renditions.CARD.size(400, 1, 1)
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" class="lead-image-preview">',
            getattr(article, renditions.CARD.field(width, renditions.ORIGINAL)).url,
            width,
            height,
            article.lead_image_alt,
        )

    def save_model(self, request, article, form, change):
        super().save_model(request, article, form, change)
        if len(article.headline) > HEADLINE_SHOWN_CHARS:
            messages.warning(
                request,
                f"The headline is {len(article.headline)} characters long: search engines show "
                f"about {HEADLINE_SHOWN_CHARS}, so readers there will see it cut short.",
            )

    def get_search_results(self, request, queryset, search_term):
        """On PostgreSQL, the site's full-text search (every word, in any form, anywhere in
        the article) through its stored document, and like the site's, among the newest
        RANKED_MATCHES matches only: the list, its count and its date drill-down each read
        those, where the default would read every article's text for each. SQLite keeps the
        default: each word in the headline, deck or body."""
        if connection.vendor != "postgresql" or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        query = SearchQuery(clean_query(search_term), search_type="websearch", config=CONFIG)
        newest = (
            queryset.alias(document=StoredDocument())
            .filter(document=query)
            .order_by("-published_at", "-id")
            .values("pk")[:RANKED_MATCHES]
        )
        return queryset.filter(pk__in=newest), False

    @admin.display(description="Status", ordering="status")
    def publication_status(self, article):
        """Draft, Published, or Scheduled: published with a time still to come."""
        return "Scheduled" if article.is_scheduled else article.get_status_display()

    def view_on_site(self, article):
        """The article's page, or its preview while readers cannot see it."""
        if article.is_public:
            return article.get_absolute_url()
        return reverse("article_preview", args=[article.pk])

    def get_urls(self):
        # Before the default URLs, whose <object_id>/ pattern would take import/.
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_seeds_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_import",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        """Importing creates and updates articles, so it takes both permissions."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"can_import_seeds": self.has_import_permission(request)} | (
            extra_context or {}
        )
        return super().changelist_view(request, extra_context)

    def import_seeds_view(self, request):
        """Upload seed files; the importer runs on them and its report is shown."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = SeedUploadForm(request.POST, request.FILES)
            if form.is_valid():
                report = import_seed_files(form.seed_files(), dry_run=form.cleaned_data["dry_run"])
        else:
            form = SeedUploadForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import seed files",
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context)
