"""Random and mutated input: the parser raises nothing but ParseError, never hangs, and
its time grows linearly with the input."""
import random
import time

from conftest import corpus_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.loaders import ParseError, parse_bytes, parse_text

DOCS = [p.read_bytes() for p in corpus_files()]
FAST = settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.too_slow])


def parse_or_refuse(data: bytes) -> None:
    try:
        record = parse_bytes(data, "fuzz.txt")
    except ParseError as exc:
        assert str(exc).startswith("fuzz.txt: ") and "\n" not in str(exc)
        return
    assert set(record) >= {"document", "cited", "indicators", "tasks", "spans"}


@FAST
@given(st.binary(max_size=4000))
def test_random_bytes(data):
    parse_or_refuse(data)


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=3000))
def test_random_text(text):
    parse_or_refuse(text.encode("utf-8"))


@FAST
@given(st.sampled_from(range(len(DOCS))), st.floats(0, 1), st.integers(0, 2**32 - 1))
def test_truncated_documents(i, fraction, seed):
    data = DOCS[i][: int(len(DOCS[i]) * fraction)]
    parse_or_refuse(data)


@FAST
@given(st.sampled_from(range(len(DOCS))), st.integers(0, 2**32 - 1))
def test_shuffled_lines(i, seed):
    lines = DOCS[i].split(b"\n")
    random.Random(seed).shuffle(lines)
    parse_or_refuse(b"\n".join(lines))


@FAST
@given(st.sampled_from(range(len(DOCS))), st.integers(0, 2**32 - 1), st.integers(1, 50))
def test_noise_injected(i, seed, hits):
    rng = random.Random(seed)
    data = bytearray(DOCS[i])
    for _ in range(hits):
        pos = rng.randrange(len(data))
        data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
    parse_or_refuse(bytes(data))


def test_ten_megabytes_in_linear_time():
    text = "\n".join(d.decode("utf-8") for d in DOCS)
    timings = {}
    for copies in (6, 60):  # about 1 MB and 10 MB
        big = "\n".join([text] * copies)
        runs = []
        for _ in range(2):  # the better of two runs: a busy CI machine should not decide
            start = time.perf_counter()
            parse_text(big)
            runs.append(time.perf_counter() - start)
        timings[copies] = min(runs)
    assert len(big.encode()) > 10_000_000
    assert timings[60] < 60
    # ten times the input, well under thirty times the time: no quadratic step
    assert timings[60] < 30 * max(timings[6], 0.05), timings
