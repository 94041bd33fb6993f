"""Lighthouse (npm lighthouse@12.2.3, Debian's Chromium) on every kind of page.

Serves the site as production does (DEBUG off, collectstatic, whitenoise) from a fresh
SQLite database seeded with the bundled fixtures, signs up a reader who stars a talk,
writes a note and shares a list, then runs Lighthouse for a phone and for a desktop on
each page, anonymous pages without the reader's cookie and personal pages with it.
Prints the scores and the transferred bytes, writes the JSON reports to var/lighthouse/,
and exits non-zero when any category scores under 95 or the list page transfers 50 kB
or more.

    make check-ui          # or: .venv/bin/python bench/lighthouse.py [PAGE ...]
"""

import http.cookiejar
import json
import os
import re
import shlex
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

from chromium import CHROME_PATH, CHROMIUM_FLAGS
from production_site import ROOT, production_site

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = ROOT / "var" / "lighthouse"
CHROME_FLAGS = " ".join(CHROMIUM_FLAGS)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM_SCORE = 95
LIST_PAGE_BUDGET = 50_000  # bytes transferred, the video facade loads nothing
CONFERENCE = "container-camp-london-2015"
TALK = "docker-content-trust"
# Pages anyone sees, then a signed-in reader's own pages ("{list}": their Watch later list,
# "{shared}": its shared address).
PAGES = {
    "list": "/talks/",
    "detail": f"/talks/{TALK}/",
    "home": "/",
    "search": "/talks/?q=security&tag=security&tag=networking&match=any",
    "speaker": "/speakers/diogo-monica/",
    "speakers": "/speakers/",
    "company": "/companies/docker/",
    "tag": "/tags/security/",
    "tags": "/tags/",
    "conference": f"/conferences/{CONFERENCE}/",
    "login": "/accounts/login/",
    "signup": "/accounts/signup/",
    "shared list": "{shared}",
}
# Pages that ask search engines to keep away (robots.txt or noindex), which Lighthouse's SEO
# category scores as a fault: a shared list's address is a secret, and search results are
# endless combinations of the catalogue's pages. There the SEO bar is every SEO audit but
# "is-crawlable".
NOT_FOR_SEARCH_ENGINES = {"search", "shared list"}
PERSONAL_PAGES = {
    "my stars": "/me/stars/",
    "my notes": "/me/notes/",
    "my lists": "/me/lists/",
    "my list": "{list}",
    "my write-up": f"/me/writeup/{CONFERENCE}/",
    "account": "/accounts/",
    "detail, signed in": f"/talks/{TALK}/",
}
PRESETS = {"mobile": [], "desktop": ["--preset=desktop"]}


def lighthouse_command(url, output, preset_args):
    return [
        "node",
        str(LIGHTHOUSE.relative_to(ROOT)),
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={output.relative_to(ROOT)}",
        "--quiet",
        *preset_args,
    ]


class Reader:
    """A reader signed up through the site's own forms, with a star, a note and a shared list."""

    def __init__(self, url):
        self.url = url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        password = "lighthouse-" + os.urandom(8).hex()
        self.post("/accounts/signup/", username="reader", password1=password, password2=password)
        self.post(f"/talks/{TALK}/star/", action="star")
        self.post(
            f"/talks/{TALK}/notes/new/",
            body="Signing **every** image: see the [notary](https://github.com/docker/notary).",
            time="12:34",
            visibility="public",
        )
        lists_page = self.get("/me/lists/")
        self.list_path = re.search(r'href="(/me/lists/(\d+)/)"', lists_page)
        list_id = self.list_path.group(2)
        self.list_path = self.list_path.group(1)
        self.post(f"/talks/{TALK}/lists/", shown=list_id, list=list_id)
        page = self.post(f"{self.list_path}share/", action="share")
        self.shared_path = re.search(r'<a href="(/lists/[\w-]+/)">Open it', page).group(1)

    def get(self, path):
        with self.opener.open(self.url + path) as response:
            return response.read().decode()

    def post(self, path, **fields):
        """POST a form as the browser would, with the CSRF token of the reader's cookie."""
        if not any(cookie.name == "csrftoken" for cookie in self.cookies):
            self.get("/accounts/signup/")
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(
            self.url + path, data=data, headers={"Referer": self.url + path}
        )
        with self.opener.open(request) as response:
            return response.read().decode()

    def cookie_header(self):
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.cookies)


def run_lighthouse(url, output, preset_args):
    command = lighthouse_command(url, output, preset_args)
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    # On a loaded machine Lighthouse now and then fails to record the trace (NO_NAVSTART);
    # it says to run it again.
    if subprocess.run(command, cwd=ROOT, env=env).returncode:
        subprocess.run(command, cwd=ROOT, env=env, check=True)
    report = json.loads(output.read_text())
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    transferred = report["audits"]["total-byte-weight"]["numericValue"]
    failing = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("scoreDisplayMode") in {"binary", "numeric", "metricSavings"}
        and audit.get("score") is not None
        and audit["score"] < 0.9
    ]
    seo_audits = {ref["id"] for ref in report["categories"]["seo"]["auditRefs"]}
    failing_seo = [audit for audit in failing if audit in seo_audits]
    return scores, int(transferred), failing, failing_seo, report["lighthouseVersion"]


def main(only=()):
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is not installed: run `npm ci --ignore-scripts`.")
    if not Path(CHROME_PATH).is_file():
        raise SystemExit(f"No Chromium at {CHROME_PATH} (set CHROME_PATH).")
    REPORTS.mkdir(parents=True, exist_ok=True)
    problems = []
    with production_site() as url:
        reader = Reader(url)
        places = {"list": reader.list_path, "shared": reader.shared_path}
        signed_in = ["--extra-headers", json.dumps({"Cookie": reader.cookie_header()})]
        pages = [(page, path.format(**places), []) for page, path in PAGES.items()]
        pages += [(page, path.format(**places), signed_in) for page, path in PERSONAL_PAGES.items()]
        pages = [page for page in pages if not only or page[0] in only]
        example = lighthouse_command(f"{url}{PAGES['list']}", REPORTS / "list-mobile.json", [])
        print("Command (per page; desktop adds --preset=desktop):")
        print(f"  CHROME_PATH={CHROME_PATH} " + shlex.join(example))
        print()
        print(
            "| page | form factor | performance | accessibility | best practices | SEO "
            "| transferred |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for page, path, cookie_args in pages:
            for preset, preset_args in PRESETS.items():
                output = REPORTS / f"{page.replace(' ', '-').replace(',', '')}-{preset}.json"
                scores, transferred, failing, failing_seo, version = run_lighthouse(
                    f"{url}{path}", output, [*preset_args, *cookie_args]
                )
                print(
                    f"| {page} `{path}` | {preset} | "
                    + " | ".join(str(scores[name]) for name in CATEGORIES)
                    + f" | {transferred / 1000:.1f} kB |",
                    flush=True,
                )
                exempt = {"seo"} if page in NOT_FOR_SEARCH_ENGINES else set()
                problems += [
                    f"{page} ({preset}): {name} {score} < {MINIMUM_SCORE}"
                    for name, score in scores.items()
                    if score < MINIMUM_SCORE and name not in exempt
                ]
                if exempt and set(failing_seo) - {"is-crawlable"}:
                    problems.append(f"{page} ({preset}): {', '.join(failing_seo)} under 0.9")
                if failing:
                    print(f"    audits under 0.9: {', '.join(failing)}", file=sys.stderr)
                if page == "list" and transferred >= LIST_PAGE_BUDGET:
                    problems.append(f"list ({preset}): {transferred} bytes >= 50 kB")
        print(
            f"\nLighthouse {version}, {Path(CHROME_PATH).name}; reports in "
            f"{REPORTS.relative_to(ROOT)}/"
        )
    if problems:
        print("\nFAILED:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
