"""Answers kept per store generation (queries/runner.py ResultCache): a page that many users
open, or that Streamlit reruns at each click, computes its queries once until a load or a
drop changes the store; never an answer from before the change."""
import time

from conftest import CORPUS

from policykg.graph.ingest import load_file
from policykg.queries import QueryRunner, Term
from policykg.queries.runner import Result, ResultCache

COUNT = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a pkg:HeldDocument }"
IDS = "SELECT ?id WHERE { ?d a pkg:HeldDocument ; eli:id_local ?id } ORDER BY ?id"


def test_a_repeated_query_is_answered_from_the_cache_until_the_store_changes(tmp_path):
    from policykg.graph.store import open_store

    store = open_store(tmp_path / "db")
    load_file(store, CORPUS / "000_4b541d80a1f56cd0.txt")
    with QueryRunner(store.path) as runner:
        first = runner.run(COUNT)
        assert not first.cached and first.records()[0]["n"] == 1
        again = runner.run(COUNT)
        assert again.cached and again.records() == first.records()
        load_file(store, CORPUS / "002_1a8614c488dbc4c5.txt")  # bumps the generation
        after = runner.run(COUNT)
        assert not after.cached and after.records()[0]["n"] == 2


def test_a_load_by_another_process_is_seen(tmp_path):
    """The generation file is the signal: a `policykg load` elsewhere changes it."""
    import subprocess
    import sys

    from policykg.graph.store import open_store

    store = open_store(tmp_path / "db")
    store.close()
    with QueryRunner(tmp_path / "db") as runner:
        assert runner.run(COUNT).records()[0]["n"] == 0
        assert runner.run(COUNT).cached
        subprocess.run([sys.executable, "-m", "policykg", "load", str(CORPUS / "000_4b541d80a1f56cd0.txt"),
                        "--store", str(tmp_path / "db")], check=True, capture_output=True)
        assert runner.run(COUNT).records()[0]["n"] == 1


def test_bindings_are_part_of_the_key(corpus_store):
    query = "SELECT DISTINCT ?id WHERE { ?d eli:id_local ?id FILTER (?id = ?wanted) }"
    with QueryRunner(corpus_store.path) as runner:
        a = runner.run(query, {"wanted": Term("literal", "176/KH-UBND")})
        b = runner.run(query, {"wanted": Term("literal", "177/KH-UBND")})
        assert [r["id"] for r in a.records()] == ["176/KH-UBND"]
        assert [r["id"] for r in b.records()] == ["177/KH-UBND"] and not b.cached
        assert runner.run(query, {"wanted": Term("literal", "176/KH-UBND")}).cached


def test_what_a_caller_changes_does_not_change_the_kept_answer(corpus_store):
    with QueryRunner(corpus_store.path) as runner:
        first = runner.run(IDS)
        n = len(first.rows)
        first.rows.clear()
        again = runner.run(IDS)
        again.rows.reverse()
        again.rows[0][0] = None
        third = runner.run(IDS)
        assert third.cached and len(third.rows) == n and third.rows[0][0] is not None


def test_errors_and_time_outs_are_not_kept(corpus_store):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with QueryRunner(corpus_store.path, timeout=1, max_workers=1) as runner:
        for _ in range(2):
            start = time.monotonic()
            try:
                runner.run(runaway)
            except Exception as exc:  # QueryTimeout each time: nothing was kept
                assert type(exc).__name__ == "QueryTimeout"
            assert time.monotonic() - start > 0.9
        assert runner.cache is not None and runner.cache.hits == 0


def test_the_cache_is_bounded_by_cells_and_drops_the_least_recently_used():
    cache = ResultCache(max_cells=30)

    def result(n):
        return Result("select", ["x"], [[Term("literal", str(i))] for i in range(n)])

    cache.put(("g1", "a"), result(10))
    cache.put(("g1", "b"), result(10))
    assert cache.get(("g1", "a")) is not None  # a is now the most recently used
    cache.put(("g1", "c"), result(10))          # 33 cells with their headers: b goes
    assert cache.get(("g1", "b")) is None
    assert cache.get(("g1", "a")) is not None and cache.get(("g1", "c")) is not None
    cache.put(("g1", "big"), result(100))       # larger than the whole cache: not kept
    assert cache.get(("g1", "big")) is None
    cache.put(("g2", "a"), result(1))           # a new generation: the older answers go
    assert cache.get(("g1", "a")) is None and cache.get(("g2", "a")) is not None


def test_a_runner_without_cache_runs_every_time(corpus_store):
    with QueryRunner(corpus_store.path, cache=False) as runner:
        runner.run(COUNT)
        assert not runner.run(COUNT).cached


def test_users_asking_the_same_question_at_once_share_one_computation(corpus_store):
    """Five sessions open the same page together (or again after a load): one worker computes,
    the others wait for its answer instead of taking the other workers."""
    import threading

    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c }"
    with QueryRunner(corpus_store.path, timeout=60, max_workers=4) as runner:
        answers: list = []
        threads = [threading.Thread(target=lambda: answers.append(runner.run(slow))) for _ in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert len(answers) == 5 and len({a.records()[0]["n"] for a in answers}) == 1
        assert sum(not a.cached for a in answers) == 1
        assert len(runner.worker_pids()) == 1  # without sharing, each asker starts a worker of its own (cap 4)


def test_waiting_for_a_question_that_times_out_stays_within_the_limit(corpus_store):
    import threading

    from policykg.queries import QueryTimeout

    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with QueryRunner(corpus_store.path, timeout=1, max_workers=2) as runner:
        runner.run("ASK {}")  # a worker is up: the limit then counts the query alone
        outcomes: list = []

        def ask():
            start = time.monotonic()
            try:
                runner.run(runaway)
                outcomes.append(("answered", time.monotonic() - start))
            except QueryTimeout:
                outcomes.append(("timeout", time.monotonic() - start))

        threads = [threading.Thread(target=ask) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert [o for o, _ in outcomes] == ["timeout"] * 3
        assert max(s for _, s in outcomes) < 2.5  # nobody waited for the first asker and then a limit of its own


def test_a_question_stopped_at_its_limit_is_not_run_again_for_those_who_waited(corpus_store, caplog):
    """A later asker who waited for a computation stopped at its limit, with no longer a limit of
    its own, is told at once: the same question on the same store would be stopped again, and a
    busy server would otherwise run it once more for every waiter."""
    import logging
    import threading

    from policykg.queries import QueryTimeout

    logging.getLogger("policykg").propagate = True
    caplog.set_level(logging.INFO, logger="policykg")
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with QueryRunner(corpus_store.path, timeout=2, max_workers=2) as runner:
        runner.run("ASK {}")  # a worker is up: the limit then counts the query alone
        outcomes: list = []

        def ask(delay: float):
            time.sleep(delay)
            try:
                runner.run(runaway)
                outcomes.append("answered")
            except QueryTimeout:
                outcomes.append("timeout")

        threads = [threading.Thread(target=ask, args=(d,)) for d in (0, 0.5, 1.0)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert outcomes == ["timeout"] * 3
        stopped = [r for r in caplog.records if r.getMessage().startswith("query stopped at its")]
        assert len(stopped) == 1, [r.getMessage() for r in stopped]  # one computation, stopped once
