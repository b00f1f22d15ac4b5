from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from articles import markup


def validate_section_slug(slug):
    """Refuse a slug whose page would be hidden by one of the site's own paths."""
    try:
        match = resolve(f"/{slug}/")
    except Resolver404:
        return
    if match.url_name != "section":
        raise ValidationError(
            "“%(slug)s” is taken by the site's own pages (%(path)s); choose another name.",
            params={"slug": slug, "path": f"/{slug}/"},
            code="reserved",
        )


class CommentPolicy(models.TextChoices):
    """How comments are treated; the comments app applies it. Blank inherits the wider setting."""

    INHERIT = "", "As the site (or section) says"
    OPEN = "open", "Open: publish unless a rule holds it"
    PREMODERATED = "premoderated", "Pre-moderated: hold every comment"
    CLOSED = "closed", "Closed: no new comments"


class SectionQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Sections that have something for readers; one query."""
        return self.filter(pk__in=Article.objects.published().values("section"))


class Section(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        validators=[validate_section_slug],
        help_text="The section's address: /slug/. Lowercase letters, digits and hyphens.",
    )
    comment_policy = models.CharField(
        max_length=12,
        choices=CommentPolicy,
        blank=True,
        help_text="Overrides the site's comment policy for this section's articles.",
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("section", kwargs={"section": self.slug})

    @staticmethod
    def slug_for(name):
        """The slug a section of this name gets: its name slugified, lowercase."""
        return slugify(name) or "section"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, with a publication time already past."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def next_publication(self):
        """When the next scheduled article goes public, or None; one query."""
        scheduled = self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        return scheduled.aggregate(next=models.Min("published_at"))["next"]

    def by_original_path(self, *paths):
        """Imported articles with these old paths."""
        return self.filter(original_path__gt="", original_path__in=paths)

    def for_listing(self):
        """Newest first, with the section loaded and the long body columns left out."""
        return self.select_related("section").defer("body", "body_html")

    def for_page(self):
        """For an article's own page: the section loaded, `modified_at` annotated (see
        `with_modified_at`), and `has_corrections`. Most articles have no notes, and their
        page then makes no query for them."""
        notes = Correction.objects.filter(article=OuterRef("pk"))
        return (
            self.select_related("section")
            .with_modified_at()
            .annotate(has_corrections=Exists(notes))
        )

    def with_modified_at(self):
        """Annotate `modified_at`: when readers were last told of a change.

        That is the latest correction or update note, or the publication time when there is
        none (or the note predates it). The article page's metadata, the feeds and the
        sitemap all give this time; same query, no more.
        """
        latest_note = (
            Correction.objects.filter(article=OuterRef("pk"))
            .order_by("-created_at")
            .values("created_at")[:1]
        )
        return self.annotate(
            modified_at=Greatest("published_at", Coalesce(Subquery(latest_note), "published_at"))
        )


class RenderedOnSave:
    """For a model whose `body_html` its `render_body()` renders from the fields named in
    `rendered_from`: rendered on save when one of those is saved, and saved with them, so a
    save of other fields (a status, say) costs no rendering."""

    rendered_from = ("body",)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.render_body()
        elif set(update_fields) & set(self.rendered_from):
            self.render_body()
            kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Article(RenderedOnSave, models.Model):
    Status = ArticleStatus

    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    label = models.CharField(
        max_length=100, blank=True, help_text="The kicker above the headline, e.g. Analysis."
    )
    headline = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        help_text="The last part of the article's address; unique within its section.",
    )
    deck = models.CharField(
        max_length=500, blank=True, help_text="The standfirst: one line under the headline."
    )
    dateline = models.CharField(
        max_length=100, blank=True, help_text="Where the story was filed, e.g. WASHINGTON."
    )
    body = models.TextField(
        help_text=(
            "Plain text. Leave a blank line between paragraphs. Start a line with “## ” for a "
            "subheading. HTML is shown as typed, never run."
        )
    )
    body_html = models.TextField(editable=False, help_text="The body rendered on save.")
    credit = models.TextField(
        blank=True,
        help_text="The closing credit, e.g. “This article is based on reporting from …”.",
    )
    source_domain = models.CharField(
        max_length=253, blank=True, help_text="The original publisher's domain, e.g. theverge.com."
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1)
    published_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    comment_policy = models.CharField(
        max_length=12,
        choices=CommentPolicy,
        blank=True,
        help_text="Overrides the section's and the site's comment policy for this article.",
    )
    original_path = models.CharField(
        max_length=500,
        blank=True,
        editable=False,
        help_text="The path the old site served this article at; old links redirect here.",
    )
    checksum = models.CharField(
        max_length=64, blank=True, editable=False, help_text="Of the seed file last imported."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["section", "slug"], name="article_unique_section_slug"),
            # Imported articles are found by their old path (the importer, the old-link
            # redirect); articles written here have none. Queries repeat the condition
            # (`ArticleQuerySet.by_original_path`) so PostgreSQL can use this partial index.
            models.UniqueConstraint(
                fields=["original_path"],
                condition=Q(original_path__gt=""),
                name="article_unique_original_path",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
        ]
        indexes = [
            # The admin's article list: every article, drafts too, newest first.
            models.Index(fields=["-published_at", "-id"], name="article_published"),
            # The admin's label filter: the labels in use, read from the index alone.
            models.Index(fields=["label"], name="article_label"),
            # Front page and feeds: published articles, newest first.
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            # Section pages: one section's published articles, newest first.
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_published"
            ),
        ]

    def __str__(self):
        return self.headline

    def get_absolute_url(self):
        """The canonical URL. Costs a query unless the section was loaded with the article."""
        return self.url_for(self.section.slug, self.published_at, self.slug)

    @staticmethod
    def url_for(section_slug, published_at, slug):
        """The canonical URL of the article with these values, for lists of plain rows."""
        local = timezone.localtime(published_at)
        return reverse(
            "article",
            kwargs={
                "section": section_slug,
                "year": local.year,
                "month": f"{local.month:02d}",
                "day": f"{local.day:02d}",
                "slug": slug,
            },
        )

    # The dateline opens the rendered first paragraph.
    rendered_from = ("body", "dateline")

    def render_body(self):
        """Render the body markup to `body_html` (RenderedOnSave calls it on save)."""
        self.body_html = markup.render(self.body, dateline=self.dateline)

    @property
    def body_as_html(self):
        """The body as HTML; safe to show unescaped because `markup.render` escaped all text."""
        return mark_safe(self.body_html)  # noqa: S308

    @property
    def published_on(self):
        """The publication date in the site's time zone, as readers see it."""
        return timezone.localdate(self.published_at)

    @property
    def is_scheduled(self):
        """Published, with a publication time still to come: it goes public then, by itself."""
        return self.status == ArticleStatus.PUBLISHED and self.published_at > timezone.now()

    @property
    def is_public(self):
        """Whether readers may see it: `ArticleQuerySet.published()` for one loaded article."""
        return self.status == ArticleStatus.PUBLISHED and not self.is_scheduled

    @property
    def word_count(self):
        """Words in the body as readers read it, headings included and markup not."""
        return sum(len(text.split()) for _, text in markup.blocks(self.body))


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", "Correction"
    UPDATE = "update", "Update"


class Correction(models.Model):
    """A dated note at the foot of an article: a correction of an error, or an update."""

    Kind = CorrectionKind

    # No index of its own: the (article, created_at) index below serves lookups by article.
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections", db_index=False
    )
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.CORRECTION)
    note = models.TextField(
        help_text="What was wrong, or what changed, as readers will read it under the article."
    )
    created_at = models.DateTimeField(
        "date",
        default=timezone.now,
        help_text="Shown with the note. The article's modified time follows its latest note.",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "correction or update"
        verbose_name_plural = "corrections and updates"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CorrectionKind.values), name="correction_kind_valid"
            ),
        ]
        indexes = [
            # An article's notes in order (its page), and its latest (`with_modified_at`).
            models.Index(fields=["article", "created_at"], name="correction_article_created"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {timezone.localdate(self.created_at).isoformat()}"

    def get_absolute_url(self):
        """Where readers see the note. Costs a query unless the article's section is loaded."""
        return f"{self.article.get_absolute_url()}#corrections"
