"""make bench-cpu: the CPU cost of each page, in instructions counted by valgrind.

Requests per second on a shared 2-core machine vary by up to 15 % between runs of the same
code, so a change of a few per cent cannot be seen with wrk. Instruction counts can: the same
code, data and requests give the same count within 0.1 %. For each page of bench/run.py,
Django serves it in one process (production settings, page cache off, the test client) under
valgrind's callgrind tool, with counting off until the page has been requested a few times;
then the instructions of ``--requests`` more requests are counted. PostgreSQL and Redis are
other processes: their work is not in the count (query counts and ``make explain`` cover it).

With ``--base REV`` the same pages are counted for a git worktree of REV too (the same
environment and database), and each page's change is shown: the before/after of a change
without the noise of timing it.

Needs valgrind, with its headers (Debian's valgrind package), and a C compiler.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
sys.path.insert(0, str(ROOT))

from bench.run import FLOOR_PAGES, LOGGED_IN_PAGES, production_env, query_counts  # noqa: E402

# Called from Python through ctypes: callgrind's client requests are machine-code sequences
# that only C can emit.
CALLGRIND_HELPER = """
#include <valgrind/callgrind.h>
void coopbase_count_from_here(void) { CALLGRIND_START_INSTRUMENTATION; CALLGRIND_ZERO_STATS; }
void coopbase_count_up_to_here(const char *label) { CALLGRIND_DUMP_STATS_AT(label); }
"""

# Run under valgrind in the checkout being measured: argv = helper, requests, cookie, paths.
CHILD = """
import ctypes, gc, sys
import django
django.setup()
from django.test import Client
helper = ctypes.CDLL(sys.argv[1])
requests, cookie = int(sys.argv[2]), sys.argv[3]
client = Client(HTTP_HOST="127.0.0.1")
for path in sys.argv[4:]:
    client.cookies.clear()
    if path.startswith("cookie:"):
        path = path.removeprefix("cookie:")
        client.cookies["sessionid"] = cookie
    for _ in range(2):  # compiled templates, URL resolvers, connections, kept values
        client.get(path)
    # A full collection walks every object of the process (10-20 M instructions): one
    # falling within the counted requests of one page and not another's made a page look
    # 19 % dearer. Collected now, the next one is many requests away.
    gc.collect()
    helper.coopbase_count_from_here()
    for _ in range(requests):
        response = client.get(path)
        b"".join(response) if response.streaming else response.content
    helper.coopbase_count_up_to_here(path.encode())
"""


def build_helper(folder: Path) -> Path:
    source, library = folder / "callgrind_helper.c", folder / "callgrind_helper.so"
    source.write_text(CALLGRIND_HELPER)
    subprocess.run(["cc", "-shared", "-fPIC", "-o", library, source], check=True)
    return library


def count(checkout: Path, env: dict, helper: Path, requests: int, cookie: str, paths: list[str]):
    """Instructions per request of each path, served by the code in ``checkout``."""
    with tempfile.TemporaryDirectory(prefix="coopbase-callgrind-") as out:
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no",
             f"--callgrind-out-file={out}/callgrind.out", "--",
             PY, "-c", CHILD, str(helper), str(requests), cookie, *paths],
            # Each checkout keeps its values under its own cache prefix: a value kept by one
            # version of the code must not spare the other its work.
            cwd=checkout,
            env={
                **env,
                "PYTHONHASHSEED": "0",
                "PYTHONPATH": str(checkout),
                "CACHE_KEY_PREFIX": f"{env['CACHE_KEY_PREFIX']}-{'head' if checkout == ROOT else 'base'}",
            },
            check=True, capture_output=True,
        )  # fmt: skip
        counts = {}
        for dump in Path(out).glob("callgrind.out.*"):
            text = dump.read_text(errors="replace")
            label = re.search(r"^desc: Trigger: Client Request: (.*)$", text, re.M)
            if label:
                total = int(re.search(r"^summary: (\d+)", text, re.M).group(1))
                counts[label.group(1)] = total / requests
        return counts


def worktree(rev: str, folder: Path) -> Path:
    checkout = folder / "base"
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--force", str(checkout), rev],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return checkout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/coopbase_bench")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"))
    parser.add_argument("--requests", type=int, default=5, help="counted requests per page")
    parser.add_argument("--base", help="also count this revision, and show each page's change")
    args = parser.parse_args()

    env = {**production_env(args.database, args.redis), "DJANGO_PAGE_CACHE": "0"}
    measured = query_counts(env)
    pages = {**FLOOR_PAGES, **measured["pages"]}
    cookie = measured["cookie"].removeprefix("sessionid=")
    # The logged-in pages are requested with the leader's session cookie.
    paths = [f"cookie:{path}" if name in LOGGED_IN_PAGES else path for name, path in pages.items()]

    with tempfile.TemporaryDirectory(prefix="coopbase-bench-cpu-") as folder:
        helper = build_helper(Path(folder))
        checkouts = [ROOT]
        if args.base:
            checkouts.append(worktree(args.base, Path(folder)))
        try:
            # One valgrind per checkout, side by side: the counts do not depend on the load.
            with ThreadPoolExecutor() as pool:
                results = list(
                    pool.map(
                        lambda checkout: count(checkout, env, helper, args.requests, cookie, paths),
                        checkouts,
                    )
                )
        finally:
            for checkout in checkouts[1:]:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=True
                )

    head, base = results[0], results[1] if args.base else {}

    def millions(path: str, counts: dict) -> float:
        return counts[path.removeprefix("cookie:")] / 1e6

    lines = [
        "| page | M instructions a request |" + (f" at {args.base} | change |" if base else "")
    ]
    lines.append("|---|---|" + ("---|---|" if base else ""))
    for name, path in zip(pages, paths, strict=True):
        row = f"| {name} | {millions(path, head):.1f} |"
        if base:
            before = millions(path, base)
            row += f" {before:.1f} | {100 * (millions(path, head) - before) / before:+.1f} % |"
        lines.append(row)
    report = "\n".join(lines)
    print(report)
    (ROOT / "bench" / "results" / "instructions.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
