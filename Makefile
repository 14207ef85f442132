# The two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test demo bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade --quiet pip

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	@$(BIN)/python -c "from campaign.store import Store; import sys; sys.exit(0 if Store().is_empty() else 1)" \
		&& $(BIN)/python -m campaign demo || true
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --server.address 0.0.0.0

test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

demo: $(VENV)/.installed-run
	$(BIN)/python -m campaign demo

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_pages.py

clean:
	rm -rf $(VENV) tests/artifacts .pytest_cache
