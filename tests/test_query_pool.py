"""The query workers are a bounded pool (issue 17, item 3): a cap that holds under many
concurrent queries, a queue whose wait counts against the time limit, workers reused, a
timed-out worker replaced, and no worker that outlives the process that started it."""
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from policykg.base.i18n import error_text
from policykg.queries import QueryBusy, QueryError, QueryRunner, QueryTimeout

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts processes in /proc")

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
# a few tenths of a second on the corpus store: long enough for queries to overlap
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c }"


def workers_of(pid: int) -> set[int]:
    """The query workers (spawned interpreters) whose parent is `pid`, as /proc shows them."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != pid or fields[0] == "Z":
                continue
            if b"spawn_main" in (stat.parent / "cmdline").read_bytes():
                out.add(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return out


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_cap_holds_under_three_times_as_many_queries(corpus_store):
    import os

    cap = 2
    before = workers_of(os.getpid())
    peak, answers, errors = 0, [], []
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, len(workers_of(os.getpid()) - before))
            time.sleep(0.02)

    with QueryRunner(corpus_store.path, timeout=60, max_workers=cap, cache=False) as runner:
        def user():
            try:
                for _ in range(3):
                    answers.append(runner.run(SLOW).records()[0]["n"])
            except Exception as exc:  # counted, and the test fails on it
                errors.append(exc)

        sampler = threading.Thread(target=sample)
        sampler.start()
        users = [threading.Thread(target=user) for _ in range(3 * cap)]
        for u in users:
            u.start()
        for u in users:
            u.join(120)
        done.set()
        sampler.join()
        assert not errors and len(answers) == 9 * cap and len(set(answers)) == 1
        assert 1 <= peak <= cap, f"{peak} workers for a cap of {cap}"
        assert len(runner.worker_pids()) <= cap
    assert not workers_of(os.getpid()) - before  # closed with the runner


def test_workers_are_reused_between_queries(corpus_store):
    with QueryRunner(corpus_store.path, max_workers=3) as runner:
        runner.run("ASK {}")
        pid = runner.worker_pid
        for _ in range(5):
            runner.run("ASK { ?s ?p ?o }")
            assert runner.worker_pid == pid
        assert runner.worker_pids() == [pid]


def test_a_timed_out_worker_is_replaced(corpus_store):
    with QueryRunner(corpus_store.path, timeout=1, max_workers=1) as runner:
        runner.run("ASK {}")
        pid = runner.worker_pid
        with pytest.raises(QueryTimeout):
            runner.run(RUNAWAY)
        assert not alive(pid)
        assert runner.run("ASK { ?s ?p ?o }").boolean is True
        assert runner.worker_pid != pid and len(runner.worker_pids()) == 1


def test_a_store_that_will_not_open_is_reported_and_the_worker_recovers(tmp_path):
    """RocksDB raises 'Corruption' (a RuntimeError) when a view opens while a writer's
    compaction replaces its files: the worker must still start, report the store's error
    (not 'the worker did not start') and answer once the files are whole again."""
    from policykg.graph.store import open_store

    store = open_store(tmp_path / "db")
    store.close()
    manifest = next((tmp_path / "db").glob("MANIFEST-*"))
    whole = manifest.read_bytes()
    manifest.write_bytes(b"not a manifest" * 8)
    with QueryRunner(tmp_path / "db", timeout=30, max_workers=1) as runner:
        with pytest.raises(QueryError) as caught:
            runner.run("ASK { ?s ?p ?o }")
        assert caught.value.code != "query.worker_died"
        assert "Corruption" in str(caught.value)
        pid = runner.worker_pid
        manifest.write_bytes(whole)
        assert runner.run("ASK { ?s ?p ?o }").boolean is True
        assert runner.worker_pid == pid


def test_waiting_in_the_queue_counts_against_the_limit(corpus_store):
    with QueryRunner(corpus_store.path, timeout=4, max_workers=1) as runner:
        runner.run("ASK {}")  # the one worker is up
        hog = threading.Thread(target=lambda: pytest.raises(QueryTimeout, runner.run, RUNAWAY))
        hog.start()
        time.sleep(0.3)  # the runaway holds the only worker
        start = time.monotonic()
        with pytest.raises(QueryBusy) as caught:
            runner.run("ASK { ?s ?p ?o }", timeout=1)
        assert 0.9 < time.monotonic() - start < 2
        assert error_text(caught.value, "vi").startswith("Máy chủ đang bận")
        assert error_text(caught.value, "en").startswith("The server is busy")
        hog.join(30)
        # once the runaway is stopped the queue moves again
        assert runner.run("ASK { ?s ?p ?o }").boolean is True


def test_killing_the_parent_leaves_no_worker(corpus_store, tmp_path):
    # a parent that keeps three workers busy on runaway queries, then is killed -9
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(f"""
        import threading
        from policykg.queries import QueryRunner
        if __name__ == "__main__":  # the workers are spawned: they import this file
            runner = QueryRunner({str(corpus_store.path)!r}, timeout=600, max_workers=3, cache=False)  # 3 computations
            for _ in range(3):
                threading.Thread(target=runner.run, args=({RUNAWAY!r},), daemon=True).start()
            print("started", flush=True)
            threading.Event().wait()
    """), "utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == "started"
        deadline = time.monotonic() + 90
        workers: set[int] = set()
        while len(workers) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = workers_of(parent.pid)
        assert len(workers) == 3, f"{len(workers)} workers started"
        time.sleep(1)  # busy on their queries
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 5
        while any(map(alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(alive, workers)), "a worker outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
