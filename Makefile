# Coopbase: `make run` serves the portal with demo content; `make test` runs the suite.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Local development defaults; real deployments set their own environment.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: install run test lint check format messages bench bench-data bench-database bench-migrate bench-cpu bench-ab bench-edits bench-admin explain clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

run: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py load_demo --site-url http://$(HOST):$(PORT)
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(MAKE) --no-print-directory check

# Django's deployment checks on the production settings (a throwaway secret, a sample host).
check: install
	env -u DJANGO_DEBUG DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
		DJANGO_ALLOWED_HOSTS=coop.example.org DATABASE_URL=sqlite:///:memory: \
		$(PY) manage.py check --deploy --fail-level WARNING

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Benchmark at scale on PostgreSQL (see README): make bench-data once, then make bench.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/coopbase_bench
# The same data at 1,000 projects: make bench shows each page's query count at both sizes.
BENCH_SMALL_DB ?= postgres://postgres@127.0.0.1:5432/coopbase_bench_small
bench-data: install
	$(MAKE) --no-print-directory bench-database DB=$(BENCH_SMALL_DB) PROJECTS=1000
	$(MAKE) --no-print-directory bench-database DB=$(BENCH_DB) PROJECTS=$(or $(PROJECTS),100000)

bench-database:
	psql "$(dir $(DB))postgres" -qc "DROP DATABASE IF EXISTS $(notdir $(DB))" -c "CREATE DATABASE $(notdir $(DB))"
	DATABASE_URL=$(DB) $(DEV_ENV) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(DB) $(DEV_ENV) $(PY) manage.py generate_fake_data --projects $(PROJECTS)

# Benchmark databases made before a later migration take it first (nothing when none waits).
bench-migrate: install
	DATABASE_URL=$(BENCH_SMALL_DB) $(DEV_ENV) $(PY) manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DB) $(DEV_ENV) $(PY) manage.py migrate --noinput -v0

explain: bench-migrate
	$(PY) bench/explain.py --database $(BENCH_DB)

# The back office's change lists at 100,000 projects: queries, time, scans (in process).
bench-admin: bench-migrate
	$(PY) bench/admin_lists.py --database $(BENCH_DB)

bench: bench-migrate
	$(PY) bench/run.py --database $(BENCH_DB) --small-database $(BENCH_SMALL_DB)

# The first request of some pages after a news edit and after a project edit.
bench-edits: bench-migrate
	$(PY) bench/edits.py --database $(BENCH_DB)

# CPU cost of each page in instructions (valgrind): BASE=<rev> also counts that revision.
bench-cpu: bench-migrate
	$(PY) bench/instructions.py --database $(BENCH_DB) $(if $(BASE),--base $(BASE))

# This code and revision BASE served side by side, each page in turn on both (req/s).
bench-ab: install
	$(PY) bench/ab.py --database $(BENCH_DB) --base $(BASE) $(foreach path,$(PATHS),--path '$(path)')

# Regenerate the Chinese catalogue after changing interface strings (needs GNU gettext).
messages: install
	$(DEV_ENV) $(PY) manage.py makemessages --locale zh_Hans --ignore ".venv/*" --ignore "tests/*" --ignore "staticfiles/*" --no-obsolete
	$(DEV_ENV) $(PY) manage.py compilemessages --locale zh_Hans --ignore ".venv/*"

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
