"""A Markdown write-up as markdown-it-py sees it: front matter and a tree of blocks with lines.

Everything structural (headings, paragraphs, lists, quotes, code, HTML) comes from the
parser's tokens; every block keeps the source lines it spans, so that summaries can be cut
from the text exactly as the author wrote it.
"""

import datetime
import re
from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from talks.video import parse_video_url

from ..records import LinkRecord, is_web_url, link_kind

MAX_LINE = 20_000
BARE_URL = re.compile(r"https?://[^\s<>\"`]+")
SIMPLE_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s+(?P<value>.*)$")
IFRAME_SRC = re.compile(r"<iframe\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)


class WriteupError(ValueError):
    """A write-up this parser cannot understand: where, and what it expected there."""

    def __init__(self, line, expected):
        self.line = line
        self.expected = expected
        super().__init__(f"line {line}: expected {expected}")


def markdown():
    """CommonMark with tables and front matter; links kept exactly as written."""
    md = MarkdownIt("commonmark").use(front_matter_plugin).enable("table")
    md.normalizeLink = lambda url: url  # the URL as the author wrote it, not percent-encoded
    md.normalizeLinkText = lambda text: text
    return md


MARKDOWN = markdown()


@dataclass(eq=False)
class Block:
    """One block of the document: a heading, paragraph, list, item, quote, code or HTML."""

    kind: str
    start: int  # 0-based first line
    end: int  # 0-based line after the last
    level: int = 0  # a heading's level
    inline: object = None  # the markdown-it inline token of a heading or paragraph
    content: str = ""  # an HTML block's or code block's text
    markup: str = ""
    children: list["Block"] = field(default_factory=list)
    rows: list = field(default_factory=list)  # a table's (line, cells) rows, header first

    @property
    def text(self):
        """The inline Markdown source of a heading or paragraph ("" for other blocks)."""
        return self.inline.content if self.inline is not None else ""

    def walk(self):
        """This block and every block inside it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Document:
    lines: list[str]
    blocks: list[Block]
    front: dict = field(default_factory=dict)
    front_lines: dict = field(default_factory=dict)  # key → 1-based line
    body_start: int = 0  # first line after the front matter

    @property
    def headings(self):
        """Section headings: the top-level ones (not those inside lists or quotes)."""
        return [block for block in self.blocks if block.kind == "heading"]


def parse_document(text):
    """The write-up's blocks and front matter; raises `WriteupError` for what cannot be read."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not text.strip():
        raise WriteupError(1, "a write-up: this file is empty")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise WriteupError(line, "Markdown text, not binary data")
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE:
            raise WriteupError(number, f"lines of at most {MAX_LINE:,} characters")
    tokens = MARKDOWN.parse(text)
    document = Document(lines=lines, blocks=_blocks(tokens))
    if document.blocks and document.blocks[0].kind == "front_matter":
        matter = document.blocks.pop(0)
        document.front, document.front_lines = _front_matter(matter)
        document.body_start = matter.end
    elif lines and lines[0].strip() == "---" and _looks_like_front_matter(lines):
        raise WriteupError(1, "the front matter that starts here to end with a '---' line")
    for block in document.blocks:
        for inner in block.walk():
            if inner.kind == "fence":
                _check_fence_closed(inner, lines)
    return document


def _looks_like_front_matter(lines):
    """True if a leading '---' starts a block of 'key: value' lines rather than a rule."""
    return len(lines) > 1 and bool(re.match(r"^[A-Za-z_][\w-]*\s*:", lines[1]))


def _blocks(tokens):
    """A tree of blocks from markdown-it's flat token stream."""
    root = Block("root", 0, 0)
    stack = [root]
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind.endswith("_open"):
            name = kind.removesuffix("_open")
            start, end = token.map or (0, 0)
            block = Block(_KINDS.get(name, name), start, end, markup=token.markup)
            if name == "heading":
                block.level = int(token.tag[1])
            if name == "ordered_list":
                block.markup = "1."
            if name == "table":
                # A table is one block whose rows are lists of cells (inline tokens).
                index = _table_rows(tokens, index, block)
                stack[-1].children.append(block)
                index += 1
                continue
            stack[-1].children.append(block)
            stack.append(block)
        elif kind.endswith("_close"):
            stack.pop()
        elif kind == "inline":
            stack[-1].inline = token
        else:
            start, end = token.map or (0, 0)
            stack[-1].children.append(
                Block(
                    _KINDS.get(kind, kind),
                    start,
                    end,
                    content=token.content,
                    markup=token.markup,
                )
            )
        index += 1
    return root.children


def _table_rows(tokens, index, block):
    """Read a table's rows into `block.rows` (header first); the index of `table_close`."""
    row = None
    while index + 1 < len(tokens):
        index += 1
        token = tokens[index]
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            row = []
            block.rows.append(((token.map or (block.start, 0))[0], row))
        elif token.type == "inline" and row is not None:
            row.append(token)
    return index


_KINDS = {
    "bullet_list": "list",
    "ordered_list": "list",
    "list_item": "item",
    "html_block": "html",
    "code_block": "code",
}


def _check_fence_closed(block, lines):
    """Raise if a fenced code block runs to the end of its container unclosed."""
    last = lines[block.end - 1] if block.end - 1 < len(lines) else ""
    closing = last.strip().lstrip(">").strip()
    fence = block.markup
    closed = closing and set(closing) == {fence[0]} and len(closing) >= len(fence)
    if block.end - 1 > block.start and closed:
        return
    raise WriteupError(block.start + 1, f"the code block opened here to be closed with {fence}")


def _front_matter(block):
    """(keys and plain values, key → line) of a YAML front matter block."""
    first = block.start + 2  # 1-based line of the first key
    try:
        node = yaml.compose(block.content)
        data = yaml.safe_load(block.content)
    except yaml.YAMLError as error:
        simple = _simple_front_matter(block.content, first)
        if simple is not None:
            return simple  # "title: Notes: a talk", as exports before 2026 wrote it
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = first + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise WriteupError(line, f"'key: value' in the front matter ({problem})") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise WriteupError(first, "'key: value' in the front matter")
    lines = {}
    for key_node, _ in node.value:
        lines[_front_key(key_node.value)] = first + key_node.start_mark.line
    front = {}
    for key, value in data.items():
        if isinstance(value, datetime.datetime | datetime.date):
            value = value.isoformat()
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int | float):
            value = str(value)
        elif isinstance(value, list):
            value = [str(item) for item in value if isinstance(item, str | int | float)]
        elif not isinstance(value, str):
            continue  # nested tables: nothing we read
        front[_front_key(str(key))] = value.strip() if isinstance(value, str) else value
    return front, lines


def _simple_front_matter(content, first):
    """(values, lines) of front matter that is only `key: value` lines, each value the rest
    of its line; None if any line is something else (a list, a block, a flow value)."""
    front, lines = {}, {}
    for offset, line in enumerate(content.splitlines()):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = SIMPLE_LINE.match(line)
        if not match or match["value"][:1] in set("[{|>&*!%@`"):
            return None
        value = match["value"].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        key = _front_key(match["key"])
        front[key], lines[key] = value, first + offset
    return front, lines


def _front_key(key):
    return key.strip().lower().replace("-", "_")


def parse_inline(text):
    """The inline token of one line of Markdown (links, emphasis, code, HTML)."""
    tokens = MARKDOWN.parseInline(text)
    return tokens[0] if tokens else None


def inline_text(inline, *, links=True):
    """The words of an inline token: link text kept (as `[text](url)` if `links`),
    emphasis markers, HTML and images dropped, line breaks as spaces."""
    if inline is None:
        return ""
    parts = []
    link_href = []
    for child in inline.children or ():
        kind = child.type
        if kind == "text":
            parts.append(child.content)
        elif kind == "code_inline":
            parts.append(f"`{child.content}`")
        elif kind in {"softbreak", "hardbreak"}:
            parts.append(" ")
        elif kind == "link_open":
            link_href.append(child.attrs.get("href", ""))
            if links:
                parts.append("[")
        elif kind == "link_close":
            href = link_href.pop() if link_href else ""
            if links:
                parts.append(f"]({href})")
    return " ".join("".join(parts).split())


def inline_links(inline):
    """(label, URL) of every link in an inline token, in order."""
    found = []
    if inline is None:
        return found
    label = None
    href = ""
    for child in inline.children or ():
        if child.type == "link_open":
            label, href = [], child.attrs.get("href", "")
        elif child.type == "link_close" and label is not None:
            found.append(("".join(label).strip(), href))
            label = None
        elif label is not None and child.type in {"text", "code_inline"}:
            label.append(child.content)
        elif label is None and child.type == "text":
            found.extend((url, url) for url in bare_urls(child.content))
        elif child.type == "html_inline":
            found.extend(("", url) for url in embedded_videos(child.content))
    return found


def bare_urls(text):
    """Web addresses written out in plain text ("Video: https://…"), trailing punctuation off."""
    urls = []
    for match in BARE_URL.finditer(text):
        url = match[0].rstrip(".,;:!?'’”")
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]
        urls.append(url)
    return urls


def embedded_videos(html):
    """The watch address of every YouTube or Vimeo player embedded in HTML (`<iframe>`)."""
    videos = []
    for src in IFRAME_SRC.findall(html):
        video = parse_video_url("https:" + src if src.startswith("//") else src)
        if video is not None:
            videos.append(video.watch_url())
    return videos


def links_in(text):
    """Links written in Markdown text, in order, one per URL; images and anchors skipped;
    an embedded video player counts as a link to its video."""
    links = {}
    for token in MARKDOWN.parse(text):
        if token.type == "html_block":
            found = [("", url) for url in embedded_videos(token.content)]
        elif token.type == "inline":
            found = inline_links(token)
        else:
            continue
        for label, url in found:
            if not is_web_url(url) or url in links:
                continue
            label = label.strip().strip("*_`").strip()
            links[url] = LinkRecord(url=url, label=label, kind=link_kind(url))
    return list(links.values())
