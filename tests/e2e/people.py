"""How a person logs in, for the browser tests (a support module, not a test module)."""

from playwright.sync_api import expect

PHONE = (390, 844)


def log_in(tab, email, password="medvirk-demo"):
    """Log in through the admin login form, as a person would."""
    tab.goto("/admin/login/")
    tab.locator("#id_username").fill(email)
    tab.locator("#id_password").fill(password)
    tab.locator("button[type=submit]").click()
    tab.wait_for_url("**/admin/")


def log_in_on_site(tab, email, password="medvirk-demo"):
    """Log in on the public site's form, and land on My page."""
    tab.goto("/konto/login/")
    tab.locator("input[name=login]").fill(email)
    tab.locator("input[name=password]").fill(password)
    tab.get_by_role("button", name="Logg inn").click()
    expect(tab.get_by_role("heading", level=1, name="Min side")).to_be_visible()
