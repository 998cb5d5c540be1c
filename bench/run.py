"""make bench: serve Coopbase with gunicorn (production settings, 2 workers) and measure it.

For each page: requests per second and p50/p99 latency with wrk, uncached and with the
anonymous page cache on, each as a ratio to a bare Django "ok" view served the same way
(measured three times, before, between and after the pages, and the middle one taken);
the page's query count; and the workers' memory after the run. Uncached pages are measured
twice: the same URL again and again, and a different URL on every request (other projects,
articles, filter selections, search words, news pages), which is what a crawler or the long
tail of readers costs: nothing kept for one URL helps the next. Two floor rows show what
any page costs before its content: the middleware alone, and the middleware with the base
layout. Each page's query count is taken at 100,000 projects and again over a database of
1,000, side by side: it must not grow with the data. Results go to bench/results/latest.md
(and are printed). For the CPU cost of a page in instructions, which does not vary between
runs, see bench/instructions.py.

Needs: wrk (apt-get install wrk), the two databases that ``make bench-data`` fills with
generate_fake_data (default postgres://postgres@127.0.0.1:5432/coopbase_bench and
coopbase_bench_small), Redis for the cache (REDIS_URL).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PAGES = {
    "home": "/en/",
    "project list, filtered": "/en/projects/?country=JP&status=active&year_from=2015",
    "project detail": "/en/projects/{project}/",
    "search, English": "/en/search/?q=enzyme",
    "search, Chinese": "/zh-hans/search/?q=%E9%85%B6",  # 酶
    "news list": "/en/news/",
    "article": "/en/news/{article}/",
    "CSV export, filtered": "/en/projects/export.csv?country=JP&year_from=2024",
}
# Measured with a leader's session cookie; its figures live in the server cache per period.
LOGGED_IN_PAGES = {"dashboard (logged in)": "/en/dashboard/"}
# What any page costs before its content (uncached only): the middleware alone (the liveness
# view returns "ok"), then the middleware and the base layout (the not-found page, no query).
FLOOR_PAGES = {
    "floor: middleware, liveness view": "/healthz",
    "floor: middleware and layout, not-found page": "/en/no-such-page/",
}


# Each wrk thread walks the list from its own starting point, one path per request.
VARIED_SCRIPT = """
local paths = {%s}
local counter = 0
local thread_number = 0
function setup(thread)
  thread:set("start", thread_number * 7919)
  thread_number = thread_number + 1
end
function init(args)
  counter = start or 0
end
function request()
  counter = counter + 1
  return wrk.format(nil, paths[(counter %% #paths) + 1])
end
"""


def wrk(
    url: str, seconds: int, connections: int, cookie: str = "", paths: list[str] | None = None
) -> dict:
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    script = []
    if paths:
        lua = Path(tempfile.mkstemp(prefix="coopbase-bench-", suffix=".lua")[1])
        lua.write_text(VARIED_SCRIPT % ", ".join(f'"{path}"' for path in paths))
        script = ["-s", str(lua)]
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, *script, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def latency(percentile: str) -> float:
        value, unit = re.search(rf"{percentile}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {
        "rps": rps,
        "p50": latency("50"),
        "p99": latency("99"),
        "requests": requests,
        "errors": int(errors.group(1)) if errors else 0,
    }


def serve(app: str, port: int, env: dict, checkout: Path = ROOT) -> subprocess.Popen:
    # The server's log (a "Not Found" line per request of the not-found page) goes to a file.
    log = Path(tempfile.mkstemp(prefix="coopbase-bench-server-", suffix=".log")[1])
    with log.open("w") as stderr:  # the server keeps its own copy of the descriptor
        process = subprocess.Popen(
            [PY, "-m", "gunicorn", app, "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=checkout, env=env, start_new_session=True, stderr=stderr,
        )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/healthz"
                if "config" in app
                else f"http://127.0.0.1:{port}/",
                timeout=1,
            )
            return process
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{app} did not start on port {port}; its log: {log}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def warm(port: int, paths: dict[str, str], cookie: str) -> None:
    """Request each page a few times, so that both workers have compiled its templates and
    opened their connections before it is measured: a new server's first requests fell
    within the figures of the first page measured (home's cached p99 was 130-190 ms, every
    other cached page's under 50)."""
    for name, path in paths.items():
        headers = {"Cookie": cookie} if name in LOGGED_IN_PAGES else {}
        for _ in range(4):
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
            with contextlib.suppress(urllib.error.HTTPError):  # the not-found page
                urllib.request.urlopen(request, timeout=60).read()


def worker_rss_mb(process: subprocess.Popen) -> list[float]:
    children = subprocess.run(
        ["pgrep", "-P", str(process.pid)], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes


def query_counts(env: dict) -> dict:
    """Query count of each page, the pages' paths with real public slugs filled in, and the
    session cookie of a leader (made for the benchmark) for the logged-in pages."""
    script = (
        "import django, json; django.setup()\n"
        "from cooperation.models import CooperationProject\n"
        "from news.models import Article\n"
        "middle = lambda qs: qs.order_by('pk')[qs.count() // 2].slug\n"
        # A project in the news, as most are: its page lists the articles (7 queries; 6 for
        # one in no news, which a size's middle project could be and the other's not).
        "slugs = {'project': middle(CooperationProject.objects.public().exclude(articles=None)),\n"
        # An article with lists to show beside it: under a topic and naming a project.
        "         'article': middle(Article.objects.public()\n"
        "                           .exclude(topics=None).exclude(related_projects=None))}\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        f"pages = {{name: path.format(**slugs) for name, path in {PAGES!r}.items()}}\n"
        f"pages.update({LOGGED_IN_PAGES!r})\n"
        "from django.contrib.auth.models import Group\n"
        "from accounts.models import User\n"
        "from accounts.roles import LEADERSHIP\n"
        "leader, _ = User.objects.get_or_create(username='bench-leader')\n"
        "leader.groups.add(Group.objects.get(name=LEADERSHIP))\n"
        "client, counts = Client(), {}\n"
        f"for name, path in {FLOOR_PAGES!r}.items():\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        client.get(path, HTTP_HOST='127.0.0.1')\n"
        "    counts[name] = len(ctx.captured_queries)\n"
        "for name, path in pages.items():\n"
        f"    if name in {list(LOGGED_IN_PAGES)!r}:\n"
        "        client.force_login(leader)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        response = client.get(path, HTTP_HOST='127.0.0.1')\n"
        "        b''.join(response) if response.streaming else None\n"
        "    assert response.status_code == 200, (path, response.status_code)\n"
        "    counts[name] = len(ctx.captured_queries)\n"
        "cookie = f'sessionid={client.cookies[\"sessionid\"].value}'\n"
        "from bench.varied import varied_paths\n"
        "varied = varied_paths()\n"
        "projects = CooperationProject.objects.count()\n"
        "print(json.dumps({'counts': counts, 'pages': pages, 'cookie': cookie, 'varied': varied,\n"
        "                  'projects': projects}))\n"
    )
    done = subprocess.run(
        [PY, "-c", script], cwd=ROOT, env={**env, "DJANGO_PAGE_CACHE": "0"},
        capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(
            f"Counting the queries over {env['DATABASE_URL']} failed (has `make bench-data` "
            f"filled it?):\n{done.stderr[-2000:]}"
        )
    out = done.stdout
    import json

    return json.loads(out.strip().splitlines()[-1])


def ceiling_run(seconds: int, connections: int) -> dict:
    """wrk's figures for the bare Django view (bench/ceiling.py), served as the project is."""
    server = serve("bench.ceiling:application", 8901, {**os.environ})
    try:
        return wrk("http://127.0.0.1:8901/", seconds, connections)
    finally:
        stop(server)


def production_env(database: str, redis: str) -> dict:
    """The environment of a production deployment on this machine (DEBUG off, Redis, static
    files collected into a temporary folder), over the given database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": tempfile.mkdtemp(prefix="coopbase-bench-static-"),
        "DATABASE_URL": database,
        "REDIS_URL": redis,
        "CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
    }
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return env


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/coopbase_bench")
    parser.add_argument(
        "--small-database",
        default="postgres://postgres@127.0.0.1:5432/coopbase_bench_small",
        help="the same generator's data at 1,000 projects, for the query counts beside",
    )
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()

    env = production_env(args.database, args.redis)
    measured = query_counts(env)
    counts, pages = measured["counts"], measured["pages"]
    # Its own cache prefix: the counts must not read what the large database's run kept.
    small = query_counts(
        {
            **env,
            "DATABASE_URL": args.small_database,
            "CACHE_KEY_PREFIX": f"{env['CACHE_KEY_PREFIX']}-small",
        }
    )
    small_counts = small["counts"]
    scales = f"{measured['projects']:,} / {small['projects']:,}"

    # The ceiling is measured before, between and after the pages, and their ratios are to
    # the middle value: on these shared machines the speed drifts within a run, and a single
    # ceiling taken in a slow moment put cached pages at 113 % of it.
    ceilings = [ceiling_run(args.seconds, args.connections)]
    rows, memory = [], []
    for cached in (False, True):
        server = serve(
            "config.wsgi:application", 8902, {**env, "DJANGO_PAGE_CACHE": "1" if cached else "0"}
        )
        warm(8902, {**({} if cached else FLOOR_PAGES), **pages}, measured["cookie"])
        for name, path in ({} if cached else FLOOR_PAGES).items():
            result = wrk(f"http://127.0.0.1:8902{path}", args.seconds, args.connections)
            rows.append((name, "uncached", result))
        for name, path in pages.items():
            cookie = measured["cookie"] if name in LOGGED_IN_PAGES else ""
            result = wrk(f"http://127.0.0.1:8902{path}", args.seconds, args.connections, cookie)
            rows.append((name, "cached" if cached else "uncached", result))
            if not cached and name in measured["varied"]:
                varied = measured["varied"][name]
                result = wrk("http://127.0.0.1:8902/", args.seconds, args.connections, paths=varied)
                rows.append((name, f"uncached, {len(varied)} URLs", result))
        memory = worker_rss_mb(server)
        stop(server)
        ceilings.append(ceiling_run(args.seconds, args.connections))

    base = sorted(ceilings, key=lambda result: result["rps"])[1]
    lines = [
        f"Ceiling (bare Django view, gunicorn 2 workers): {base['rps']:.0f} req/s, "
        f"p50 {base['p50']:.1f} ms, p99 {base['p99']:.1f} ms (the middle of "
        f"{', '.join(f'{result["rps"]:.0f}' for result in ceilings)} req/s, measured before, "
        "between and after the pages)",
        "",
        f"Queries: a page's count at {scales} projects (a fresh cache, the first request).",
        "",
        "| page | cache | req/s | % of ceiling | p50 ms | p99 ms | queries | non-2xx |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, mode, result in rows:
        lines.append(
            f"| {name} | {mode} | {result['rps']:.0f} | "
            f"{100 * result['rps'] / base['rps']:.1f} % | {result['p50']:.1f} | "
            f"{result['p99']:.1f} | {counts[name]} / {small_counts[name]} | {result['errors']} |"
        )
    lines += [
        "",
        f"Worker memory after the cached run (RSS): {', '.join(f'{m:.0f} MB' for m in memory)}"
        f" after {sum(r['requests'] for _, mode, r in rows if mode == 'cached'):,} requests",
    ]
    report = "\n".join(lines)
    print(report)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
