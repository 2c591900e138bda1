"""`bench/served.py`'s process measures: a server measured whole counts its children."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

from bench.served import cpu_seconds_of, process_tree, rss_of

#: A child that burns a little CPU, says so, then waits to be stopped.
CHILD = "sum(range(3_000_000)); print('ready', flush=True); import time; time.sleep(60)"
#: A parent that starts that child, gives its pid once it is ready, then waits too.
PARENT = f"""
import subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", {CHILD!r}], stdout=subprocess.PIPE)
child.stdout.readline()
print(child.pid, flush=True)
time.sleep(60)
"""


def test_a_process_tree_holds_the_children_and_counts_their_cpu_and_memory() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        tree = process_tree(parent.pid)
        assert tree[0] == parent.pid
        assert child in tree
        assert cpu_seconds_of(tree) > cpu_seconds_of([parent.pid])
        assert rss_of(tree) > rss_of([parent.pid]) > 0
    finally:
        for pid in process_tree(parent.pid)[1:]:
            os.kill(pid, signal.SIGKILL)
        parent.kill()
        parent.wait(timeout=10)
    # A process that has ended counts nothing, and reading it is no error.
    assert cpu_seconds_of([parent.pid]) == 0
    assert rss_of([parent.pid]) == 0
