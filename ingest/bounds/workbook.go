// Package bounds holds the bounds every input is read within, and the one
// check of each: the longest line of a line-oriented file (MaxLine,
// LineLimit, Lines) and the parts of an .xlsx workbook (CheckWorkbook,
// OpenWorkbook). The readers of the exports (ingest/tabular), of a
// previous run (previous) and of the returned workbooks (campaign) all
// use them, so that no input can hold more memory through one than
// through another.
package bounds

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/ingest/located"
)

// A workbook's parts are read with bounded memory. excelize expands a
// worksheet or the shared strings larger than UnzipXMLSizeLimit to a
// temporary file and streams rows from there, but holds every other part
// whole in memory, and its XML decoder holds a run of text between two
// tags whole: a 1 MB file of 1,000 MiB of whitespace took 2 GB. So before
// excelize opens a workbook, CheckWorkbook reads each part once and refuses
//   - more than MaxParts parts, or more than UnzipSizeLimit expanded in all
//     (a 1M-row report sheet is several hundred MiB of XML; its temporary
//     file goes to the run's temporary folder);
//   - a part held in memory (any but worksheets and shared strings) past
//     MemPartLimit: styles, workbook and relationships of real exports are
//     a few MiB at most;
//   - XML with a run of text, or a tag, longer than MaxXMLRun: a cell holds
//     at most 32,767 characters, about 330 KB escaped.
const (
	UnzipSizeLimit    = 4 << 30
	UnzipXMLSizeLimit = 16 << 20
	MemPartLimit      = 64 << 20
	MaxXMLRun         = 1 << 20
	MaxParts          = 10000
)

// Parts is what CheckWorkbook learnt of a workbook.
type Parts struct {
	// Formulas holds the worksheet parts that have a formula (an <f>
	// element) somewhere.
	Formulas map[string]bool
	// Size is each part's expanded size.
	Size map[string]int64
}

// CheckWorkbook refuses a workbook past the limits above with a
// *located.Error naming file and the part: at once by the sizes its parts
// declare (archive/zip never expands a part past its declared size), then
// by reading every part once.
func CheckWorkbook(file string, zr *zip.Reader) (*Parts, error) {
	if len(zr.File) > MaxParts {
		return nil, &located.Error{File: file, Found: fmt.Sprintf("a workbook of %d parts", len(zr.File)),
			Expected: fmt.Sprintf("at most %d parts (a spreadsheet has a few dozen)", MaxParts)}
	}
	if err := checkDeclared(file, zr); err != nil {
		return nil, err
	}
	p := &Parts{Formulas: map[string]bool{}, Size: map[string]int64{}}
	var total int64
	for _, zf := range zr.File {
		name := partName(zf)
		if strings.HasSuffix(name, "/") {
			continue
		}
		n, formula, err := scanPart(zf, partLimit(name, total))
		total += n
		switch {
		case errors.Is(err, errPartSize) && total > UnzipSizeLimit:
			return nil, tooLarge(file)
		case errors.Is(err, errPartSize):
			return nil, partTooLarge(file, name)
		case errors.Is(err, errXMLRun):
			return nil, &located.Error{File: file, Found: fmt.Sprintf("the part %s, with more than %s of text between two tags", name, Size(MaxXMLRun)),
				Expected: rewrite}
		case err != nil:
			return nil, WorkbookError(file, fmt.Errorf("%s: %w", name, err))
		}
		p.Size[name] = n
		if formula {
			p.Formulas[name] = true
		}
	}
	return p, nil
}

// checkDeclared refuses a workbook whose parts declare more than the
// limits, before any is expanded: a bomb of a few MB that says it holds
// gigabytes costs nothing to refuse.
func checkDeclared(file string, zr *zip.Reader) error {
	var total uint64
	for _, zf := range zr.File {
		name := partName(zf)
		if zf.UncompressedSize64 > uint64(partLimit(name, 0)) && !streamedPart(name) {
			return partTooLarge(file, name)
		}
		if total += zf.UncompressedSize64; total > UnzipSizeLimit {
			return tooLarge(file)
		}
	}
	return nil
}

// partName is a part's name with forward slashes, as excelize reads it.
func partName(zf *zip.File) string { return strings.ReplaceAll(zf.Name, `\`, "/") }

// partLimit is how far the part name may expand when total bytes were
// expanded before it.
func partLimit(name string, total int64) int64 {
	limit := int64(UnzipSizeLimit) - total
	if !streamedPart(name) && limit > MemPartLimit {
		limit = MemPartLimit
	}
	return limit
}

// rewrite is what is expected instead of a workbook no spreadsheet
// program would write.
const rewrite = "a workbook as a spreadsheet program writes it (re-save it, or export the table as CSV)"

func tooLarge(file string) error {
	return &located.Error{File: file, Found: fmt.Sprintf("a workbook that expands past %s", Size(UnzipSizeLimit)),
		Expected: "a smaller workbook (or the table as CSV)"}
}

func partTooLarge(file, name string) error {
	return &located.Error{File: file, Found: fmt.Sprintf("the part %s, which expands past %s", name, Size(MemPartLimit)), Expected: rewrite}
}

// ExcelizeOptions are the options every workbook is opened with once
// checked: parts past UnzipXMLSizeLimit go to temporary files in tempDir
// ("" for the system's), and nothing expands past UnzipSizeLimit.
func ExcelizeOptions(tempDir string) excelize.Options {
	return excelize.Options{UnzipSizeLimit: UnzipSizeLimit, UnzipXMLSizeLimit: UnzipXMLSizeLimit, TmpDir: tempDir}
}

// OpenWorkbook opens the .xlsx file on disk within the bounds: its parts
// checked first (CheckWorkbook), then opened by excelize with
// ExcelizeOptions. Every error is a *located.Error naming file.
func OpenWorkbook(file, tempDir string) (*excelize.File, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, WorkbookError(file, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, WorkbookError(file, err)
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return nil, WorkbookError(file, err)
	}
	if _, err := CheckWorkbook(file, zr); err != nil {
		return nil, err
	}
	wb, err := excelize.OpenFile(file, ExcelizeOptions(tempDir))
	if err != nil {
		return nil, WorkbookError(file, err)
	}
	return wb, nil
}

// WorkbookError turns an error of opening a workbook into a *located.Error.
func WorkbookError(file string, err error) error {
	if strings.Contains(err.Error(), "unzip size exceeds") {
		return tooLarge(file)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the message names the file already
	}
	return &located.Error{File: file, Found: fmt.Sprintf("a workbook that cannot be read (%v)", err), Expected: "an .xlsx workbook"}
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

// feed scans b; false when a run passes MaxXMLRun.
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
			return s.run <= MaxXMLRun
		}
		if s.run+i > MaxXMLRun {
			return false
		}
		s.run = 0
		s.inTag = !s.inTag
		if s.inTag {
			s.naming, s.name = true, s.name[:0]
		}
		b = b[i+1:]
	}
	return s.run <= MaxXMLRun
}
