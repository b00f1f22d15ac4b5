from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from articles.importer import InMemorySeed


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
