"""Small text clean-ups on one heading or line: anchors, stars, emphasis, decoration."""

import re

HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
EMPTY_ANCHOR = re.compile(
    r"<(a|span|div)\b[^>]*\b(?:id|name)\s*=[^>]*>\s*</\1\s*>|<(?:a|span)\b[^>]*\b(?:id|name)\s*=[^>]*/>",
    re.I,
)
ANCHOR_ID = re.compile(r"<(?:a|span|div)\b[^>]*\b(?:id|name)\s*=\s*[\"']?([^\"'\s>/]+)", re.I)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
ATTRIBUTE_LIST = re.compile(r"\s*\{:?\s*#([\w\-:.]+)[^}]*\}\s*$")
TRACKING = re.compile(
    r"beacon|pixel|analytics|tracking|tracker|counter|1x1|doubleclick|googletagmanager|piwik|matomo",
    re.I,
)
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
STAR = re.compile(r"[★⭐🌟]|\((?:starred|recommended)\)|\[(?:starred|recommended)\]", re.I)
HANDLE_LINK = re.compile(r"\s*\(?\[@[\w.]+\]\((?P<url>[^)\s]+)\)\)?")
HANDLE = re.compile(r"\s*\(?@[A-Za-z0-9_]{2,}\)?(?=\s|$|[,;·|])")


def clean_heading(text):
    """Heading text without anchors, HTML tags or attribute lists."""
    text = HTML_COMMENT.sub("", text)
    text = ATTRIBUTE_LIST.sub("", text)
    text = HTML_TAG.sub("", text)
    return " ".join(text.split())


def anchor_ids(text):
    """The ids a heading or HTML line declares: `<a id=x>`, `<a name=x>`, `{#x}`."""
    ids = ANCHOR_ID.findall(text)
    attribute = ATTRIBUTE_LIST.search(text)
    if attribute:
        ids.append(attribute[1])
    return ids


def clean_title(text):
    """A title without emoji or decoration around it ("🐳 Container Camp" → "Container Camp")."""
    text = strip_emphasis(clean_heading(text or ""))
    return re.sub(r"^[^\w\[(\"'“‘]+|[^\w)\]\"'”’!?.]+$", "", text).strip()


def strip_symbols(text):
    """Text without the emoji or marks around it ("🎤 Jane Doe" → "Jane Doe")."""
    text = re.sub(r"^[^\w\[(\"'“‘«*_`]+", "", text.strip())
    return re.sub(r"[^\w)\]\"'”’»!?.*_`]+$", "", text).strip()


def strip_emphasis(text):
    text = (text or "").strip()
    while len(text) >= 2 and text[0] == text[-1] and text[0] in "*_`":
        text = text[1:-1].strip()
    return text


def strip_quotes(text):
    """A title without the quotes around all of it (“Talk” → Talk)."""
    text = text.strip()
    pairs = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»", "„": "“"}
    if len(text) >= 2 and pairs.get(text[0]) == text[-1] and text.count(text[-1]) <= 2:
        return text[1:-1].strip()
    return text


def strip_star(text):
    """(whether `text` carries the editorial ★, the text without it)."""
    text = text.strip()
    starred = bool(STAR.search(text))
    text = STAR.sub("", text).strip()
    # A trailing "*" that closes no emphasis is a star: "Jane Doe - Topic *".
    if text.endswith("*") and (text.endswith(" *") or text.count("*") % 2 == 1):
        starred = True
        text = text.rstrip("*").strip()
    return starred, " ".join(text.split())


def strip_handles(text):
    """(text without Twitter-style handles, the URL of the first linked handle or "")."""
    match = HANDLE_LINK.search(text)
    url = match["url"] if match else ""
    text = HANDLE_LINK.sub("", text)
    text = HANDLE.sub("", text)
    text = re.sub(r"\(\s*\)", "", text)
    return " ".join(text.split()).strip(" ,·|"), url


def strip_decoration(lines):
    """Lines without HTML comments, empty anchors and tracking images (none of it is content)."""
    if not lines:
        return []
    text = HTML_COMMENT.sub(lambda match: "\n" * match[0].count("\n"), "\n".join(lines))
    text = EMPTY_ANCHOR.sub("", text)
    text = MARKDOWN_IMAGE.sub(lambda match: "" if TRACKING.search(match[1]) else match[0], text)
    text = HTML_IMAGE.sub(
        lambda match: "" if TRACKING.search(match[0]) or _is_pixel(match[0]) else match[0], text
    )
    # A line that held only decoration goes; blank lines stay blank.
    return [
        cleaned
        for original, cleaned in zip(lines, text.split("\n"), strict=True)
        if cleaned.strip() or not original.strip()
    ]


def _is_pixel(tag):
    return bool(re.search(r"\b(?:width|height)\s*=\s*[\"']?[01][\"'\s/>]", tag, re.I))


def github_slug(text):
    """The id GitHub gives a heading ("Async drop, finally" → "async-drop-finally")."""
    text = clean_heading(text).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def paragraphs(lines):
    """Join lines and trim blank space at both ends; the Markdown in between is kept as is."""
    return "\n".join(lines).strip()
