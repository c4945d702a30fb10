import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

from tests.factories import EVENT_LIST_PARAMETERS, make_event

pytestmark = pytest.mark.django_db


def test_the_schema_is_valid_openapi_3_without_warnings(tmp_path):
    # --validate checks against the OpenAPI 3 meta-schema; --fail-on-warn makes
    # any generator warning (an undocumented field or parameter) an error.
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
    )

    schema = yaml.safe_load((tmp_path / "schema.yaml").read_text())
    assert schema["openapi"].startswith("3.")


def event_list_parameters(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    operation = response.json()["paths"]["/api/v1/events/"]["get"]
    return {parameter["name"]: parameter for parameter in operation["parameters"]}


def test_the_schema_documents_every_parameter_of_the_list(client):
    parameters = event_list_parameters(client)

    # The list's own parameters, and two of the API's.
    assert sorted(parameters) == sorted(
        [*EVENT_LIST_PARAMETERS, "updated_since", "page_size"]
    )
    assert all(parameter["in"] == "query" for parameter in parameters.values())
    assert all(parameter.get("description") for parameter in parameters.values())
    districts = parameters["district"]["schema"]["items"]["enum"]
    assert "ulan" in districts
    assert "outside" in districts
    assert len(districts) == 14
    assert parameters["district"]["explode"] is True
    assert "13.93" in parameters["activity_type"]["schema"]["items"]["enum"]
    assert "crafts" in parameters["group"]["schema"]["items"]["enum"]
    assert "master-class" in parameters["kind"]["schema"]["items"]["enum"]
    assert sorted(parameters["when"]["schema"]["enum"]) == [
        "month",
        "past",
        "today",
        "tomorrow",
        "upcoming",
        "week",
        "weekend",
    ]
    assert parameters["updated_since"]["schema"] == {
        "type": "string",
        "format": "date-time",
    }
    assert parameters["page_size"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
    }


def test_the_schema_lists_only_reading_operations(client):
    schema = client.get("/api/v1/schema/?format=json").json()

    assert sorted(schema["paths"]) == [
        "/api/v1/activity-types/",
        "/api/v1/districts/",
        "/api/v1/events/",
        "/api/v1/events/{id_or_slug}/",
        "/api/v1/organizations/",
        "/api/v1/organizations/{id_or_slug}/",
        "/api/v1/venues/",
        "/api/v1/venues/{id_or_slug}/",
    ]
    assert {
        method for operations in schema["paths"].values() for method in operations
    } == {"get"}


def test_the_docs_page_loads_nothing_from_another_site(client):
    response = client.get("/api/v1/docs/")

    page = response.content.decode()
    assert response.status_code == 200
    addresses = re.findall(r'(?:src|href)="([^"]*)"', page)
    # The catalog's home page and the schema, from the page's header.
    assert sorted(addresses) == [
        "/",
        "/api/v1/docs/?script=",
        "/api/v1/schema/",
        "/static/css/api_docs.css",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css",
    ]
    assert "http://" not in page
    assert "https://" not in page


def test_the_docs_script_is_a_file_of_its_own_for_the_security_policy(client):
    response = client.get("/api/v1/docs/?script=")

    script = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert '"/api/v1/schema/"' in script
    assert '"validatorUrl": null' in script
    page = client.get("/api/v1/docs/").content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    # Nor inline styles: drf-spectacular's <style> is in static/css/api_docs.css.
    assert not re.search(r"<style|style=", page)


def test_the_docs_static_files_are_served_from_the_site():
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{name}")


def test_any_site_may_read_the_api(client):
    make_event()

    response = client.get("/api/v1/events/", headers={"origin": "https://example.org"})

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_request_allows_reading_only(client):
    response = client.options(
        "/api/v1/events/",
        headers={
            "origin": "https://example.org",
            "access-control-request-method": "GET",
        },
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_the_html_pages_are_not_shared_with_other_sites(client):
    response = client.get("/en/events/", headers={"origin": "https://example.org"})

    assert "Access-Control-Allow-Origin" not in response
