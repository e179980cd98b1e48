package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
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

func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]byte, 3<<20)
	for i := range data {
		data[i] = byte(rng.Uint32())
	}
	cuts := []int{0, 1, 2, 7, 8, 255, 4096, blockSize - 1, blockSize, blockSize + 1, len(data) - 1, len(data)}
	for range 40 {
		cuts = append(cuts, rng.IntN(len(data)+1))
	}
	for _, total := range []int{0, 1, 100, len(data)} {
		for _, cut := range cuts {
			if cut > total {
				continue
			}
			a, b := data[:cut], data[cut:total]
			want := crc32.ChecksumIEEE(data[:total])
			if got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b))); got != want {
				t.Errorf("%d+%d bytes: %08x, want %08x", len(a), len(b), got, want)
			}
		}
	}
	// Three pieces, as a spliced part is.
	for range 20 {
		i := rng.IntN(len(data) + 1)
		j := i + rng.IntN(len(data)-i+1)
		crc := crc32Combine(crc32.ChecksumIEEE(data[:i]), crc32.ChecksumIEEE(data[i:j]), int64(j-i))
		crc = crc32Combine(crc, crc32.ChecksumIEEE(data[j:]), int64(len(data)-j))
		if want := crc32.ChecksumIEEE(data); crc != want {
			t.Errorf("%d|%d|%d: %08x, want %08x", i, j-i, len(data)-j, crc, want)
		}
	}
	// A long run of zeros: 8 MiB, the operator of 2^23 bytes.
	zeros := make([]byte, 1<<20)
	crc := crc32.ChecksumIEEE([]byte("abc"))
	for range 8 {
		crc = crc32.Update(crc, crc32.IEEETable, zeros)
	}
	if got := crc32Combine(crc32.ChecksumIEEE([]byte("abc")), crc32.ChecksumIEEE(make([]byte, 8<<20)), 8<<20); got != crc {
		t.Errorf("abc + 8 MiB of zeros: %08x, want %08x", got, crc)
	}
}

// spliceRows writes rows into the sortedZip's row spool of part, in
// pieces of about rowLen bytes, and returns what it wrote.
func spliceRows(t *testing.T, z *sortedZip, part string, n, rowLen int) []byte {
	t.Helper()
	rs, err := z.newRows(part)
	if err != nil {
		t.Fatal(err)
	}
	var all []byte
	for i := range n {
		row := fmt.Appendf(nil, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>`, i+2, i+2,
			strings.Repeat(string(rune('a'+i%26)), rowLen))
		all = append(all, row...)
		if err := rs.commit(append(rs.input(), row...)); err != nil {
			t.Fatal(err)
		}
	}
	if err := rs.finish(); err != nil {
		t.Fatal(err)
	}
	return all
}

// A sheet part with rows of its own is the part excelize wrote with the
// rows put before </sheetData>, its CRC-32 right (zip's reader checks it),
// whatever the size of each piece: no rows, rows within a block, rows over
// several blocks, a head of several blocks.
func TestSortedZipSplicesRows(t *testing.T) {
	const head = `<?xml version="1.0"?><worksheet><cols/><sheetData><row r="1"><c r="A1"/></row>`
	const tail = `</sheetData><tableParts count="1"></tableParts></worksheet>`
	bigHead := head + strings.Repeat("<!-- padding -->", 3*blockSize/16)
	cases := []struct {
		name       string
		head       string
		rows, size int
	}{
		{"no rows", head, 0, 0},
		{"one row", head, 1, 10},
		{"one block", head, 1000, 100},
		{"several blocks", head, 60000, 120},
		{"a row larger than a block", head, 3, 2 * blockSize},
		{"a head of several blocks", bigHead, 20000, 90},
	}
	z := newSortedZip(t.TempDir())
	defer z.remove()
	want := map[string]string{}
	for i, tc := range cases {
		part := sheetPart(i + 2)
		rows := spliceRows(t, z, part, tc.rows, tc.size)
		want[part] = tc.head + string(rows) + tail
	}
	// Parts arrive as excelize writes them, in pieces, the sheets among others.
	for i, tc := range cases {
		w, err := z.Create(sheetPart(i + 2))
		if err != nil {
			t.Fatal(err)
		}
		content := tc.head + tail
		for len(content) > 0 {
			n := min(len(content), 32<<10)
			if _, err := io.WriteString(w, content[:n]); err != nil {
				t.Fatal(err)
			}
			content = content[n:]
		}
		if _, err := z.Create(fmt.Sprintf("xl/other%d.xml", i)); err != nil {
			t.Fatal(err)
		}
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
	seen := 0
	for _, zf := range zr.File {
		w, ok := want[zf.Name]
		if !ok {
			continue
		}
		seen++
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc) // checks the CRC-32 and the size
		rc.Close()
		if err != nil {
			t.Errorf("%s: %v", zf.Name, err)
			continue
		}
		if string(data) != w {
			t.Errorf("%s: %d bytes, want %d (differ at %d)", zf.Name, len(data), len(w), firstDiff(data, []byte(w)))
		}
	}
	if seen != len(cases) {
		t.Errorf("%d spliced parts in the zip, want %d", seen, len(cases))
	}
}

// Rows are never lost without an error: a part without </sheetData>, rows
// not finished when their part comes, rows whose part never comes.
func TestSortedZipSpliceErrors(t *testing.T) {
	write := func(z *sortedZip, part, content string) error {
		w, err := z.Create(part)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(w, content); err != nil {
			return err
		}
		return z.Close()
	}
	t.Run("no </sheetData>", func(t *testing.T) {
		z := newSortedZip(t.TempDir())
		defer z.remove()
		spliceRows(t, z, sheetPart(2), 3, 10)
		if err := write(z, sheetPart(2), `<worksheet><sheetData/></worksheet>`); err == nil || !strings.Contains(err.Error(), "</sheetData>") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("rows not finished", func(t *testing.T) {
		z := newSortedZip(t.TempDir())
		defer z.remove()
		rs, err := z.newRows(sheetPart(2))
		if err != nil {
			t.Fatal(err)
		}
		if err := rs.commit(append(rs.input(), "<row/>"...)); err != nil {
			t.Fatal(err)
		}
		if err := write(z, sheetPart(2), `<sheetData></sheetData>`); err == nil || !strings.Contains(err.Error(), "not finished") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("part never written", func(t *testing.T) {
		z := newSortedZip(t.TempDir())
		defer z.remove()
		spliceRows(t, z, sheetPart(3), 3, 10)
		if err := write(z, sheetPart(2), `<sheetData></sheetData>`); err == nil || !strings.Contains(err.Error(), "not written") {
			t.Errorf("err = %v", err)
		}
		var buf bytes.Buffer
		if err := z.writeTo(&buf); err == nil {
			t.Error("writeTo wrote a workbook without its rows")
		}
	})
	t.Run("rows started twice", func(t *testing.T) {
		z := newSortedZip(t.TempDir())
		defer z.remove()
		spliceRows(t, z, sheetPart(2), 1, 1)
		if _, err := z.newRows(sheetPart(2)); err == nil {
			t.Error("no error")
		}
	})
	t.Run("spool files removed", func(t *testing.T) {
		dir := t.TempDir()
		z := newSortedZip(dir)
		spliceRows(t, z, sheetPart(2), 1000, 100)
		if err := write(z, sheetPart(2), `<sheetData></sheetData>`); err != nil {
			t.Fatal(err)
		}
		z.remove()
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("left in the spool folder: %v", left)
		}
	})
}
