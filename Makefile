# The two commands: `make run` and `make test`. Everything else is a step they take.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
MANAGE  := $(BIN)/python manage.py
HOST    ?= 127.0.0.1:8000
APPS    := members pledges awards province signing documents khoithidua audit

.PHONY: run test install sysdeps messages compilemessages migrate demo lint format bench clean

# The task worker (the province dossier, long jobs) and the reminders loop run beside the web
# server and stop with it.
run: install compilemessages migrate demo  ## Start the app with the demo bloc on http://$(HOST)
	$(MANAGE) db_worker --no-reload & worker=$$!; \
	$(MANAGE) send_reminders --every 3600 & reminders=$$!; \
	trap 'kill $$worker $$reminders 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST)

test: install compilemessages  ## Everything CI runs
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check
# Three workers on two cores: the browser tests wait on chromium and the PostgreSQL run on the
# server, so two left a third of the CPU idle; worksteal keeps the long tests from ending alone.
	$(BIN)/pytest -n 3 --dist worksteal -p no:cacheprovider

install: sysdeps $(VENV)/.installed

sysdeps:
	@bash scripts/sysdeps.sh

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet '.[dev]'
	touch $@

# Each app keeps its own catalogue (run from inside the app, without settings, so makemessages
# writes to the app's locale/); the shared templates/ go to locale/.
messages: install
	for app in $(APPS); do (cd $$app && ../$(BIN)/django-admin makemessages -l vi --no-obsolete --no-location); done
	$(BIN)/django-admin makemessages -l vi --no-obsolete --no-location $(foreach a,$(APPS),--ignore=$(a)) --ignore=.venv --ignore=tests

compilemessages: install
	$(MANAGE) compilemessages --ignore=.venv -v 0

migrate: install
	$(MANAGE) migrate --noinput -v 0

demo: install
	$(MANAGE) load_demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install compilemessages
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
