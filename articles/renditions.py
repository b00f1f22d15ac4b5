"""Renditions of uploaded images: the sizes, crops and formats that pages show, made by
django-imagekit once, when an image is saved (settings: the Optimistic strategy), and never while
a page is served. A page only names them: `picture()` gives what an <img> and its <source>s need.

Each shape is a set of imagekit fields on the model, `<shape>_<width>_<format>` (`lead_800_webp`),
stored under MEDIA_ROOT/renditions/ (or the bucket) with a name that changes with the image.
`manage.py generateimages` makes them all again, e.g. after a shape is added here.
"""

from dataclasses import dataclass

from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit
from PIL import features

# The upload's own format (JPEG, PNG or WebP), which every browser shows.
ORIGINAL = None
# Smaller files, newest first: a browser takes the first <source> it can show. AVIF only where
# this Pillow can write it; a page never names a rendition that was not made.
MODERN = ("AVIF", "WEBP") if features.check("avif") else ("WEBP",)
MIME_TYPES = {"AVIF": "image/avif", "WEBP": "image/webp"}
# Quality for the look of a news photo at a fraction of the bytes; AVIF's speed keeps an upload
# from taking seconds per rendition.
OPTIONS = {
    "AVIF": {"quality": 55, "speed": 8},
    "WEBP": {"quality": 78},
    ORIGINAL: {"quality": 82, "optimize": True, "progressive": True},
}


@dataclass(frozen=True)
class Shape:
    """A rendition family: these widths, cropped to `ratio` (None: the image's own), in these
    formats."""

    name: str
    widths: tuple[int, ...]
    ratio: tuple[int, int] | None = None
    formats: tuple[str | None, ...] = (*MODERN, ORIGINAL)

    def field(self, width, image_format):
        return f"{self.name}_{width}_{(image_format or 'original').lower()}"

    def size(self, width, source_width, source_height):
        """(width, height) of the rendition `width` wide."""
        across, down = self.ratio or (source_width, source_height)
        return width, round(width * down / across)


# The article page's lead image, and the front page's lead story: the image as it is.
LEAD = Shape("lead", (400, 800, 1200))
# Listing cards: a small crop, the same shape on every card.
CARD = Shape("card", (400, 800), ratio=(3, 2))
# Sharing previews and search results: 1200 pixels wide in the three shapes Google's article
# guidelines ask for, the widest also for og:image.
SHARE = tuple(
    Shape(f"share{across}x{down}", (1200,), ratio=(across, down), formats=(ORIGINAL,))
    for across, down in ((16, 9), (4, 3), (1, 1))
)
# An author's photo on their page: a small square.
PHOTO = Shape("photo", (160, 320), ratio=(1, 1))

# Smallest uploads: a lead image fills a 1200-pixel 16:9 preview without being enlarged.
LEAD_MIN_SIZE = (1200, 675)
PHOTO_MIN_SIZE = (160, 160)


def add_fields(model, source, shapes):
    """Give `model` the imagekit fields of `shapes`, made from its image field `source`."""
    for shape in shapes:
        for width in shape.widths:
            for image_format in shape.formats:
                resize = (
                    ResizeToFill(*shape.size(width, 1, 1))
                    if shape.ratio
                    else ResizeToFit(width=width, upscale=False)
                )
                model.add_to_class(
                    shape.field(width, image_format),
                    ImageSpecField(
                        source=source,
                        processors=[resize],
                        format=image_format,
                        options=OPTIONS[image_format],
                    ),
                )


@dataclass(frozen=True)
class Picture:
    """What a <picture> needs: the <img>'s src, srcset and size, and one (type, srcset) per
    <source>."""

    src: str
    srcset: str
    sources: tuple[tuple[str, str], ...]
    width: int
    height: int
    alt: str


def picture(instance, shape, image, alt, dimensions=(1, 1)) -> Picture | None:
    """The renditions of `instance`'s `image` (its field file) in `shape`, or None without one.
    `dimensions`: the image's (width, height) as stored with it, for a shape without a ratio
    (the file's own would cost a read of it)."""
    if not image:
        return None

    def srcset(image_format):
        return ", ".join(
            f"{getattr(instance, shape.field(width, image_format)).url} {width}w"
            for width in shape.widths
        )

    widest = shape.widths[-1]
    width, height = shape.size(widest, *dimensions)
    return Picture(
        src=getattr(instance, shape.field(widest, ORIGINAL)).url,
        srcset=srcset(ORIGINAL),
        sources=tuple((MIME_TYPES[f], srcset(f)) for f in shape.formats if f is not ORIGINAL),
        width=width,
        height=height,
        alt=alt,
    )
