# Shortcuts for developers; the README's two commands are the reference.
.PHONY: demo test bench templates demo-data corpus schema

demo:            ## everything for the demo class, into output/demo/
	pip install -q -e . && opp demo

test:            ## the whole test suite (as .ci/run)
	pip install -q -e ".[test]" && python -m pytest

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
