"""The site's languages and the translated columns are the same list."""

from django.conf import settings
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import get_translation_fields

from events.models import Event


def test_every_language_of_the_site_has_its_translated_columns():
    # The code reads a field's columns from modeltranslation and the site's
    # languages from settings.LANGUAGES: they must name the same languages.
    assert [code for code, _name in settings.LANGUAGES] == AVAILABLE_LANGUAGES


def test_a_fields_columns_are_those_the_model_has():
    columns = get_translation_fields("title")

    assert columns == ["title_kk", "title_ru", "title_en"]
    assert all(Event._meta.get_field(column) for column in columns)
