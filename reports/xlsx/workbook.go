// Package xlsx writes the workbooks: the findings workbook (workbook.go,
// its sheets in the order internal/layout declares, one file per sheet,
// the Summary's summary_*.go) and a reviewer's workbook (reviewer.go).
// Sheets stream through a sheetWriter (stream.go) with their columns sized
// from a sample (kinds.go); excelize writes each sheet's frame (columns,
// header row, table, drop-down) while review encodes the data rows itself
// (rowxml.go), and the parts are compressed into a spooled, sorted zip
// (zip.go) that splices the rows into their sheets, so that no workbook is
// held in memory and the same review gives the same bytes. The registry in reports picks it by format;
// it imports nothing of reports.
package xlsx

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/layout"
	"github.com/review-tool/review/internal/model"
)

// book is a workbook being written.
type book struct {
	f  *excelize.File
	zs *sortedZip
	st *styles
	r  *model.Review
	// byFamily holds the findings of each family sheet, in review order.
	byFamily map[string][]*model.Finding
	accounts int64
	people   int64
	// licStyles are the License True-Up's money and date styles, made as
	// the currencies come (licenses.go).
	licStyles map[string]int
}

// Write writes the findings workbook of r to out. The same review gives a
// byte-identical file. Large sheets and the compressed parts are spooled
// to tempDir ("" for the system's temporary folder): the workbook is never
// held in memory.
func Write(out io.Writer, r *model.Review, tempDir string) error {
	if r == nil {
		return errors.New("workbook: no review")
	}
	accounts, err := accountTotal(r)
	if err != nil {
		return err
	}
	people, err := peopleTotal(r)
	if err != nil {
		return err
	}
	b, zs, err := newBook(r, tempDir)
	if err != nil {
		return err
	}
	defer b.close(zs)
	f := b.f
	b.byFamily, b.accounts, b.people = map[string][]*model.Finding{}, accounts, people
	for i := range r.Findings {
		fd := &r.Findings[i]
		b.byFamily[fd.Family] = append(b.byFamily[fd.Family], fd)
	}
	jobs := b.sheetJobs()
	if err := b.createSheets(jobs); err != nil {
		return err
	}
	if err := b.writeSummary(); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	start := time.Now()
	if err := b.writeSheets(jobs); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	slog.Debug("workbook", "step", "sheets", "elapsed", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	if err := b.setDocProps(); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	if _, err := f.WriteToBuffer(); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	slog.Debug("workbook", "step", "parts compressed", "elapsed", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	defer func() {
		slog.Debug("workbook", "step", "zip written", "elapsed", time.Since(start).Round(time.Millisecond))
	}()
	return zs.writeTo(out)
}

// newBook starts a workbook of r with the project's styles. The zip writer
// excelize is given ignores excelize's in-memory buffer: parts are
// compressed into a spool file as they come and written out, sorted, by
// zs.writeTo once excelize is done. The zip is never held in memory.
func newBook(r *model.Review, tempDir string) (*book, *sortedZip, error) {
	f := excelize.NewFile(excelize.Options{TmpDir: tempDir})
	zs := newSortedZip(tempDir)
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zs })
	st, err := newStyles(f)
	if err != nil {
		_ = f.Close()
		zs.remove()
		return nil, nil, err
	}
	return &book{f: f, zs: zs, st: st, r: r}, zs, nil
}

// close lets go of the workbook and its spool file.
func (b *book) close(zs *sortedZip) {
	_ = b.f.Close()
	zs.remove()
}

// sheetJob is one streamed sheet to write: its layout, how many data rows it
// gets, and the function that adds them.
type sheetJob struct {
	spec *sheetSpec
	rows int64
	fill func(w *sheetWriter) error
}

// sheetJobs are the streamed sheets in workbook order (layout.Sheets),
// after the Summary, which is written on its own: those the review has.
func (b *book) sheetJobs() []sheetJob {
	// Made first, in this order: the License True-Up makes its styles as
	// the currencies come, and a workbook's styles are numbered as made.
	licenses := b.licenseRows()
	evidence := b.evidenceRows()
	content := layout.ContentOf(b.r)
	var jobs []sheetJob
	for _, s := range layout.Sheets {
		if s.Name == layout.SheetSummary || !content.Has(s) {
			continue
		}
		jobs = append(jobs, b.sheetJob(s, licenses, evidence))
	}
	return jobs
}

// sheetJob is the job of sheet s; licenses and evidence are the rows of
// the License True-Up and Evidence sheets.
func (b *book) sheetJob(s layout.Sheet, licenses, evidence [][]any) sheetJob {
	if s.Family != "" {
		if len(b.byFamily[s.Family]) == 0 {
			return b.emptyFamilyJob(s)
		}
		return sheetJob{familySpec(s.Family, s.Name), int64(len(b.byFamily[s.Family])),
			func(w *sheetWriter) error { return b.fillFamily(w, s.Family) }}
	}
	switch s.Name {
	case layout.SheetFindings:
		return sheetJob{findingsSpec(b.r.Previous != nil), int64(len(b.r.Findings)), b.fillFindings}
	case layout.SheetLicenses:
		return sheetJob{&licensesSpec, int64(len(licenses)), fillRows(licenses)}
	case layout.SheetAccounts:
		return sheetJob{&accountsSpec, b.accounts, b.fillAccounts}
	case layout.SheetGroupPolicies:
		return sheetJob{&groupPoliciesSpec, int64(len(b.r.GroupPolicies)), b.fillGroupPolicies}
	case layout.SheetJumpReach:
		return sheetJob{&jumpReachSpec, int64(len(b.r.JumpItems)), b.fillJumpReach}
	case layout.SheetRules:
		return sheetJob{&rulesSpec, int64(len(b.r.Rules)), b.fillRules}
	case layout.SheetExceptions:
		return sheetJob{&exceptionsSpec, int64(len(b.r.Exceptions)), fillExceptions(b.r.Exceptions)}
	case layout.SheetResolved:
		return sheetJob{&resolvedSpec, int64(len(b.r.Resolved)), b.fillResolved}
	case layout.SheetAccessChanges:
		return b.accessChangesJob()
	case layout.SheetSessions:
		return b.sessionsJob()
	case layout.SheetPeople:
		return sheetJob{&peopleSpec, b.people, b.fillPeople}
	case layout.SheetControls:
		controls := controlRows(b.r)
		return sheetJob{&controlsSpec, int64(len(controls)), fillRows(controls)}
	case layout.SheetEvidence:
		return sheetJob{&evidenceSpec, int64(len(evidence)), fillRows(evidence)}
	case layout.SheetIngestIssues:
		return sheetJob{&issuesSpec, int64(len(b.r.IngestIssues)), fillIssues(b.r.IngestIssues)}
	}
	panic("reports/xlsx: no sheet " + s.Name) // a sheet added to the layout and not here
}

// fillRows adds rows prepared in memory (small sheets).
func fillRows(rows [][]any) func(w *sheetWriter) error {
	return func(w *sheetWriter) error {
		for _, row := range rows {
			if err := w.Add(row...); err != nil {
				return err
			}
		}
		return nil
	}
}

// createSheets creates every sheet, in workbook order, before any is
// written: continuation sheets must sit right after the sheet they continue.
func (b *book) createSheets(jobs []sheetJob) error {
	if err := b.f.SetSheetName(b.f.GetSheetName(0), layout.SheetSummary); err != nil {
		return err
	}
	for _, job := range jobs {
		for _, name := range job.spec.sheetNames(job.rows) {
			if _, err := b.f.NewSheet(name); err != nil {
				return fmt.Errorf("sheet %s: %w", name, err)
			}
		}
	}
	// The page setup lives on each sheet before its stream writer opens it.
	if err := b.printSetup(layout.SheetSummary, summaryPlan); err != nil {
		return err
	}
	for _, job := range jobs {
		plan := tablePlan(job.spec)
		for _, name := range job.spec.sheetNames(job.rows) {
			if err := b.printSetup(name, plan); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeSheet streams one sheet (and its continuation sheets).
func (b *book) writeSheet(job sheetJob, fileMu *sync.Mutex, beforeClose func()) error {
	w, err := newSheetWriter(b.f, b.zs, fileMu, b.st, job.spec, job.rows)
	if err != nil {
		return err
	}
	w.beforeClose = beforeClose
	start := time.Now()
	if err := job.fill(w); err != nil {
		return err
	}
	slog.Debug("workbook", "sheet", job.spec.Name, "rows", job.rows, "elapsed", time.Since(start).Round(time.Millisecond))
	return w.Close()
}

// setDocProps fixes the document properties: excelize's defaults name its
// author, and a wall-clock time would make every file differ.
func (b *book) setDocProps() error {
	props := &excelize.DocProperties{
		Title:          "Access review findings",
		Subject:        "BeyondTrust access review",
		Creator:        "review",
		LastModifiedBy: "review",
		Version:        b.r.Tool.Review,
	}
	if b.r.AsOf != "" {
		props.Subject += " as of " + b.r.AsOf
		if _, err := time.Parse(time.DateOnly, b.r.AsOf); err == nil {
			props.Created = b.r.AsOf + "T00:00:00Z"
			props.Modified = props.Created
		}
	}
	return b.f.SetDocProps(props)
}
