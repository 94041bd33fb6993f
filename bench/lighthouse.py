"""Lighthouse (npm lighthouse@12.2.3, Debian's Chromium) on the list and detail pages.

Serves the site as production does (DEBUG off, collectstatic, whitenoise) from a fresh
SQLite database seeded with the bundled fixtures, runs Lighthouse for a phone and for a
desktop, prints the scores and the transferred bytes, writes the JSON reports to
var/lighthouse/, and exits non-zero when any category scores under 95 or the list page
transfers 50 kB or more.

    make check-ui          # or: .venv/bin/python bench/lighthouse.py
"""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

from chromium import CHROME_PATH, CHROMIUM_FLAGS
from production_site import ROOT, production_site

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
REPORTS = ROOT / "var" / "lighthouse"
CHROME_FLAGS = " ".join(CHROMIUM_FLAGS)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM_SCORE = 95
LIST_PAGE_BUDGET = 50_000  # bytes transferred, the video facade loads nothing
PAGES = {
    "list": "/talks/",
    "detail": "/talks/docker-content-trust/",
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


def run_lighthouse(url, output, preset_args):
    command = lighthouse_command(url, output, preset_args)
    subprocess.run(command, cwd=ROOT, env={**os.environ, "CHROME_PATH": CHROME_PATH}, check=True)
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
    return scores, int(transferred), failing, report["lighthouseVersion"]


def main():
    if not LIGHTHOUSE.is_file():
        raise SystemExit("Lighthouse is not installed: run `npm ci --ignore-scripts`.")
    if not Path(CHROME_PATH).is_file():
        raise SystemExit(f"No Chromium at {CHROME_PATH} (set CHROME_PATH).")
    REPORTS.mkdir(parents=True, exist_ok=True)
    problems = []
    with production_site() as url:
        example = lighthouse_command(f"{url}{PAGES['list']}", REPORTS / "list-mobile.json", [])
        print("Command (per page; desktop adds --preset=desktop):")
        print(f"  CHROME_PATH={CHROME_PATH} " + shlex.join(example))
        print()
        print(
            "| page | form factor | performance | accessibility | best practices | SEO "
            "| transferred |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for page, path in PAGES.items():
            for preset, preset_args in PRESETS.items():
                output = REPORTS / f"{page}-{preset}.json"
                scores, transferred, failing, version = run_lighthouse(
                    f"{url}{path}", output, preset_args
                )
                print(
                    f"| {page} `{path}` | {preset} | "
                    + " | ".join(str(scores[name]) for name in CATEGORIES)
                    + f" | {transferred / 1000:.1f} kB |",
                    flush=True,
                )
                problems += [
                    f"{page} ({preset}): {name} {score} < {MINIMUM_SCORE}"
                    for name, score in scores.items()
                    if score < MINIMUM_SCORE
                ]
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
    sys.exit(main())
