# Every target installs what it needs first, so each works on a fresh machine.
SWIFT ?= swift
BLAST := .build/debug/blast
DEMO_OUT ?= out/demo
PYTHON ?= python3

.PHONY: setup build test demo bench compare clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

# The Swift tests are XCTest cases, so the Swift Testing runner is turned off. The benchmark
# scripts' own tests need only Python's standard library and run after them.
test: build
	$(SWIFT) test --disable-swift-testing
	$(PYTHON) -m unittest discover -s bench

demo: build
	rm -rf $(DEMO_OUT)
	$(BLAST) report graphs/sample-estate --as-of 2025-01-15 -o $(DEMO_OUT)
	$(BLAST) render paths graphs/sample-estate --from svc-telemetry --to admin \
	  --format svg -o $(DEMO_OUT)/paths/svc-telemetry-to-azure-owner.svg
	$(BLAST) render paths graphs/sample-estate --from k8s:northwind-prod-eks/user:priya.natarajan \
	  --to admin --format svg -o $(DEMO_OUT)/paths/eks-user-to-aws-admin.svg
	$(BLAST) render paths graphs/sample-estate \
	  --from k8s:northwind-analytics-gke/user:sam.oduya@northwind.example \
	  --to gcp:owner/projects/northwind-analytics \
	  --format svg -o $(DEMO_OUT)/paths/gke-user-to-gcp-owner.svg
	@echo "demo: open $(DEMO_OUT)/README.md (diagrams are SVG files beside it; the Azure"
	@echo "demo: path of the telemetry task is $(DEMO_OUT)/paths/svc-telemetry-to-azure-owner.svg,"
	@echo "demo: the EKS path to AWS admin is $(DEMO_OUT)/paths/eks-user-to-aws-admin.svg,"
	@echo "demo: the GKE path to GCP project Owner is $(DEMO_OUT)/paths/gke-user-to-gcp-owner.svg)"

# Times `blast import` against Cloudsplaining on generated AWS exports and on an Azure
# estate, and graph algorithms against networkx, igraph and rustworkx; see
# docs/benchmarks.md. Never part of `make test`: it builds in release mode and takes
# several minutes.
bench: setup
	SWIFT=$(SWIFT) $(PYTHON) bench/run.py

# Compares blast's escalation paths with Cloudsplaining's findings on the escalation fixtures
# and writes the Markdown table to out/compare/escalation.md; see docs/aws.md. Never part of
# `make test`: it runs Cloudsplaining twice on each of about 100 estates, for several minutes.
compare: build
	$(PYTHON) bench/compare_escalation.py --blast $(BLAST) -o out/compare/escalation.md
	@echo "compare: wrote out/compare/escalation.md"

clean:
	rm -rf .build out
