"""Everything the site keeps about a person, as one JSON document they can download."""

from talks.models import Note, Star


def _iso(moment):
    return moment.isoformat() if moment else None


def account_data(user, *, absolute):
    """`user`'s profile, stars and notes as a JSON-ready dict; `absolute(path)` gives a URL."""
    stars = Star.objects.filter(user=user).select_related("talk").order_by("created", "pk")
    notes = Note.objects.by(user).select_related("talk").order_by("created", "pk")
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
    }
