"""How every tool here starts Debian's Chromium: browser tests, screenshots, Lighthouse."""

import os

CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium's own requests fail loudly on this
# closed network; never `playwright install` (it downloads a browser).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
