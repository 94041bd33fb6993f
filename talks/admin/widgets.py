"""Form widgets of the editors' pages."""

from django.db.models import Count
from django.utils.html import format_html, format_html_join
from taggit.forms import TagWidget
from taggit.models import Tag

SUGGESTED_TAGS = 500


class TagSuggestWidget(TagWidget):
    """taggit's comma-separated tag box, offering the existing tags as the editor types
    (a native <datalist>; static/js/admin.js completes the tag after the last comma)."""

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id', name)}-suggestions"
        attrs = {**(attrs or {}), "list": list_id, "autocomplete": "off", "data-tag-suggest": ""}
        names = (
            Tag.objects.annotate(uses=Count("taggit_taggeditem_items"))
            .order_by("-uses", "name")
            .values_list("name", flat=True)[:SUGGESTED_TAGS]
        )
        options = format_html_join("", '<option value="{}">', ((tag,) for tag in names))
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            list_id,
            options,
        )
