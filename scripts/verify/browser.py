"""Headless Chromium through Selenium, always with the system's browser and driver.

Both paths are given explicitly (Service + binary_location) so Selenium Manager never tries
to download a driver or a browser; the host resolver maps every name but 127.0.0.1 to
nowhere, so a page cannot reach the network either."""
import os

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def make_driver(width=1280, height=1024):
    os.environ.setdefault("SE_OFFLINE", "true")          # belt and braces: no Selenium Manager downloads
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            raise SystemExit(f"verify: {path} is missing; run scripts/install-verify-tools.sh")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--mute-audio",
                "--force-device-scale-factor=1", "--lang=en-GB",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                f"--window-size={width},{height}"):
        opts.add_argument(arg)
    service = Service(executable_path=CHROMEDRIVER, log_output=os.devnull)
    driver = webdriver.Chrome(options=opts, service=service)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver


def set_viewport(driver, width, height, mobile=None):
    """Emulate a viewport of exactly width x height CSS pixels (a phone below 600 px)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1,
        "mobile": (width < 600) if mobile is None else mobile,
    })


def clear_viewport(driver):
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
