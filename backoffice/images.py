"""Uploaded images checked by decoding them, and stored re-encoded without metadata.

Used by the admin forms of venues, organizations and events, whose models
describe their images with `image_description_field`.
"""

import io
import os
import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Pillow warns above this many pixels and refuses twice as many; both are
# refused here before any pixel is decoded.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# Pillow's format name: (file extension, content type, save options).
FORMATS = {
    "JPEG": ("jpg", "image/jpeg", {"quality": 88, "optimize": True}),
    "PNG": ("png", "image/png", {"optimize": True}),
    "WEBP": ("webp", "image/webp", {"quality": 85}),
}

MESSAGES = {
    "too_large": _("The file is %(size)s; upload an image of at most %(limit)s."),
    "not_an_image": _(
        "This file is not an image: upload a JPEG, PNG or WebP photo or picture."
    ),
    "format": _(
        "This is a %(format)s image; upload a JPEG, PNG or WebP image instead."
    ),
    "too_many_pixels": _(
        "The image is %(width)d × %(height)d pixels; upload one of at most "
        "40 megapixels (e.g. 8000 × 5000)."
    ),
    "far_too_many_pixels": _(
        "The image has far more than 40 megapixels; upload one of at most "
        "40 megapixels (e.g. 8000 × 5000)."
    ),
    "damaged": _(
        "The image is damaged or incomplete; save it again in an image editor "
        "and upload the new file."
    ),
}


def refusal(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def open_header(upload):
    """Read only the header of `upload`; raise ValidationError on anything unsafe."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise refusal(
            "too_large",
            size=filesizeformat(upload.size),
            limit=filesizeformat(MAX_BYTES),
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Lazy: reads the header only. Above MAX_PIXELS Pillow warns, and
            # the size is then refused below, naming it; above twice that it
            # refuses to open at all.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(upload)
    except Image.DecompressionBombError:
        raise refusal("far_too_many_pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise refusal("not_an_image") from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise refusal("too_many_pixels", width=width, height=height)
    if image.format not in FORMATS:
        raise refusal("format", format=image.format or "?")
    return image


def validate_image_upload(upload):
    """Raise ValidationError unless `upload` is a whole JPEG, PNG or WebP image
    within the size limits. Decodes the pixels only once the header passed."""
    open_header(upload)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            Image.open(upload).verify()
            upload.seek(0)
            Image.open(upload).load()  # a truncated file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refusal("far_too_many_pixels") from None
    except Exception:  # Pillow raises many kinds on a damaged file.
        raise refusal("damaged") from None
    finally:
        upload.seek(0)


def clean_image_upload(upload):
    """A new upload of `upload`'s picture: turned upright by its EXIF
    orientation, without EXIF, GPS or other metadata, re-encoded in its own
    format. `upload` must have passed validate_image_upload()."""
    upload.seek(0)
    with Image.open(upload) as original:
        image_format = original.format
        original.load()
        upright = ImageOps.exif_transpose(original)
    # A copy of the pixels only: no EXIF, XMP, ICC or text chunks are kept.
    clean = upright.copy()
    clean.info = {
        key: value for key, value in upright.info.items() if key == "transparency"
    }
    extension, content_type, options = FORMATS[image_format]
    if image_format == "JPEG" and clean.mode not in ("L", "RGB", "CMYK"):
        clean = clean.convert("RGB")
    buffer = io.BytesIO()
    clean.save(buffer, image_format, **options)
    stem = os.path.splitext(os.path.basename(upload.name or "image"))[0] or "image"
    return SimpleUploadedFile(f"{stem}.{extension}", buffer.getvalue(), content_type)


class CheckedImageField(forms.ImageField):
    """An image form field that stores only what validate_image_upload accepts,
    cleaned by clean_image_upload."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_upload(upload)
        try:
            return clean_image_upload(upload)
        except Exception:  # Anything Pillow cannot re-encode is refused.
            raise refusal("damaged") from None


def image_description_field(*, help_text):
    """An image's text alternative (its alt), for visitors who cannot see it."""
    return models.CharField(
        _("image description"), max_length=255, blank=True, help_text=help_text
    )
