# Every target installs what it needs first, so each works on a fresh machine.
SWIFT ?= swift
BLAST := .build/debug/blast
DEMO_OUT ?= out/demo
PYTHON ?= python3

.PHONY: setup build test demo bench clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

# Every test is an XCTest case, so the Swift Testing runner is turned off; the last line
# printed is the XCTest total.
test: build
	$(SWIFT) test --disable-swift-testing

demo: build
	rm -rf $(DEMO_OUT)
	$(BLAST) report graphs/sample-estate -o $(DEMO_OUT)
	@echo "demo: open $(DEMO_OUT)/README.md (diagrams are SVG files beside it)"

# Times `blast import` against Cloudsplaining on generated AWS exports; see docs/benchmarks.md.
# Never part of `make test`: it builds in release mode and takes a few minutes.
bench: setup
	SWIFT=$(SWIFT) $(PYTHON) bench/run.py

clean:
	rm -rf .build out
