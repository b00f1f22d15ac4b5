"""Uploaded images (lead images, authors' photos), checked before they are stored.

An upload is decoded with Pillow whatever its name says, refused with a reason an editor can act
on (not an image, a format the site does not serve, too many bytes or pixels, too small), turned
upright as its camera meant, and written anew without its metadata: EXIF can carry where and
when a photo was taken, and with what.
"""

import warnings
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from PIL import Image, ImageOps, UnidentifiedImageError

# The formats taken, with the extension a stored file gets: what every browser shows.
FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# Phones' JPEGs with a depth map or preview open as MPO: a JPEG with extra pictures, dropped.
ALIASES = {"MPO": "JPEG"}
# Written anew at a quality that keeps the original's look; renditions are made from it.
SAVE_OPTIONS = {"JPEG": {"quality": 90}, "PNG": {"optimize": True}, "WEBP": {"quality": 90}}


def clean_upload(upload, *, min_width, min_height) -> ContentFile:
    """The image to store for `upload`: checked, upright, without metadata, named after the
    upload. Raise ValidationError saying what is wrong."""
    if upload.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        raise ValidationError(
            "This file is %(size)s; an image may be %(limit)s at most.",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES),
            },
            code="too_large",
        )
    try:
        upload.seek(0)
        # Pillow warns of a "decompression bomb" above its own limit: here that is a refusal.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                _check_before_decoding(image)
                image.load()  # Decodes it all: a cut-short or corrupt file fails here.
                upright = ImageOps.exif_transpose(image)
                _check_size(upright, min_width=min_width, min_height=min_height)
                kind = ALIASES.get(image.format, image.format)
                icc_profile = image.info.get("icc_profile")
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise _too_many_pixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "This file is not an image that could be read. Upload a JPEG, PNG or WebP picture.",
            code="not_an_image",
        ) from error
    out = BytesIO()
    # Only the colour profile goes with it (colours would shift without); EXIF, XMP and
    # comments stay behind.
    upright.save(out, format=kind, icc_profile=icc_profile, **SAVE_OPTIONS[kind])
    name = (slugify(Path(upload.name or "").stem)[:80] or "image") + FORMATS[kind]
    return ContentFile(out.getvalue(), name=name)


def _check_before_decoding(image):
    if ALIASES.get(image.format, image.format) not in FORMATS:
        raise ValidationError(
            "This is a %(format)s image; upload a JPEG, PNG or WebP picture instead.",
            params={"format": image.format},
            code="format",
        )
    width, height = image.size
    if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
        raise _too_many_pixels()


def _check_size(image, *, min_width, min_height):
    """As readers will see it: upright."""
    width, height = image.size
    if width < min_width or height < min_height:
        raise ValidationError(
            "This image is %(width)s × %(height)s pixels; it must be at least %(min_width)s "
            "pixels wide and %(min_height)s high, to look sharp where it is shown and shared.",
            params={
                "width": width,
                "height": height,
                "min_width": min_width,
                "min_height": min_height,
            },
            code="too_small",
        )


def _too_many_pixels():
    return ValidationError(
        "This image has more than %(limit)s million pixels; scale it down and upload it again.",
        params={"limit": f"{settings.IMAGE_UPLOAD_MAX_PIXELS / 1_000_000:g}"},
        code="too_many_pixels",
    )
