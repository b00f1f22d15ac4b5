"""Static files as production serves them: hashed names, gzip and brotli copies, kept forever."""

from django.core.management import call_command
from django.test import Client

PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_collected_files_are_hashed_compressed_and_served_to_be_cached_for_ever(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STORAGE}}
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--noinput", verbosity=0)
    [hashed] = (tmp_path / "css").glob("site.*.css")
    # A new client loads the middleware anew: WhiteNoise then indexes the collected files.
    client = Client()

    response = client.get(f"/static/css/{hashed.name}", HTTP_ACCEPT_ENCODING="br, gzip")
    response.close()

    assert hashed.with_name(hashed.name + ".gz").exists()
    assert hashed.with_name(hashed.name + ".br").exists()
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "immutable" in response["Cache-Control"]
    assert "max-age=315360000" in response["Cache-Control"]
