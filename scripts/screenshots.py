"""Screenshots of the demo's main pages at phone and desktop width, for the README.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only home,login,...]

Starts the demo as bench/lighthouse.py does (a fresh SQLite database in a temporary
directory, `migrate` and `load_demo`, gunicorn with the production settings on a free port;
stopped at the end), opens each page in Debian's chromium (Playwright, Norwegian browser) at
390x844 (phone) and 1280x900 (desktop), and writes `<out>/<page>-phone.png` and
`<out>/<page>-desktop.png`: the full page, cropped to at most 2500 px tall, reduced to a
256-colour palette with Pillow. Pages that need a person are taken logged in (a session made
in the script's own process on the same database): My page and applying as the demo
participant ida@medvirk.localhost, the check-in at the door as koordinator.mhu@medvirk.localhost
(staff two-factor is off for the demo, as in `make run`'s README instructions). Prints the
files written. A few minutes; run by hand after changing how pages look, and commit the PNGs.
"""

# ruff: noqa: E402 - the imports come after sys.path is put right (see bench/support/__init__.py)
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

import argparse
import io
import shutil

from bench.lighthouse import PARTICIPANT, demo_pages, demo_site, session_cookie

COORDINATOR = "koordinator.mhu@medvirk.localhost"
CHECKIN_GATHERING = "nye-brukermedvirkere-trondheim"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
MAX_HEIGHT = 2500
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Page name -> who is logged in (None: nobody).
PERSON = {"apply": PARTICIPANT, "my-page": PARTICIPANT, "checkin": COORDINATOR}


def pages(base: str) -> dict[str, str]:
    from cohorts.models import Gathering

    found = demo_pages(base)
    gathering = found["gathering"]
    checkin = Gathering.objects.filter(slug=CHECKIN_GATHERING).first() or Gathering.objects.first()
    return {
        "home": found["home"],
        "programme": found["programme"],
        "module": found["module"],
        "gatherings": found["gatherings"],
        "gathering": gathering,
        "apply": f"{gathering}pamelding/",
        "login": found["login"],
        "signup": found["signup"],
        "my-page": found["my-page"],
        "certificate": found["certificate"],
        "checkin": f"/admin/pameldinger/{checkin.pk}/innsjekk/",
    }


def save_png(data: bytes, path: Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        path.write_bytes(data)
        return
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def take(browser, base: str, path: str, size: dict, cookie: str | None, target: Path) -> str:
    context = browser.new_context(
        base_url=base, locale="nb-NO", viewport=size, device_scale_factor=1
    )
    try:
        if cookie:
            name, value = cookie.split("=", 1)
            context.add_cookies([{"name": name, "value": value, "url": base}])
        tab = context.new_page()
        tab.goto(path, wait_until="networkidle")
        height = min(tab.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
        height = max(height, size["height"])
        data = tab.screenshot(
            full_page=True, clip={"x": 0, "y": 0, "width": size["width"], "height": height}
        )
        save_png(data, target)
        return tab.url
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", default="", help="comma-separated page names (default: all)")
    parser.add_argument("--port", type=int, default=0, help="port of the server (0: a free one)")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    written = []
    with demo_site(args.port) as (base, _env, _workdir):
        wanted_pages = pages(base)
        wanted = [name for name in args.only.split(",") if name] or list(wanted_pages)
        cookies = {email: session_cookie(email) for email in set(PERSON.values())}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for name in wanted:
                for size_name, size in SIZES.items():
                    target = out / f"{name}-{size_name}.png"
                    cookie = cookies.get(PERSON.get(name))
                    landed = take(browser, base, wanted_pages[name], size, cookie, target)
                    note = "" if landed.endswith(wanted_pages[name]) else f" (ended on {landed})"
                    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
                    written.append(f"{shown}{note}")
                    print(written[-1], flush=True)
            browser.close()
    print(f"\n{len(written)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
