"""How a generated cover looks: each activity group's colour and pictogram,
drawn with Pillow primitives, the title and dates in Noto Sans (events/fonts/)."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parent.parent / "fonts"


@dataclass(frozen=True)
class Design:
    """How one activity group's covers look: a background and a pictogram."""

    colour: str
    pictogram: str


# The twelve groups of fixtures/reference/activity_type_groups.csv; an event
# without activity types (a draft) gets the last one.
DESIGNS = {
    "crafts": Design("#8a3b12", "ornament"),
    "fashion": Design("#8e2453", "hanger"),
    "design": Design("#5b3a9e", "shapes"),
    "architecture": Design("#3d5361", "skyline"),
    "visual-arts": Design("#1f6f8b", "picture"),
    "performing-arts": Design("#a12a2a", "mask"),
    "music": Design("#2f4ba0", "notes"),
    "film-tv-radio": Design("#262b3a", "camera"),
    "publishing-media": Design("#1f6b4e", "book"),
    "advertising-marketing": Design("#a84600", "megaphone"),
    "it-software-games": Design("#0f5f6b", "code"),
    "heritage-education": Design("#6b4f1d", "museum"),
}
DEFAULT_DESIGN = Design("#34495e", "spark")


@cache
def font(weight, size):
    return ImageFont.truetype(str(FONTS / f"NotoSans-{weight}.ttf"), size)


def wrap(text, typeface, width):
    """The text in lines no wider than `width` pixels, words kept whole when
    they fit."""
    lines = []
    for word in text.split():
        if lines and typeface.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while typeface.getlength(word) > width:
            # A word longer than the line: cut it where it overflows.
            cut = max(1, len(word) - 1)
            while cut > 1 and typeface.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines


def fit_title(text, width, height):
    """(font, lines, line height): the largest size at which the title fits the
    box; at the smallest, what does not fit is cut with an ellipsis."""
    for size in (78, 70, 62, 54, 48, 42):
        typeface = font("Bold", size)
        line_height = round(size * 1.18)
        lines = wrap(text, typeface, width)
        if len(lines) * line_height <= height:
            return typeface, lines, line_height
    lines = lines[: max(1, height // line_height)]
    last = lines[-1]
    while last and typeface.getlength(f"{last}…") > width:
        last = last[:-1].rstrip()
    lines[-1] = f"{last}…"
    return typeface, lines, line_height


def mix(colour, other, amount):
    """`colour` moved `amount` (0 to 1) of the way towards `other`, as RGB."""
    start, end = ImageColor.getrgb(colour), ImageColor.getrgb(other)
    return tuple(round(a + (b - a) * amount) for a, b in zip(start, end, strict=True))


def draw_pictogram(name, size, colour):
    """The group's pictogram, `size` px square, antialiased (drawn 4× larger)."""
    scale = size * 4 / 100
    layer = Image.new("L", (size * 4, size * 4), 0)
    pen = ImageDraw.Draw(layer)

    def p(*points):
        return [(x * scale, y * scale) for x, y in points]

    def box(x0, y0, x1, y1):
        return [x0 * scale, y0 * scale, x1 * scale, y1 * scale]

    line = round(6 * scale)
    ink, hole = 255, 0
    if name == "ornament":  # nested diamonds, as on a felt rug
        pen.polygon(p((50, 4), (96, 50), (50, 96), (4, 50)), fill=ink)
        pen.polygon(p((50, 16), (84, 50), (50, 84), (16, 50)), fill=hole)
        pen.polygon(p((50, 30), (70, 50), (50, 70), (30, 50)), fill=ink)
    elif name == "hanger":
        pen.arc(box(40, 6, 60, 26), 180, 90, fill=ink, width=line)
        pen.line(p((50, 26), (50, 36)), fill=ink, width=line)
        pen.polygon(p((50, 34), (96, 72), (4, 72)), fill=ink)
        pen.polygon(p((50, 46), (78, 66), (22, 66)), fill=hole)
    elif name == "shapes":  # circle, square and triangle
        pen.ellipse(box(4, 4, 52, 52), outline=ink, width=line)
        pen.rectangle(box(44, 44, 96, 96), fill=ink)
        pen.polygon(p((22, 58), (40, 94), (4, 94)), fill=ink)
    elif name == "skyline":
        for x0, top, x1 in ((4, 40, 30), (34, 8, 64), (68, 28, 96)):
            pen.rectangle(box(x0, top, x1, 96), fill=ink)
            for y in range(top + 8, 88, 12):
                for x in range(x0 + 5, x1 - 6, 9):
                    pen.rectangle(box(x, y, x + 4, y + 5), fill=hole)
    elif name == "picture":  # a framed landscape with the sun
        pen.rectangle(box(4, 12, 96, 88), outline=ink, width=line)
        pen.ellipse(box(62, 22, 80, 40), fill=ink)
        pen.polygon(p((10, 82), (38, 40), (60, 82)), fill=ink)
        pen.polygon(p((42, 82), (64, 54), (90, 82)), fill=ink)
    elif name == "mask":
        pen.chord(box(10, 4, 90, 96), 0, 360, fill=ink)
        pen.ellipse(box(26, 30, 44, 44), fill=hole)
        pen.ellipse(box(56, 30, 74, 44), fill=hole)
        pen.chord(box(30, 50, 70, 82), 0, 180, fill=hole)
    elif name == "notes":  # two beamed quavers
        pen.ellipse(box(6, 70, 36, 92), fill=ink)
        pen.ellipse(box(58, 60, 88, 82), fill=ink)
        pen.rectangle(box(30, 16, 36, 82), fill=ink)
        pen.rectangle(box(82, 6, 88, 72), fill=ink)
        pen.polygon(p((30, 16), (88, 6), (88, 20), (30, 30)), fill=ink)
    elif name == "camera":  # a film camera: two reels, body, lens
        pen.ellipse(box(8, 4, 36, 32), fill=ink)
        pen.ellipse(box(40, 4, 68, 32), fill=ink)
        pen.rectangle(box(6, 36, 70, 84), fill=ink)
        pen.polygon(p((70, 60), (96, 42), (96, 78)), fill=ink)
    elif name == "book":  # an open book with lines of text
        pen.polygon(p((4, 20), (48, 28), (48, 90), (4, 82)), fill=ink)
        pen.polygon(p((52, 28), (96, 20), (96, 82), (52, 90)), fill=ink)
        for y in (40, 52, 64):
            pen.line(p((12, y - 4), (40, y + 1)), fill=hole, width=round(3 * scale))
            pen.line(p((60, y + 1), (88, y - 4)), fill=hole, width=round(3 * scale))
    elif name == "megaphone":
        pen.polygon(p((8, 40), (56, 14), (56, 86), (8, 60)), fill=ink)
        pen.rectangle(box(16, 58, 28, 84), fill=ink)
        pen.arc(box(50, 26, 82, 74), -50, 50, fill=ink, width=line)
        pen.arc(box(54, 10, 96, 90), -50, 50, fill=ink, width=line)
    elif name == "code":  # </>
        width = round(9 * scale)
        pen.line(p((30, 24), (8, 50), (30, 76)), fill=ink, width=width, joint="curve")
        pen.line(p((70, 24), (92, 50), (70, 76)), fill=ink, width=width, joint="curve")
        pen.line(p((58, 16), (42, 84)), fill=ink, width=width)
    elif name == "museum":  # a pediment on columns
        pen.polygon(p((50, 4), (96, 28), (4, 28)), fill=ink)
        for x in (12, 32, 52, 72):
            pen.rectangle(box(x + 2, 34, x + 14, 80), fill=ink)
        pen.rectangle(box(4, 84, 96, 94), fill=ink)
    else:  # a four-pointed spark
        pen.polygon(
            p(
                (50, 2),
                (60, 40),
                (98, 50),
                (60, 60),
                (50, 98),
                (40, 60),
                (2, 50),
                (40, 40),
            ),
            fill=ink,
        )
    mask = layer.resize((size, size), Image.Resampling.LANCZOS)
    picture = Image.new("RGBA", (size, size), colour)
    picture.putalpha(mask)
    return picture


def draw_cover(*, title, dates, group, site_name) -> Image.Image:
    """The poster, 1200 × 630: the group's colour and pictogram, the title, the
    dates and the site's name."""
    design = DESIGNS.get(group, DEFAULT_DESIGN)
    image = Image.new("RGB", (WIDTH, HEIGHT), design.colour)
    pen = ImageDraw.Draw(image)
    # A large soft disc behind the pictogram, right of the text.
    pen.ellipse((800, 120, 1260, 580), fill=mix(design.colour, "#ffffff", 0.12))
    pictogram = draw_pictogram(
        design.pictogram, 260, mix(design.colour, "#ffffff", 0.8)
    )
    image.paste(pictogram, (900, 220), pictogram)

    left, text_width = 72, 720
    pen.rectangle((left, 72, left + 64, 80), fill="#ffffff")
    pen.text(
        (left, 100),
        site_name.upper(),
        font=font("Bold", 28),
        fill=mix(design.colour, "#ffffff", 0.85),
    )
    dates_font = font("Regular", 36)
    dates_lines = wrap(dates, dates_font, text_width)[:2]
    # The title sits above the dates, both held to the lower part of the poster.
    dates_top = HEIGHT - 72 - 48 * len(dates_lines)
    title_bottom = dates_top - 24
    typeface, lines, line_height = fit_title(title, text_width, title_bottom - 160)
    top = title_bottom - line_height * len(lines)
    for number, text in enumerate(lines):
        pen.text(
            (left, top + number * line_height), text, font=typeface, fill="#ffffff"
        )
    for number, text in enumerate(dates_lines):
        pen.text(
            (left, dates_top + number * 48),
            text,
            font=dates_font,
            fill=mix(design.colour, "#ffffff", 0.9),
        )
    return image
