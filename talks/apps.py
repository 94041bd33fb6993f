from django.apps import AppConfig


class TalksConfig(AppConfig):
    name = "talks"

    def ready(self):
        from . import signals  # noqa: F401 - connects the search-vector receivers
