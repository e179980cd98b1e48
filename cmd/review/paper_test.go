package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/paper"
)

// The demo workbook and a reviewer's workbook printed by LibreOffice, as
// make paper prints them (tools/printcheck): every page's text is 8 points
// or more, every sheet prints and names itself in the footer, and the
// README's page count is the one measured. Without LibreOffice or
// pdftotext it skips and says which; the count is compared only when
// LibreOffice prints with Carlito, the metric twin of the workbooks'
// Calibri, with which make paper measured it (another font breaks the
// pages elsewhere).
//
// The demo is run as make demo runs it, from a folder holding the sample
// under the same relative paths, so that the paths and the command line
// the workbook shows, and so its rows, are make demo's. Not parallel: it
// changes the working directory.
func TestDemoPrintsReadably(t *testing.T) {
	if missing := paper.Tools(); missing != "" {
		t.Skip("the demo is not printed here: install " + missing)
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "fixtures", "mixed"), os.DirFS("../../fixtures/mixed")); err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	// make demo's command (Makefile: demo), and a split of it.
	demoArgs := []string{"run", "--as-of", "2025-11-22",
		"--roster", "fixtures/mixed/roster.csv", "--licenses", "fixtures/mixed/licenses.csv",
		"--out", "review-findings.xlsx", "--json", "review-findings.jsonl",
		"fixtures/mixed/pra", "fixtures/mixed/rs"}
	if code, msg := runCLI(t, demoArgs...); code != exitOK {
		t.Fatalf("review run exited %d: %s", code, msg)
	}
	if err := os.Mkdir("reviews", 0o755); err != nil {
		t.Fatal(err)
	}
	if code, msg := runCLI(t, "run", "--quiet", "--as-of", "2025-11-22", "--roster", "fixtures/mixed/roster.csv",
		"--licenses", "fixtures/mixed/licenses.csv", "--out", "split.xlsx", "--split-by", "reviewer", "--out-dir", "reviews",
		"fixtures/mixed/pra", "fixtures/mixed/rs"); code != exitOK {
		t.Fatalf("review run --split-by exited %d: %s", code, msg)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	measure := func(workbook string) *paper.Report {
		t.Helper()
		pdf, err := paper.Convert(ctx, workbook, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		r, err := paper.Measure(ctx, pdf)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range r.TooSmall(paper.MinSize) {
			t.Errorf("%s page %d (%s): text of %.2f pt, under %.0f pt (%q)", workbook, p.Number, p.Sheet,
				p.Smallest, paper.MinSize, p.SmallestWords)
		}
		return r
	}
	demo := measure("review-findings.xlsx")
	printed := map[string]bool{}
	for _, p := range demo.Pages {
		printed[p.Sheet] = true
	}
	for _, sheet := range layout.SheetNames(layout.Content{Controls: true, Activity: true, JumpItems: true}) {
		if !printed[sheet] {
			t.Errorf("no printed page is of the sheet %s (footers: %v)", sheet, printed)
		}
	}
	reviewer := measure(filepath.Join("reviews", "anna.schmidt@corp.example.xlsx"))
	if len(reviewer.Pages) < 2 || reviewer.Pages[0].Sheet != "Instructions" || reviewer.Pages[1].Sheet != "Findings" {
		t.Errorf("the reviewer's workbook prints %d pages, first %+v", len(reviewer.Pages), reviewer.Pages)
	}

	m := regexp.MustCompile(`prints to (\d+) pages`).FindSubmatch(readme)
	if m == nil {
		t.Fatal(`README.md: no sentence "prints to N pages" (make paper writes it)`)
	}
	if !demo.HasFont("Carlito") {
		t.Skipf("page count not compared: LibreOffice printed with %v, not Carlito, with which make paper counted "+
			"(apt-get install fonts-crosextra-carlito)", demo.Fonts)
	}
	if n, _ := strconv.Atoi(string(m[1])); n != len(demo.Pages) {
		t.Errorf("README.md says the demo prints to %d pages; it prints to %d: run make paper", n, len(demo.Pages))
	}
}
