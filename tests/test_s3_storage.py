"""Uploaded images in an S3-compatible bucket (MEDIA_S3_BUCKET), for several app servers: the
site on gunicorn with production settings stores a lead image and its renditions in a bucket
of moto's S3 server, started here, and its pages name them at the bucket's address."""

import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import boto3
import pytest

from tests.gunicorn_site import Gunicorn, free_port
from tests.services import wait_for_port

MOTO_SERVER = Path(sys.executable).with_name("moto_server")
BUCKET = "newsroom-media"
CREDENTIALS = {"aws_access_key_id": "newsroom", "aws_secret_access_key": "not-a-secret"}
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
# What an editor's upload does, through the real model and form code: the article of the
# seed gets a lead image (checked and cleaned as the admin's form does).
GIVE_LEAD_IMAGE = """
from io import BytesIO
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from articles.images import clean_upload
from articles.models import Article
out = BytesIO()
Image.new("RGB", (1600, 900), "steelblue").save(out, "JPEG")
article = Article.objects.get()
upload = SimpleUploadedFile("dusk.jpg", out.getvalue())
article.lead_image = clean_upload(upload, min_width=1200, min_height=675)
article.lead_image_alt = "A blue sky"
article.save()
print(article.get_absolute_url())
"""


@pytest.fixture
def s3_server(tmp_path):
    """moto's S3 server on a free port, with an empty bucket that anyone may read (as
    docs/operations.md, "Images", tells an operator to make it); its address."""
    port = free_port()
    with (tmp_path / "moto.log").open("w") as log:
        server = subprocess.Popen(  # noqa: S603 (moto's own server, from the venv)
            [MOTO_SERVER, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
        )
    try:
        wait_for_port(port)
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **CREDENTIALS)
        client.create_bucket(Bucket=BUCKET)
        client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_lead_image_and_its_renditions_go_to_the_bucket_and_pages_name_them_there(
    tmp_path, s3_server
):
    site = Gunicorn(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        MEDIA_S3_BUCKET=BUCKET,
        MEDIA_S3_ENDPOINT_URL=s3_server,
        MEDIA_S3_REGION="us-east-1",
        MEDIA_S3_ACCESS_KEY_ID=CREDENTIALS["aws_access_key_id"],
        MEDIA_S3_SECRET_ACCESS_KEY=CREDENTIALS["aws_secret_access_key"],
    )
    site.prepare()
    path = site.manage("shell", "--no-imports", "-c", GIVE_LEAD_IMAGE).strip()

    with site:
        status, headers, page = site._send(path)

    assert status == 200
    bucket = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **CREDENTIALS)
    stored = [item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert any(re.fullmatch(r"articles/\d{4}/\d\d/dusk\.jpg", key) for key in stored)
    assert len([key for key in stored if key.startswith("renditions/")]) == 18
    assert not (tmp_path / "media").exists()
    avif = re.search(r'<source type="image/avif" srcset="(\S+) 400w', page)[1]
    assert avif.startswith(f"{s3_server}/{BUCKET}/renditions/articles/")
    with urllib.request.urlopen(avif) as response:  # noqa: S310 (the local S3 server)
        assert response.headers["Content-Type"] == "image/avif"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # The pages let the browser fetch images from the bucket.
    assert f"img-src 'self' data: {s3_server};" in headers["Content-Security-Policy"]
