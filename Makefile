# Two commands: `make lab` opens the notebooks, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8888
# Your own copies of the notebooks (git ignores this folder; see scripts/learner_copies.py).
LEARNER_DIR ?= my-notebooks
# Extra options for JupyterLab, e.g. make lab LAB_ARGS="--no-browser --ip=0.0.0.0"
LAB_ARGS ?=
# JupyterLab refuses to start as root (containers, many lab machines) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# One BLAS thread: these matrices are small, and on a 2-core machine extra threads only fight each other.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
RUFF_PATHS := nnlesson tests benchmarks scripts

.PHONY: lab fresh-copy handouts test install unit notebooks catalogs sync-zh lint bench slides binder-check binder-lock clean

$(STAMP): pyproject.toml
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,lab]"
	$(BIN)/python -m nnlesson.lab_server enable
	@touch $(STAMP)

install: $(STAMP)

## Open JupyterLab on your own copies of the notebooks (made on first use, never overwritten).
lab: $(STAMP)
	$(BIN)/python scripts/learner_copies.py --dest "$(LEARNER_DIR)"
	$(BIN)/jupyter lab --notebook-dir="$(LEARNER_DIR)" --port=$(PORT) $(ROOT_FLAG) $(LAB_ARGS)

## A clean copy of one notebook, e.g. make fresh-copy NB=03_backpropagation (yours is moved to backup/ first).
fresh-copy: $(STAMP)
	@test -n "$(NB)" || { echo 'name the notebook: make fresh-copy NB=03_backpropagation'; exit 2; }
	$(BIN)/python scripts/learner_copies.py --dest "$(LEARNER_DIR)" --fresh "$(NB)"

## Everything: lint, unit and property tests, strict nbval over notebooks/, browser tests.
test: $(STAMP)
	$(BIN)/ruff check $(RUFF_PATHS)
	$(BIN)/python -m pytest -rs tests notebooks --nbval --nbval-sanitize-with notebooks/sanitize.cfg

## Unit and property tests only (fast).
unit: $(STAMP)
	$(BIN)/python -m pytest -rs tests -m "not browser and not binder"

lint: $(STAMP)
	$(BIN)/ruff check $(RUFF_PATHS)

## Re-execute every notebook (English, then notebooks/zh/) top to bottom in a fresh kernel, storing outputs
## (unchanged outputs, unchanged bytes).
notebooks: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

## Message catalogs: collect nnlesson's messages, merge them into nnlesson/locale/*/LC_MESSAGES/nnlesson.po,
## compile the .mo; then lists what lacks a translation.
catalogs: $(STAMP)
	$(BIN)/python scripts/catalogs.py update
	$(BIN)/python scripts/catalogs.py missing

## After the English notebooks' code changed: bring notebooks/zh/ in step (keeps the Chinese text, lists
## what to translate again), then re-execute. SYNC_ARGS=--check only reports.
sync-zh: $(STAMP)
	$(BIN)/python scripts/sync_zh.py $(SYNC_ARGS)

## Speed and latency figures, printed as ratios against baselines.
bench: $(STAMP)
	$(BIN)/python benchmarks/import_time.py
	$(BIN)/python benchmarks/train_speed.py
	$(BIN)/python benchmarks/widget_latency.py
	$(BIN)/python benchmarks/browser_latency.py

## reveal.js slide decks in build/slides/ that work offline (npm fetches the pinned libraries once).
slides: $(STAMP)
	$(BIN)/python scripts/export_slides.py

## Student copies (no solutions) and instructor copies (solutions open) in build/handouts/.
handouts: $(STAMP)
	$(BIN)/python scripts/handouts.py

## Pin the Binder environment (binder/requirements.lock) from pyproject.toml; UPGRADE=--upgrade takes newer releases.
binder-lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet $(UPGRADE) --extra lab --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file binder/requirements.lock pyproject.toml

## Build the Binder environment in a fresh venv from binder/requirements.txt and run every notebook in it.
binder-check: $(STAMP)
	$(BIN)/python scripts/check_binder.py

clean:
	rm -rf build .pytest_cache
