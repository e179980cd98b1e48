// Package ingest finds the files of each source, recognises them by content,
// and reads them into the raw tables through a Sink, collecting the evidence
// an auditor needs about each file (hash, size, rows).
package ingest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/review-tool/review/ingest/configapi"
	"github.com/review-tool/review/ingest/raw"
	"github.com/review-tool/review/ingest/tabular"
	"github.com/review-tool/review/internal/model"
)

// Products a source can be.
var Products = []string{"pra", "rs", "password-safe"}

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
	// listed in Manifest.Issues and counted on its file (inputs.md §7).
	// Problems of a whole file stop the read either way.
	Lenient bool
	// TempDir is where readers may put temporary files ("" for the
	// system's temporary folder).
	TempDir string
	// Workers is how many files are read at once (default 2). Each worker
	// gets its own sink from the factory, so sinks need not be safe for
	// concurrent use.
	Workers int
}

// SinkFactory returns a new sink and the function that flushes and closes it.
type SinkFactory func() (raw.Sink, func() error, error)

// Source is one BeyondTrust site of one product.
type Source struct {
	Name    string
	Path    string
	Product string
	// Capabilities are the kinds and fields the source's files gave
	// (docs/facts.md); roster and licenses are added for every source.
	Capabilities map[string]bool
}

// Manifest is what was read.
type Manifest struct {
	Sources  []*Source
	Files    []model.InputFile
	Roster   bool
	Licenses bool
	Warnings []string
	// Issues are the rows a lenient read kept out, by file, then line.
	Issues []model.IngestIssue
	// Archives are the zips sources were given as, for the Evidence sheet
	// (their entries are in Files).
	Archives []model.InputFile
}

// UsageError is a problem with the arguments rather than with a file.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// file is one input file waiting to be read.
type file struct {
	entry
	source  *Source // nil for roster and license files
	kind    raw.Kind
	json    bool
	tempDir string // Options.TempDir
}

// Load reads every input into the sinks newSink makes.
func Load(opts Options, newSink SinkFactory) (*Manifest, error) {
	m := &Manifest{}
	var files []*file
	var rosters, licenses []entry
	for _, p := range []string{opts.Roster, opts.Licenses} {
		if p == "" {
			continue
		}
		e, err := diskEntry(p)
		if err != nil {
			return nil, &UsageError{fmt.Sprintf("%s: %v", p, unwrapPathError(err))}
		}
		if p == opts.Roster {
			rosters = append(rosters, e)
		} else {
			licenses = append(licenses, e)
		}
	}
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
		for _, p := range entries {
			f, err := recognise(p, opts.TempDir)
			var unknown *UnknownFileError
			if errors.As(err, &unknown) && opts.SkipUnknown {
				m.Warnings = append(m.Warnings, "skipped: "+err.Error())
				continue
			}
			if err != nil {
				return nil, err
			}
			switch f.kind {
			case raw.KindRoster:
				rosters = append(rosters, p)
			case raw.KindLicenses:
				licenses = append(licenses, p)
			default:
				f.source = src
				files = append(files, f)
			}
		}
	}
	for name, product := range opts.Products {
		if !names[name] {
			return nil, &UsageError{fmt.Sprintf("--product names %q, which is not a source (sources: %s)", name, strings.Join(sortedKeys(names), ", "))}
		}
		if !validProduct(product) {
			return nil, &UsageError{fmt.Sprintf("--product %s=%s: the product must be one of %s", name, product, strings.Join(Products, ", "))}
		}
	}
	if len(rosters) > 1 {
		return nil, &UsageError{"more than one roster: " + strings.Join(entryPaths(rosters), ", ")}
	}
	if len(licenses) > 1 {
		return nil, &UsageError{"more than one license file: " + strings.Join(entryPaths(licenses), ", ")}
	}
	for _, e := range rosters {
		files = append(files, &file{entry: e, kind: raw.KindRoster, tempDir: opts.TempDir})
	}
	for _, e := range licenses {
		files = append(files, &file{entry: e, kind: raw.KindLicenses, tempDir: opts.TempDir})
	}
	m.Roster, m.Licenses = len(rosters) > 0, len(licenses) > 0
	results, issues, err := readAll(files, opts, newSink)
	if err != nil {
		return nil, err
	}
	products := map[*Source]map[string]bool{}
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
		if err := settleProduct(src, products[src], opts.Products[src.Name]); err != nil {
			return nil, err
		}
		if m.Roster {
			src.Capabilities["roster"] = true
		}
		if m.Licenses {
			src.Capabilities["licenses"] = true
		}
	}
	return m, nil
}

func validProduct(p string) bool {
	for _, v := range Products {
		if p == v {
			return true
		}
	}
	return false
}

// settleProduct sets a source's product: --product wins, else what the data
// says; data that says two products is an error.
func settleProduct(src *Source, seen map[string]bool, given string) error {
	if given != "" {
		src.Product = given
		return nil
	}
	switch len(seen) {
	case 1:
		for p := range seen {
			src.Product = p
		}
		return nil
	case 0:
		return &UsageError{fmt.Sprintf("cannot tell the product of source %q from its files (no perm_access_allowed, perm_support_allowed or Private Display Name): give --product %s=pra or --product %s=rs", src.Name, src.Name, src.Name)}
	}
	return &UsageError{fmt.Sprintf("source %q mixes products (%s): put each site in its own source, or give --product %s=…", src.Name, strings.Join(sortedKeys(seen), " and "), src.Name)}
}

func parseSourceArg(arg string) (*Source, error) {
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
	return &Source{Name: name, Path: path, Capabilities: map[string]bool{}}, nil
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

const headSize = 64 << 10

// recognise looks at a file's first bytes: JSON is a Configuration API
// export, XML the license usage report, anything else a table.
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
		return nil, &raw.Error{File: path, Found: "an empty file", Expected: "an export"}
	}
	if bytes.HasPrefix(rawHead, []byte("PK")) {
		k := tabular.Detect(path, rawHead)
		if k == raw.KindUnknown && n == headSize {
			// A workbook is read from its end: its sheets are not in the head.
			if k, err = tabular.DetectWorkbook(tabular.Input{Path: path, Open: e.open, TempDir: tempDir}); err != nil {
				return nil, err
			}
		}
		if k == raw.KindUnknown {
			return nil, &UnknownFileError{path, "a User Account Report, roster or license sheet in the workbook"}
		}
		return &file{entry: e, kind: k, tempDir: tempDir}, nil
	}
	text, _, err := raw.DecodeText(bytes.NewReader(rawHead))
	if err != nil {
		return nil, err
	}
	head, _ := io.ReadAll(text) // a cut rune at the end is fine here
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{'):
		k, lookFor := configapi.Detect(path, head)
		if k == raw.KindUnknown {
			return nil, &UnknownFileError{path, lookFor}
		}
		return &file{entry: e, kind: k, json: true}, nil
	case bytes.HasPrefix(trimmed, []byte("<")):
		if bytes.Contains(head, []byte("license_usage")) {
			return &file{entry: e, kind: raw.KindLicenseUsage}, nil
		}
		return nil, &UnknownFileError{path, "a Remote Support LicenseUsage report (<license_usage>)"}
	}
	k := tabular.Detect(path, rawHead)
	if k == raw.KindUnknown {
		return nil, &UnknownFileError{path, "a JSON export, or a table with a username column (User Account Report), an email and status column (roster) or product and purchased columns (licenses)"}
	}
	return &file{entry: e, kind: k, tempDir: tempDir}, nil
}

// readAll reads the files on several workers, largest first so that one big
// export does not finish last alone. Results are by file index; of several
// failing files, the first in file order is reported, so the message does
// not depend on timing.
func readAll(files []*file, opts Options, newSink SinkFactory) ([]*raw.Result, [][]model.IngestIssue, error) {
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
	results := make([]*raw.Result, len(files))
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
				var badRow func(*raw.Error) error
				if opts.Lenient {
					badRow = func(e *raw.Error) error {
						issues[i] = append(issues[i], issueOf(e))
						return nil
					}
				}
				start := time.Now()
				results[i], errs[i] = readSafely(files[i], i+1, sink, badRow)
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
func issueOf(e *raw.Error) model.IngestIssue {
	return model.IngestIssue{File: e.File, Line: e.Line, Column: e.Column, Problem: e.Problem(), Raw: e.Raw}
}

// readSafely reads one file, turning a panic in a reader into an error
// that names the file: a crafted file must not take the run down with a
// stack trace, and the other workers' files are still reported in order.
func readSafely(f *file, fileID int, sink raw.Sink, badRow func(*raw.Error) error) (res *raw.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, &InternalError{Err: fmt.Errorf("reading %s: %v", f.path, p), Stack: debug.Stack()}
		}
	}()
	return read(f, fileID, sink, badRow)
}

// InternalError is a bug met while reading (a panic), not a bad file.
type InternalError struct {
	Err   error
	Stack []byte
}

func (e *InternalError) Error() string { return "internal error: " + e.Err.Error() }

// read loads one file into sink.
func read(f *file, fileID int, sink raw.Sink, badRow func(*raw.Error) error) (*raw.Result, error) {
	source := ""
	if f.source != nil {
		source = f.source.Name
	}
	if f.kind == raw.KindLicenseUsage {
		// Kept as evidence (hash, size); peak usage is not analysed yet.
		return &raw.Result{Kind: f.kind}, nil
	}
	if !f.json {
		in := tabular.Input{Path: f.path, Source: source, FileID: fileID,
			Open: f.open, BadRow: badRow, TempDir: f.tempDir}
		return tabular.Read(f.kind, in, sink)
	}
	fh, err := f.open()
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	text, _, err := raw.DecodeText(bufio.NewReaderSize(fh, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.path, err)
	}
	return configapi.Read(f.kind, configapi.Input{Path: f.path, Source: source, FileID: fileID, BadRow: badRow}, text, sink)
}

// describeFile gathers a file's evidence.
func describeFile(f *file, res *raw.Result, rejected int64) (model.InputFile, error) {
	sum, n, err := hash(f.entry)
	if err != nil {
		return model.InputFile{}, err
	}
	info := model.InputFile{
		Kind: string(f.kind), Path: f.path, SHA256: sum,
		Bytes: n, RowsRead: res.Rows + rejected, RowsRejected: rejected, UnknownColumns: res.UnknownColumns,
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
	h := sha256.New()
	n, err := io.Copy(h, fh)
	if err != nil {
		return "", 0, fmt.Errorf("hash %s: %w", e.path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func entryPaths(es []entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.path
	}
	return out
}
