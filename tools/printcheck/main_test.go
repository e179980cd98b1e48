package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/review-tool/review/internal/paper"
)

// -readme rewrites the one sentence "prints to N pages" and refuses a file
// with none or two.
func TestRewriteCount(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "README.md")
	os.WriteFile(path, []byte("The demo prints to 12 pages, page by page in docs.\n"), 0o644)
	if err := rewriteCount(path, 58); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "The demo prints to 58 pages, page by page in docs.\n" {
		t.Errorf("rewritten: %q", b)
	}
	for _, text := range []string{"no count here\n", "prints to 1 pages; prints to 2 pages\n"} {
		os.WriteFile(path, []byte(text), 0o644)
		if err := rewriteCount(path, 3); err == nil {
			t.Errorf("%q: no error", text)
		}
	}
}

// The page table of -doc: one row per sheet, the count and the smallest
// text in the line above it.
func TestMarkdown(t *testing.T) {
	r := &paper.Report{Producer: "LibreOffice 7.4", Fonts: []string{"Carlito"}, Pages: []paper.Page{
		{Number: 1, Sheet: "Summary", Smallest: 8.25, Sizes: map[float64]int{8.25: 9}},
		{Number: 2, Sheet: "Findings", Smallest: 8.8, Sizes: map[float64]int{8.8: 9}},
		{Number: 3, Sheet: "Findings", Smallest: 8.8, Sizes: map[float64]int{8.8: 9}},
	}}
	md := markdown(r, 8)
	for _, want := range []string{"**3 pages**; the smallest text on any page is 8.25 pt", "| Summary | 1 | 1 | 8.25 pt | 8.25 pt |",
		"| Findings | 2 | 2 | 8.8 pt | 8.8 pt |"} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in:\n%s", want, md)
		}
	}
	for _, line := range strings.Split(md, "\n") {
		if len(line) > 120 && !strings.HasPrefix(line, "|") {
			t.Errorf("a line of %d characters: %q", len(line), line)
		}
	}
}

func TestPt(t *testing.T) {
	for v, want := range map[float64]string{8.8: "8.8", 8.25: "8.25", 11: "11.0", 8.2049: "8.2", 3.456: "3.46"} {
		if got := pt(v); got != want {
			t.Errorf("pt(%v) = %q, want %q", v, got, want)
		}
	}
}
