import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events import imports
from events.models import Event
from tests.factories import local, make_event

pytestmark = pytest.mark.django_db

IMPORT_URL = "admin:events_event_import"


def csv_file(*rows):
    header = (
        "slug,title_ru,title_kk,summary_ru,kind,starts_at,ends_at,venue,activity_types"
    )
    text = "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile("events.csv", text.encode(), "text/csv")


GOOD_ROWS = [
    "aitys-2025,Айтыс акынов,Ақындар айтысы,Состязание.,contest,"
    "2025-03-21 15:00,2025-03-21 18:00,hall,90.01",
    "kilem-2025,Выставка ковров,,,exhibition,2025-04-01,,,90.03;90.01",
]
BAD_ROWS = [
    "bad-date,Концерт,,,concert,21.03.2025,,,",
    "bad-type,Концерт,,,concert,2025-03-22 19:00,,,99.99",
    "no-title,,,,concert,2025-03-23 19:00,,,",
]


def preview(client, upload, organization, **extra):
    return client.post(
        reverse(IMPORT_URL),
        {
            "file": upload,
            "organization": organization.pk,
            "language": "ru",
            "preview": "1",
            **extra,
        },
    )


def confirm(client, response):
    return client.post(
        reverse(IMPORT_URL), {"confirm": "1", "token": response.context["token"]}
    )


def summary(response):
    return [
        (row.number, row.key, row.action, row.errors)
        for row in response.context["rows"]
    ]


def test_the_changelist_links_to_the_import_page_with_the_columns(editor_client):
    changelist = editor_client.get(reverse("admin:events_event_changelist"))
    page = editor_client.get(reverse(IMPORT_URL))
    template = editor_client.get(reverse("admin:events_event_import_template"))

    assert reverse(IMPORT_URL) in changelist.content.decode()
    assert page.status_code == 200
    assert [name for name, _help in page.context["columns"]] == imports.CSV_HEADER
    assert template["Content-Type"] == "text/csv; charset=utf-8"
    assert template.content.decode().splitlines()[0] == ",".join(imports.CSV_HEADER)


def test_the_preview_lists_creates_and_each_rows_errors_and_saves_nothing(
    editor_client, library, hall
):
    response = preview(editor_client, csv_file(*GOOD_ROWS, *BAD_ROWS), library)

    assert response.status_code == 200
    assert summary(response) == [
        (2, "aitys-2025", "create", []),
        (3, "kilem-2025", "create", []),
        (
            4,
            "bad-date",
            "",
            ["starts_at: «21.03.2025» is not a date like 2025-03-21 19:00."],
        ),
        (5, "bad-type", "", ["activity_types: no activity type has the code «99.99»."]),
        (6, "no-title", "", ["title: give the title in at least one language."]),
    ]
    page = response.content.decode()
    assert "2 to create, 0 to update, 0 unchanged, 3 with errors (skipped)." in page
    assert "activity_types: no activity type has the code «99.99»." in page
    assert Event.objects.count() == 0


def test_confirming_creates_drafts_of_the_organization(
    editor_client, editor, library, hall
):
    response = preview(editor_client, csv_file(*GOOD_ROWS, *BAD_ROWS), library)

    response = confirm(editor_client, response)

    assert response.status_code == 302
    events = list(Event.objects.order_by("slug"))
    assert [
        (e.slug, e.title_ru, e.kind, e.starts_at, e.venue, e.publication_status)
        for e in events
    ] == [
        (
            "aitys-2025",
            "Айтыс акынов",
            "contest",
            local(2025, 3, 21, 15),
            hall,
            "draft",
        ),
        (
            "kilem-2025",
            "Выставка ковров",
            "exhibition",
            local(2025, 4, 1),
            None,
            "draft",
        ),
    ]
    assert events[1].date_precision == Event.DatePrecision.DAY
    assert sorted(events[1].activity_types.values_list("code", flat=True)) == [
        "90.01",
        "90.03",
    ]
    assert [list(e.organizers.all()) for e in events] == [[library], [library]]
    assert [e.created_by for e in events] == [editor, editor]
    assert (
        "Import done: 2 created as drafts, 0 updated, 0 unchanged, 3 skipped for "
        "errors."
    ) in [str(m) for m in response.wsgi_request._messages]


def test_importing_the_same_file_again_creates_nothing_new(
    editor_client, library, hall
):
    confirm(editor_client, preview(editor_client, csv_file(*GOOD_ROWS), library))
    changed = GOOD_ROWS[1].replace("Выставка ковров", "Выставка войлока")

    response = preview(editor_client, csv_file(GOOD_ROWS[0], changed), library)

    assert summary(response) == [
        (2, "aitys-2025", "unchanged", []),
        (3, "kilem-2025", "update", []),
    ]
    confirm(editor_client, response)
    assert Event.objects.count() == 2
    assert Event.objects.get(slug="kilem-2025").title_ru == "Выставка войлока"


def test_a_slug_of_another_organizations_event_is_refused(
    editor_client, library, theatre, hall
):
    make_event(slug="aitys-2025", organizers=[theatre], title_ru="Чужое")
    response = preview(editor_client, csv_file(GOOD_ROWS[0]), library)

    assert summary(response) == [
        (
            2,
            "aitys-2025",
            "",
            ["The slug «aitys-2025» is taken: give this row another slug."],
        )
    ]


def test_an_editor_cannot_import_for_another_organization(editor_client, theatre):
    response = preview(editor_client, csv_file(GOOD_ROWS[1]), theatre)

    assert response.status_code == 200
    assert response.context["rows"] is None
    assert response.context["form"].errors["organization"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Event.objects.count() == 0


def test_a_moderator_chooses_the_organization(moderator_client, theatre, hall):
    confirm(
        moderator_client, preview(moderator_client, csv_file(GOOD_ROWS[0]), theatre)
    )

    assert list(Event.objects.get().organizers.all()) == [theatre]


def test_a_confirmation_without_its_preview_imports_nothing(editor_client):
    response = editor_client.post(
        reverse(IMPORT_URL), {"confirm": "1", "token": "forged"}
    )

    assert response.status_code == 302
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("events.xlsx", b"PK\x03\x04"),
            "Upload a .csv or an .ics file.",
        ),
        (
            SimpleUploadedFile("events.csv", "slug;title\n".encode("cp1251")),
            "The file lacks the columns slug, kind, starts_at; start from the template.",
        ),
        (
            SimpleUploadedFile("events.csv", "Айтыс".encode("cp1251")),
            "The file is not in UTF-8; save it again choosing UTF-8.",
        ),
        (
            SimpleUploadedFile("events.ics", b"not a calendar"),
            "This is not an iCalendar (.ics) file that can be read.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_on_the_field(
    editor_client, library, upload, message
):
    response = preview(editor_client, upload, library)

    assert response.context["form"].errors["file"] == [message]


ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Library//Events//RU
BEGIN:VEVENT
UID:reading-1@library.kz
SUMMARY:Литературный вечер
DESCRIPTION:Стихи Абая.
DTSTART;TZID=Asia/Almaty:20250321T180000
DTEND;TZID=Asia/Almaty:20250321T200000
LOCATION:Concert hall
END:VEVENT
BEGIN:VEVENT
UID:fair-1@library.kz
SUMMARY:Book fair
DTSTART;VALUE=DATE:20250401
DTEND;VALUE=DATE:20250403
END:VEVENT
BEGIN:VEVENT
UID:broken-1@library.kz
SUMMARY:Без даты
END:VEVENT
END:VCALENDAR
"""


def ics_file(text=ICS):
    return SimpleUploadedFile(
        "events.ics", text.replace("\n", "\r\n").encode(), "text/calendar"
    )


def test_an_ics_file_is_previewed_imported_and_matched_again_by_uid(
    editor_client, library, hall
):
    response = preview(editor_client, ics_file(), library)

    assert summary(response) == [
        (1, "reading-1@library.kz", "create", []),
        (2, "fair-1@library.kz", "create", []),
        (
            3,
            "broken-1@library.kz",
            "",
            ["DTSTART: the entry has no start that can be read."],
        ),
    ]
    assert Event.objects.count() == 0
    confirm(editor_client, response)
    reading, fair = Event.objects.order_by("starts_at")
    assert (
        reading.title_ru,
        reading.description_ru,
        reading.starts_at,
        reading.ends_at,
        reading.venue,
        reading.import_uid,
        reading.publication_status,
    ) == (
        "Литературный вечер",
        "Стихи Абая.",
        local(2025, 3, 21, 18),
        local(2025, 3, 21, 20),
        hall,
        "reading-1@library.kz",
        "draft",
    )
    assert (fair.slug, fair.starts_at, fair.ends_at, fair.date_precision) == (
        "book-fair",
        local(2025, 4, 1),
        local(2025, 4, 2),
        Event.DatePrecision.DAY,
    )

    again = preview(editor_client, ics_file(), library)

    assert [row[2] for row in summary(again)] == ["unchanged", "unchanged", ""]
    confirm(editor_client, again)
    assert Event.objects.count() == 2


def test_two_calendar_entries_with_one_title_get_their_own_slugs(
    editor_client, library
):
    entry = (
        "BEGIN:VEVENT\nUID:{uid}\nSUMMARY:Book club\n"
        "DTSTART:20250{month}05T180000\nEND:VEVENT\n"
    )
    text = (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//x//y//EN\n"
        + entry.format(uid="club-1", month=5)
        + entry.format(uid="club-2", month=6)
        + "END:VCALENDAR\n"
    )
    confirm(editor_client, preview(editor_client, ics_file(text), library))

    assert list(
        Event.objects.order_by("starts_at").values_list("slug", "starts_at")
    ) == [
        ("book-club", local(2025, 5, 5, 18)),
        ("book-club-2", local(2025, 6, 5, 18)),
    ]


def test_odd_csv_rows_get_errors_not_a_crash(editor_client, library):
    upload = SimpleUploadedFile(
        "events.csv",
        b"slug,kind,starts_at\nabc d,concert,2025-01-01,extra,cells\nshort\n",
    )

    response = preview(editor_client, upload, library)

    assert response.status_code == 200
    assert [
        (number, errors[0]) for number, _key, _action, errors in summary(response)
    ] == [
        (2, "slug: give it in Latin letters, digits and hyphens (aitys-2025)."),
        (3, "title: give the title in at least one language."),
    ]


def test_a_file_with_a_nul_byte_is_refused_on_the_field(editor_client, library):
    upload = SimpleUploadedFile(
        "events.csv", b"slug,kind,starts_at\nab\x00c,concert,2025-01-01\n"
    )

    response = preview(editor_client, upload, library)

    assert response.context["form"].errors["file"] == [
        "The file contains binary data; upload a text CSV or .ics file."
    ]
    assert Event.objects.count() == 0
