# Every target makes its own virtual environment from the lock file first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv check lint test site serve bench lock plotly screenshots clean

venv: $(STAMP)

$(STAMP): requirements/lock.txt pyproject.toml
	rm -rf *.egg-info generator/*.egg-info  # metadata of an older layout would shadow the package's entry points
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

check: $(STAMP)  ## validate the example roadmap and its limits
	$(BIN)/roadmap check

lint: $(STAMP)  ## static checks: ruff (lint, format) and mypy over the package, tests, bench and scripts
	$(BIN)/ruff check generator tests bench scripts
	$(BIN)/ruff format --check generator tests bench scripts
	$(BIN)/mypy

test: lint  ## static checks, then the whole test suite, browser tests included
	$(BIN)/python -m pytest

site: $(STAMP)  ## build the site into site/ (replaced only when the build succeeds)
	$(BIN)/roadmap build --site-dir site

serve: $(STAMP)  ## preview with live reload on http://127.0.0.1:8000/roadmap-as-code/
	$(BIN)/mkdocs serve

bench: $(STAMP)  ## side-by-side timings, printed as ratios
	$(BIN)/python -m bench

screenshots: $(STAMP)  ## refresh the README screenshots from the built site
	$(BIN)/python -m tests.screenshots

lock:  ## re-resolve requirements/lock.txt (dev, what `make venv` installs) and requirements/site.txt from pyproject.toml
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --universal --generate-hashes -o requirements/lock.txt
	# The core and the site extra at the versions above, without hashes: the constraints the GitHub Action installs with.
	uv pip compile pyproject.toml --extra site --python-version 3.11 --universal --annotation-style line \
		-c requirements/lock.txt -o requirements/site.txt

# The plotly.js version the installed plotly package bundles, unless named: make plotly PLOTLY_VERSION=4.1.1
PLOTLY_VERSION ?=
plotly: $(STAMP)  ## vendor plotly.js's basic bundle from npm (npm pack, integrity checked) with its license and checksums
	$(BIN)/python -m scripts.refresh_plotly $(PLOTLY_VERSION)

clean:
	rm -rf $(VENV) site .pytest_cache
