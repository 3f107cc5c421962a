# Reading Room: `make run` sets up and starts the dashboard; `make test` sets up and tests it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# This computer only; `make run ADDRESS=0.0.0.0` serves the network (authoring then defaults
# to `session` and `save` needs a passphrase: components/authoring.py).
ADDRESS ?= localhost

.PHONY: run test validate lint format bench fuzz clean draft serve-replicas

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-test.txt
	touch $@

run: $(VENV)/.installed
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

# make serve-replicas [N=2] [PORT=8501]: the school setup on this computer (PostgreSQL, N app
# servers, HAProxy in front on PORT; READING_ROOM_DATABASE_URL for a PostgreSQL of your own).
N ?= 2
serve-replicas: $(VENV)/.installed
	$(BIN)/python -m deploy.serve --replicas $(N) --port $(PORT)

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m core.validate
	$(BIN)/python -m pytest

# make draft SOURCE=<file or http(s) URL> SLUG=<slug> [INTO=<folder>] [PUBLISHED=YYYY-MM-DD] [REPLACE=1]
draft: $(VENV)/.installed
	@test -n "$(SOURCE)" -a -n "$(SLUG)" || { echo "usage: make draft SOURCE=<file or URL> SLUG=<slug> [INTO=data/articles] [PUBLISHED=YYYY-MM-DD] [REPLACE=1]"; exit 2; }
	$(BIN)/python -m drafting "$(SOURCE)" --slug "$(SLUG)" $(if $(INTO),--into "$(INTO)") $(if $(PUBLISHED),--published "$(PUBLISHED)") $(if $(REPLACE),--replace)

validate: $(VENV)/.installed
	$(BIN)/python -m core.validate $(ARTICLES)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(VENV)/.installed-test
	$(BIN)/python -m bench

fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/test_properties.py -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
