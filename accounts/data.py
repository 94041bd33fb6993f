"""Everything the site keeps about a person, as one JSON document they can download."""

from django.db.models import Prefetch

from talks.models import Note, Star, TalkList, TalkListItem


def _iso(moment):
    return moment.isoformat() if moment else None


def account_data(user, *, absolute):
    """`user`'s profile, stars, notes and lists as a JSON-ready dict; `absolute(path)` gives
    a URL."""
    stars = Star.objects.filter(user=user).select_related("talk").order_by("created", "pk")
    notes = Note.objects.by(user).select_related("talk").order_by("created", "pk")
    items = TalkListItem.objects.select_related("talk").order_by("position", "pk")
    lists = (
        TalkList.objects.owned_by(user)
        .order_by("created", "pk")
        .prefetch_related(Prefetch("items", queryset=items))
    )
    return {
        "profile": {
            "username": user.get_username(),
            "display_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "stars": [
            {
                "talk": star.talk.slug,
                "title": star.talk.title,
                "url": absolute(star.talk.get_absolute_url()),
                "starred": _iso(star.created),
            }
            for star in stars
        ],
        "notes": [
            {
                "talk": note.talk.slug,
                "title": note.talk.title,
                "url": absolute(note.get_absolute_url()),
                "body": note.body,
                "time": note.time,
                "visibility": note.visibility,
                "created": _iso(note.created),
                "updated": _iso(note.updated),
            }
            for note in notes
        ],
        "lists": [
            {
                "name": talk_list.name,
                "watch_later": talk_list.is_watch_later,
                "shared_url": absolute(talk_list.get_shared_url()) if talk_list.is_shared else None,
                "created": _iso(talk_list.created),
                "talks": [
                    {
                        "talk": item.talk.slug,
                        "title": item.talk.title,
                        "url": absolute(item.talk.get_absolute_url()),
                        "added": _iso(item.added),
                    }
                    for item in talk_list.items.all()
                ],
            }
            for talk_list in lists
        ],
    }
