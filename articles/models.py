from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from articles import markup, renditions


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


class AuthorQuerySet(models.QuerySet):
    def with_published_articles(self):
        """Authors with something for readers; one query."""
        return self.filter(
            pk__in=Byline.objects.filter(article__in=Article.objects.published()).values("author")
        )


class Author(models.Model):
    """A person who writes for the site; their name on an article links to their page."""

    name = models.CharField(max_length=100, help_text="As the byline shows it.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The author's address: /authors/slug/. Lowercase letters, digits and hyphens.",
    )
    bio = models.TextField(
        blank=True, help_text="A sentence or two about them, shown on their page."
    )
    photo = models.ImageField(
        upload_to="authors/",
        blank=True,
        help_text="Optional: a head-and-shoulders picture, at least 160 × 160 pixels.",
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("author", kwargs={"slug": self.slug})

    @property
    def picture(self):
        """The photo's renditions for their page, or None."""
        return renditions.picture(self, renditions.PHOTO, self.photo, alt="")


renditions.add_fields(Author, "photo", [renditions.PHOTO])


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

    def for_listing(self, *, bylines=True):
        """Newest first, with the section loaded and the long body columns left out; with
        `bylines`, the authors too (one more query), as listing cards show them."""
        articles = self.select_related("section").defer("body", "body_html")
        return articles.with_bylines() if bylines else articles

    def with_bylines(self):
        """Prefetch each article's authors in their order (`Article.byline_authors`): one
        query for all the articles."""
        return self.prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )

    def by(self, author):
        """The articles with `author` among their authors."""
        return self.filter(bylines__author=author)

    def for_page(self):
        """For an article's own page: the section loaded, `modified_at` annotated (see
        `with_modified_at`), and `has_corrections`. Most articles have no notes, and their
        page then makes no query for them."""
        notes = Correction.objects.filter(article=OuterRef("pk"))
        return (
            self.select_related("section")
            .with_bylines()
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
    """For a model whose `body_html` (and any other of `rendered_to`) its `render_body()`
    renders from the fields named in `rendered_from`: rendered on save when one of those is
    saved, and saved with them, so a save of other fields (a status, say) costs no rendering."""

    rendered_from = ("body",)
    rendered_to = ("body_html",)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.render_body()
        elif set(update_fields) & set(self.rendered_from):
            self.render_body()
            kwargs["update_fields"] = {*update_fields, *self.rendered_to}
        super().save(*args, **kwargs)


# An adult's silent reading pace for non-fiction, near the middle of the published estimates.
WORDS_PER_MINUTE = 230


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
    reading_minutes = models.PositiveSmallIntegerField(
        "reading time (minutes)",
        default=1,
        help_text="Leave empty to have it counted from the body, at 230 words a minute.",
    )
    reading_minutes_fixed = models.BooleanField(
        default=False,
        editable=False,
        help_text="Typed by an editor or given by the seed, so not counted from the body.",
    )
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles", blank=True)
    lead_image = models.ImageField(
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="lead_image_width",
        height_field="lead_image_height",
        help_text=(
            "Optional: a JPEG, PNG or WebP picture at least 1200 × 675 pixels, shown at the "
            "top of the article, on its card in listings and when it is shared."
        ),
    )
    lead_image_width = models.PositiveIntegerField(null=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, editable=False)
    lead_image_alt = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text=(
            "Required with an image: what it shows, for readers who cannot see it, e.g. "
            "“Firefighters carry hoses past a burnt-out bus”."
        ),
    )
    lead_image_caption = models.CharField(
        "caption", max_length=300, blank=True, help_text="Optional: shown under the image."
    )
    lead_image_credit = models.CharField(
        "credit",
        max_length=200,
        blank=True,
        help_text="Optional: who made it, e.g. “Photo: Jane Doe / Newsroom”.",
    )
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
        # Room for a version prefix before the 64 hex digits (articles/importer.py).
        max_length=80,
        blank=True,
        editable=False,
        help_text="Of the seed file last imported.",
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
            # Front page and feeds: published articles, newest first (the id orders articles
            # published at the same time, as the listings do: without it, a sort).
            models.Index(
                fields=["status", "-published_at", "-id"], name="article_status_published"
            ),
            # Section pages: one section's published articles, newest first.
            models.Index(
                fields=["section", "status", "-published_at", "-id"],
                name="article_section_published",
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

    def clean(self):
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError(
                {
                    "lead_image_alt": ValidationError(
                        "Describe the image for readers who cannot see it: alt text is "
                        "required with a lead image.",
                        code="alt_text_missing",
                    )
                }
            )

    # The dateline opens the rendered first paragraph. The reading time follows the body.
    rendered_from = ("body", "dateline")
    rendered_to = ("body_html", "reading_minutes")

    def render_body(self):
        """Render the body markup to `body_html` and, unless it was fixed, count the reading
        time (RenderedOnSave calls it on save)."""
        self.body_html = markup.render(self.body, dateline=self.dateline)
        if not self.reading_minutes_fixed:
            self.reading_minutes = self.counted_reading_minutes

    @property
    def counted_reading_minutes(self):
        """The reading time of the body at WORDS_PER_MINUTE, one minute at least."""
        return max(1, round(self.word_count / WORDS_PER_MINUTE))

    @property
    def byline_authors(self):
        """The authors in byline order. Costs a query unless loaded `with_bylines()`."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def byline_names(self):
        """The authors' names as a byline reads them, "A, B and C"; empty without authors."""
        names = [author.name for author in self.byline_authors]
        return " and ".join(filter(None, [", ".join(names[:-1]), *names[-1:]]))

    @property
    def picture(self):
        """The lead image's renditions for the article page and the front page's lead story,
        or None."""
        return renditions.picture(
            self,
            renditions.LEAD,
            self.lead_image,
            self.lead_image_alt,
            (self.lead_image_width, self.lead_image_height),
        )

    @property
    def card_picture(self):
        """The lead image's small crop for listing cards, or None."""
        return renditions.picture(self, renditions.CARD, self.lead_image, self.lead_image_alt)

    def share_image_urls(self):
        """The lead image's 1200-pixel crops for sharing and search (16:9 first), or none."""
        if not self.lead_image:
            return []
        return [
            getattr(self, shape.field(1200, renditions.ORIGINAL)).url for shape in renditions.SHARE
        ]

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
        return sum(len(block.text.split()) for block in markup.blocks(self.body))


renditions.add_fields(Article, "lead_image", [renditions.LEAD, renditions.CARD, *renditions.SHARE])


class Byline(models.Model):
    """One author of an article, in its place in the byline."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    # An author who has written something is kept: remove them from the articles first. Its
    # index serves the author's page.
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Lower comes first; equal numbers keep the order added."
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "author in the byline"
        verbose_name_plural = "byline"
        constraints = [
            # Serves an article's bylines too (article first).
            models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author"),
        ]

    def __str__(self):
        return str(self.author)


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
