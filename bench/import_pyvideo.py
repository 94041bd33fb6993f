"""Time `manage.py import_pyvideo` on a synthetic folder of pyvideo-format talks, or on a
whole pyvideo/data repository.

    .venv/bin/python bench/import_pyvideo.py                       # SQLite, 5,000 talks
    .venv/bin/python bench/import_pyvideo.py --talks 5000 \\
        --database-url postgres://postgres@127.0.0.1:5432/confnotes_bench
    .venv/bin/python bench/import_pyvideo.py --repository /tmp/pyvideo \\
        --database-url postgres://postgres@127.0.0.1:5432/pyvideo_bench

The synthetic folder has the real data's quirks (three `recorded` formats, float durations,
placeholder and multi-person speakers, mixed-case tags, related_urls as strings or objects).
Each run migrates the database (and empties it), imports the folder, then imports it again
(nothing changes the second time), and prints the wall-clock time of both imports. With
`--repository` it imports every conference (`--on-error skip`), again, and again with
`--force` (every folder read and compared), and prints for each the wall-clock time, the CPU
time of the import process, its peak memory (max RSS) and the load average around it.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Ana", "Bob", "Chen", "Dara", "Emil", "Fatima", "Gus", "Hana", "Ivo", "Jun", "Kofi"]
LAST = ["López", "Stone", "Wang", "Okafor", "Novak", "Haddad", "Berg", "Sato", "Ivanova", "Kim"]
TAGS = ["Django", "django", "asyncio", "Testing", "Web Frameworks", "data science", "pandas"]


def write_folder(folder, talks, seed=2015):
    """Write category.json and `talks` video files into `folder`."""
    rng = random.Random(seed)
    videos = folder / "videos"
    videos.mkdir(parents=True)
    (folder / "category.json").write_text(json.dumps({"title": "BenchCon 2026"}))
    people = [
        f"{first} {last} {n}" for n in range(300) for first, last in zip(FIRST, LAST, strict=False)
    ]
    for number in range(talks):
        speakers = [rng.choice(people)]
        if number % 10 == 0:
            speakers = [f"{rng.choice(people)} & {rng.choice(people)}"]
        if number % 97 == 0:
            speakers.append("Various speakers")
        day = f"2026-06-{1 + number % 5:02d}"
        recorded = [day, f"{day}T10:30:00+01:00", f"{day}T10:30:00"][number % 3]
        video_id = f"{number:011d}"[-11:]
        data = {
            "title": f"Talk number {number}: {rng.choice(TAGS)} in practice",
            "speakers": speakers,
            "recorded": recorded,
            "description": f"About {rng.choice(TAGS)}.\n\n" + "Some words. " * 40,
            "duration": rng.choice([1800, 2400.5, None]),
            "tags": [*rng.sample(TAGS, 3), "benchcon2026"],
            "thumbnail_url": f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg",
            "videos": [{"type": "youtube", "url": f"https://www.youtube.com/watch?v={video_id}"}],
            "related_urls": [
                f"https://example.com/{number}",
                {"label": "slides", "url": f"https://example.com/{number}/slides.pdf"},
            ],
        }
        (videos / f"talk-{number}.json").write_text(json.dumps(data, indent=2, sort_keys=True))


def manage(*args, env):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, env=env)


def timed_import(folder, env):
    started = time.perf_counter()
    manage("import_pyvideo", str(folder), "--progress", "never", env=env)
    return time.perf_counter() - started


def measured_import(root, *options, env):
    """(wall s, CPU s, max RSS MB, load before, load after) of one import process."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    command = [sys.executable, str(ROOT / "manage.py"), "import_pyvideo", str(root)]
    process = subprocess.Popen(
        [*command, "--on-error", "skip", "--progress", "never", *options], env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"import_pyvideo exited with {process.returncode}")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, load, os.getloadavg()[0]


def repository(root, database_url):
    env = {**os.environ, "DATABASE_URL": database_url}
    env.setdefault("DJANGO_DEBUG", "0")
    manage("migrate", "--no-input", "--verbosity", "0", env=env)
    manage("flush", "--no-input", env=env)
    print("| run | wall | CPU (import process) | max RSS | load average (1 min) before / after |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, options in (("first import", ()), ("again", ()), ("again, --force", ("--force",))):
        wall, cpu, rss, before, after = measured_import(root, *options, env=env)
        print(
            f"| {name} | {wall:.1f} s | {cpu:.1f} s | {rss:.0f} MB | {before:.1f} / {after:.1f} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=5000)
    parser.add_argument("--database-url", help="Default: a new SQLite file.")
    parser.add_argument("--repository", help="A pyvideo/data checkout: import all of it.")
    args = parser.parse_args()
    if args.repository:
        if not args.database_url:
            parser.error("--repository needs --database-url (it empties that database)")
        return repository(args.repository, args.database_url)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        folder = scratch / "benchcon-2026"
        write_folder(folder, args.talks)
        database_url = args.database_url or f"sqlite:///{scratch / 'bench.sqlite3'}"
        env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": database_url}
        manage("migrate", "--no-input", "--verbosity", "0", env=env)
        if args.database_url:
            manage("flush", "--no-input", env=env)
        first = timed_import(folder, env)
        again = timed_import(folder, env)
    engine = database_url.split(":", 1)[0]
    print(f"{engine}: {args.talks} talks imported in {first:.1f} s, re-imported in {again:.1f} s")


if __name__ == "__main__":
    main()
