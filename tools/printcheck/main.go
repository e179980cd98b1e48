// Command printcheck prints a workbook as a reader would: LibreOffice
// converts it to PDF, and each page is measured (internal/paper): the sheet
// it is from (its footer names it), the smallest text on it in points. It
// lists the pages, sheet by sheet, and exits 1 when any page's text is
// smaller than -min points (8: 75% of the workbooks' 11-point text).
//
// With -png it renders the first page of a sheet (the Summary) as a PNG;
// with -doc it writes the page table as Markdown; with -readme it rewrites
// the README's sentence "prints to N pages" with the count measured. make
// paper runs it on the demo workbook, so the README's page count, the
// picture of the Summary and docs/printed.md come from one command.
//
// Usage: go run ./tools/printcheck [-min 8] [-pdf FILE] [-png FILE [-png-sheet Summary] [-dpi 120]]
// [-doc FILE] [-readme FILE] WORKBOOK.xlsx
//
// It needs soffice (LibreOffice) and pdftotext and pdftoppm (poppler-utils).
// Exit status: 0 every page readable, 1 some page's text too small, 2 it
// could not print or measure.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/review-tool/review/internal/paper"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("printcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	minSize := fs.Float64("min", paper.MinSize, "the smallest text size, in points, a page may have")
	keepPDF := fs.String("pdf", "", "keep the PDF at this path")
	png := fs.String("png", "", "render the first page of -png-sheet to this PNG")
	pngSheet := fs.String("png-sheet", "Summary", "the sheet -png renders")
	dpi := fs.Int("dpi", 120, "the PNG's resolution, in dots per inch")
	doc := fs.String("doc", "", "write the page table as Markdown to this file")
	readme := fs.String("readme", "", `rewrite this file's sentence "prints to N pages" with the page count`)
	verbose := fs.Bool("v", false, "list each page's text sizes, with how many pieces of text are at each")
	timeout := fs.Duration("timeout", 20*time.Minute, "give up printing after this long")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: printcheck [flags] WORKBOOK.xlsx")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	workbook := fs.Arg(0)
	fail := func(err error) int {
		fmt.Fprintf(stderr, "printcheck: %v\n", err)
		return 2
	}
	if missing := paper.Tools(); missing != "" {
		return fail(errors.New("cannot print here: install " + missing))
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	dir, err := os.MkdirTemp("", "printcheck-")
	if err != nil {
		return fail(err)
	}
	defer os.RemoveAll(dir)
	start := time.Now()
	pdf, err := paper.Convert(ctx, workbook, dir)
	if err != nil {
		return fail(err)
	}
	converted := time.Since(start)
	r, err := paper.Measure(ctx, pdf)
	if err != nil {
		return fail(err)
	}
	if *keepPDF != "" {
		if err := copyFile(pdf, *keepPDF); err != nil {
			return fail(err)
		}
	}
	report(stdout, filepath.Base(workbook), r, converted)
	if *verbose {
		sizes(stdout, r)
	}
	if *png != "" {
		page := 0
		for _, p := range r.Pages {
			if p.Sheet == *pngSheet {
				page = p.Number
				break
			}
		}
		if page == 0 {
			return fail(fmt.Errorf("-png: no page of the sheet %q", *pngSheet))
		}
		if err := paper.Render(ctx, pdf, page, *dpi, *png); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "wrote %s (page %d, %s, at %d dpi)\n", *png, page, *pngSheet, *dpi)
	}
	if *doc != "" {
		if err := os.WriteFile(*doc, []byte(markdown(r, *minSize)), 0o644); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "wrote %s\n", *doc)
	}
	if *readme != "" {
		if err := rewriteCount(*readme, len(r.Pages)); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "%s: prints to %d pages\n", *readme, len(r.Pages))
	}
	small := r.TooSmall(*minSize)
	if len(small) == 0 {
		fmt.Fprintf(stdout, "every page's text is %s pt or more\n", pt(*minSize))
		return 0
	}
	// Consecutive pages of one sheet with the same smallest size, once.
	for i := 0; i < len(small); {
		j := i
		for j+1 < len(small) && small[j+1].Number == small[j].Number+1 && small[j+1].Sheet == small[i].Sheet &&
			small[j+1].Smallest == small[i].Smallest {
			j++
		}
		pages := "page " + strconv.Itoa(small[i].Number)
		if j > i {
			pages = fmt.Sprintf("pages %d-%d", small[i].Number, small[j].Number)
		}
		fmt.Fprintf(stdout, "%s (%s): text of %s pt, under %s pt: %s\n", pages, small[i].Sheet, pt(small[i].Smallest),
			pt(*minSize), strings.Join(quoted(small[i].SmallestWords), ", "))
		i = j + 1
	}
	return 1
}

// report lists the pages: consecutive pages of one sheet whose smallest
// text is the same size on one line.
func report(w io.Writer, workbook string, r *paper.Report, took time.Duration) {
	fmt.Fprintf(w, "%s: %d pages, printed by %s with %s in %s\n", workbook, len(r.Pages), r.Producer,
		strings.Join(r.Fonts, ", "), took.Round(100*time.Millisecond))
	fmt.Fprintf(w, "%-10s  %-24s  %s\n", "pages", "sheet", "smallest text")
	for i := 0; i < len(r.Pages); {
		j := i
		for j+1 < len(r.Pages) && r.Pages[j+1].Sheet == r.Pages[i].Sheet && r.Pages[j+1].Smallest == r.Pages[i].Smallest {
			j++
		}
		pages := strconv.Itoa(r.Pages[i].Number)
		if j > i {
			pages += "-" + strconv.Itoa(r.Pages[j].Number)
		}
		fmt.Fprintf(w, "%-10s  %-24s  %s pt\n", pages, r.Pages[i].Sheet, pt(r.Pages[i].Smallest))
		i = j + 1
	}
}

// sizes lists each page's text sizes: "page 3 (Findings): 8.8 pt ×120, 11.2 pt ×1".
func sizes(w io.Writer, r *paper.Report) {
	for _, p := range r.Pages {
		keys := slices.Sorted(maps.Keys(p.Sizes))
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%s pt ×%d", strconv.FormatFloat(k, 'f', -1, 64), p.Sizes[k])
		}
		fmt.Fprintf(w, "page %d (%s): %s\n", p.Number, p.Sheet, strings.Join(parts, ", "))
	}
}

// markdown is the page table by sheet, as docs/printed.md holds it.
func markdown(r *paper.Report, minSize float64) string {
	var b strings.Builder
	b.WriteString("# The demo workbook, printed\n\n")
	b.WriteString(wrap("Written by `make paper` (`tools/printcheck`); do not edit. The demo workbook (`make demo`) printed to PDF by "+
		r.Producer+" with "+strings.Join(r.Fonts, ", ")+", and measured page by page: the sheet each page is from "+
		"(its footer names it) and the smallest text on it, in points, as printed. Carlito is the metric twin of "+
		"Calibri, the workbooks' font, so the pages break as Excel's do; with another font the count differs.", 115) + "\n\n")
	smallest := 0.0
	for _, p := range r.Pages {
		if p.Smallest > 0 && (smallest == 0 || p.Smallest < smallest) {
			smallest = p.Smallest
		}
	}
	fmt.Fprintf(&b, "**%d pages**; the smallest text on any page is %s pt (the floor `printcheck` holds every page to is %s pt).\n\n",
		len(r.Pages), pt(smallest), pt(minSize))
	b.WriteString("| sheet | pages | from page | smallest text | most text |\n|---|--:|--:|--:|--:|\n")
	for _, s := range r.Sheets() {
		fmt.Fprintf(&b, "| %s | %d | %d | %s pt | %s pt |\n", s.Name, s.Pages, s.First, pt(s.Smallest), pt(s.Usual))
	}
	return b.String()
}

// countSentence is the README's sentence that printcheck -readme keeps true.
var countSentence = regexp.MustCompile(`prints to \d+ pages`)

func rewriteCount(path string, pages int) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if n := len(countSentence.FindAllIndex(b, -1)); n != 1 {
		return fmt.Errorf("%s: %d sentences say %q, want exactly one", path, n, "prints to N pages")
	}
	out := countSentence.ReplaceAll(b, []byte(fmt.Sprintf("prints to %d pages", pages)))
	if string(out) == string(b) {
		return nil
	}
	return os.WriteFile(path, out, 0o644)
}

// pt is a size in points to the hundredth, as short as it goes: 8.8, 8.25.
func pt(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	line := 0
	for i, w := range strings.Fields(text) {
		switch {
		case i == 0:
		case line+1+len(w) > width:
			b.WriteByte('\n')
			line = 0
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
	return b.String()
}

func quoted(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strconv.Quote(w)
	}
	return out
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
