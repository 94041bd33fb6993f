"""Render a Markdown download as a viewer that allows raw HTML would, and list what in the
result could run: a tag or attribute Markdown itself never makes, or a link to a script."""

import re
from html.parser import HTMLParser

import markdown
from markdown_it import MarkdownIt

# What Markdown makes of Markdown (and our tables): anything else came from raw HTML.
MARKDOWN_TAGS = {
    "a", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img",
    "li", "ol", "p", "pre", "strong", "ul", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
MARKDOWN_ATTRIBUTES = {"href", "src", "alt", "title", "align", "style"}
SAFE_SCHEMES = {"http", "https", "mailto"}

# Payloads for text fields and Markdown bodies: each would be live HTML if written raw.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">click</a>',
    "<svg onload=alert(4)>",
    "<iframe src=javascript:alert(5)></iframe>",
    "<!-- a comment --><b onmouseover=alert(6)>x</b>",
    "<div>\n<script>alert(7)</script>\n</div>",
    "\\<script>alert(8)</script>",
    "&lt;b&gt; and &#60;img src=x onerror=alert(9)&#62;",
    "[link](javascript:alert(10))",
    "[link](&#106;avascript:alert(11))",
    "[link](  java\tscript:alert(12))",
    "![image](javascript:alert(13))",
    "[ref][r]\n\n[r]: javascript:alert(14)",
    "[link](<javascript:alert(15)>)",
    "<javascript:alert(16)>",
    "`<b>in code</b>` then <i onclick=alert(17)>",
    "[x](http://a) <https://ok.example/a_b> <https://x/onmouseover=alert(18)>",
    '<https://x/"onmouseover="alert(19)>',
    "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgyMCk8L3NjcmlwdD4=)",
    "<?php echo 21; ?> <!DOCTYPE html> <![CDATA[ x ]]>",
    "</p><p onclick=alert(22)>",
]


def render_python_markdown(text):
    """The site's own renderer (Python-Markdown with its extensions), before sanitising."""
    return markdown.markdown(text, extensions=["tables", "sane_lists"])


def render_markdown_it(text):
    """markdown-it-py, CommonMark with raw HTML allowed."""
    return MarkdownIt("commonmark", {"html": True}).render(text)


RENDERERS = {"python-markdown": render_python_markdown, "markdown-it": render_markdown_it}


def scheme(url):
    """The scheme a browser would read in `url` (tabs and newlines dropped), or ""."""
    url = re.sub(r"[\t\n\r]", "", url).lstrip("\x00 \x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c")
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", url)
    return match[1].lower() if match else ""


class _LiveHTML(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag not in MARKDOWN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name not in MARKDOWN_ATTRIBUTES:
                self.found.append(f"<{tag} {name}=>")
            elif name in {"href", "src"} and scheme(value or "") not in SAFE_SCHEMES | {""}:
                self.found.append(f"<{tag} {name}={value}>")

    def handle_comment(self, data):
        self.found.append("<!--comment-->")

    def handle_decl(self, decl):
        self.found.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.found.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.found.append(f"<![{data}]>")


def live_html(rendered):
    """What in rendered HTML Markdown would not have made: raw tags, handlers, script links."""
    parser = _LiveHTML()
    parser.feed(rendered)
    parser.close()
    return parser.found
