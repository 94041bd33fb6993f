"""Precision and recall of the write-up reader over the evaluation set in tests/data/writeups.

    .venv/bin/python bench/writeup_eval.py            # totals, and each file that differs
    .venv/bin/python bench/writeup_eval.py --verbose  # every file, talk by talk

Each write-up `NAME.md` (or folder `NAME/` with an index README) has `NAME.expected.json`
beside it. A read talk matches an expected one with the same title or, failing that, the
same speakers (greedily, in order). Talk precision is matched / read, recall is matched /
expected; speakers are counted per matched talk (a speaker read for the wrong talk is
wrong), titles over the matched talks. The layout is reported, not scored.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "writeups"


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "confnotes.settings")
    import django

    django.setup()


def cases(folder=DATA):
    """(name, path of the write-up or folder, expected) for every case in the set."""
    for expected in sorted(folder.glob("*.expected.json")):
        name = expected.name.removesuffix(".expected.json")
        path = folder / f"{name}.md"
        if not path.exists():
            path = folder / name
        yield name, path, json.loads(expected.read_text(encoding="utf-8"))


def read(path):
    """(layout, talks as plain dicts) of a write-up file or notes folder."""
    from transfer.writeup import read_writeup
    from transfer.writeup.folder import read_folder

    is_folder = path.is_dir()
    writeup = read_folder(path) if is_folder else read_writeup(path.read_text(encoding="utf-8"))
    return writeup.layout, [
        talk_dict(talk, writeup.times.get(talk.position)) for talk in writeup.conference.talks
    ]


def talk_dict(talk, time):
    """A talk as the evaluation set writes it."""
    return {
        "title": talk.title,
        "speakers": [speaker.name for speaker in talk.speakers],
        "companies": [speaker.company for speaker in talk.speakers],
        "recommended": bool(talk.recommended),
        "links": [link.url for link in talk.links],
        "time": time,
    }


def key(text):
    return " ".join(text.casefold().split())


def match(read_talks, expected_talks):
    """Pairs (read, expected) matched by title, then by speakers."""
    pairs = []
    left = list(range(len(expected_talks)))
    unmatched = []
    for talk in read_talks:
        found = next(
            (i for i in left if key(expected_talks[i]["title"]) == key(talk["title"])), None
        )
        if found is None:
            unmatched.append(talk)
            continue
        left.remove(found)
        pairs.append((talk, expected_talks[found]))
    for talk in unmatched:
        speakers = sorted(map(key, talk["speakers"]))
        found = next(
            (
                i
                for i in left
                if speakers and sorted(map(key, expected_talks[i]["speakers"])) == speakers
            ),
            None,
        )
        if found is not None:
            left.remove(found)
            pairs.append((talk, expected_talks[found]))
    return pairs


class Score:
    def __init__(self):
        self.hits = self.read = self.expected = 0

    def add(self, hits, read, expected):
        self.hits += hits
        self.read += read
        self.expected += expected

    def line(self, name):
        precision = self.hits / self.read if self.read else 1.0
        recall = self.hits / self.expected if self.expected else 1.0
        return (
            f"{name:<9} precision {precision:6.1%} ({self.hits}/{self.read})   "
            f"recall {recall:6.1%} ({self.hits}/{self.expected})"
        )


def evaluate(verbose=False, out=sys.stdout, folder=DATA):
    talks, speakers, titles = Score(), Score(), Score()
    exact = layouts = total = 0
    for name, path, expected in cases(folder):
        total += 1
        try:
            layout, got = read(path)
        except Exception as error:  # a file the reader rejects scores zero
            layout, got = f"error: {error}", []
        wanted = expected["talks"]
        pairs = match(got, wanted)
        talks.add(len(pairs), len(got), len(wanted))
        speakers.add(
            sum(len(set(map(key, g["speakers"])) & set(map(key, w["speakers"]))) for g, w in pairs),
            sum(len(g["speakers"]) for g in got),
            sum(len(w["speakers"]) for w in wanted),
        )
        titles.add(sum(key(g["title"]) == key(w["title"]) for g, w in pairs), len(got), len(wanted))
        same = got == wanted and layout == expected["layout"]
        exact += same
        layouts += layout == expected["layout"]
        if verbose or not same:
            mark = "ok " if same else "DIFF"
            out.write(
                f"{mark} {name}: layout {layout} (expected {expected['layout']}), "
                f"{len(got)} talks read, {len(wanted)} expected\n"
            )
            if not same:
                for index in range(max(len(got), len(wanted))):
                    g = got[index] if index < len(got) else None
                    w = wanted[index] if index < len(wanted) else None
                    if g != w:
                        out.write(f"     read     {g}\n     expected {w}\n")
    out.write(f"\n{total} write-ups, {exact} read exactly, {layouts} in the expected layout\n")
    for label, score in (("talks", talks), ("speakers", speakers), ("titles", titles)):
        out.write(score.line(label) + "\n")
    return talks, speakers, titles


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="show every file")
    parser.add_argument("--data", type=Path, default=DATA, help="another folder of cases")
    args = parser.parse_args()
    setup_django()
    evaluate(verbose=args.verbose, folder=args.data)


if __name__ == "__main__":
    main()
