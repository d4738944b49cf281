# Shortcuts for developers; the README's two commands are the reference.
.PHONY: demo test lint lock lock-upgrade test-latest bench templates demo-data corpus schema

demo:            ## everything for the demo class, into output/demo/
	pip install -q -c requirements-lock.txt -e . && opp demo

test:            ## the whole test suite with the locked versions (as .ci/run)
	pip install -q -c requirements-lock.txt -e ".[test,dev]" && python -m pytest

lint:            ## ruff and mypy, zero findings expected (as .ci/run): both run, either fails it
	ruff check .; status=$$?; mypy || status=1; exit $$status

LOCK_ARGS = pyproject.toml --extra test --extra dev --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock" -o requirements-lock.txt

lock:            ## regenerate requirements-lock.txt after changing dependencies (keeps existing pins; needs uv)
	uv pip compile -q $(LOCK_ARGS)

lock-upgrade:    ## move every pin in requirements-lock.txt to the newest release (then run make test)
	uv pip compile -q --upgrade $(LOCK_ARGS)

LATEST_VENV ?= .venv-latest
test-latest:     ## the suite against the NEWEST releases, no lock, in a fresh venv: shows drift early
	rm -rf $(LATEST_VENV) && python3 -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install -q --upgrade pip
	$(LATEST_VENV)/bin/python -m pip install -q --upgrade -e ".[test,dev]"
	$(LATEST_VENV)/bin/python -m pip list --format=freeze --exclude-editable
	$(LATEST_VENV)/bin/python -m pytest

bench:           ## the speed benchmark (not a test; takes about 12 minutes)
	python benchmarks/bench.py

templates:       ## rebuild templates/*.docx after changing their design
	python scripts/make_templates.py && python scripts/make_tlv_template.py

demo-data:       ## rebuild the demo workbook after changing the contract
	python scripts/make_demo.py

corpus:          ## rebuild the bad-input corpus in tests/data
	python scripts/make_corpus.py

schema:          ## rewrite schemas/ after changing the models
	opp schema
