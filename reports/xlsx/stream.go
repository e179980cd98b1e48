package xlsx

import (
	"fmt"
	"slices"
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/xlsxprint"
)

// maxDataRows is how many rows under its header one sheet holds before the
// rest continues on "Name (2)", "Name (3)", …: Excel's 1,048,576 rows less the
// header. A variable so that tests can lower it.
var maxDataRows int64 = excelize.TotalRows - 1

// sheetSpec describes a streamed sheet: a header row, then data rows.
type sheetSpec struct {
	Name    string
	Columns []column
	// Table names the Excel table over header and rows ("" for none);
	// continuation sheets use Table_2, Table_3, …
	Table string
	// Decision adds the Decision drop-down to the column headed "Decision".
	Decision bool
	// Kinds gives the kind of the columns that are not plain text, by
	// header.
	Kinds map[string]cellKind
	// Hidden are the headers of columns that are hidden (a reviewer's
	// Fingerprint).
	Hidden []string
	// Footer is a line under the last sheet's table, after a blank row:
	// what the sheet does not list and where it is ("" for none).
	Footer string
}

// parts is how many sheets rows data rows take.
func parts(rows int64) int {
	if rows <= maxDataRows {
		return 1
	}
	return int((rows + maxDataRows - 1) / maxDataRows)
}

// sheetNames are the names of the sheets rows data rows take.
func (s *sheetSpec) sheetNames(rows int64) []string {
	names := make([]string, parts(rows))
	for i := range names {
		names[i] = layout.PartName(s.Name, i+1)
	}
	return names
}

// note is a line of text on a sheet, in place of rows (a family sheet
// without findings) or under its table (its Footer): written over the
// columns one printed page holds, merged and wrapped, its row as tall as
// the text, so that on paper it neither runs off across pages nor is cut.
type note string

// sheetWriter streams the rows of one sheetSpec, starting a continuation
// sheet whenever one is full. excelize's StreamWriter writes what comes
// before and after the rows (columns, panes, the header row, the table, the
// drop-down); the data rows and the footer are encoded by a rowEncoder
// (rowxml.go) into a rowSpool, which the sortedZip splices into the sheet's
// part (zip.go). The sheets must exist already (the workbook creates every
// sheet first, to fix their order) and the number of rows must be known up
// front: a sheet's <dimension> is written before its rows.
// The first sampleRows rows are held back until the column widths, which
// come before any row in the file, are measured over them.
type sheetWriter struct {
	f     *excelize.File
	zs    *sortedZip
	st    *styles
	spec  *sheetSpec
	total int64 // data rows announced
	done  int64 // data rows written

	// fileMu guards the workbook while sheets are written concurrently:
	// rows go to each sheet's own stream, but opening and closing a sheet
	// change the workbook.
	fileMu *sync.Mutex
	// beforeClose, when set, is called before a sheet is closed; a sheet
	// written beside others waits there for its turn, so tables are
	// numbered in workbook order and the file stays the same run to run.
	beforeClose func()

	part    int
	sw      *excelize.StreamWriter
	rows    *rowSpool   // the current sheet's data rows
	enc     *rowEncoder // nil until the layout is known
	inPart  int64       // data rows given for the current sheet
	planned int64       // data rows the current sheet will hold

	layout *columnLayout // nil until the sample is measured
	sample [][]any       // the rows held back until then
}

func newSheetWriter(f *excelize.File, zs *sortedZip, fileMu *sync.Mutex, st *styles, spec *sheetSpec, total int64) (*sheetWriter, error) {
	w := &sheetWriter{f: f, zs: zs, fileMu: fileMu, st: st, spec: spec, total: total}
	return w, w.openPart(1)
}

func (w *sheetWriter) sheetName() string { return layout.PartName(w.spec.Name, w.part) }

func (w *sheetWriter) openPart(part int) error {
	w.fileMu.Lock()
	defer w.fileMu.Unlock()
	w.part, w.inPart = part, 0
	w.planned = min(maxDataRows, w.total-int64(part-1)*maxDataRows)
	if w.planned < 0 {
		w.planned = 0
	}
	name := w.sheetName()
	last, err := excelize.ColumnNumberToName(len(w.spec.Columns))
	if err != nil {
		return err
	}
	lastRow := w.planned + 1
	if w.spec.Footer != "" && int64(part)*maxDataRows >= w.total {
		lastRow += 2
	}
	if err := w.f.SetSheetDimension(name, fmt.Sprintf("A1:%s%d", last, lastRow)); err != nil {
		return fmt.Errorf("sheet %s: %w", name, err)
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", name, err)
	}
	w.sw = sw
	if !rowsByExcelize {
		if w.rows, err = w.zs.newRows(sheetPart(sw.SheetID)); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	if w.layout != nil {
		return w.begin()
	}
	return nil
}

// begin writes what comes before a sheet's rows, once the layout is known:
// column widths and styles, the frozen header.
func (w *sheetWriter) begin() error {
	sw, l := w.sw, w.layout
	colStyles := make([]int, len(w.spec.Columns))
	// Last column first: excelize puts each new <col> before the earlier
	// ones, and Excel wants them in ascending order.
	for i := len(w.spec.Columns) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, l.widths[i]); err != nil {
			return err
		}
		if slices.Contains(w.spec.Hidden, w.spec.Columns[i].Header) {
			if err := sw.SetColVisible(i+1, i+1, false); err != nil {
				return err
			}
		}
		top := 0
		if l.wraps {
			top = 1
		}
		if style := w.st.column[l.kinds[i]][top]; style != 0 {
			// Every cell of the column without a style of its own takes
			// this one: its number format, its wrapping.
			if err := sw.SetColStyle(i+1, i+1, style); err != nil {
				return err
			}
			colStyles[i] = style
		}
	}
	// excelize gives a cell without a style of its own its column's
	// style in the s attribute; the rows encoded here do the same.
	w.enc = newRowEncoder(colStyles)
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	header := make([]any, len(w.spec.Columns))
	for i, c := range w.spec.Columns {
		style := w.st.header
		if l.kinds[i].numeric() {
			style = w.st.headerRight
		}
		header[i] = styled(text(c.Header), style)
	}
	return sw.SetRow("A1", header)
}

// measure sizes the columns over the rows held back, then writes them.
func (w *sheetWriter) measure() error {
	w.layout = newLayout(w.spec, w.sample)
	w.fileMu.Lock() // setting a column's style reads the workbook's styles
	err := w.begin()
	w.fileMu.Unlock()
	if err != nil {
		return err
	}
	for i, row := range w.sample {
		if err := w.write(int64(i)+1, row); err != nil {
			return err
		}
	}
	w.sample = nil
	return nil
}

// write writes the n-th data row of the current sheet.
func (w *sheetWriter) write(n int64, values []any) error {
	if len(values) == 1 {
		if s, ok := values[0].(note); ok {
			return w.writeNote(n+1, s)
		}
	}
	return w.writeRow(n+1, values, w.layout.rowHeight(values))
}

// rowsByExcelize hands the rows to excelize's StreamWriter.SetRow instead,
// as review did before the rowEncoder: the tests write a workbook both ways
// and compare them part by part.
var rowsByExcelize = false

// writeRow encodes sheet row r (1 is the header) into the sheet's rows.
func (w *sheetWriter) writeRow(r int64, values []any, height float64) error {
	var err error
	if rowsByExcelize {
		cell, _ := excelize.CoordinatesToCellName(1, int(r))
		if height > 0 {
			err = w.sw.SetRow(cell, values, excelize.RowOpts{Height: height})
		} else {
			err = w.sw.SetRow(cell, values)
		}
	} else {
		var buf []byte
		buf, err = w.enc.appendRow(w.rows.input(), r, values, height)
		if err == nil {
			err = w.rows.commit(buf)
		}
	}
	if err != nil {
		return fmt.Errorf("sheet %s row %d: %w", w.sheetName(), r, err)
	}
	return nil
}

// writeNote writes a note on row row.
func (w *sheetWriter) writeNote(row int64, s note) error {
	page := xlsxprint.Plan{}.PageWidth() // a table's, at xlsxprint.Scale
	cols, width, used := 0, 0.0, 0.0
	for i, wd := range w.layout.widths {
		used += xlsxprint.ColumnPoints(wd)
		if i > 0 && used > page {
			break
		}
		cols, width = i+1, width+wd
	}
	height := xlsxprint.RowHeight([]string{string(s)}, []float64{width})
	if err := w.writeRow(row, []any{styled(cellText(string(s)), w.st.column[kindWrap][1])}, height); err != nil {
		return err
	}
	if cols > 1 {
		first, _ := excelize.CoordinatesToCellName(1, int(row))
		last, _ := excelize.CoordinatesToCellName(cols, int(row))
		// The merge is the frame's, which excelize writes after the rows.
		if err := w.sw.MergeCell(first, last); err != nil {
			return fmt.Errorf("sheet %s row %d: %w", w.sheetName(), row, err)
		}
	}
	return nil
}

// Add writes one data row.
func (w *sheetWriter) Add(values ...any) error {
	if w.inPart == w.planned {
		if w.done >= w.total {
			return fmt.Errorf("sheet %s: more than the %d rows announced", w.spec.Name, w.total)
		}
		if err := w.closePart(); err != nil {
			return err
		}
		if err := w.openPart(w.part + 1); err != nil {
			return err
		}
	}
	w.inPart++
	w.done++
	if w.layout == nil {
		w.sample = append(w.sample, values)
		if len(w.sample) == sampleRows {
			return w.measure()
		}
		return nil
	}
	return w.write(w.inPart, values)
}

// closePart adds the table and the drop-down to the current sheet and ends it.
func (w *sheetWriter) closePart() error {
	if w.layout == nil {
		if err := w.measure(); err != nil {
			return err
		}
	}
	// The rows are compressed before the sheet waits for its turn.
	if w.rows != nil {
		if err := w.rows.finish(); err != nil {
			return fmt.Errorf("sheet %s: %w", w.sheetName(), err)
		}
	}
	if w.beforeClose != nil {
		w.beforeClose()
	}
	w.fileMu.Lock()
	defer w.fileMu.Unlock()
	name := w.sheetName()
	last, _ := excelize.ColumnNumberToName(len(w.spec.Columns))
	lastRow := w.inPart + 1
	if w.spec.Table != "" && w.inPart > 0 {
		table := w.spec.Table
		if w.part > 1 {
			table = fmt.Sprintf("%s_%d", table, w.part)
		}
		if err := w.sw.AddTable(&excelize.Table{
			Range: fmt.Sprintf("A1:%s%d", last, lastRow), Name: table, StyleName: layout.TableStyle,
		}); err != nil {
			return fmt.Errorf("sheet %s: table: %w", name, err)
		}
	}
	if i := columnIndex(w.spec.Columns, layout.FindingsDecision); w.spec.Decision && i >= 0 && w.inPart > 0 {
		col, _ := excelize.ColumnNumberToName(i + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, lastRow)
		if err := dv.SetDropList(decisions); err != nil {
			return err
		}
		if err := w.f.AddDataValidation(name, dv); err != nil {
			return fmt.Errorf("sheet %s: drop-down: %w", name, err)
		}
	}
	if err := w.sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", name, err)
	}
	w.sw = nil
	return nil
}

// Close ends the last sheet and checks that every announced row came.
func (w *sheetWriter) Close() error {
	if w.sw == nil {
		return nil
	}
	if w.spec.Footer != "" {
		if w.layout == nil {
			if err := w.measure(); err != nil {
				return err
			}
		}
		if err := w.writeNote(w.inPart+3, note(w.spec.Footer)); err != nil {
			return err
		}
	}
	if err := w.closePart(); err != nil {
		return err
	}
	if w.done != w.total {
		return fmt.Errorf("sheet %s: %d rows written, %d announced", w.spec.Name, w.done, w.total)
	}
	return nil
}
