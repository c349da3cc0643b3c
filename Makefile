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

# Needs root. Pango is the one library PDFs need. The rest is optional: libharfbuzz-subset0
# subsets fonts about 20x faster (the PDF is byte-identical run to run with or without it),
# poppler is for looking at pages, the Noto fonts draw CJK and emoji excerpts.
system-deps:
	apt-get install -y libpango-1.0-0 libpangoft2-1.0-0
	apt-get install -y libharfbuzz-subset0 poppler-utils \
		|| echo "note: some optional packages are not available here; PDFs still work"

clean:
	rm -rf out .pytest_cache .ruff_cache
