"""How far apart two spellings are (talks/search/spelling.py): the measure "did you mean"
ranks its candidates by, and how far a suggestion may be from the word typed."""

import pytest

from talks.search.spelling import allowed_distance, distance


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("kubernetes", "kubernetes", 0),
        ("kubrenetes", "kubernetes", 1),  # two letters swapped: one edit
        ("securty", "security", 1),  # one left out
        ("dokcer", "docker", 1),
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("ca", "abc", 3),  # the optimal string alignment edits each part once
    ],
)
def test_distance_counts_edits_either_way(a, b, apart):
    assert distance(a, b) == distance(b, a) == apart


def test_short_words_may_be_one_slip_away_longer_ones_two():
    assert [allowed_distance(word) for word in ("dns", "mesos", "docker", "kubernetes")] == [
        1,
        1,
        2,
        2,
    ]
