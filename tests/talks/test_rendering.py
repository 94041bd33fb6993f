import pytest

from talks.rendering import markdown_to_text, render_markdown


def test_render_markdown_keeps_formatting_and_links():
    html = render_markdown("**Bold** and [CRDTs](https://example.com/crdt) and `code`")
    assert html == (
        '<p><strong>Bold</strong> and <a href="https://example.com/crdt" '
        'rel="nofollow noopener noreferrer">CRDTs</a> and <code>code</code></p>'
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        "<div onclick='alert(1)'>broken <b>html",
        '<iframe src="https://evil.example"></iframe>',
        "<svg onload=alert(1)>",
    ],
)
def test_render_markdown_makes_hostile_input_inert(hostile):
    html = render_markdown(hostile).lower()
    for needle in ("<script", "onerror", "onclick", "onload", "javascript:", "data:", "<iframe"):
        assert needle not in html


def test_markdown_to_text_strips_markup():
    assert markdown_to_text("**Achieving consensus** is [costly](https://x.org) &amp; hard") == (
        "Achieving consensus is costly & hard"
    )
