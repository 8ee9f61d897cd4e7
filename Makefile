# The two commands a newcomer needs:  make demo   and   make test
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-postgres lint bench clean

$(BIN)/renpu: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,spark]'
	touch $@

demo: $(BIN)/renpu  ## synthetic county → database → summary → http://127.0.0.1:8000
	$(BIN)/renpu demo

lint: $(BIN)/renpu
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: lint  ## the whole suite (about two minutes on 2 cores)
	$(BIN)/pytest -n 2 --dist loadgroup

# The suite on PostgreSQL: a server at PG_URL (.ci/install-postgres sets one up).
PG_URL ?= postgres://renpu:renpu@127.0.0.1/renpu
test-postgres: $(BIN)/renpu
	RENPU_DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 --dist loadgroup -p no:cacheprovider

bench: $(BIN)/renpu  ## speed figures; PERSONS=1000000 for the issue's targets
	$(BIN)/python benchmarks/bench_canvass.py --persons $${PERSONS:-100000}

clean:
	rm -rf demo var bench-out
