"""The admin's import page: seed files uploaded, the importer run, its report shown."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "000_3812eee97bdd6ea7.txt"
IMPORT = reverse("admin:articles_article_import")

pytestmark = pytest.mark.django_db


def upload(client, *files, **fields):
    """Post (name, bytes) pairs as the form's files, with any other fields."""
    uploads = [SimpleUploadedFile(name, data, "text/plain") for name, data in files]
    return client.post(IMPORT, {"files": uploads, **fields})


def test_an_editor_imports_uploaded_files_and_sees_the_importers_report(editor_client):
    response = upload(
        editor_client, ("sample.txt", SAMPLE.read_bytes()), ("broken.txt", b"\x00\x01binary")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "1 created, 0 updated, 0 unchanged, 1 refused" in page
    assert "broken.txt: line 1: binary data (NUL byte), not text" in page
    assert "<li>sample.txt</li>" in page
    assert Article.objects.get().original_path.startswith("News/2026-03-08-anthropic")


def test_uploading_the_same_file_again_changes_nothing(editor_client):
    upload(editor_client, ("sample.txt", SAMPLE.read_bytes()))

    response = upload(editor_client, ("sample.txt", SAMPLE.read_bytes()))

    assert "0 created, 0 updated, 1 unchanged, 0 refused" in response.content.decode()


def test_a_check_only_run_reports_and_writes_nothing(editor_client):
    response = upload(editor_client, ("sample.txt", SAMPLE.read_bytes()), dry_run="on")

    assert "Check only, nothing written: 1 created" in response.content.decode()
    assert not Article.objects.exists()


def test_a_file_larger_than_the_limit_is_refused_and_nothing_is_imported(editor_client, settings):
    settings.SEED_UPLOAD_MAX_BYTES = 1000

    response = upload(
        editor_client, ("sample.txt", SAMPLE.read_bytes()), ("small.txt", b"Too short")
    )

    page = response.content.decode()
    assert "Larger than 1000\xa0bytes, the most a seed upload may be: sample.txt." in page
    assert "created" not in page
    assert not Article.objects.exists()


def test_sending_no_file_asks_for_one(editor_client):
    response = editor_client.post(IMPORT, {})

    assert "This field is required." in response.content.decode()


def test_the_article_list_links_editors_to_the_import_page(editor_client):
    page = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()

    assert f'<a href="{IMPORT}">Import seed files</a>' in page


def test_staff_who_may_only_view_articles_can_neither_import_nor_see_the_link(viewer_client):
    changelist = viewer_client.get(reverse("admin:articles_article_changelist"))

    assert viewer_client.get(IMPORT).status_code == 403
    assert "Import seed files" not in changelist.content.decode()
