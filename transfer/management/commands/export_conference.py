import json
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from talks.models import Conference
from transfer.export import (
    conference_talks,
    conference_to_dict,
    conference_to_markdown,
    conference_with_links,
)


class Command(BaseCommand):
    help = (
        "Export a conference with its talks, speakers, tags and links as JSON (the API's shape) "
        "or as a Markdown write-up that import_writeup reads back."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The conference's slug.")
        parser.add_argument(
            "--format",
            choices=("json", "markdown"),
            default=None,
            help="json or markdown (default: from the output file's extension, else json).",
        )
        parser.add_argument(
            "-o", "--output", help="Write to this file instead of standard output ('-')."
        )

    def handle(self, *args, slug, output=None, **options):
        output_format = options["format"] or (
            "markdown" if output and Path(output).suffix.lower() in {".md", ".markdown"} else "json"
        )
        try:
            conference = conference_with_links(Conference.objects.all(), slug)
        except Conference.DoesNotExist:
            raise CommandError(f"No conference with the slug {slug!r}.") from None
        talks = list(conference_talks(conference))
        if output_format == "json":
            data = conference_to_dict(conference, talks)
            text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        else:
            text = conference_to_markdown(conference, talks)
        if output and output != "-":
            try:
                Path(output).write_text(text, encoding="utf-8")
            except OSError as error:
                raise CommandError(f"{output}: cannot write it ({error.strerror})") from None
            self.stderr.write(f"Wrote {len(talks)} talks of {slug} to {output}.")
        else:
            self.stdout.write(text, ending="")
