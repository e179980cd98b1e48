package tabular

import (
	"io"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/ingest/raw"
)

// Limits on a workbook's expanded size: past unzipSizeLimit it is an error;
// parts past unzipXMLSizeLimit are expanded to a temporary file instead of
// memory (excelize streams rows from there).
const (
	unzipSizeLimit    = 1 << 30
	unzipXMLSizeLimit = 16 << 20
	// headerSearch is how many leading blank rows a sheet may have before
	// its header.
	headerSearch = 20
)

// workbookOptions: parts past unzipXMLSizeLimit go to temporary files in
// tempDir ("" for the system's).
func workbookOptions(tempDir string) excelize.Options {
	return excelize.Options{RawCellValue: true, UnzipSizeLimit: unzipSizeLimit, UnzipXMLSizeLimit: unzipXMLSizeLimit,
		TmpDir: tempDir}
}

// openWorkbook opens a workbook from rc, which it closes. A file on disk is
// opened by name so that excelize need not copy it into memory first.
func openWorkbook(in Input, rc io.ReadCloser, r io.Reader) (*excelize.File, error) {
	defer rc.Close()
	var f *excelize.File
	var err error
	if osf, ok := rc.(*os.File); ok {
		f, err = excelize.OpenFile(osf.Name(), workbookOptions(in.TempDir))
	} else {
		f, err = excelize.OpenReader(r, workbookOptions(in.TempDir))
	}
	if err != nil {
		return nil, workbookError(in.Path, err)
	}
	return f, nil
}

// sheetRows streams one worksheet's rows; lines are row numbers.
type sheetRows struct {
	path  string
	f     *excelize.File
	rows  *excelize.Rows
	row   int64
	width int
}

// openSheet opens a workbook and reads the header of its first sheet whose
// header want accepts, or else of its first sheet with a header.
func openSheet(in Input, rc io.ReadCloser, r io.Reader, want func([]string) bool) (*table, error) {
	f, err := openWorkbook(in, rc, r)
	if err != nil {
		return nil, err
	}
	var first *table
	for _, name := range f.GetSheetList() {
		t, err := sheetTable(in.Path, f, name)
		if err != nil {
			if first != nil {
				first.rows.(*sheetRows).rows.Close()
			}
			f.Close()
			return nil, err
		}
		if t == nil {
			continue
		}
		if want(t.header) {
			if first != nil {
				first.rows.(*sheetRows).rows.Close()
			}
			return t, nil
		}
		if first == nil {
			first = t
		} else {
			t.rows.(*sheetRows).rows.Close()
		}
	}
	if first == nil {
		f.Close()
		return nil, &raw.Error{File: in.Path, Found: "a workbook without rows", Expected: "a sheet whose first row names the columns"}
	}
	return first, nil
}

// sheetTable reads a sheet's header, its first row that is not blank; it
// returns nil for a sheet without one.
func sheetTable(path string, f *excelize.File, sheet string) (*table, error) {
	rs, err := f.Rows(sheet)
	if err != nil {
		return nil, workbookError(path, err)
	}
	s := &sheetRows{path: path, f: f, rows: rs}
	for s.row < headerSearch {
		rec, err := s.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			rs.Close()
			return nil, err
		}
		if !blank(rec) {
			s.width = len(rec)
			t := &table{rows: s, path: path, header: trimAll(rec), headerLine: s.row, comma: ','}
			t.dates.serial = true
			if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
				t.dates.date1904 = *p.Date1904
			}
			return t, nil
		}
	}
	rs.Close()
	return nil, nil
}

func (s *sheetRows) next() ([]string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, workbookError(s.path, err)
		}
		return nil, io.EOF
	}
	s.row++
	rec, err := s.rows.Columns()
	if err != nil {
		return nil, workbookError(s.path, err)
	}
	if s.width > 0 {
		for i := s.width; i < len(rec); i++ {
			if rec[i] != "" {
				return nil, &rowError{&raw.Error{File: s.path, Line: s.row, Column: int64(i + 1),
					Found:    quote(rec[i]) + " in a column without a header",
					Expected: "a value only under a header",
					Raw:      renderText(rec, ',')}}
			}
		}
		if len(rec) > s.width {
			rec = rec[:s.width]
		}
	}
	return rec, nil
}

func (s *sheetRows) line() int64   { return s.row }
func (s *sheetRows) pos(int) int64 { return s.row }
func (s *sheetRows) close() error {
	s.rows.Close()
	return s.f.Close()
}
