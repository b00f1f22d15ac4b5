from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from articles import images, renditions
from articles.importer import InMemorySeed
from articles.models import WORDS_PER_MINUTE, Article, Author

# What search engines show of a news article's headline; a longer one is allowed, with a warning.
HEADLINE_SHOWN_CHARS = 110


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once and cleans to a list of them."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        clean_one = super().clean
        if not data:
            return [clean_one(None, initial)]  # Raises "required".
        return [clean_one(file, initial) for file in data]


class SeedUploadForm(forms.Form):
    """The admin's import page: seed files to run through the importer."""

    files = MultipleFileField(
        label="Seed files",
        help_text="Plain-text seed files; choose several at once.",
        widget=MultipleFileInput(attrs={"accept": ".txt,text/plain"}),
    )
    dry_run = forms.BooleanField(
        required=False, label="Check only: report what would change, and write nothing"
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        limit = settings.SEED_UPLOAD_MAX_BYTES
        too_large = [file.name for file in files if file.size > limit]
        if too_large:
            raise forms.ValidationError(
                "Larger than %(limit)s, the most a seed upload may be: %(names)s. "
                "Import such files with the import_seeds command.",
                params={"limit": filesizeformat(limit), "names": ", ".join(too_large)},
                code="too_large",
            )
        return files

    def seed_files(self) -> list[InMemorySeed]:
        """The uploads, read (each no larger than SEED_UPLOAD_MAX_BYTES)."""
        return [InMemorySeed(file.name, file.read()) for file in self.cleaned_data["files"]]


def _checked_image(value, min_size):
    """A form's image field value, with a new upload checked and cleaned (articles/images.py);
    the stored image, a clearing or nothing pass through."""
    if isinstance(value, UploadedFile):
        return images.clean_upload(value, min_width=min_size[0], min_height=min_size[1])
    return value


class AuthorForm(forms.ModelForm):
    """The admin's author form: a photo is checked before it is stored."""

    class Meta:
        model = Author
        fields = ["name", "slug", "bio", "photo"]

    def clean_photo(self):
        return _checked_image(self.cleaned_data["photo"], renditions.PHOTO_MIN_SIZE)


class ArticleForm(forms.ModelForm):
    """The admin's article form: room to read what is typed, a reading time counted from the
    body unless typed, and a lead image checked before it is stored."""

    reading_minutes = forms.IntegerField(
        label="Reading time (minutes)",
        required=False,
        min_value=1,
        max_value=999,
        help_text=(
            f"Leave empty to have it counted from the body, at {WORDS_PER_MINUTE} words a "
            "minute; type a number to set it yourself."
        ),
    )

    class Meta:
        model = Article
        # The admin's fieldsets choose the fields; these are the ones set up here.
        fields = ["headline", "deck", "body", "reading_minutes", "lead_image"]
        widgets = {
            "headline": forms.TextInput(attrs={"class": "wide-text"}),
            "deck": forms.Textarea(attrs={"class": "wide-text", "rows": 2}),
            "body": forms.Textarea(attrs={"class": "wide-text", "rows": 30}),
        }
        help_texts = {
            "headline": (
                f"Search engines show up to {HEADLINE_SHOWN_CHARS} characters of a news "
                "headline; a longer one is saved, with a warning."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.reading_minutes_fixed:
            # Counted: the box stays empty so that it goes on being counted.
            self.initial["reading_minutes"] = None
            if self.instance.pk:
                counted = self.instance.reading_minutes
                self.fields["reading_minutes"].widget.attrs["placeholder"] = f"{counted} (counted)"

    def clean_lead_image(self):
        return _checked_image(self.cleaned_data["lead_image"], renditions.LEAD_MIN_SIZE)

    def clean(self):
        cleaned = super().clean()
        typed = cleaned.get("reading_minutes")
        self.instance.reading_minutes_fixed = typed is not None
        if typed is None:
            # Counted from the body when the article is saved (Article.render_body).
            cleaned["reading_minutes"] = self.instance.reading_minutes
        return cleaned
