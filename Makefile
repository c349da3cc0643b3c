# Two commands do all the set-up on a fresh machine:
#   make demo   build a synthetic sample archive and its PDF report (out/)
#   make test   lint and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test lint bench system-deps clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	@$(BIN)/python -m auditor.preflight
	$(BIN)/auditor sample out/sample.zip --posts 3000 --likes 2000 --dms 40 --region DE --part-mb 1
	$(BIN)/auditor report out/sample.zip -o out/sample-report.pdf
	$(BIN)/auditor report out/sample.zip --format json -o out/sample-summary.json
	@echo "open out/sample-report.pdf"

test: $(BIN)/.installed
	@$(BIN)/python -m auditor.preflight
	$(BIN)/ruff check auditor tests benchmarks
	$(BIN)/ruff format --check auditor tests benchmarks
	$(BIN)/pytest

bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run.py

# Optional, needs root: the libraries WeasyPrint uses, and poppler for looking at pages.
system-deps:
	apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils \
		fonts-noto-cjk fonts-noto-color-emoji

clean:
	rm -rf out .pytest_cache .ruff_cache
