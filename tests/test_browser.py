"""A real browser (Debian's chromium, headless, through chromedriver and
selenium) on the real server: the query page runs a stored query and shows its
rows; a cable page shows its text with the entities marked. Screenshots go to
a temporary folder; with ``CABLEGRAPH_SCREENSHOTS=docs`` they refresh
``docs/query-page.png`` and ``docs/cable-page.png`` (a test run must not
change tracked files).

Needs ``chromium`` and ``chromium-driver`` (Debian) and ``selenium`` (PyPI);
without them the test fails and says what to install.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from served_store import Server, load_examples

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = os.environ.get("CABLEGRAPH_SCREENSHOTS")
    return ROOT / folder if folder else tmp_path_factory.mktemp("screenshots")


def require_browser():
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    if missing:
        pytest.fail(f"browser test needs {', '.join(missing)}: apt-get install -y chromium chromium-driver")
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.fail("browser test needs selenium: pip install selenium")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("browsed") / "store"
    load_examples(store)
    running = Server(store, "--timeout", "20")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def test_query_page_runs_a_stored_query(server, browser, screenshots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server.url + "/")
    assert browser.title.startswith("Query")
    Select(browser.find_element(By.ID, "examples")).select_by_value("officials_mentioned_in_cable")
    editor = browser.find_element(By.ID, "query")
    assert "06DUSHANBE870" in editor.get_attribute("value")  # the example value is bound
    browser.find_element(By.ID, "run").click()
    WebDriverWait(browser, 30).until(lambda d: "rows in" in d.find_element(By.ID, "status").text
                                     or "error" in (d.find_element(By.ID, "status").get_attribute("class") or ""))
    status = browser.find_element(By.ID, "status").text
    rows = browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
    assert "rows in" in status, status
    assert len(rows) == int(status.split()[0]) > 0
    assert "ZUHUROV" in browser.find_element(By.CSS_SELECTOR, "table.results").text.upper()
    browser.save_screenshot(str(screenshots / "query-page.png"))


def test_cable_page_marks_entities(server, browser, screenshots):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/id/cable/06DUSHANBE870")
    assert "URGENT REQUEST FOR DEMARCHE" in browser.find_element(By.TAG_NAME, "h1").text
    marked = browser.find_elements(By.CSS_SELECTOR, ".paragraph a.entity")
    assert any(link.text.upper() == "ZUHUROV" or "ZUHUROV" in link.text.upper() for link in marked)
    states = [link for link in marked if "state" in link.get_attribute("class")]
    assert states and all("/id/state/" in link.get_attribute("href") for link in states)
    browser.execute_script("document.querySelector('section.entities').scrollIntoView()")
    browser.save_screenshot(str(screenshots / "cable-page.png"))
    # follow a marked state to its page: a picture of its relations
    states[0].click()
    assert browser.find_elements(By.CSS_SELECTOR, "svg.relations a")
    browser.save_screenshot(str(screenshots / "state-page.png"))
