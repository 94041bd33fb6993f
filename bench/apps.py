from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark tooling only: the `make_synthetic` command; no models, no URLs."""

    name = "bench"
