import io
import struct
import zlib

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from PIL import ExifTags, Image

from backoffice.images import CheckedImageField, validate_image_upload
from events.models import Event, EventImage
from organizations.models import Organization
from tests.factories import post_add_form
from venues.models import Venue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def picture(size=(40, 30), image_format="PNG", **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, image_format, **save_options)
    return buffer.getvalue()


def noisy_jpeg():
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 80).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


def png_claiming(width, height):
    """A small PNG whose header says it is width × height pixels."""
    data = bytearray(picture((1, 1)))
    # The IHDR chunk: length (8..12), type (12..16), width, height (16..24) ...
    data[16:24] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12:29]))
    data[29:33] = struct.pack(">I", crc)
    return bytes(data)


def post_event_with_image(client, upload):
    return post_add_form(
        client,
        title_ru="Выставка вышивки",
        summary_ru="Работы мастериц области.",
        **{
            "images-TOTAL_FORMS": "1",
            "images-0-image": upload,
            "images-0-alt_text_ru": "Вышитый ковёр",
            "images-0-alt_text_kk": "",
            "images-0-alt_text_en": "",
            "images-0-credit": "Фото: музей",
            "images-0-position": "0",
        },
    )


def image_errors(response):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == "images":
            return inline.formset.forms[0].errors.get("image")
    raise AssertionError("no image inline on the page")


def stored_files(media_root):
    if not media_root.exists():
        return []
    return [path for path in media_root.rglob("*") if path.is_file()]


REFUSALS = [
    (
        "text renamed .jpg",
        SimpleUploadedFile("photo.jpg", b"Hello, this is not a picture.\n" * 20),
        "This file is not an image: upload a JPEG, PNG or WebP photo or picture.",
    ),
    (
        "svg with a script",
        SimpleUploadedFile(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b"<script>alert(document.cookie)</script></svg>",
            "image/svg+xml",
        ),
        "This file is not an image: upload a JPEG, PNG or WebP photo or picture.",
    ),
    (
        "50,000 x 50,000 png",
        SimpleUploadedFile("huge.png", png_claiming(50_000, 50_000), "image/png"),
        "The image has far more than 40 megapixels; upload one of at most "
        "40 megapixels (e.g. 8000 × 5000).",
    ),
    (
        "truncated jpeg",
        SimpleUploadedFile(
            "cut.jpg",
            noisy_jpeg()[:3000],
            "image/jpeg",
        ),
        "The image is damaged or incomplete; save it again in an image editor "
        "and upload the new file.",
    ),
    (
        "20 MB file",
        SimpleUploadedFile(
            "big.jpg", b"\xff\xd8\xff\xe0" + bytes(20 * 1024 * 1024), "image/jpeg"
        ),
        "The file is 20.0\xa0MB; upload an image of at most 10.0\xa0MB.",
    ),
    (
        "gif",
        SimpleUploadedFile("anim.gif", picture((10, 10), "GIF"), "image/gif"),
        "This is a GIF image; upload a JPEG, PNG or WebP image instead.",
    ),
]


@pytest.mark.parametrize(
    ("upload", "message"),
    [(upload, message) for _, upload, message in REFUSALS],
    ids=[name for name, _, _ in REFUSALS],
)
def test_a_bad_upload_is_refused_on_its_field_and_nothing_is_stored(
    moderator_client, media_root, upload, message
):
    upload.seek(0)
    response = post_event_with_image(moderator_client, upload)

    assert response.status_code == 200
    assert image_errors(response) == [message]
    assert message in response.content.decode()
    assert stored_files(media_root) == []
    assert EventImage.objects.count() == 0
    assert Event.objects.count() == 0


def test_a_refused_upload_keeps_what_the_editor_typed(moderator_client):
    upload = SimpleUploadedFile("photo.jpg", b"not an image at all")
    response = post_event_with_image(moderator_client, upload)
    page = response.content.decode()

    assert 'value="Выставка вышивки"' in page
    assert 'value="Работы мастериц области."' in page
    assert 'value="Вышитый ковёр"' in page
    assert 'value="Фото: музей"' in page


def test_a_pixel_bomb_is_refused_from_its_header_without_decoding(monkeypatch):
    upload = SimpleUploadedFile("bomb.png", png_claiming(9000, 5000), "image/png")
    decoded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: decoded.append(self))

    with pytest.raises(Exception) as refusal:
        validate_image_upload(upload)

    assert refusal.value.messages == [
        "The image is 9000 × 5000 pixels; upload one of at most 40 megapixels "
        "(e.g. 8000 × 5000)."
    ]
    assert decoded == []


def test_gps_exif_is_stripped_from_the_stored_image(moderator_client, media_root):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (49.0, 57.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (82.0, 36.0, 0.0)
    source = picture((40, 30), "JPEG", exif=exif.tobytes())
    assert Image.open(io.BytesIO(source)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    response = post_event_with_image(
        moderator_client, SimpleUploadedFile("trip.jpg", source, "image/jpeg")
    )

    assert response.status_code == 302
    event_image = EventImage.objects.get()
    assert event_image.image.name.endswith(".jpg")
    with Image.open(event_image.image.path) as stored:
        assert stored.format == "JPEG"
        assert "exif" not in stored.info
        assert dict(stored.getexif()) == {}
    assert stored_files(media_root) == [media_root / event_image.image.name]


def test_exif_orientation_is_applied_before_storing(moderator_client):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    source = picture((40, 30), "JPEG", exif=exif.tobytes())

    response = post_event_with_image(
        moderator_client, SimpleUploadedFile("sideways.jpg", source, "image/jpeg")
    )

    assert response.status_code == 302
    event_image = EventImage.objects.get()
    assert (event_image.width, event_image.height) == (30, 40)
    with Image.open(event_image.image.path) as stored:
        assert stored.size == (30, 40)
        assert "exif" not in stored.info


def test_a_png_named_jpg_is_stored_as_png(moderator_client):
    response = post_event_with_image(
        moderator_client,
        SimpleUploadedFile("poster.jpg", picture((20, 10), "PNG"), "image/jpeg"),
    )

    assert response.status_code == 302
    event_image = EventImage.objects.get()
    assert event_image.image.name.endswith("poster.png")
    with Image.open(event_image.image.path) as stored:
        assert (stored.format, stored.size) == ("PNG", (20, 10))


def test_webp_is_accepted_and_stays_webp(moderator_client):
    response = post_event_with_image(
        moderator_client,
        SimpleUploadedFile("photo.webp", picture((20, 10), "WEBP"), "image/webp"),
    )

    assert response.status_code == 302
    with Image.open(EventImage.objects.get().image.path) as stored:
        assert stored.format == "WEBP"


@pytest.mark.parametrize(("model", "name"), [(Venue, "image"), (Organization, "logo")])
def test_venue_and_organization_images_are_checked_the_same_way(moderator, model, name):
    request = RequestFactory().get("/")
    request.user = moderator
    form_class = admin.site._registry[model].get_form(request)
    field = form_class.base_fields[name]

    assert isinstance(field, CheckedImageField)
    with pytest.raises(Exception) as refusal:
        field.clean(SimpleUploadedFile("photo.jpg", b"not an image"))
    assert refusal.value.messages == [
        "This file is not an image: upload a JPEG, PNG or WebP photo or picture."
    ]


def test_a_full_disk_keeps_the_event_and_says_so(moderator_client, monkeypatch):
    import errno

    from django.core.files.storage import FileSystemStorage

    def disk_full(self, name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    upload = SimpleUploadedFile("ковёр.png", picture(), content_type="image/png")

    response = post_event_with_image(moderator_client, upload)

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.title_ru == "Выставка вышивки"
    assert not event.images.exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert (
        "The event was saved, but its images could not be stored "
        "(No space left on device). Try adding them again later."
    ) in messages
