# Two commands: `make lab` opens the notebooks, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8888
# One BLAS thread: these matrices are small, and on a 2-core machine extra threads only fight each other.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1
RUFF_PATHS := nnlesson tests benchmarks scripts

.PHONY: lab test install unit notebooks lint bench slides binder-check clean

$(STAMP): pyproject.toml
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,lab]"
	@touch $(STAMP)

install: $(STAMP)

## Open JupyterLab on the notebooks.
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks --port=$(PORT)

## Everything: lint, unit and property tests, strict nbval over notebooks/, browser tests.
test: $(STAMP)
	$(BIN)/ruff check $(RUFF_PATHS)
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-sanitize-with notebooks/sanitize.cfg

## Unit and property tests only (fast).
unit: $(STAMP)
	$(BIN)/python -m pytest tests -m "not browser and not binder"

lint: $(STAMP)
	$(BIN)/ruff check $(RUFF_PATHS)

## Re-execute every notebook top to bottom in a fresh kernel, storing outputs.
notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace notebooks/[0-9]*.ipynb

## Speed and latency figures, printed as ratios against baselines.
bench: $(STAMP)
	$(BIN)/python benchmarks/import_time.py
	$(BIN)/python benchmarks/train_speed.py
	@test ! -f benchmarks/widget_latency.py || $(BIN)/python benchmarks/widget_latency.py

## reveal.js slide decks in build/slides/.
slides: $(STAMP)
	$(BIN)/jupyter nbconvert --to slides --output-dir build/slides notebooks/[0-9]*.ipynb

## Build the Binder environment in a fresh venv from binder/requirements.txt and run every notebook in it.
binder-check: $(STAMP)
	$(BIN)/python scripts/check_binder.py

clean:
	rm -rf build .pytest_cache
