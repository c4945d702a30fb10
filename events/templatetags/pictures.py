"""The picture that leads an event's card and page: its image, or its cover."""

from dataclasses import dataclass

from django import template
from django.utils.translation import get_language

from events import covers
from events.covers.drawing import HEIGHT, WIDTH

register = template.Library()


@dataclass(frozen=True)
class Picture:
    """What an <img> needs. A generated cover is decorative (alt=""): the
    title and dates it shows are written beside it."""

    src: str
    srcset: str
    width: int
    height: int
    alt: str = ""
    credit: str = ""
    is_cover: bool = False


@register.simple_tag
def event_picture(event, use="card"):
    """The event's picture for a card (`use="card"`) or its page (`"page"`).

    Its first image, from the images for_cards() and the event page prefetch;
    else its generated cover, whose address costs neither a query nor a look at
    the storage.
    """
    images = event.images.all()
    if images:
        image = images[0]
        if use == "page":
            return image_picture(
                image,
                box=(1600, 1200),
                rendition=image.card_2x,
                srcset=image.page_srcset,
                credit=image.credit,
            )
        return image_picture(
            image, box=(480, 320), rendition=image.card, srcset=image.card_srcset
        )
    variants = covers.PAGE_VARIANTS if use == "page" else covers.CARD_VARIANTS
    urls = covers.cover_urls(event, get_language(), variants)
    width = covers.VARIANTS[variants[0]][1]
    return Picture(
        src=urls[variants[0]],
        srcset=", ".join(
            f"{url} {covers.VARIANTS[variant][1]}w" for variant, url in urls.items()
        ),
        width=width,
        height=round(width * HEIGHT / WIDTH),
        is_cover=True,
    )


def image_picture(image, *, box, rendition, srcset, credit=""):
    """An uploaded image's picture: `rendition` for src, its size fitted in `box`."""
    width, height = image.fitted_size(*box)
    return Picture(
        src=rendition.url,
        srcset=srcset,
        width=width,
        height=height,
        alt=image.alt_text,
        credit=credit,
    )
