# Quick start: `make play` (set up and play the default scenario), `make test` (set up and run the tests) and
# `make lint` (ruff and mypy, configured in pyproject.toml).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# the game and what playing needs; then the test and cluster extras on top
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
LINT_STAMP := $(VENV)/.installed-lint

.PHONY: play test lint setup bench clean golden balance

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

# newer than $(STAMP) once made, so `make play` after `make test` installs nothing; remade after pyproject changes
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,cluster]'
	touch $(TEST_STAMP)

# the lint extra (ruff, mypy, the YAML stubs; exact versions) beside the game, which mypy reads the types of
$(LINT_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[lint]'
	touch $(LINT_STAMP)

setup: $(STAMP)

play: $(STAMP)
	$(BIN)/python main.py play

# on every core (at most 4; pytest-xdist): work stealing, so the few slowest tests do not leave a core idle at the end
test: $(TEST_STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -n auto --maxprocesses 4 --dist worksteal

# both run even when the first finds something, so one pass shows everything
lint: $(LINT_STAMP)
	$(BIN)/ruff check . ; r=$$?; $(BIN)/mypy; m=$$?; test $$r -eq 0 -a $$m -eq 0

bench: $(STAMP)
	$(BIN)/python bench/engine.py

balance: $(STAMP)
	$(BIN)/python tools/balance.py

golden: $(STAMP)
	$(BIN)/python tests/golden/regenerate.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
