# Two commands for a new user: `make run` starts the dashboard, `make test` runs every test.
# Both create the virtual environment and install what they need first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test lint lock geo bench translations mutation mutation-ui

# Installs come from the lock files: every package pinned, with its hashes.
$(VENV)/.app: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev: requirements-dev.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

run: $(VENV)/.app
	$(PY) -m ui.serve --server.port $(PORT)

test: $(VENV)/.dev
	scripts/ensure_chromium.sh
	scripts/ensure_office.sh
	scripts/ensure_nginx.sh
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# After editing requirements.txt or requirements-dev.txt: recompile both locks (needs PyPI).
LOCK := $(VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 --python-platform linux \
	--custom-compile-command "make lock"
lock: $(VENV)/.dev
	$(LOCK) requirements.txt -o requirements.lock
	$(LOCK) requirements-dev.txt -o requirements-dev.lock

geo: $(VENV)/.dev
	$(PY) scripts/build_geo.py

# Mutation testing, outside `make test`: mutants of the modules that protect users (itclusters/'s
# and ui/'s), the score per module and every survivor (scripts/mutation_report.py). The whole run
# is too long for one sitting (docs/testing.md), so MUTATE= runs and reports only the mutants it
# names (mutmut's names, globs allowed): `make mutation-ui` is MUTATE='ui.*', and
# MUTATE='itclusters.*' the pure modules. CHILDREN= sets mutmut's worker processes.
MUTATE ?=
CHILDREN ?= 2
mutation: $(VENV)/.dev
	$(VENV)/bin/mutmut run --max-children $(CHILDREN) $(foreach m,$(MUTATE),'$(m)')
	$(PY) scripts/mutation_report.py $(if $(MUTATE),--only $(foreach m,$(MUTATE),'$(m)'))

mutation-ui:
	$(MAKE) mutation MUTATE='ui.*'

bench: $(VENV)/.dev
	scripts/ensure_chromium.sh
	$(PY) bench/time_to_map.py

# After adding or changing interface text: refresh the catalogue, then translate the new entries
# in locales/uk/LC_MESSAGES/messages.po (tests/test_i18n.py fails until every entry is translated).
translations: $(VENV)/.dev
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ --no-location --sort-output -o locales/messages.pot .
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales -l uk -N --ignore-obsolete -w 100
