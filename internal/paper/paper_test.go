package paper

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"maps"
	"slices"
	"testing"
)

// buildPDF writes a PDF of objects 1…n as LibreOffice lays one out: each
// object at the offset its cross-reference entry gives, the trailer naming
// object 1 as the catalogue.
func buildPDF(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

func streamObject(dict string, data []byte) string {
	return fmt.Sprintf("<<%s/Length %d>>\nstream\n%s\nendstream", dict, len(data), data)
}

func flate(s string) []byte {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// Text sizes are read as printed: the font size times the scale of the
// text and transformation matrices, in forms too, each shown string
// once; empty strings, invisible text and a Q's restored state count as
// they should.
func TestTextSizes(t *testing.T) {
	page1 := `q 0.8 0 0 0.8 0 0 cm
BT /F1 11 Tf 10 10 Td (Hello \) world) Tj ET
BT /F1 14 Tf [(A) -20 <4243>] TJ ET
Q
BT /F1 11 Tf 1 0 0 2 0 0 Tm (tall) Tj ET
BT /F1 3 Tf () Tj 3 Tr (hidden) Tj 0 Tr ET
q BT /F1 4 Tf ET Q BT (after Q) Tj ET
/Fm1 Do`
	page2 := "BT /F1 9 Tf (plain) ' ET"
	form := "BT /F1 10 Tf (in a form) Tj ET"
	pdf := buildPDF(
		"<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R 6 0 R]/Count 2/MediaBox[0 0 841.89 595.28]/Resources<</Font<</F1 7 0 R>>>>>>",
		"<</Type/Page/Parent 2 0 R/Contents 4 0 R/Resources<</Font<</F1 7 0 R>>/XObject<</Fm1 5 0 R>>>>>>",
		streamObject("", []byte(page1)),
		streamObject("/Type/XObject/Subtype/Form/Matrix[0.5 0 0 0.5 0 0]", []byte(form)),
		"<</Type/Pages/Parent 2 0 R/Kids[8 0 R]/Count 1>>",
		"<</Type/Font/Subtype/TrueType/BaseFont/BAAAAA+Carlito>>",
		"<</Type/Page/Parent 6 0 R/Contents[9 0 R]>>",
		streamObject("/Filter/FlateDecode", flate(page2)),
	)
	f, err := parsePDF(pdf)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := f.pages()
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].width != 841.89 || pages[1].height != 595.28 {
		t.Fatalf("pages %d, first %.2f wide, second %.2f high", len(pages), pages[0].width, pages[1].height)
	}
	want := []map[float64]int{
		// 11 and 14 points at 80%; 11 points drawn twice as tall; the 4
		// points set inside q … Q undone, so "after Q" is at 3; the form's
		// 10 points at half size.
		{8.8: 1, 11.2: 1, 22: 1, 3: 1, 5: 1},
		{9: 1},
	}
	fonts := map[string]bool{}
	for i, p := range pages {
		sizes := textSizes{}
		if err := f.scanText(p.content, p.resources, identity, sizes, 0); err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		if !maps.Equal(map[float64]int(sizes), want[i]) {
			t.Errorf("page %d: sizes %v, want %v", i+1, sizes, want[i])
		}
		f.fontNames(p.resources, fonts)
	}
	if got := slices.Sorted(maps.Keys(fonts)); !slices.Equal(got, []string{"Carlito"}) {
		t.Errorf("fonts %q, want Carlito without its subset tag", got)
	}
	if got := (textSizes{8.8: 3, 3: 1}).smallest(); got != 3 {
		t.Errorf("smallest %v, want 3", got)
	}
}

// A PDF that is none, or whose cross-references are a stream, is refused
// with the reason.
func TestParsePDFRefuses(t *testing.T) {
	for name, b := range map[string][]byte{
		"no startxref": []byte("%PDF-1.6\n1 0 obj\n<<>>\nendobj\n"),
		"xref stream":  []byte("%PDF-1.6\n1 0 obj\n<</Type/XRef>>\nendobj\nstartxref\n9\n%%EOF\n"),
	} {
		if _, err := parsePDF(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// The sheet a page is from is what its footer says left of "Page N of M",
// on that line, wherever the line is on the page.
func TestFooterSheet(t *testing.T) {
	words := func(line float64, texts ...string) []word {
		var out []word
		x := 50.0
		for _, s := range texts {
			out = append(out, word{s, x, line, x + 5*float64(len(s)), line + 8})
			x += 5*float64(len(s)) + 3
		}
		return out
	}
	body := words(40, "Source", "Product", "Page", "1")
	footer := words(560, "License", "True-Up", "Page", "12", "of", "58")
	footer = append(footer, words(560, "As", "of", "2025-11-22")...)
	for i := range footer[6:] {
		footer[6+i].xMin += 600
		footer[6+i].xMax += 600
	}
	p := wordPage{width: 841.89, height: 595.28, words: append(body, footer...)}
	if got := footerSheet(p); got != "License True-Up" {
		t.Errorf("sheet %q, want License True-Up", got)
	}
	if got := footerSheet(wordPage{width: 841.89, height: 595.28, words: body}); got != "" {
		t.Errorf("a page without a footer: sheet %q", got)
	}
}

// Pages by sheet: how many, from which page, the smallest text and the
// size most text is at.
func TestSheets(t *testing.T) {
	r := &Report{Pages: []Page{
		{Number: 1, Sheet: "Summary", Smallest: 8.25, Sizes: map[float64]int{8.25: 30, 12: 2}},
		{Number: 2, Sheet: "Findings", Smallest: 8.8, Sizes: map[float64]int{8.8: 40}},
		{Number: 3, Sheet: "Findings", Smallest: 3.4, Sizes: map[float64]int{3.4: 2, 8.8: 10}},
	}}
	got := r.Sheets()
	want := []Sheet{{"Summary", 1, 1, 8.25, 8.25}, {"Findings", 2, 2, 3.4, 8.8}}
	if !slices.Equal(got, want) {
		t.Errorf("sheets %+v, want %+v", got, want)
	}
	if small := r.TooSmall(MinSize); len(small) != 1 || small[0].Number != 3 {
		t.Errorf("too small: %+v, want page 3", small)
	}
	if !(&Report{Fonts: []string{"Carlito-Bold"}}).HasFont("Carlito") || (&Report{Fonts: []string{"DejaVuSans"}}).HasFont("Carlito") {
		t.Error("HasFont does not tell Carlito from DejaVuSans")
	}
}
