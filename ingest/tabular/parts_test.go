package tabular

import (
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/schema"
)

func TestWorkbookPartLimits(t *testing.T) {
	const rewrite = "a workbook as a spreadsheet program writes it (re-save it, or export the table as CSV)"
	row := rosterHeaderXML + `<row r="2">` + emailXML("2") + `</row>`
	// A run of whitespace between two rows: excelize's XML decoder would
	// hold it whole.
	spaced := handWorkbook(t, rosterHeaderXML+strings.Repeat(" ", bounds.MaxXMLRun+1)+`<row r="2">`+emailXML("2")+`</row>`, "")
	// A part excelize would hold whole.
	large := withPart(t, handWorkbook(t, row, ""), "xl/media/image1.png", strings.Repeat("\x00", bounds.MemPartLimit+1))
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"hr-spaced.xlsx", spaced, "hr-spaced.xlsx: found the part xl/worksheets/sheet1.xml, with more than 1 MiB of text between two tags, expected " + rewrite},
		{"hr-large.xlsx", large, "hr-large.xlsx: found the part xl/media/image1.png, which expands past 64 MiB, expected " + rewrite},
	}
	for _, tt := range tests {
		for _, in := range []Input{onDisk(t, tt.name, tt.b), bytesInput(tt.name, tt.b)} {
			_, err := ReadRoster(in, newSink())
			if err == nil || err.Error() != tt.want {
				t.Errorf("error:\n got %v\nwant %s", err, tt.want)
			}
			if k := Detect(tt.name, tt.b); k != schema.KindRoster { // from the name, as the content cannot tell
				t.Errorf("Detect(%s) = %q", tt.name, k)
			}
		}
	}
	// Under the limits the same shapes read.
	ok := handWorkbook(t, rosterHeaderXML+strings.Repeat(" ", bounds.MaxXMLRun-1)+`<row r="2">`+emailXML("2")+`</row>`, "")
	sink := newSink()
	if _, err := ReadRoster(bytesInput("ok.xlsx", ok), sink); err != nil {
		t.Fatal(err)
	}
	sameLines(t, "roster", sink.show(schema.Roster), []string{`2 | email=p2@corp.example`})
}

// withPart returns the workbook b with one more part.
func withPart(t *testing.T, b []byte, name, text string) []byte {
	t.Helper()
	parts := map[string]string{name: text}
	for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"} {
		parts[p] = partText(t, b, p)
	}
	return zipOf(t, parts)
}
