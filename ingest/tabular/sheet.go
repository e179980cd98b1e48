package tabular

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/ingest/bounds"
	"github.com/review-tool/review/ingest/located"
)

const (
	// headerSearch is how many rows of a sheet are searched for its
	// header: a report may have title rows above it.
	headerSearch = 20
	// calcSheetLimit is the largest sheet (in XML) whose formulas are
	// computed when they have no stored value: excelize computes from the
	// whole sheet held in memory, about ten times its XML.
	calcSheetLimit = bounds.UnzipXMLSizeLimit
)

// workbookOptions are the bounds every workbook is opened with
// (bounds.ExcelizeOptions), reading cells as stored.
func workbookOptions(tempDir string) excelize.Options {
	o := bounds.ExcelizeOptions(tempDir)
	o.RawCellValue = true
	return o
}

// parts is what bounds.CheckWorkbook learnt of a workbook, and the zip
// its formulas are read from.
type parts struct {
	zr       *zip.Reader
	formulas map[string]bool
	size     map[string]int64
}

// checkParts checks the workbook zr within the bounds every workbook
// input is read with.
func checkParts(file string, zr *zip.Reader) (*parts, error) {
	p, err := bounds.CheckWorkbook(file, zr)
	if err != nil {
		return nil, err
	}
	return &parts{zr: zr, formulas: p.Formulas, size: p.Size}, nil
}

// xlsxBook is an opened .xlsx: excelize's view of it and the parts as
// checkParts read them.
type xlsxBook struct {
	path  string
	f     *excelize.File
	parts *parts
	rc    io.Closer // the file, which parts reads from
	// uncomputed caches parts.uncomputed by part.
	uncomputed map[string]map[int64][]int
}

// openWorkbook opens a workbook from rc after checking its parts
// (checkParts). A file on disk is opened by name so that excelize need not
// copy it into memory first. The workbook closes rc.
func openWorkbook(in Input, rc io.ReadCloser, r io.Reader) (*xlsxBook, error) {
	wb := &xlsxBook{path: in.Path, rc: rc, uncomputed: map[string]map[int64][]int{}}
	osf, onDisk := rc.(*os.File)
	var zr *zip.Reader
	var data []byte
	var err error
	if onDisk {
		var st os.FileInfo
		if st, err = osf.Stat(); err == nil {
			zr, err = zip.NewReader(osf, st.Size())
		}
	} else if data, err = io.ReadAll(r); err == nil {
		zr, err = zip.NewReader(bytes.NewReader(data), int64(len(data)))
	}
	if err != nil {
		rc.Close()
		return nil, workbookError(in.Path, err)
	}
	if wb.parts, err = checkParts(in.Path, zr); err != nil {
		rc.Close()
		return nil, err
	}
	if onDisk {
		wb.f, err = excelize.OpenFile(osf.Name(), workbookOptions(in.TempDir))
	} else {
		wb.f, err = excelize.OpenReader(bytes.NewReader(data), workbookOptions(in.TempDir))
	}
	if err != nil {
		rc.Close()
		return nil, workbookError(in.Path, err)
	}
	return wb, nil
}

func (wb *xlsxBook) close() error {
	err := wb.f.Close()
	if cerr := wb.rc.Close(); err == nil {
		err = cerr
	}
	return err
}

// sheetRows streams one worksheet's rows; lines are row numbers.
type sheetRows struct {
	wb    *xlsxBook
	sheet string
	rows  *excelize.Rows
	row   int64
	width int
	// uncomputed are the row's formula cells without a stored value (by
	// row, 1-based columns); calc says whether the sheet is small enough
	// to compute them.
	uncomputed map[int64][]int
	calc       bool
}

// openSheet opens a workbook and reads the header of its first sheet with
// a row that want accepts among its first headerSearch rows, or else of
// its first sheet with a row that is not blank (whose header then names
// what is missing).
func openSheet(in Input, rc io.ReadCloser, r io.Reader, want func([]string) bool) (*table, error) {
	wb, err := openWorkbook(in, rc, r)
	if err != nil {
		return nil, err
	}
	t, err := wb.findHeader(want)
	if err != nil {
		wb.close()
		return nil, err
	}
	if t == nil {
		wb.close()
		return nil, &located.Error{File: in.Path, Found: "a workbook without rows", Expected: "a sheet whose first row names the columns"}
	}
	return t, nil
}

// findHeader finds the sheet and row of the header (see openSheet); nil
// when every sheet is blank.
func (wb *xlsxBook) findHeader(want func([]string) bool) (*table, error) {
	var fallback string
	var fallbackRow int64
	for _, name := range wb.f.GetSheetList() {
		match, first, err := wb.searchHeader(name, want)
		if err != nil {
			return nil, err
		}
		if match > 0 {
			return wb.sheetTable(name, match)
		}
		if fallback == "" && first > 0 {
			fallback, fallbackRow = name, first
		}
	}
	if fallback == "" {
		return nil, nil
	}
	return wb.sheetTable(fallback, fallbackRow)
}

// searchHeader reads the first headerSearch rows of sheet: match is the
// first that want accepts, first the first that is not blank (0: none).
func (wb *xlsxBook) searchHeader(sheet string, want func([]string) bool) (match, first int64, err error) {
	s, err := wb.openRows(sheet)
	if err != nil {
		return 0, 0, err
	}
	defer s.rows.Close()
	for s.row < headerSearch {
		rec, err := s.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, plain(err)
		}
		if blank(rec) {
			continue
		}
		if first == 0 {
			first = s.row
		}
		if want(trimAll(rec)) {
			return s.row, first, nil
		}
	}
	return 0, first, nil
}

// sheetTable opens sheet as a table whose header is row header.
func (wb *xlsxBook) sheetTable(sheet string, header int64) (*table, error) {
	s, err := wb.openRows(sheet)
	if err != nil {
		return nil, err
	}
	var rec []string
	for s.row < header {
		if rec, err = s.next(); err != nil {
			s.rows.Close()
			if err == io.EOF {
				return nil, fmt.Errorf("%s: sheet %q ended before its header row %d", wb.path, sheet, header)
			}
			return nil, plain(err)
		}
	}
	s.width = len(rec)
	t := &table{rows: s, path: wb.path, header: trimAll(rec), headerLine: s.row, comma: ','}
	t.dates.serial = true
	if p, err := wb.f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		t.dates.date1904 = *p.Date1904
	}
	return t, nil
}

// openRows starts reading sheet's rows.
func (wb *xlsxBook) openRows(sheet string) (*sheetRows, error) {
	rs, err := wb.f.Rows(sheet)
	if err != nil {
		return nil, workbookError(wb.path, err)
	}
	s := &sheetRows{wb: wb, sheet: sheet, rows: rs, uncomputed: map[int64][]int{}}
	if part := wb.parts.sheetPart(sheet); part != "" {
		u, ok := wb.uncomputed[part]
		if !ok {
			if u, err = wb.parts.uncomputed(part); err != nil {
				rs.Close()
				return nil, workbookError(wb.path, fmt.Errorf("%s: %w", part, err))
			}
			wb.uncomputed[part] = u
		}
		s.uncomputed, s.calc = u, wb.parts.size[part] <= calcSheetLimit
	}
	return s, nil
}

func (s *sheetRows) next() ([]string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, workbookError(s.wb.path, err)
		}
		return nil, io.EOF
	}
	s.row++
	rec, err := s.rows.Columns()
	if err != nil {
		return nil, workbookError(s.wb.path, err)
	}
	for _, col := range s.uncomputed[s.row] {
		for len(rec) < col {
			rec = append(rec, "")
		}
		if rec[col-1], err = s.compute(col, rec); err != nil {
			return nil, err
		}
	}
	if s.width > 0 {
		for i := s.width; i < len(rec); i++ {
			if rec[i] != "" {
				return nil, &rowError{&located.Error{File: s.wb.path, Line: s.row, Column: int64(i + 1),
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

// compute gives the value of a formula cell that has none stored, as a
// spreadsheet would show it; a formula excelize cannot compute (a function
// it lacks, a reference to another workbook, an error value such as
// #DIV/0!) is an error naming the sheet and cell, never an empty value.
func (s *sheetRows) compute(col int, rec []string) (string, error) {
	ref, err := excelize.CoordinatesToCellName(col, int(s.row))
	if err != nil {
		return "", workbookError(s.wb.path, err)
	}
	bad := func(found string) error {
		return &rowError{&located.Error{File: s.wb.path, Line: s.row, Column: int64(col),
			Found:    fmt.Sprintf("sheet %q cell %s: %s", s.sheet, ref, found),
			Expected: "a stored value (open and save the workbook in Excel or LibreOffice, which store each formula's value)",
			Raw:      renderText(rec, ',')}}
	}
	if !s.calc {
		return "", bad(fmt.Sprintf("a formula without a stored value, in a sheet too large to compute it in (over %d MiB of XML)", calcSheetLimit>>20))
	}
	formula, _ := s.wb.f.GetCellFormula(s.sheet, ref)
	v, err := s.wb.f.CalcCellValue(s.sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		return "", bad(fmt.Sprintf("a formula without a stored value, =%s, that cannot be computed here (%v)", cutText(formula), err))
	}
	return v, nil
}

func (s *sheetRows) line() int64   { return s.row }
func (s *sheetRows) pos(int) int64 { return s.row }
func (s *sheetRows) close() error {
	s.rows.Close()
	return s.wb.close()
}
