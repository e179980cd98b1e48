package bounds

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestXMLScan(t *testing.T) {
	for _, tt := range []struct {
		pieces  []string
		formula bool
	}{
		{[]string{`<c r="A1"><f>1+1</f></c>`}, true},
		{[]string{`<c r="A1"><x:f>1+1</x:f></c>`}, true},
		{[]string{`<c r="A1"><`, `f`, `>1+1</f></c>`}, true},
		{[]string{`<c r="A1"><v>1</v></c><font/><fill/>`}, false},
		{[]string{`<c r="A1"><v>f</v></c>`}, false},
	} {
		var s xmlScan
		for _, p := range tt.pieces {
			if !s.feed([]byte(p)) {
				t.Fatalf("%q: a run too long", tt.pieces)
			}
		}
		if s.formula != tt.formula {
			t.Errorf("%q: formula = %v", tt.pieces, s.formula)
		}
	}
	var s xmlScan
	if !s.feed([]byte("<a>" + strings.Repeat("x", MaxXMLRun))) {
		t.Error("a run of exactly the limit refused")
	}
	if s.feed([]byte("x")) {
		t.Error("a run past the limit, over two pieces, accepted")
	}
}

// A part that declares more than its limit is refused before anything is
// expanded: the data behind the declaration is never read (here it is
// not even there), so a bomb of a few MB that says it holds gigabytes
// costs nothing.
func TestCheckWorkbookDeclaredSizes(t *testing.T) {
	for _, tt := range []struct {
		name string
		size uint64
		want string
	}{
		{"xl/worksheets/sheet1.xml", UnzipSizeLimit + 1, "bomb.xlsx: found a workbook that expands past 4096 MiB, expected a smaller workbook (or the table as CSV)"},
		{"xl/styles.xml", MemPartLimit + 1, "bomb.xlsx: found the part xl/styles.xml, which expands past 64 MiB, expected " + rewrite},
	} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.CreateRaw(&zip.FileHeader{Name: tt.name, Method: zip.Deflate, UncompressedSize64: tt.size, CompressedSize64: 3})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte{3, 0, 0})
		zw.Close()
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := CheckWorkbook("bomb.xlsx", zr); err == nil || err.Error() != tt.want {
			t.Errorf("%s declaring %d bytes: %v\nwant %s", tt.name, tt.size, err, tt.want)
		}
	}
}

// OpenWorkbook refuses a worksheet of one endless run of whitespace (what
// excelize's XML decoder would hold whole) after reading a little past
// MaxXMLRun of it, with an error naming the file, the part and the bound.
func TestOpenWorkbookRefusesABomb(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	writeBomb(t, path, 64<<20)
	fi, _ := os.Stat(path)
	_, err := OpenWorkbook(path, t.TempDir())
	want := path + ": found the part xl/worksheets/sheet1.xml, with more than 1 MiB of text between two tags, expected " + rewrite
	if err == nil || err.Error() != want {
		t.Errorf("%v\nwant %s", err, want)
	}
	t.Logf("%d bytes on disk for 64 MiB of sheet", fi.Size())
}

// writeBomb writes a zip whose one worksheet is n spaces inside its
// sheetData: about 1 KB on disk per MiB expanded.
func writeBomb(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<worksheet><sheetData>`))
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for ; n > 0; n -= len(spaces) {
		w.Write(spaces[:min(n, len(spaces))])
	}
	w.Write([]byte(`</sheetData></worksheet>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}
