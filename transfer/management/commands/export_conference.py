import json
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from talks.models import Conference, Talk
from transfer.export import (
    conference_talks,
    conference_to_dict,
    conference_to_markdown,
    conference_with_links,
)
from transfer.schedule.export_frab import conference_to_frab
from transfer.schedule.export_ical import talks_to_ical

FORMATS = ("json", "markdown", "frab", "ical")
BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".xml": "frab", ".ics": "ical"}


class Command(BaseCommand):
    help = (
        "Export a conference with its talks, speakers, tags and links as JSON (the API's shape) "
        "or as a Markdown write-up that import_writeup reads back; or its schedule as frab XML "
        "or iCalendar."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The conference's slug.")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default=None,
            help="json, markdown, frab (schedule XML) or ical (default: from the output "
            "file's extension, else json).",
        )
        parser.add_argument(
            "-o", "--output", help="Write to this file instead of standard output ('-')."
        )
        parser.add_argument(
            "--site-url",
            default="http://localhost:8000",
            help="The site's address, for links and ids in frab and ical exports.",
        )

    def handle(self, *args, slug, output=None, **options):
        suffix = Path(output).suffix.lower() if output else ""
        output_format = options["format"] or BY_SUFFIX.get(suffix, "json")
        try:
            conference = conference_with_links(Conference.objects.all(), slug)
        except Conference.DoesNotExist:
            raise CommandError(f"No conference with the slug {slug!r}.") from None
        if output_format in {"frab", "ical"}:
            talks = list(Talk.objects.filter(conference=conference).for_calendar())
            if not talks:
                raise CommandError(f"{slug} has no talks with times: no schedule to export.")
            data = self.schedule(conference, talks, output_format, options["site_url"])
        else:
            talks = list(conference_talks(conference))
            if output_format == "json":
                data = conference_to_dict(conference, talks)
                data = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
            else:
                data = conference_to_markdown(conference, talks).encode()
        if output and output != "-":
            try:
                Path(output).write_bytes(data)
            except OSError as error:
                raise CommandError(f"{output}: cannot write it ({error.strerror})") from None
            self.stderr.write(f"Wrote {len(talks)} talks of {slug} to {output}.")
        else:
            self.stdout.write(data.decode(), ending="")

    def schedule(self, conference, talks, output_format, site_url):
        if output_format == "frab":
            return conference_to_frab(conference, talks, site_url=site_url)
        return talks_to_ical(
            talks, name=conference.name, site_url=site_url, time_zone=conference.time_zone
        )
