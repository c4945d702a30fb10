"""Realistic made-up events for benchmarks and load tests, deterministic for a seed."""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from events.cache import catalog_changed
from events.models import ActivityType, Event, EventOrganizer
from events.search_words import refresh_search_words
from organizations.models import Organization
from venues.models import District, Venue

BATCH_SIZE = 2000
VENUES_PER_DISTRICT = 6
ORGANIZATIONS = 40

RU_WORDS = {
    "what": [
        "Фестиваль", "Концерт", "Выставка", "Ярмарка", "Мастер-класс", "Форум",
        "Конкурс", "Спектакль", "Курс", "Хакатон", "Вечер", "Презентация",
    ],
    "about": [
        "народной музыки", "современного искусства", "ковроткачества", "войлока",
        "ювелирного дела", "детского творчества", "молодых дизайнеров",
        "духовых оркестров", "поэзии", "фотографии", "кино", "программирования",
        "робототехники", "архитектуры", "моды", "домбры", "айтыса", "керамики",
    ],
    "where": [
        "в Усть-Каменогорске", "в Риддере", "на Алтае", "в Зайсане", "в Шемонаихе",
        "в Катон-Карагае", "у Бухтармы", "в сёлах Улана", "на набережной Иртыша",
    ],
}  # fmt: skip
KK_WORDS = {
    "what": [
        "фестивалі", "концерті", "көрмесі", "жәрмеңкесі", "шеберлік сабағы",
        "форумы", "байқауы", "қойылымы", "курсы", "хакатоны", "кеші",
    ],
    "about": [
        "Халық музыкасының", "Қазіргі өнердің", "Кілем тоқудың", "Киіз басудың",
        "Зергерлік өнердің", "Балалар шығармашылығының", "Жас дизайнерлердің",
        "Поэзияның", "Фотографияның", "Киноның", "Бағдарламалаудың", "Домбыраның",
        "Айтыстың", "Қыш өнерінің", "Сәулеттің", "Сән әлемінің",
    ],
}  # fmt: skip
DESCRIPTION = [
    "Приглашаем жителей и гостей области.", "Вход по регистрации.",
    "Участвуют мастера из районов области и соседних стран.",
    "Программа включает выставку, мастер-классы и концерт.",
    "Организаторы обещают яркую программу для всей семьи.",
    "Шеберлер мен өнерпаздар өз туындыларын ұсынады.",
    "Барлық жастағы қонақтарды шақырамыз.",
]  # fmt: skip
KINDS = [kind for kind, _ in Event.Kind.choices if kind != Event.Kind.OTHER]


class Command(BaseCommand):
    help = (
        "Add COUNT made-up events (with venues in every district and organizers) "
        "on top of the reference data; the same seed gives the same events."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--anchor",
            type=datetime.date.fromisoformat,
            default=None,
            help="The 'today' the dates spread around (YYYY-MM-DD; default today).",
        )

    def handle(self, *args, count, seed, anchor, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if Event.objects.filter(slug__startswith=f"generated-{seed}-").exists():
            raise CommandError(
                f"Events of seed {seed} exist already; use another --seed."
            )
        rng = random.Random(seed)
        anchor = anchor or timezone.localdate()
        with transaction.atomic():
            venues = self.venues(seed)
            organizations = self.organizations(seed)
            created = generate_events(
                count=count,
                seed=seed,
                rng=rng,
                anchor=anchor,
                venues=venues,
                organizations=organizations,
            )
        catalog_changed()  # bulk_create sends no signal
        self.stdout.write(f"Created {created} events (seed {seed}).")

    def venues(self, seed):
        venues = []
        for district in District.objects.all():
            for number in range(VENUES_PER_DISTRICT):
                venue, _ = Venue.objects.get_or_create(
                    slug=f"generated-{seed}-{district.slug}-{number}",
                    defaults={
                        "name_ru": f"Дом культуры №{number + 1}",
                        "name_kk": f"№{number + 1} мәдениет үйі",
                        "locality_ru": district.centre_ru,
                        "district": district,
                    },
                )
                venues.append(venue)
        return venues

    def organizations(self, seed):
        return [
            Organization.objects.get_or_create(
                slug=f"generated-{seed}-{number}",
                defaults={
                    "name_ru": f"Творческое объединение №{number + 1}",
                    "name_kk": f"№{number + 1} шығармашылық бірлестігі",
                    "kind": Organization.Kind.NGO,
                },
            )[0]
            for number in range(ORGANIZATIONS)
        ]


def generate_events(*, count, seed, rng, anchor, venues, organizations):
    """Bulk-create `count` events with their types and organizers; return the count."""
    activity_types = list(ActivityType.objects.current())
    start_of_range = anchor - datetime.timedelta(days=3 * 365)
    created = 0
    while created < count:
        batch = []
        for number in range(created, min(created + BATCH_SIZE, count)):
            batch.append(
                made_up_event(
                    rng=rng,
                    slug=f"generated-{seed}-{number}",
                    day=start_of_range
                    + datetime.timedelta(days=rng.randrange(5 * 365)),
                    venue=rng.choice(venues),
                )
            )
        chosen_types = {
            event.slug: rng.sample(activity_types, rng.randint(1, 3)) for event in batch
        }
        chosen_organizers = {
            event.slug: rng.sample(organizations, rng.randint(1, 2)) for event in batch
        }
        Event.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        saved = dict(
            Event.objects.filter(slug__in=[e.slug for e in batch]).values_list(
                "slug", "pk"
            )
        )
        Event.activity_types.through.objects.bulk_create(
            Event.activity_types.through(event_id=saved[slug], activitytype_id=t.pk)
            for slug, types in chosen_types.items()
            for t in types
        )
        EventOrganizer.objects.bulk_create(
            EventOrganizer(event_id=saved[slug], organization_id=o.pk)
            for slug, chosen in chosen_organizers.items()
            for o in chosen
        )
        link_programmes(rng, batch, saved)
        # bulk_create() sends no signal: the words are made here, once the
        # types and organizers are linked.
        refresh_search_words(Event.objects.filter(pk__in=saved.values()))
        created += len(batch)
    return created


def made_up_event(*, rng, slug, day, venue):
    kind = rng.choice(KINDS)
    about_ru, about_kk = rng.choice(RU_WORDS["about"]), rng.choice(KK_WORDS["about"])
    title_ru = (
        f"{rng.choice(RU_WORDS['what'])} {about_ru} {rng.choice(RU_WORDS['where'])}"
    )
    title_kk = f"{about_kk} {rng.choice(KK_WORDS['what'])}"
    timed = rng.random() < 0.7
    if timed:
        starts_at = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(rng.choice([11, 15, 18, 19])))
        )
        ends_at = starts_at + datetime.timedelta(hours=rng.choice([1, 2, 3]))
    else:
        last_day = day + datetime.timedelta(days=rng.randint(0, 3))
        starts_at = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time.min)
        )
        ends_at = timezone.make_aware(
            datetime.datetime.combine(last_day, datetime.time.max)
        )
    is_free = rng.random() < 0.4
    price = None if is_free else rng.choice([500, 1000, 2000, 3000, 5000])
    return Event(
        slug=slug,
        title_ru=title_ru,
        title_kk=title_kk,
        summary_ru=f"{title_ru}. {rng.choice(DESCRIPTION)}",
        description_ru=" ".join(rng.sample(DESCRIPTION, 3)),
        kind=kind,
        date_precision=Event.DatePrecision.TIME if timed else Event.DatePrecision.DAY,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        is_free=is_free,
        price_from=price,
        publication_status=(
            Event.PublicationStatus.PUBLISHED
            if rng.random() < 0.95
            else Event.PublicationStatus.DRAFT
        ),
        event_status=(
            Event.EventStatus.CANCELLED
            if rng.random() < 0.03
            else Event.EventStatus.SCHEDULED
        ),
        published_at=timezone.now(),
    )


def link_programmes(rng, batch, saved):
    """Make some festivals umbrellas of the events that follow them in the batch."""
    updates = []
    for index, event in enumerate(batch):
        if event.kind != Event.Kind.FESTIVAL or rng.random() < 0.5:
            continue
        for child in batch[index + 1 : index + 1 + rng.randint(2, 4)]:
            if child.kind != Event.Kind.FESTIVAL:
                updates.append((saved[child.slug], saved[event.slug]))
    Event.objects.bulk_update(
        [Event(pk=child, parent_id=parent) for child, parent in updates],
        ["parent"],
        batch_size=500,
    )
