package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"slices"
	"testing"
)

func TestNormaliseContentTypes(t *testing.T) {
	in := `<Types><Default Extension="xml" ContentType="a"></Default><Default Extension="png" ContentType="b"/>` +
		`<Default Extension="bmp" ContentType="c"></Default><Override PartName="/x" ContentType="d"></Override></Types>`
	want := `<Types><Default Extension="bmp" ContentType="c"></Default><Default Extension="png" ContentType="b"/>` +
		`<Default Extension="xml" ContentType="a"></Default><Override PartName="/x" ContentType="d"></Override></Types>`
	if got := string(normaliseContentTypes([]byte(in))); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestSortedZip(t *testing.T) {
	z := newSortedZip(t.TempDir())
	defer z.remove()
	parts := map[string]string{
		"xl/worksheets/sheet2.xml": string(bytes.Repeat([]byte("<row/>"), 10000)),
		"[Content_Types].xml":      `<Types><Default Extension="xml" ContentType="a"/><Default Extension="bmp" ContentType="b"/></Types>`,
		"xl/worksheets/sheet1.xml": "one",
		"_rels/.rels":              "",
	}
	for _, name := range []string{"xl/worksheets/sheet2.xml", "[Content_Types].xml", "xl/worksheets/sheet1.xml", "_rels/.rels"} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[name]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := z.Create("_rels/.rels"); err == nil {
		t.Error("a duplicate part was accepted")
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := z.writeTo(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, zf := range zr.File {
		names = append(names, zf.Name)
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc) // checks the CRC
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
		want := parts[zf.Name]
		if zf.Name == "[Content_Types].xml" {
			want = `<Types><Default Extension="bmp" ContentType="b"/><Default Extension="xml" ContentType="a"/></Types>`
		}
		if string(data) != want {
			t.Errorf("%s: %.40q, want %.40q", zf.Name, data, want)
		}
	}
	if want := []string{"[Content_Types].xml", "_rels/.rels", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"}; !slices.Equal(names, want) {
		t.Errorf("parts %q, want %q", names, want)
	}
	spool := z.spool.f.Name()
	z.remove()
	if _, err := os.Stat(spool); !os.IsNotExist(err) {
		t.Errorf("spool %s not removed: %v", spool, err)
	}
}
