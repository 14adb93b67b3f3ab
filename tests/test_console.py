"""The operator console in real headless Chromium against a real server: type, see underlines and templates."""
from __future__ import annotations

import os
import shutil

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not (os.path.exists(CHROMIUM) and os.path.exists(DRIVER)):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromedriver are missing: .ci/run installs them")
        pytest.skip("chromium/chromedriver not installed (apt-get install chromium chromium-driver)")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path=DRIVER))
    yield driver
    driver.quit()


def wait(browser, seconds=15):
    return WebDriverWait(browser, seconds)


def test_typing_a_rude_draft_underlines_it(browser, live_server, tmp_path):
    browser.get(live_server + "/")
    browser.find_element(By.ID, "message").send_keys("Пришёл чайник с трещиной, заказ №7731205. Что делать?")
    wait(browser).until(EC.text_to_be_present_in_element((By.ID, "topic"), "брак"))
    draft = browser.find_element(By.ID, "draft")
    draft.send_keys("Вы что, читать не умеете? Всё написано в карточке 😡")
    mark = wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#backdrop mark.flag-rude")))
    assert "умеете" in mark.get_attribute("textContent")
    flags = browser.find_element(By.ID, "flags").text
    assert "грубость" in flags.lower() and "приветств" in flags.lower()
    assert int(browser.find_element(By.ID, "score").text) < 60
    browser.save_screenshot(str(tmp_path / "console.png"))


def test_clicking_a_template_inserts_it_with_the_order_number(browser, live_server):
    browser.get(live_server + "/")
    browser.find_element(By.ID, "message").send_keys("Здравствуйте, где мой заказ 48213577-0012? Жду неделю")
    first = wait(browser).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#suggestions li[data-template-id]")))
    first.click()
    wait(browser).until(lambda b: "48213577-0012" in b.find_element(By.ID, "draft").get_attribute("value"))
    wait(browser).until(lambda b: b.find_element(By.ID, "score").text not in ("", "—"))


def test_a_missing_greeting_is_fixed_with_one_click(browser, live_server):
    browser.get(live_server + "/")
    browser.find_element(By.ID, "draft").send_keys("Заказ привезут завтра до 18:00, курьер позвонит за час.")
    item = wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#flags li.flag-no_greeting")))
    item.find_element(By.XPATH, ".//button[text()='Исправить']").click()
    wait(browser).until(lambda b: b.find_element(By.ID, "draft").get_attribute("value").startswith("Здравствуйте"))
    wait(browser).until(lambda b: not b.find_elements(By.CSS_SELECTOR, "#flags li.flag-no_greeting"))


def test_a_reply_not_in_russian_is_called_out(browser, live_server):
    browser.get(live_server + "/")
    browser.find_element(By.ID, "draft").send_keys("Hello! Your order will arrive tomorrow.")
    wait(browser).until(EC.text_to_be_present_in_element((By.ID, "status"), "русск"))
