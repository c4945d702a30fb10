"""No serious or critical axe-core violation on the public pages (DESIGN.md)."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}

PAGES = [
    "/en/",
    "/en/events/?when=past",
    "/en/events/shygys-salburyny-2024/",
    "/en/venues/burkit-tobe/",
    "/en/organizations/pushkin-library/",
    "/en/activity-types/",
    "/kk/events/?when=past",
    "/kk/events/shygys-salburyny-2024/",
    "/kk/events/submit/",
    "/kk/embed/?district=ulan&theme=dark",
    "/kk/embed/events/?district=ulan&theme=dark",
    "/ru/embed/events/?when=past",
]


def blocking_violations(page):
    """What axe-core finds serious or critical on the page as it stands.

    Evaluated, not injected as a <script>: the site's Content Security Policy
    forbids inline scripts, and the tests run under it.
    """
    page.evaluate(AXE.read_text())
    results = page.evaluate("axe.run()")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['impact']} {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        lines += [f"    {node['target']}" for node in violation["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(page, live_server, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200

    blocking = blocking_violations(page)
    assert not blocking, f"axe-core on {path}:\n{describe(blocking)}"


@pytest.mark.parametrize("path", ["/kk/no-such-page/", "/ru/events/no-such-event/"])
def test_the_not_found_page_has_no_serious_accessibility_violation(
    page, live_server, path
):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 404

    blocking = blocking_violations(page)
    assert not blocking, f"axe-core on {path}:\n{describe(blocking)}"
