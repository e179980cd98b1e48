// Package ingest finds the files of each source, recognises them by content,
// and reads them into the raw tables through a Sink, collecting the evidence
// an auditor needs about each file (hash, size, rows).
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/internal/crash"
	"github.com/review-tool/review/internal/digest"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/product"
	"github.com/review-tool/review/schema"
)

// Options say what to read.
type Options struct {
	// Sources are the positional arguments: PATH or NAME=PATH.
	Sources []string
	// Roster and Licenses are the --roster and --licenses files, if given.
	Roster   string
	Licenses string
	// Products are --product NAME=pra|rs overrides, by source name.
	Products map[string]string
	// SkipUnknown turns a file recognised as nothing into a warning.
	SkipUnknown bool
	// Progress, if set, is told about each file once it is read. It may be
	// called from several goroutines.
	Progress func(path string)
	// Lenient keeps bad rows out instead of stopping at the first: each is
	// listed in Manifest.Issues and counted on its file (docs/inputs.md §7).
	// Problems of a whole file stop the read either way.
	Lenient bool
	// TempDir is where readers may put temporary files ("" for the
	// system's temporary folder).
	TempDir string
	// Workers is how many files are read at once (default 2). Each worker
	// gets its own sink from the factory, so sinks need not be safe for
	// concurrent use.
	Workers int
	// Encodings are --encoding: how to read files without a byte order
	// mark, by file (its base name or its path as given); the key "" is
	// for every table file. JSON exports, which the API writes as UTF-8,
	// are read otherwise only when named.
	Encodings map[string]textio.Encoding
	// DateOrders are --date-order: how table files write NN/NN/YYYY dates,
	// keyed as Encodings; month first (cells.MDY) when not given.
	DateOrders map[string]cells.DateOrder
	// Complete are --complete: Configuration API exports (by base name or
	// path as given) the user declares whole, though they hold a whole
	// number of full pages (CheckPages).
	Complete []string
}

// SinkFactory returns a new sink and the function that flushes and closes it.
type SinkFactory func() (schema.Sink, func() error, error)

// UsageError is a problem with the arguments rather than with a file.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// InputError marks the error as the user's to fix (internal/inputerr).
func (e *UsageError) InputError() bool { return true }

// file is one input file waiting to be read.
type file struct {
	entry
	source  *model.Source // nil for roster and license files
	kind    schema.Kind
	reader  reader.Reader
	tempDir string // Options.TempDir
	// encoding and dateOrder are what the user stated for the file
	// (applyStated).
	encoding  textio.Encoding
	dateOrder cells.DateOrder
}

// fixedFormat says the file's reader fixes its text and dates
// (reader.FixedFormat): JSON.
func (f *file) fixedFormat() bool {
	_, ok := f.reader.(reader.FixedFormat)
	return ok
}

// Load reads every input into the sinks newSink makes.
func Load(ctx context.Context, opts Options, newSink SinkFactory) (*model.Manifest, error) {
	m := &model.Manifest{}
	var files []*file
	var rosters, licenses []entry
	for i, p := range []string{opts.Roster, opts.Licenses} {
		if p == "" {
			continue
		}
		e, err := diskEntry(p)
		if err != nil {
			flag := [...]string{"--roster", "--licenses"}[i]
			return nil, &UsageError{fmt.Sprintf("%s %s: %v", flag, p, unwrapPathError(err))}
		}
		if i == 0 {
			rosters = append(rosters, e)
		} else {
			licenses = append(licenses, e)
		}
	}
	var unknowns []*UnknownFileError
	var archives []io.Closer
	defer func() {
		for _, c := range archives {
			c.Close()
		}
	}()
	names := map[string]bool{}
	for _, arg := range opts.Sources {
		src, err := parseSourceArg(arg)
		if err != nil {
			return nil, err
		}
		if names[src.Name] {
			return nil, &UsageError{fmt.Sprintf("two sources are named %q: name them with NAME=PATH", src.Name)}
		}
		names[src.Name] = true
		m.Sources = append(m.Sources, src)
		entries, closers, err := listEntries(src.Path)
		archives = append(archives, closers...)
		if err != nil {
			return nil, err
		}
		if len(closers) > 0 { // a zip
			e, err := diskEntry(src.Path)
			if err != nil {
				return nil, err
			}
			sum, n, err := hash(e)
			if err != nil {
				return nil, err
			}
			m.Archives = append(m.Archives, model.InputFile{Source: src.Name, Kind: "zip", Path: src.Path, SHA256: sum, Bytes: n})
		}
		exports, unknownHere := 0, 0
		for _, p := range entries {
			f, err := recognise(p, opts.TempDir)
			var unknown *UnknownFileError
			if errors.As(err, &unknown) {
				unknowns = append(unknowns, unknown)
				unknownHere++
				if opts.SkipUnknown {
					if err := skipFile(m, src, p, unknown); err != nil {
						return nil, err
					}
				}
				continue
			}
			if err != nil {
				return nil, err
			}
			if in := schema.InputOf(f.kind); in != nil && in.Export {
				exports++
			}
			switch f.kind {
			case schema.KindRoster:
				rosters = append(rosters, p)
			case schema.KindLicenses:
				licenses = append(licenses, p)
			default:
				f.source = src
				files = append(files, f)
			}
		}
		if exports == 0 && (unknownHere == 0 || opts.SkipUnknown) {
			return nil, noExports(src, len(entries), m.Skipped)
		}
	}
	if len(unknowns) > 0 && !opts.SkipUnknown {
		return nil, &UnknownFilesError{Files: unknowns}
	}
	for name, p := range opts.Products {
		if !names[name] {
			return nil, &UsageError{fmt.Sprintf("--product names %q, which is not a source (sources: %s)", name, strings.Join(slices.Sorted(maps.Keys(names)), ", "))}
		}
		if !product.Valid(p) {
			return nil, &UsageError{fmt.Sprintf("--product %s=%s: the product must be one of %s", name, p, strings.Join(product.Names, ", "))}
		}
	}
	if len(rosters) > 1 {
		return nil, &UsageError{"more than one roster: " + strings.Join(entryPaths(rosters), ", ")}
	}
	if len(licenses) > 1 {
		return nil, &UsageError{"more than one license file: " + strings.Join(entryPaths(licenses), ", ")}
	}
	for _, e := range rosters {
		files = append(files, &file{entry: e, kind: schema.KindRoster, reader: byKind[schema.KindRoster], tempDir: opts.TempDir})
	}
	for _, e := range licenses {
		files = append(files, &file{entry: e, kind: schema.KindLicenses, reader: byKind[schema.KindLicenses], tempDir: opts.TempDir})
	}
	m.Roster, m.Licenses = len(rosters) > 0, len(licenses) > 0
	if err := applyStated(opts, files); err != nil {
		return nil, err
	}
	complete, err := resolveComplete(opts.Complete, files)
	if err != nil {
		return nil, err
	}
	m.Complete = complete
	results, issues, err := readAll(ctx, files, opts, newSink)
	if err != nil {
		return nil, err
	}
	products := map[*model.Source]map[string]bool{}
	for i, f := range files {
		res := results[i]
		info, err := describeFile(f, res, int64(len(issues[i])))
		if err != nil {
			return nil, err
		}
		m.Files = append(m.Files, info)
		m.Issues = append(m.Issues, issues[i]...)
		m.Warnings = append(m.Warnings, res.Warnings...)
		if f.source != nil {
			for _, c := range res.Capabilities {
				f.source.Capabilities[c] = true
			}
			if res.Product != "" {
				if products[f.source] == nil {
					products[f.source] = map[string]bool{}
				}
				products[f.source][res.Product] = true
			}
		}
	}
	for _, src := range m.Sources {
		p, err := product.Settle(src.Name, products[src], opts.Products[src.Name])
		if err != nil {
			return nil, &UsageError{err.Error()}
		}
		src.Product = p
		if m.Roster {
			src.Capabilities[schema.CapRoster] = true
		}
		if m.Licenses {
			src.Capabilities[schema.CapLicenses] = true
		}
	}
	return m, nil
}

func parseSourceArg(arg string) (*model.Source, error) {
	name, path := "", arg
	if i := strings.Index(arg, "="); i > 0 {
		if _, err := os.Stat(arg); err != nil {
			name, path = arg[:i], arg[i+1:]
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, &UsageError{fmt.Sprintf("source %s: %v", arg, unwrapPathError(err))}
	}
	if name == "" {
		name = filepath.Base(filepath.Clean(path))
		if !st.IsDir() {
			name = strings.TrimSuffix(name, filepath.Ext(name))
		}
	}
	return &model.Source{Name: name, Path: path, Capabilities: map[string]bool{}}, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// UnknownFileError is a file recognised as nothing.
type UnknownFileError struct {
	Path    string
	LookFor string
}

func (e *UnknownFileError) Error() string {
	return fmt.Sprintf("%s: recognised as nothing: looked for %s", e.Path, e.LookFor)
}

// InputError marks the error as the user's to fix (internal/inputerr).
func (e *UnknownFileError) InputError() bool { return true }

// UnknownFilesError is every file of a run that was recognised as nothing:
// all are named at once, so that one run tells a user every file to fix.
type UnknownFilesError struct{ Files []*UnknownFileError }

func (e *UnknownFilesError) Error() string {
	if len(e.Files) == 1 {
		return e.Files[0].Error() + " (give --skip-unknown to read the rest and list it as skipped)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d files recognised as nothing (give --skip-unknown to read the rest and list them as skipped):", len(e.Files))
	for _, f := range e.Files {
		b.WriteString("\n  " + f.Error())
	}
	return b.String()
}

// InputError marks the error as the user's to fix (internal/inputerr).
func (e *UnknownFilesError) InputError() bool { return true }

// Unwrap lets errors.As find each file's error.
func (e *UnknownFilesError) Unwrap() []error {
	out := make([]error, len(e.Files))
	for i, f := range e.Files {
		out[i] = f
	}
	return out
}

// skip records a file --skip-unknown passes over: a warning for the console
// and a row for the Evidence sheet, with the file's hash like any input.
func skipFile(m *model.Manifest, src *model.Source, e entry, why *UnknownFileError) error {
	m.Warnings = append(m.Warnings, "skipped: "+why.Error())
	sum, n, err := hash(e)
	if err != nil {
		return err
	}
	m.Skipped = append(m.Skipped, model.InputFile{Source: src.Name, Kind: "skipped: recognised as nothing",
		Path: e.path, SHA256: sum, Bytes: n, Target: e.target})
	return nil
}

// noExports is the error of a source in which no export was recognised: a
// review of nothing must not look like a clean review.
func noExports(src *model.Source, files int, skipped []model.InputFile) error {
	what := fmt.Sprintf("%d files", files)
	switch files {
	case 0:
		what = "no files"
	case 1:
		what = "1 file"
	}
	n := 0
	for _, s := range skipped {
		if s.Source == src.Name {
			n++
		}
	}
	if n > 0 {
		what += fmt.Sprintf(", %d skipped as recognised as nothing", n)
	}
	return &UsageError{fmt.Sprintf("source %s (%s): no export recognised in it (%s): expected Configuration API JSON or a User Account Report; a review of nothing would look clean", src.Name, src.Path, what)}
}

// headSize is how much of a file every reader is shown first: a zip's
// magic and a table's header line are at its start. A reader that needs
// more reads on (reader.Head): JSON to its first object, a workbook from
// its end.
const headSize = 64 << 10

// recognise looks at a file's content, never at its extension alone: every
// reader is shown its head and the most confident wins (detect).
func recognise(e entry, tempDir string) (*file, error) {
	path := e.path
	f, err := e.open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rawHead := make([]byte, headSize)
	n, err := io.ReadFull(f, rawHead)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	rawHead = rawHead[:n]
	if n == 0 {
		return nil, &located.Error{File: path, Found: "an empty file", Expected: "an export"}
	}
	h := reader.NewHead(path, rawHead, n < headSize, f, e.open, tempDir)
	defer h.Close()
	r, k, err := detect(readers, h)
	if err != nil {
		return nil, err
	}
	return &file{entry: e, kind: k, reader: r, tempDir: tempDir}, nil
}

// readAll reads the files on several workers, largest first so that one big
// export does not finish last alone. Results are by file index; of several
// failing files, the first in file order is reported, so the message does
// not depend on timing.
func readAll(ctx context.Context, files []*file, opts Options, newSink SinkFactory) ([]*reader.Result, [][]model.IngestIssue, error) {
	workers := opts.Workers
	if workers < 1 {
		workers = 2
	}
	order := make([]int, len(files))
	sizes := make([]int64, len(files))
	for i, f := range files {
		order[i] = i
		sizes[i] = f.size
	}
	sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] > sizes[order[b]] })
	results := make([]*reader.Result, len(files))
	issues := make([][]model.IngestIssue, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var setupErr error
	for w := 0; w < workers && w < len(files); w++ {
		sink, closeSink, err := newSink()
		if err != nil {
			setupErr = err
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				var badRow func(*located.Error) error
				if opts.Lenient {
					badRow = func(e *located.Error) error {
						issues[i] = append(issues[i], issueOf(e))
						return nil
					}
				}
				start := time.Now()
				results[i], errs[i] = readSafely(ctx, files[i], i+1, sink, badRow)
				if results[i] != nil {
					slog.Debug("read", "file", files[i].path, "kind", files[i].kind, "rows", results[i].Rows,
						"elapsed", time.Since(start).Round(time.Millisecond))
				}
				if opts.Progress != nil {
					opts.Progress(files[i].path)
				}
			}
			if err := closeSink(); err != nil {
				mu.Lock()
				if setupErr == nil {
					setupErr = err
				}
				mu.Unlock()
			}
		}()
	}
	if setupErr == nil {
		for _, i := range order {
			if ctx.Err() != nil {
				// Stopped (Ctrl-C): the files not yet started are not read.
				errs[i] = ctx.Err()
				continue
			}
			next <- i
		}
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return results, issues, setupErr
}

// issueOf is the Ingest Issues row of a bad row.
func issueOf(e *located.Error) model.IngestIssue {
	return model.IngestIssue{File: e.File, Line: e.Line, Column: e.Column, Problem: e.Problem(), Raw: e.Raw}
}

// readSafely reads one file, turning a panic in a reader into an error
// that names the file: a crafted file must not take the run down with a
// stack trace, and the other workers' files are still reported in order.
func readSafely(ctx context.Context, f *file, fileID int, sink schema.Sink, badRow func(*located.Error) error) (res *reader.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, crash.Recovered("reading "+f.path, p)
		}
	}()
	return read(ctx, f, fileID, sink, badRow)
}

// read loads one file into sink, by the reader of its kind.
func read(ctx context.Context, f *file, fileID int, sink schema.Sink, badRow func(*located.Error) error) (*reader.Result, error) {
	source := ""
	if f.source != nil {
		source = f.source.Name
	}
	return f.reader.Read(ctx, reader.File{Path: f.path, Kind: f.kind, Source: source, FileID: fileID,
		Open: f.open, BadRow: badRow, TempDir: f.tempDir, Encoding: f.encoding, DateOrder: f.dateOrder}, sink)
}

// describeFile gathers a file's evidence.
func describeFile(f *file, res *reader.Result, rejected int64) (model.InputFile, error) {
	sum, n, err := hash(f.entry)
	if err != nil {
		return model.InputFile{}, err
	}
	info := model.InputFile{
		Kind: string(f.kind), Path: f.path, Target: f.target, SHA256: sum,
		Bytes: n, RowsRead: res.Rows + rejected, RowsRejected: rejected, UnknownColumns: res.UnknownColumns,
		Encoding: string(res.Encoding), DateOrder: string(res.DateOrder), AmbiguousDates: res.AmbiguousDates,
	}
	if f.source != nil {
		info.Source = f.source.Name
	}
	return info, nil
}

// hash returns the SHA-256 (hex) and size of an entry's content.
func hash(e entry) (string, int64, error) {
	fh, err := e.open()
	if err != nil {
		return "", 0, err
	}
	defer fh.Close()
	sum, n, err := digest.Reader(fh)
	if err != nil {
		return "", 0, fmt.Errorf("hash %s: %w", e.path, err)
	}
	return sum, n, nil
}

func entryPaths(es []entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.path
	}
	return out
}
