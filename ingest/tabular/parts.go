package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/review-tool/review/ingest/raw"
)

// A workbook's parts are read with bounded memory. excelize expands a
// worksheet or the shared strings larger than unzipXMLSizeLimit to a
// temporary file and streams rows from there, but holds every other part
// whole in memory, and its XML decoder holds a run of text between two
// tags whole: a 1 MB file of 1,000 MiB of whitespace took 2 GB. So before
// excelize opens a workbook, checkParts reads each part once and refuses
//   - more than maxParts parts, or more than unzipSizeLimit expanded in all
//     (a 1M-row report sheet is several hundred MiB of XML; its temporary
//     file goes to the run's temporary folder);
//   - a part held in memory (any but worksheets and shared strings) past
//     memPartLimit: styles, workbook and relationships of real exports are
//     a few MiB at most;
//   - XML with a run of text, or a tag, longer than maxXMLRun: a cell holds
//     at most 32,767 characters, about 330 KB escaped.
const (
	unzipSizeLimit    = 4 << 30
	unzipXMLSizeLimit = 16 << 20
	memPartLimit      = 64 << 20
	maxXMLRun         = 1 << 20
	maxParts          = 10000
)

// parts is what checkParts learnt of a workbook.
type parts struct {
	zr *zip.Reader
	// formulas holds the worksheet parts that have a formula (an <f>
	// element) somewhere.
	formulas map[string]bool
	// size is each part's expanded size.
	size map[string]int64
}

// checkParts reads every part of the workbook zr once, refusing one past
// the limits above with an error naming it.
func checkParts(file string, zr *zip.Reader) (*parts, error) {
	if len(zr.File) > maxParts {
		return nil, &raw.Error{File: file, Found: fmt.Sprintf("a workbook of %d parts", len(zr.File)),
			Expected: fmt.Sprintf("at most %d parts (a spreadsheet has a few dozen)", maxParts)}
	}
	p := &parts{zr: zr, formulas: map[string]bool{}, size: map[string]int64{}}
	var total int64
	for _, zf := range zr.File {
		name := strings.ReplaceAll(zf.Name, `\`, "/")
		if strings.HasSuffix(name, "/") {
			continue
		}
		limit := int64(unzipSizeLimit) - total
		if !streamedPart(name) && limit > memPartLimit {
			limit = memPartLimit
		}
		n, formula, err := scanPart(zf, limit)
		total += n
		switch {
		case errors.Is(err, errPartSize) && total > unzipSizeLimit:
			return nil, &raw.Error{File: file, Found: fmt.Sprintf("a workbook that expands past %d MiB", unzipSizeLimit>>20),
				Expected: "a smaller workbook (or the table as CSV)"}
		case errors.Is(err, errPartSize):
			return nil, &raw.Error{File: file, Found: fmt.Sprintf("the part %s, which expands past %d MiB", name, memPartLimit>>20),
				Expected: "a workbook as a spreadsheet program writes it (re-save it, or export the table as CSV)"}
		case errors.Is(err, errXMLRun):
			return nil, &raw.Error{File: file, Found: fmt.Sprintf("the part %s, with more than %d MiB of text between two tags", name, maxXMLRun>>20),
				Expected: "a workbook as a spreadsheet program writes it (re-save it, or export the table as CSV)"}
		case err != nil:
			return nil, workbookError(file, fmt.Errorf("%s: %w", name, err))
		}
		p.size[name] = n
		if formula {
			p.formulas[name] = true
		}
	}
	return p, nil
}

// streamedPart tells the parts excelize streams from a temporary file when
// they are large: worksheets and the shared strings.
func streamedPart(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "xl/worksheets/sheet") || n == "xl/sharedstrings.xml"
}

var (
	errPartSize = errors.New("part too large")
	errXMLRun   = errors.New("XML run too long")
)

// scanPart reads a part to its end, or until it passes limit bytes. Of XML
// it checks the runs between '<' and '>' and tells whether it has an <f>
// element (a formula, prefixed or not).
func scanPart(zf *zip.File, limit int64) (n int64, formula bool, err error) {
	rc, err := zf.Open()
	if err != nil {
		return 0, false, err
	}
	defer rc.Close()
	ext := strings.ToLower(path.Ext(zf.Name))
	isXML := ext == ".xml" || ext == ".rels" || ext == ".vml"
	s := xmlScan{}
	buf := make([]byte, 64<<10)
	for {
		k, err := rc.Read(buf)
		n += int64(k)
		if n > limit {
			return n, false, errPartSize
		}
		if isXML && !s.feed(buf[:k]) {
			return n, false, errXMLRun
		}
		if err == io.EOF {
			return n, s.formula, nil
		}
		if err != nil {
			return n, false, err
		}
	}
}

// xmlScan follows XML text fed in pieces: how long the current run of text
// or tag is, and whether a tag named f (or x:f) has opened.
type xmlScan struct {
	inTag   bool
	run     int
	name    []byte // the current tag's name, up to 16 bytes
	naming  bool   // still reading the current tag's name
	formula bool
}

// feed scans b; false when a run passes maxXMLRun.
func (s *xmlScan) feed(b []byte) bool {
	for len(b) > 0 {
		if s.naming {
			c := b[0]
			if c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n' {
				s.naming = false
				if bytes.Equal(s.name, []byte("f")) || bytes.HasSuffix(s.name, []byte(":f")) && len(s.name) > 2 {
					s.formula = true
				}
			} else {
				if len(s.name) < 16 {
					s.name = append(s.name, c)
				} else {
					s.name = append(s.name[:0], '#') // longer than any name we look for
				}
				s.run++
				b = b[1:]
				continue
			}
		}
		stop := byte('<')
		if s.inTag {
			stop = '>'
		}
		i := bytes.IndexByte(b, stop)
		if i < 0 {
			s.run += len(b)
			return s.run <= maxXMLRun
		}
		if s.run+i > maxXMLRun {
			return false
		}
		s.run = 0
		s.inTag = !s.inTag
		if s.inTag {
			s.naming, s.name = true, s.name[:0]
		}
		b = b[i+1:]
	}
	return s.run <= maxXMLRun
}
