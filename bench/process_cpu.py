"""Where a page's time goes under load: the CPU time of each process while wrk loads it.

``python bench/process_cpu.py /en/ /en/news/ …`` serves Coopbase as ``make bench`` does
(gunicorn, production settings, 2 workers, page cache off) over the benchmark database, loads
each path with wrk for a few seconds and divides the CPU time that the gunicorn workers,
PostgreSQL and Redis spent meanwhile (from /proc) by the requests served: milliseconds of
each a request. On these 2-core machines a page's rate is about 2 cores over their sum.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import production_env, serve, stop, wrk  # noqa: E402

GROUPS = {"gunicorn": "gunicorn", "postgres": "postgres", "redis": "redis-server"}


def cpu_seconds() -> dict[str, float]:
    """CPU time (user and system) of every running process, summed per group."""
    ticks = dict.fromkeys(GROUPS, 0)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # gone meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()
        for group, marker in GROUPS.items():
            if marker in command or (group == "postgres" and command.startswith("postgres")):
                ticks[group] += int(fields[11]) + int(fields[12])
                break
    return {group: count / os.sysconf("SC_CLK_TCK") for group, count in ticks.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/coopbase_bench")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"))
    parser.add_argument("--seconds", type=int, default=8)
    args = parser.parse_args()

    env = {**production_env(args.database, args.redis), "DJANGO_PAGE_CACHE": "0"}
    server = serve("config.wsgi", 8121, env)
    try:
        print("| path | req/s | " + " | ".join(f"{group} ms" for group in GROUPS) + " |")
        print("|---|---|" + "---|" * len(GROUPS))
        for path in args.paths:
            url = f"http://127.0.0.1:8121{path}"
            for _ in range(20):  # both workers warm
                subprocess.run(["curl", "-s", "-o", "/dev/null", url], check=False)
            before = cpu_seconds()
            result = wrk(url, args.seconds, 8)
            after = cpu_seconds()
            per_request = {
                group: (after[group] - before[group]) * 1000 / result["requests"]
                for group in GROUPS
            }
            cells = " | ".join(f"{per_request[group]:.2f}" for group in GROUPS)
            print(f"| {path} | {result['rps']:.0f} | {cells} |")
    finally:
        stop(server)


if __name__ == "__main__":
    main()
