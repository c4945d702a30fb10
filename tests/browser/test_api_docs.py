"""The API's documentation page (Swagger UI) draws in Chromium under the site's
Content Security Policy, with nothing refused by it."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# Added by the browser before any of the page's scripts, so not subject to the
# policy: it records what the policy refuses.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def test_the_api_docs_render_with_no_csp_violation(
    new_desktop_page, live_server, transactional_db
):
    page = new_desktop_page()
    console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and console_errors.append(message.text),
    )
    page.add_init_script(RECORD_VIOLATIONS)

    response = page.goto(f"{live_server.url}/api/v1/docs/")

    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    expect(page.locator(".info .title")).to_contain_text("Creative East open data API")
    expect(page.locator(".opblock-tag").first).to_be_visible()
    # The first operation (the activity types) opens, and "Try it out" asks
    # the API from the page.
    page.locator(".opblock-summary").first.click()
    page.locator(".opblock.is-open .try-out__btn").click()
    page.locator(".opblock.is-open .execute").click()
    expect(
        page.locator(".opblock.is-open .live-responses-table .response-col_status")
    ).to_have_text(["Code", "200"])
    # The page's own stylesheet (what drf-spectacular would write inline).
    assert (
        page.evaluate("getComputedStyle(document.body).backgroundColor")
        == "rgb(250, 250, 250)"
    )
    expect(page.locator(".api-docs-header a.api-docs-site")).to_have_attribute(
        "href", "/"
    )
    assert page.evaluate("window.cspViolations") == []
    assert console_errors == []


def test_the_api_docs_have_no_serious_accessibility_violation(
    new_desktop_page, live_server, transactional_db
):
    page = new_desktop_page()
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".opblock-summary").first).to_be_visible()

    page.evaluate(AXE.read_text())
    violations = page.evaluate("axe.run().then(results => results.violations)")

    # Swagger UI's own colours are darkened in static/css/api_docs.css; its deep
    # links, nested in each operation's button, are off (settings.py).
    blocking = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in violations
        if violation["impact"] in ("serious", "critical")
    ]
    assert blocking == []
