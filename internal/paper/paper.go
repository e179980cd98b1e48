// Package paper is a workbook printed: converted to PDF by LibreOffice
// (soffice), then measured page by page, the sheet each page is from read
// from its footer (pdftotext) and the size of its text from the PDF's own
// content (the font size each text is drawn at, scaled as printed). It is
// what tools/printcheck and the tests of the printed demo use; it runs
// review's outputs, it is no part of them.
package paper

import (
	"cmp"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// MinSize is the smallest text, in points, a printed page may have: 75%
// of the workbooks' 11-point text, about the smallest that reads on paper.
const MinSize = 8.0

// Page is one printed page.
type Page struct {
	Number int
	// Sheet is the sheet the page is from, as its footer names it ("" when
	// the page has no footer).
	Sheet string
	// Smallest is the smallest text on the page, in points (0: no text).
	Smallest float64
	// Sizes counts the pieces of text shown at each size, in points.
	Sizes map[float64]int
	// SmallestWords are a few of the page's words with the smallest boxes
	// (pdftotext's): which text is smallest, to say where to look.
	SmallestWords []string
}

// Report is a printed workbook measured.
type Report struct {
	Pages []Page
	// Fonts are the fonts the PDF uses, without their subset tag
	// (Carlito, DejaVuSans-Bold): the page count depends on them.
	Fonts []string
	// Producer is the PDF's producer (LibreOffice 7.4).
	Producer string
}

// Tools says what is missing to print a workbook here ("" when nothing):
// soffice (LibreOffice), pdftotext (poppler-utils).
func Tools() string {
	var missing []string
	if _, err := soffice(); err != nil {
		missing = append(missing, "soffice (LibreOffice: apt-get install libreoffice-calc-nogui)")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		missing = append(missing, "pdftotext (apt-get install poppler-utils)")
	}
	return strings.Join(missing, " and ")
}

func soffice() (string, error) {
	for _, n := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", errors.New("soffice (LibreOffice) is not installed")
}

// Convert prints workbook to PDF with LibreOffice into dir and returns the
// PDF's path. LibreOffice runs with a profile of its own, in a temporary
// folder, so that it can run beside another.
func Convert(ctx context.Context, workbook, dir string) (string, error) {
	bin, err := soffice()
	if err != nil {
		return "", err
	}
	profile, err := os.MkdirTemp("", "paper-lo-profile-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(profile)
	abs, err := filepath.Abs(workbook)
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(ctx, bin, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.ToSlash(profile),
		"--convert-to", "pdf", "--outdir", dir, abs)
	cmd.Env = append(os.Environ(), "HOME="+profile) // LibreOffice writes under HOME too
	out, err := cmd.CombinedOutput()
	pdf := filepath.Join(dir, strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs))+".pdf")
	if err != nil {
		return "", fmt.Errorf("soffice: %w\n%s", err, out)
	}
	if _, err := os.Stat(pdf); err != nil {
		return "", fmt.Errorf("soffice wrote no %s:\n%s", pdf, out)
	}
	return pdf, nil
}

// Measure reads a PDF LibreOffice printed: each page's sheet and text sizes.
func Measure(ctx context.Context, pdf string) (*Report, error) {
	b, err := os.ReadFile(pdf)
	if err != nil {
		return nil, err
	}
	f, err := parsePDF(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pdf, err)
	}
	pages, err := f.pages()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", pdf, err)
	}
	words, producer, err := pageWords(ctx, pdf)
	if err != nil {
		return nil, err
	}
	if len(words) != len(pages) {
		return nil, fmt.Errorf("%s: pdftotext reads %d pages, the page tree has %d", pdf, len(words), len(pages))
	}
	r := &Report{Producer: producer}
	fonts := map[string]bool{}
	for i, p := range pages {
		sizes := textSizes{}
		if err := f.scanText(p.content, p.resources, identity, sizes, 0); err != nil {
			return nil, fmt.Errorf("%s: page %d: %w", pdf, i+1, err)
		}
		f.fontNames(p.resources, fonts)
		r.Pages = append(r.Pages, Page{
			Number: i + 1, Sheet: footerSheet(words[i]), Smallest: sizes.smallest(), Sizes: sizes,
			SmallestWords: smallestWords(words[i].words, 3),
		})
	}
	for n := range fonts {
		r.Fonts = append(r.Fonts, n)
	}
	slices.Sort(r.Fonts)
	return r, nil
}

// fontNames adds the names of the fonts of resources, without the subset
// tag (ABCDEF+).
func (f *pdfFile) fontNames(resources dict, into map[string]bool) {
	if resources == nil {
		return
	}
	fonts, err := f.dictOf(resources["Font"])
	if err != nil {
		return
	}
	for _, v := range fonts {
		d, err := f.dictOf(v)
		if err != nil || d == nil {
			continue
		}
		if n, ok := d["BaseFont"].(name); ok {
			s := string(n)
			if i := strings.IndexByte(s, '+'); i == 6 {
				s = s[i+1:]
			}
			into[s] = true
		}
	}
}

// word is a word pdftotext found, with its box.
type word struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

type wordPage struct {
	width, height float64
	words         []word
}

// pageWords are the words of each page, from pdftotext -bbox, and the
// PDF's producer.
func pageWords(ctx context.Context, pdf string) ([]wordPage, string, error) {
	out, err := exec.CommandContext(ctx, "pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return nil, "", fmt.Errorf("pdftotext: %w\n%s", err, ee.Stderr)
		}
		return nil, "", fmt.Errorf("pdftotext: %w", err)
	}
	d := xml.NewDecoder(strings.NewReader(string(out)))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var pages []wordPage
	var producer string
	attr := func(se xml.StartElement, key string) string {
		for _, a := range se.Attr {
			if a.Name.Local == key {
				return a.Value
			}
		}
		return ""
	}
	num := func(se xml.StartElement, key string) float64 {
		n, _ := strconv.ParseFloat(attr(se, key), 64)
		return n
	}
	for {
		tok, err := d.Token()
		if err != nil {
			break // the end, or text past the last page
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "meta":
			if attr(se, "name") == "Producer" {
				producer = attr(se, "content")
			}
		case "page":
			pages = append(pages, wordPage{width: num(se, "width"), height: num(se, "height")})
		case "word":
			var text string
			if err := d.DecodeElement(&text, &se); err != nil {
				return nil, "", fmt.Errorf("pdftotext: %w", err)
			}
			if len(pages) == 0 {
				continue
			}
			p := &pages[len(pages)-1]
			p.words = append(p.words, word{text, num(se, "xMin"), num(se, "yMin"), num(se, "xMax"), num(se, "yMax")})
		}
	}
	return pages, producer, nil
}

// footerSheet is the sheet a page's footer names: the words left of
// "Page N of M" on its line (the footer is &L&A&CPage &P of &N), "" when
// no line says that.
func footerSheet(p wordPage) string {
	ws := p.words
	for i := 0; i+3 < len(ws); i++ {
		if ws[i].text != "Page" || ws[i+2].text != "of" || !isNumber(ws[i+1].text) || !isNumber(ws[i+3].text) {
			continue
		}
		// Words of one line share their top, to well under a point.
		line := ws[i].yMin
		var left []word
		for _, w := range ws {
			if math.Abs(w.yMin-line) < 0.5 && w.xMax <= ws[i].xMin {
				left = append(left, w)
			}
		}
		sort.SliceStable(left, func(i, j int) bool { return left[i].xMin < left[j].xMin })
		texts := make([]string, len(left))
		for i, w := range left {
			texts[i] = w.text
		}
		return strings.Join(texts, " ")
	}
	return ""
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// smallestWords are up to n words with the smallest boxes, smallest
// first, each once.
func smallestWords(words []word, n int) []string {
	sorted := slices.Clone(words)
	slices.SortStableFunc(sorted, func(a, b word) int {
		return cmp.Compare(a.yMax-a.yMin, b.yMax-b.yMin)
	})
	var out []string
	for _, w := range sorted {
		if len(out) == n {
			break
		}
		if !slices.Contains(out, w.text) {
			out = append(out, w.text)
		}
	}
	return out
}

// Render draws page number page of pdf as a PNG at dpi dots per inch
// (pdftoppm).
func Render(ctx context.Context, pdf string, page, dpi int, png string) error {
	prefix := strings.TrimSuffix(png, filepath.Ext(png))
	p := strconv.Itoa(page)
	out, err := exec.CommandContext(ctx, "pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", p, "-l", p,
		"-singlefile", pdf, prefix).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pdftoppm: %w\n%s", err, out)
	}
	if prefix+".png" != png {
		return os.Rename(prefix+".png", png)
	}
	return nil
}

// Sheet is the pages printed from one sheet.
type Sheet struct {
	Name     string
	Pages    int
	First    int     // its first page
	Smallest float64 // its smallest text, in points
	Usual    float64 // the size most of its text is at, in points
}

// Sheets are the report's pages by sheet, in the order they print.
func (r *Report) Sheets() []Sheet {
	var out []Sheet
	index := map[string]int{}
	counts := map[string]textSizes{}
	for _, p := range r.Pages {
		i, ok := index[p.Sheet]
		if !ok {
			i = len(out)
			index[p.Sheet] = i
			out = append(out, Sheet{Name: p.Sheet, First: p.Number})
			counts[p.Sheet] = textSizes{}
		}
		s := &out[i]
		s.Pages++
		if p.Smallest > 0 && (s.Smallest == 0 || p.Smallest < s.Smallest) {
			s.Smallest = p.Smallest
		}
		for size, n := range p.Sizes {
			counts[p.Sheet][size] += n
		}
	}
	for i := range out {
		best := 0
		for size, n := range counts[out[i].Name] {
			if n > best || n == best && size > out[i].Usual {
				best, out[i].Usual = n, size
			}
		}
	}
	return out
}

// TooSmall are the pages whose text is smaller than min points.
func (r *Report) TooSmall(min float64) []Page {
	var out []Page
	for _, p := range r.Pages {
		if p.Smallest > 0 && p.Smallest < min {
			out = append(out, p)
		}
	}
	return out
}

// HasFont says whether the PDF uses a font whose name starts with prefix
// (Carlito, the metric twin of Calibri, the workbooks' font).
func (r *Report) HasFont(prefix string) bool {
	for _, f := range r.Fonts {
		if strings.HasPrefix(f, prefix) {
			return true
		}
	}
	return false
}
