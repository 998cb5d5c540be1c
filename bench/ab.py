"""make bench-ab BASE=<rev>: this code and another revision served side by side, page by page.

``make bench`` measures one version; run again for another, an hour later, its figures move
by up to 15 % with the machine alone, more than most changes. Here both versions are served
at once by gunicorn (production settings, 2 workers each, page cache off, over the same
database), and each page is measured with wrk on one, then at once on the other, for a few
rounds, each version first every other round: what the machine does in between falls on
both alike. Only one server is loaded at a time. The pages are make bench's (with real
slugs, the logged-in dashboard left out) and any ``--path`` added.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.instructions import worktree  # noqa: E402
from bench.run import (  # noqa: E402
    LOGGED_IN_PAGES,
    production_env,
    query_counts,
    serve,
    stop,
    warm,
    wrk,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the revision to compare with")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/coopbase_bench")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"))
    parser.add_argument("--path", action="append", default=[], help="another path to measure")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=6)
    args = parser.parse_args()

    env = {**production_env(args.database, args.redis), "DJANGO_PAGE_CACHE": "0"}
    measured = query_counts(env)
    pages = {name: path for name, path in measured["pages"].items() if name not in LOGGED_IN_PAGES}
    pages.update({path: path for path in args.path})

    with tempfile.TemporaryDirectory(prefix="coopbase-bench-ab-") as folder:
        base = worktree(args.base, Path(folder))
        servers = {}
        try:
            # Each version keeps its values under its own cache prefix: neither reads what
            # the other computed.
            for label, checkout, port in [("head", ROOT, 8102), ("base", base, 8101)]:
                prefix = f"{env['CACHE_KEY_PREFIX']}-{label}"
                servers[label] = (
                    serve(
                        "config.wsgi",
                        port,
                        {**env, "CACHE_KEY_PREFIX": prefix, "PYTHONPATH": str(checkout)},
                        checkout,
                    ),
                    port,
                )
                warm(port, pages, "")
            rates: dict[str, dict[str, list[float]]] = {name: {} for name in pages}
            for n in range(args.rounds):
                # Each version goes first every other round: no order favours one.
                order = ("base", "head") if n % 2 == 0 else ("head", "base")
                for name, path in pages.items():
                    for label in order:
                        port = servers[label][1]
                        result = wrk(f"http://127.0.0.1:{port}{path}", args.seconds, 8)
                        rates[name].setdefault(label, []).append(result["rps"])
        finally:
            for process, _port in servers.values():
                stop(process)
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, check=True
            )

    rounds = " | ".join(f"round {n + 1}" for n in range(args.rounds))
    lines = [
        f"req/s at {args.base} -> this code, each round both in turn ({args.seconds} s each)",
        "",
        f"| page | {rounds} |",
        "|---|" + "---|" * args.rounds,
    ]
    for name, by_label in rates.items():
        cells = " | ".join(
            f"{before:.0f} -> {after:.0f}"
            for before, after in zip(by_label["base"], by_label["head"], strict=True)
        )
        lines.append(f"| {name} | {cells} |")
    report = "\n".join(lines)
    print(report)
    (ROOT / "bench" / "results" / "ab.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
