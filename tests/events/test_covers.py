import io
import re
from html.parser import HTMLParser

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image, ImageDraw

from events import covers
from events.covers import drawing
from events.models import ActivityType, Event
from tests.factories import in_days, local, make_event, make_image, whole_days

# Each test with a media folder of its own, where covers are kept.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"


class Images(HTMLParser):
    """The <img> elements of a page and its <meta property> tags."""

    def __init__(self):
        super().__init__()
        self.images, self.meta, self.html = [], {}, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        elif tag == "meta" and "property" in attrs:
            self.meta[attrs["property"]] = attrs["content"]


def parse(response):
    assert response.status_code == 200
    parser = Images()
    parser.html = response.content.decode()
    parser.feed(parser.html)
    return parser


def fetch_image(client, url):
    """The picture at `url` (an absolute one of the test server), opened."""
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("weight", ["Bold", "Regular"])
def test_the_font_draws_every_kazakh_letter(weight):
    typeface = drawing.font(weight, 48)

    def drawn(text):
        image = Image.new("L", (80, 80))
        ImageDraw.Draw(image).text((10, 0), text, font=typeface, fill=255)
        return image

    # What the font draws for a character it does not have (.notdef, a box).
    missing = drawn("\U0010fffd").tobytes()
    for letter in KAZAKH_LETTERS:
        image = drawn(letter)
        assert image.getbbox() is not None, letter
        assert image.tobytes() != missing, letter


def test_a_cover_is_the_groups_colour_and_1200_by_630():
    image = drawing.draw_cover(
        title="Шығыс өркені", dates="8–11 қазан 2025", group="music", site_name="X"
    )

    assert image.size == (1200, 630)
    assert image.getpixel((5, 5)) == Image.new("RGB", (1, 1), "#2f4ba0").getpixel(
        (0, 0)
    )
    # Another group, another colour; no group, the default one.
    other = drawing.draw_cover(title="A", dates="B", group="crafts", site_name="X")
    assert other.getpixel((5, 5)) != image.getpixel((5, 5))
    assert drawing.draw_cover(title="A", dates="B", group=None, site_name="X")


def test_a_cover_shows_the_title_and_dates_in_the_pages_language():
    event = make_event(
        title_kk="Шығыс өркені",
        title_ru="Восточное наследие",
        title_en="",
        **whole_days((2025, 10, 8), (2025, 10, 11)),
    )

    assert covers.cover_title(event, "kk") == "Шығыс өркені"
    assert covers.cover_title(event, "ru") == "Восточное наследие"
    # No English title: the fallback the pages show.
    assert covers.cover_title(event, "en") in ("Шығыс өркені", "Восточное наследие")
    assert "қазан" in covers.cover_dates(event, "kk")
    assert "октября" in covers.cover_dates(event, "ru")
    assert "October" in covers.cover_dates(event, "en")
    keys = {covers.cover_key(event, language) for language in ("kk", "ru", "en")}
    assert len(keys) == 3


def test_a_changed_title_date_or_group_makes_a_new_cover(client):
    event = make_event(title_ru="Концерт", activity_types=("90.01",))
    old_key = covers.cover_key(event, "ru")
    old_src = parse(client.get("/ru/events/")).images[0]["src"]
    assert old_key in old_src
    assert fetch_image(client, old_src).size == (600, 315)

    event.title_ru = "Большой концерт"
    event.save()
    new_key = covers.cover_key(event, "ru")
    new_src = parse(client.get("/ru/events/")).images[0]["src"]

    assert new_key != old_key
    assert new_key in new_src and old_key not in new_src
    assert fetch_image(client, new_src).size == (600, 315)
    # Both kept under their own names: the old one is not reused for the new.
    names = default_storage.listdir(covers.FOLDER)[1]
    assert f"{old_key}-600.webp" in names and f"{new_key}-600.webp" in names
    # A page or a shared link from before the change is sent on to the new one.
    response = client.get(old_src)
    assert response.status_code == 302
    assert response["Location"] == new_src

    event.starts_at = event.starts_at.replace(year=event.starts_at.year + 1)
    event.save()
    dated_key = covers.cover_key(event, "ru")
    event.activity_types.set(ActivityType.objects.filter(code="13.93"))
    event = Event.objects.with_cover_group().get(pk=event.pk)
    assert event.cover_group == "crafts"
    assert len({old_key, new_key, dated_key, covers.cover_key(event, "ru")}) == 4


def test_saving_an_event_makes_its_covers_once_committed(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(title_en="Jazz night")

    for language in ("kk", "ru", "en"):
        key = covers.cover_key(event, language)
        for variant in covers.VARIANTS:
            assert default_storage.exists(covers.cover_storage_name(key, variant))

    with django_capture_on_commit_callbacks(execute=True):
        event.activity_types.set(ActivityType.objects.filter(code="62.01"))
    event = Event.objects.with_cover_group().get(pk=event.pk)
    key = covers.cover_key(event, "en")
    with default_storage.open(covers.cover_storage_name(key, "1200.png")) as file:
        image = Image.open(file)
        image.load()
    assert image.getpixel((5, 5)) == Image.new("RGB", (1, 1), "#0f5f6b").getpixel(
        (0, 0)
    )


def test_pages_link_covers_without_making_them(client):
    make_event(title_en="Jazz night")

    parse(client.get("/en/"))
    parse(client.get("/en/events/"))

    assert not default_storage.exists(covers.FOLDER)


def test_cards_show_a_picture_with_or_without_an_image(client, media_root):
    photo = make_event(title_en="Falconry")
    make_image(photo, size=(900, 600), alt_text="Eagles over the steppe")
    make_event(title_en="Jazz night")

    images = parse(client.get("/en/events/")).images

    assert len(images) == 2
    by_alt = {image["alt"]: image for image in images}
    assert set(by_alt) == {"Eagles over the steppe", ""}
    cover = by_alt[""]
    assert re.fullmatch(
        r"/en/events/event-\d+/cover/[0-9a-f]{20}-600\.webp", cover["src"]
    )
    assert cover["srcset"].endswith("-1200.webp 1200w")
    assert (cover["width"], cover["height"]) == ("600", "315")
    assert by_alt["Eagles over the steppe"]["width"] == "480"
    # The first card's picture is above the fold; the others wait to be seen.
    assert [image.get("loading") for image in images] == [None, "lazy"]
    assert images[0]["fetchpriority"] == "high"


@pytest.mark.parametrize("upcoming", [True, False])
def test_only_the_first_card_of_the_home_page_is_not_lazy(client, upcoming):
    # Not this weekend (a list of its own above the upcoming one), whatever today.
    starts_at = in_days(10) if upcoming else local(2024, 5, 1, 19)
    for number in range(3):
        make_event(title_en=f"Concert {number}", starts_at=starts_at)

    images = parse(client.get("/en/")).images

    assert [image.get("loading") for image in images] == [None, "lazy", "lazy"]


def test_the_recent_events_below_the_upcoming_ones_wait_to_be_seen(client):
    make_event(title_en="Concert", starts_at=in_days(10))
    make_event(title_en="Fair", starts_at=local(2024, 5, 1, 19))

    page = parse(client.get("/en/"))

    assert page.html.index("Concert") < page.html.index("Fair")
    assert [image.get("loading") for image in page.images] == [None, "lazy"]


def test_the_event_page_leads_with_a_responsive_hero(client, media_root):
    event = make_event(title_en="Falconry")
    make_image(event, size=(2400, 1600), alt_text="Eagles", credit="Фото: акимат")
    make_image(event, size=(800, 600), alt_text="Hunters")

    page = parse(client.get(f"/en/events/{event.slug}/"))

    hero = page.images[0]
    assert hero["alt"] == "Eagles"
    assert (hero["width"], hero["height"]) == ("1600", "1067")
    assert [candidate.split()[1] for candidate in hero["srcset"].split(", ")] == [
        "480w",
        "960w",
        "1600w",
    ]
    assert hero["sizes"] and hero["fetchpriority"] == "high"
    assert "loading" not in hero
    assert "<figcaption>Фото: акимат</figcaption>" in page.html
    # The rest of the images below, in the gallery.
    assert [image["alt"] for image in page.images] == ["Eagles", "Hunters"]


def test_an_event_without_image_leads_with_its_decorative_cover(client):
    event = make_event(title_en="Jazz night")

    hero = parse(client.get(f"/en/events/{event.slug}/")).images[0]

    assert hero["alt"] == ""
    assert (hero["width"], hero["height"]) == ("600", "315")
    assert hero["srcset"].endswith("-1200.webp 1200w")
    assert "loading" not in hero


def test_the_og_image_of_an_event_without_image_is_its_1200_by_630_cover(client):
    event = make_event(title_kk="Шығыс өркені")

    meta = parse(client.get(f"/kk/events/{event.slug}/")).meta

    assert meta["og:image"].startswith(f"http://testserver/kk/events/{event.slug}/")
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert "og:image:alt" not in meta
    image = fetch_image(client, meta["og:image"])
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_the_og_image_of_an_event_with_an_image_is_cut_to_1200_by_630(
    client, media_root
):
    event = make_event(title_en="Falconry")
    make_image(event, size=(900, 900), alt_text="Eagles")

    meta = parse(client.get(f"/en/events/{event.slug}/")).meta

    assert meta["og:image:alt"] == "Eagles"
    path = media_root / meta["og:image"].removeprefix("http://testserver/media/")
    with Image.open(path) as image:
        assert (image.format, image.size) == ("JPEG", (1200, 630))


def test_a_drafts_cover_is_not_public(client):
    event = make_event(publication_status=Event.PublicationStatus.DRAFT)
    url = covers.cover_url(event, "en", "600.webp")

    assert client.get(url).status_code == 404
    assert client.get(f"/en/events/{event.slug}/cover/x-601.webp").status_code == 404


def test_make_event_covers_makes_the_missing_ones_and_prunes_the_old():
    event = make_event(title_en="Jazz night")
    call_command("make_event_covers", stdout=io.StringIO())

    event = Event.objects.with_cover_group().get(pk=event.pk)
    old_key = covers.cover_key(event, "en")
    assert default_storage.exists(covers.cover_storage_name(old_key, "1200.png"))

    event.title_en = "Jazz night, moved"
    event.save()
    call_command("make_event_covers", "--prune", stdout=io.StringIO())

    names = default_storage.listdir(covers.FOLDER)[1]
    assert {name.partition("-")[0] for name in names} == {
        covers.cover_key(event, language) for language in ("kk", "ru", "en")
    }
    assert len(names) == 3 * len(covers.VARIANTS)
    assert old_key not in {name.partition("-")[0] for name in names}


def test_a_lost_cover_file_is_made_again_when_asked_for(client):
    event = make_event(title_en="Jazz night")
    url = covers.cover_url(event, "en", "900.webp")
    assert fetch_image(client, url).size == (900, 472)
    key = covers.cover_key(event, "en")
    default_storage.delete(covers.cover_storage_name(key, "900.webp"))

    assert fetch_image(client, url).size == (900, 472)
