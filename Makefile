# review: offline access reviews of BeyondTrust exports.
GO        ?= go
BIN       := bin/review
SAMPLE    := fixtures/mixed
AS_OF     := 2025-11-22

.PHONY: all build demo paper test rules-test vet fmt bench bench-compare fuzz clean

all: build

# The revision and modified flag review reports (review version, the
# Evidence sheet) when the toolchain cannot stamp them itself: in a git
# worktree, or with GOFLAGS=-buildvcs=false.
REVISION  := $(shell git rev-parse HEAD 2>/dev/null)
MODIFIED  := $(shell test -z "$$(git status --porcelain --untracked-files=no 2>/dev/null)" && echo false || echo true)

build:
	$(GO) build -ldflags "-X main.revision=$(REVISION) -X main.modified=$(MODIFIED)" -o $(BIN) ./cmd/review

# The main job on the bundled sample: writes review-findings.xlsx.
demo: build
	$(BIN) run --as-of $(AS_OF) \
		--roster $(SAMPLE)/roster.csv --licenses $(SAMPLE)/licenses.csv \
		--out review-findings.xlsx --json review-findings.jsonl \
		$(SAMPLE)/pra $(SAMPLE)/rs
	@echo "wrote review-findings.xlsx and review-findings.jsonl"

# The demo printed as a reader prints it: LibreOffice converts it to PDF,
# and tools/printcheck measures every page (the sheet it is from, its
# smallest text; under 8 points fails), then writes the picture of the
# Summary (docs/summary.png), the page table (docs/printed.md) and the
# README's page count from what it measured. Needs soffice, pdftotext and
# pdftoppm, and the font Carlito for Excel's page breaks (apt-get install
# libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito).
# cmd/review's TestDemoPrintsReadably checks the count stays true.
paper: demo
	$(GO) run ./tools/printcheck -png docs/summary.png -dpi 110 -doc docs/printed.md -readme README.md review-findings.xlsx

# Every Go test (fixtures end to end, readers, writers) and every Rego rule
# test, the second even when the first fail; the last line counts both:
# "N passed, N failed" (", N skipped" when any were), and the exit status
# is 1 when anything failed.
test: vet
	@python3 -c 'import openpyxl' 2>/dev/null || /usr/bin/python3 -c 'import openpyxl' 2>/dev/null || echo "note: python3-openpyxl is missing, so TestOpenpyxlReadsWorkbook is skipped (apt-get install python3-openpyxl; CI installs it)"
	$(GO) run ./tools/testsum -go $(GO) ./...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || (gofmt -l . ; echo "gofmt needed"; exit 1)
	$(GO) vet ./...

# Go benchmarks of each stage, then review end to end on generated sets of
# 10k, 100k and 1M accounts (kept in bench/data), with the baselines a user
# would use instead at the sizes they manage. Figures: docs/performance.md.
# The same sizes again with a quarter of session and Vault activity
# reports (BENCH_SESSIONS sessions per account), kept apart in bench/data.
BENCH_SIZES    ?= 10000,100000,1000000
BENCH_RUNS     ?= 3
BENCH_SESSIONS ?= 10
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./ingest/configapi ./ingest/tabular ./ingest/activity ./internal/db ./engine ./reports/xlsx
	$(GO) run ./bench/e2e --bin $(BIN) --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) --baselines
	$(GO) run ./bench/e2e --bin $(BIN) --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) --sessions $(BENCH_SESSIONS)

# An A/B of the work tree against an earlier revision: BASE (a commit, tag
# or branch; default HEAD, i.e. the uncommitted change) is exported with git
# archive and built alike, then bench/e2e runs the two binaries alternately
# on the same generated sets (RUNS pairs per size) and prints, per size,
# wall, CPU, peak RSS and each stage with the median of the pairs' ratios
# new ÷ base, and whether the JSON Lines are byte-identical.
BASE    ?= HEAD
SIZES   ?= 10000,100000
RUNS    ?= 3
BASEREV  = $(shell git rev-parse --short $(BASE) 2>/dev/null)
BASEDIR  = $(or $(TMPDIR),/tmp)/review-base-$(BASEREV)
bench-compare: build
	@test -n "$(BASEREV)" || (echo "BASE=$(BASE) is not a revision of this repository"; exit 2)
	rm -rf $(BASEDIR) && mkdir -p $(BASEDIR)
	git archive $(BASEREV) | tar -x -C $(BASEDIR)
	cd $(BASEDIR) && $(GO) build -ldflags "-X main.revision=$$(git -C $(CURDIR) rev-parse $(BASEREV)) -X main.modified=false" -o bin/review ./cmd/review
	$(GO) run ./bench/e2e --bin $(BIN) --vs $(BASEDIR)/bin/review --sizes $(SIZES) --runs $(RUNS)

fmt:
	gofmt -w $$(git ls-files '*.go')

# Fuzz every reader and cell parser for FUZZTIME each (go test -fuzz takes one
# target per package per run). A failing input is written to the package's
# testdata/fuzz/FuzzName/, where plain go test runs it from then on.
FUZZTIME ?= 20s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseTime$$' -fuzztime $(FUZZTIME) ./ingest/cells
	$(GO) test -run '^$$' -fuzz '^FuzzParseBool$$' -fuzztime $(FUZZTIME) ./ingest/cells
	$(GO) test -run '^$$' -fuzz '^FuzzSplitList$$' -fuzztime $(FUZZTIME) ./ingest/cells
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeText$$' -fuzztime $(FUZZTIME) ./ingest/textio
	$(GO) test -run '^$$' -fuzz '^FuzzParseDate$$' -fuzztime $(FUZZTIME) ./ingest/cells
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeWindows1252$$' -fuzztime $(FUZZTIME) ./ingest/textio
	$(GO) test -run '^$$' -fuzz '^FuzzReadUsers$$' -fuzztime $(FUZZTIME) ./ingest/configapi
	$(GO) test -run '^$$' -fuzz '^FuzzReadGroupPolicyMembers$$' -fuzztime $(FUZZTIME) ./ingest/configapi
	$(GO) test -run '^$$' -fuzz '^FuzzReadKinds$$' -fuzztime $(FUZZTIME) ./ingest/configapi
	$(GO) test -run '^$$' -fuzz '^FuzzDetect$$' -fuzztime $(FUZZTIME) ./ingest/configapi
	$(GO) test -run '^$$' -fuzz '^FuzzReadUserReport$$' -fuzztime $(FUZZTIME) ./ingest/tabular
	$(GO) test -run '^$$' -fuzz '^FuzzReadUserReportXLSX$$' -fuzztime $(FUZZTIME) ./ingest/tabular
	$(GO) test -run '^$$' -fuzz '^FuzzReadRoster$$' -fuzztime $(FUZZTIME) ./ingest/tabular
	$(GO) test -run '^$$' -fuzz '^FuzzReadLicensesCSV$$' -fuzztime $(FUZZTIME) ./ingest/tabular
	$(GO) test -run '^$$' -fuzz '^FuzzReadLicensesYAML$$' -fuzztime $(FUZZTIME) ./ingest/tabular
	$(GO) test -run '^$$' -fuzz '^FuzzDetect$$' -fuzztime $(FUZZTIME) ./ingest/tabular
	$(GO) test -run '^$$' -fuzz '^FuzzReadSessionReport$$' -fuzztime $(FUZZTIME) ./ingest/activity
	$(GO) test -run '^$$' -fuzz '^FuzzReadVaultActivity$$' -fuzztime $(FUZZTIME) ./ingest/activity
	$(GO) test -run '^$$' -fuzz '^FuzzReadPasswordSafe$$' -fuzztime $(FUZZTIME) ./ingest/activity
	$(GO) test -run '^$$' -fuzz '^FuzzDetect$$' -fuzztime $(FUZZTIME) ./ingest/activity

clean:
	rm -rf bin review-findings.xlsx review-findings.jsonl
