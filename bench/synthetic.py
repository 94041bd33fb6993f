"""Fill an empty database with a large synthetic data set for bench/search_and_browse.py."""

import random
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management import BaseCommand, CommandError
from django.db import connection, transaction
from taggit.models import Tag, TaggedItem

from speakers.models import Company, Speaker
from talks import services
from talks.models import Conference, Link, Talk, TalkSpeaker

# Planted words with known frequencies, so that the benchmark's searches mean the same on
# every run: COMMON_WORD is in about a quarter of the summaries, RARE_WORD in RARE_COUNT.
COMMON_WORD = "kubernetes"
COMMON_SHARE = 0.25
RARE_WORD = "unikernel"
RARE_COUNT = 20
TECH_WORDS = [
    "container",
    "docker",
    "cluster",
    "network",
    "storage",
    "security",
    "latency",
    "scheduler",
    "service",
    "mesh",
    "observability",
    "tracing",
    "metrics",
    "logging",
    "deployment",
    "pipeline",
    "registry",
    "image",
    "runtime",
    "orchestration",
    "database",
    "consensus",
    "replication",
    "sharding",
    "cache",
    "proxy",
    "gateway",
    "serverless",
    "function",
    "queue",
    "stream",
    "event",
    "kernel",
    "namespace",
    "cgroup",
    "volume",
    "secret",
    "policy",
    "identity",
    "certificate",
    "encryption",
    "migration",
    "monolith",
    "microservice",
    "rollout",
    "canary",
    "chaos",
    "resilience",
    "autoscaling",
    "capacity",
    "benchmark",
    "profiling",
    "debugging",
    "testing",
    "compliance",
    "audit",
    "backup",
]
FILLER = [
    "the",
    "a",
    "we",
    "how",
    "why",
    "what",
    "our",
    "their",
    "this",
    "that",
    "with",
    "from",
    "into",
    "about",
    "using",
    "talk",
    "showed",
    "explained",
    "demo",
    "lessons",
    "learned",
    "production",
    "scale",
    "team",
    "built",
    "made",
    "runs",
    "new",
    "old",
    "great",
    "simple",
    "hard",
    "real",
    "world",
    "practice",
    "story",
    "case",
    "study",
    "approach",
    "problem",
    "solution",
]
SYLLABLES = [
    "ka",
    "ri",
    "to",
    "mo",
    "ne",
    "sa",
    "lu",
    "vi",
    "de",
    "po",
    "ga",
    "ze",
    "fi",
    "ro",
    "bu",
    "ta",
    "le",
    "mi",
    "no",
]
BATCH = 5000


def made_up_words(rng, count):
    """Pronounceable nonsense words: a long tail of rare vocabulary."""
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class Command(BaseCommand):
    help = "Generate synthetic conferences, talks, speakers, companies and tags (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--talks", type=int, default=100_000)
        parser.add_argument("--speakers", type=int, default=20_000)
        parser.add_argument("--tags", type=int, default=500)
        parser.add_argument("--companies", type=int, default=2_000)
        parser.add_argument("--talks-per-conference", type=int, default=50)
        parser.add_argument("--seed", type=int, default=2015)

    def handle(self, *args, **options):
        if Talk.objects.exists():
            raise CommandError("The database already has talks; use an empty one for the bench.")
        rng = random.Random(options["seed"])
        started = time.monotonic()
        with transaction.atomic():
            self.generate(rng, options)
        self.stdout.write(f"Inserted rows in {time.monotonic() - started:.0f} s")
        started = time.monotonic()
        services.loaded()
        self.stdout.write(f"Search vectors in {time.monotonic() - started:.0f} s")
        if connection.vendor == "postgresql" and connection.get_autocommit():
            # Writing every talk's vector left a dead copy of each row behind: compact, analyse.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM FULL ANALYZE talks_talk")
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(self.style.SUCCESS("Done."))

    def generate(self, rng, options):
        n_talks, n_speakers = options["talks"], options["speakers"]
        companies = Company.objects.bulk_create(
            Company(name=f"Company {i}", slug=f"company-{i}") for i in range(options["companies"])
        )
        speakers = Speaker.objects.bulk_create(
            (
                Speaker(
                    name=f"Speaker {i} {rng.choice(SYLLABLES).title()}{rng.choice(SYLLABLES)}",
                    slug=f"speaker-{i}",
                    company=rng.choice(companies) if rng.random() < 0.8 else None,
                )
                for i in range(n_speakers)
            ),
            batch_size=BATCH,
        )
        tags = Tag.objects.bulk_create(
            Tag(name=f"topic-{i}", slug=f"topic-{i}") for i in range(options["tags"])
        )
        n_conferences = max(1, n_talks // options["talks_per_conference"])
        conferences = Conference.objects.bulk_create(
            (
                Conference(
                    name=f"Synthetic Conf {i}",
                    slug=f"synthetic-conf-{i}",
                    city="Testville",
                    year=2000 + i % 26,
                    month=1 + i % 12,
                )
                for i in range(n_conferences)
            ),
            batch_size=BATCH,
        )
        self.stdout.write(f"{len(companies)} companies, {len(speakers)} speakers, {len(tags)} tags")

        vocabulary = TECH_WORDS + made_up_words(rng, 5000)
        # Zipf-like weights: a few words are everywhere, most are rare.
        weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
        rare_talks = set(rng.sample(range(n_talks), RARE_COUNT))
        talks = []
        for i in range(n_talks):
            words = rng.choices(vocabulary, weights, k=50) + rng.choices(FILLER, k=15)
            if rng.random() < COMMON_SHARE:
                words.append(COMMON_WORD)
            if i in rare_talks:
                words.append(RARE_WORD)
            rng.shuffle(words)
            title_words = rng.choices(vocabulary, weights, k=rng.randint(3, 7))
            talks.append(
                Talk(
                    conference=conferences[i % n_conferences],
                    title=" ".join(title_words).capitalize(),
                    slug=f"talk-{i}",
                    summary=" ".join(words).capitalize() + ".",
                    position=i // n_conferences,
                    recommended=rng.random() < 0.15,
                )
            )
        talks = Talk.objects.bulk_create(talks, batch_size=BATCH)
        self.stdout.write(f"{len(talks)} talks")

        tag_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(tags))]
        content_type = ContentType.objects.get_for_model(Talk)
        tagged, credits, links = [], [], []
        for talk in talks:
            for tag in set(rng.choices(tags, tag_weights, k=rng.randint(1, 5))):
                tagged.append(TaggedItem(content_type=content_type, object_id=talk.pk, tag=tag))
            for position, speaker in enumerate(
                set(rng.choices(speakers, k=rng.choice((1, 1, 1, 2, 3))))
            ):
                credits.append(TalkSpeaker(talk=talk, speaker=speaker, position=position))
            if rng.random() < 0.6:
                links.append(
                    Link(
                        talk=talk,
                        kind=Link.Kind.RECORDING,
                        url=f"https://www.youtube.com/watch?v={talk.pk:011d}",
                        label="Recording",
                    )
                )
        TaggedItem.objects.bulk_create(tagged, batch_size=BATCH)
        TalkSpeaker.objects.bulk_create(credits, batch_size=BATCH)
        Link.objects.bulk_create(links, batch_size=BATCH)
        self.stdout.write(f"{len(tagged)} taggings, {len(credits)} credits, {len(links)} links")
