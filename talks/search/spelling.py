"""How far apart two spellings are: the small, well-known measure suggestions rank by."""


def distance(a, b):
    """The optimal string alignment distance between two strings: how many letters must be
    inserted, deleted, replaced, or swapped with their neighbour ("kubrenetes", one swap
    from "kubernetes") to turn one into the other (Damerau–Levenshtein, each part of the
    text edited at most once). O(len(a) × len(b)); callers keep words short."""
    if len(a) < len(b):
        a, b = b, a
    before, previous = None, list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i, *[0] * len(b)]
        for j, other in enumerate(b, 1):
            current[j] = min(
                previous[j] + 1,  # deleted
                current[j - 1] + 1,  # inserted
                previous[j - 1] + (letter != other),  # replaced (or kept)
            )
            if i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)  # swapped
        before, previous = previous, current
    return previous[-1]


def allowed_distance(word):
    """How far a suggestion may be from the word typed: one slip in a short word, two in a
    longer one."""
    return 1 if len(word) <= 5 else 2
