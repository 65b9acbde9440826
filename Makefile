# Every target makes and reuses the local virtual environment .venv by itself.
SHELL := /bin/bash
VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# Material prints a notice about MkDocs 2 on every build; the guide pins
# MkDocs 1.x and is tested with ProperDocs (see CONTRIBUTING), so keep output quiet.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site stage new check test bench lighthouse lint reference system-deps browser-deps clean

# Which engine builds the guide: mkdocs (with the guide's plugin), or zensical or properdocs
# from the staged tree in build/stage/<engine>/ (see README, "Engines").
ENGINE ?= mkdocs

serve: $(INSTALLED) system-deps  ## build the guide with its PDFs and serve it with live reload (ENGINE=zensical too)
ifeq ($(ENGINE),mkdocs)
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload
else
	$(PYTHON) scripts/stage.py serve $(ENGINE) --dev-addr 127.0.0.1:8000
endif

site: $(INSTALLED) system-deps  ## build the deployable site/ folder (ENGINE=zensical|properdocs: build/stage/<engine>/site/)
ifeq ($(ENGINE),mkdocs)
	$(PYTHON) scripts/build_site.py
else
	$(PYTHON) scripts/stage.py build $(ENGINE)
endif

stage: $(INSTALLED)  ## write the source tree Zensical and ProperDocs build into build/stage/ (or only ENGINE's)
	@for engine in $(if $(filter mkdocs,$(ENGINE)),zensical properdocs,$(ENGINE)); do \
	  $(PYTHON) scripts/stage.py stage $$engine || exit 1; done

# The title reaches Python as the environment variable TITLE, exactly as typed:
# never expanded by make ($(value ...)) nor parsed by the shell.
new: override export TITLE := $(value TITLE)
new: $(INSTALLED)  ## start an exercise entry: make new TITLE="Doorway Chest Stretch"
	@$(PYTHON) scripts/new_exercise.py

check: $(INSTALLED)  ## check every exercise and series entry
	$(PYTHON) scripts/check_content.py

test: $(INSTALLED) system-deps browser-deps  ## the whole test suite
	$(PYTHON) -m ruff check stretchguide bench scripts tests
	$(PYTHON) -m ruff format --check stretchguide bench scripts tests
	$(PYTHON) scripts/check_content.py
	$(PYTHON) -m pytest

bench: $(INSTALLED) system-deps  ## speed against plain MkDocs, at 25, 1,000 and 2,000 exercises
	$(PYTHON) scripts/bench.py

lighthouse: $(INSTALLED) system-deps browser-deps  ## Lighthouse (mobile) on the built site, served by nginx with gzip; ARGS=--update-readme writes README
	@bash scripts/system_deps.sh nginx
	@test -f .cache/node/node_modules/lighthouse/cli/index.js || npm install --silent --prefix .cache/node lighthouse
	$(PYTHON) scripts/lighthouse.py $(ARGS)

lint: $(INSTALLED)
	$(PYTHON) -m ruff check --fix stretchguide bench scripts tests
	$(PYTHON) -m ruff format stretchguide bench scripts tests

# One line per step; pip's own output only when a step fails.
$(INSTALLED): pyproject.toml
	@test -x $(PYTHON) || { echo "Creating the Python environment in $(VENV)/"; python3 -m venv $(VENV); }
	@echo "Installing the guide and its tools into $(VENV)/ (first run, or pyproject.toml changed)"
	@log=$$(mktemp); \
	if $(PYTHON) -m pip install --disable-pip-version-check --upgrade pip >$$log 2>&1 \
	  && $(PYTHON) -m pip install --disable-pip-version-check -e '.[test]' >>$$log 2>&1; \
	then rm -f $$log; else cat $$log; rm -f $$log; echo "Installing failed; see pip's output above." >&2; exit 1; fi
	@touch $@

# System packages: WeasyPrint needs Pango; tests need Chromium and pdftoppm.
system-deps:
	@bash scripts/system_deps.sh pango

browser-deps:
	@bash scripts/system_deps.sh chromium poppler

clean:
	rm -rf site .pytest_cache .ruff_cache build *.egg-info

reference: $(INSTALLED)  ## regenerate the field reference in CONTRIBUTING.md from the schemas
	$(PYTHON) scripts/field_reference.py
