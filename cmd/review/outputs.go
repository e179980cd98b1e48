package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/review-tool/review/internal/db"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/reports"
)

// output is one file a run writes, named by its flag.
type output struct {
	flag string
	path string
	// given says the flag was on the command line (an empty value is a
	// mistake, not "not asked for").
	given bool
	// exts are the extensions accepted, the usual one first; format names
	// what the file holds, for the message when the extension is wrong.
	exts   []string
	format string
	// stdout says "-" (standard output) is allowed.
	stdout bool
	// writer is the reports writer's format name ("" for the database,
	// which the pipeline writes).
	writer string
}

// outputFiles are the outputs of the run, the workbook first: Commit puts
// them in place in this order.
func (o *runOptions) outputFiles(given func(flag string) bool) []output {
	out := func(flag, path, format string) output {
		w := reports.MustLookup(format)
		return output{flag, path, given(strings.TrimPrefix(flag, "--")), w.Extensions(), w.Describe(), true, format}
	}
	return []output{
		out("--out", o.out, "xlsx"),
		out("--json", o.json, "jsonl"),
		out("--csv", o.csv, "csv"),
		out("--issues", o.issues, "issues"),
		out("--manifest", o.manifest, "manifest"),
		o.dbOutput(given),
	}
}

// dbOutput is --db as an output: none when the run reviews the database
// (fromDatabase), which is then an input.
func (o *runOptions) dbOutput(given func(flag string) bool) output {
	if o.fromDatabase() {
		return output{flag: "--db"}
	}
	return output{"--db", o.dbPath, given("db"), dbExts, "a DuckDB database", false, ""}
}

// dbExts are the names a DuckDB database may have, the usual one first.
var dbExts = []string{".duckdb", ".db", ".ddb"}

// checkOutputs checks every output before anything is read, so that a
// mistake in a path costs a second, not a whole run: each is a file (not
// empty, not a folder or device) with the extension of its format, in a
// folder that exists and can be written to, is none of the inputs, and is
// no other output.
func checkOutputs(outs []output, in inputs) error {
	stdouts := 0
	var files []output
	for _, out := range outs {
		switch {
		case out.path == "" && out.given:
			return inputerr.New("%s is empty: name a file, e.g. %s%s", out.flag, "findings", out.exts[0])
		case out.path == "":
			continue
		case out.path == "-" && out.stdout:
			stdouts++
			continue
		case out.path == "-":
			return inputerr.New("%s -: %s cannot go to standard output: name a file, e.g. review%s", out.flag, out.format, out.exts[0])
		}
		if err := in.collide(out.flag, out.path); err != nil {
			return err
		}
		if err := checkOutputFile(out); err != nil {
			return err
		}
		for _, prev := range files {
			if samePath(out.path, prev.path) {
				return inputerr.New("%s and %s are the same file %s: give each output its own file", prev.flag, out.flag, out.path)
			}
		}
		files = append(files, out)
	}
	if stdouts > 1 {
		return inputerr.New("more than one output is - (standard output): give all but one a file")
	}
	return nil
}

// checkOutputFile checks one output path on its own.
func checkOutputFile(out output) error {
	fi, err := os.Stat(out.path)
	switch {
	case err == nil && fi.IsDir():
		return inputerr.New("%s %s is a folder: name a file in it, e.g. %s", out.flag, out.path,
			filepath.Join(out.path, "review-findings"+out.exts[0]))
	case err == nil && !fi.Mode().IsRegular():
		return inputerr.New("%s %s is a device or other special file: name a regular file", out.flag, out.path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return inputerr.New("%s %s: %v", out.flag, out.path, unwrapPath(err))
	}
	ext := strings.ToLower(filepath.Ext(out.path))
	if !contains(out.exts, ext) {
		also := ""
		if len(out.exts) > 1 {
			also = "; " + strings.Join(out.exts[1:], " and ") + " are accepted too"
		}
		return inputerr.New("%s %s: expected a name ending in %s (%s%s)", out.flag, out.path, out.exts[0], out.format, also)
	}
	dir := filepath.Dir(out.path)
	if di, err := os.Stat(dir); err != nil {
		return inputerr.New("%s %s: the folder %s does not exist: create it first, or write elsewhere", out.flag, out.path, dir)
	} else if !di.IsDir() {
		return inputerr.New("%s %s: %s is a file, not a folder: write elsewhere", out.flag, out.path, dir)
	}
	if err := probeWrite(dir); err != nil {
		return inputerr.New("%s %s: cannot write in the folder %s (%v): choose a folder you can write to", out.flag, out.path, dir, unwrapPath(err))
	}
	if out.flag == "--db" {
		var le *db.LockedError
		switch err := db.CheckReplace(out.path); {
		case errors.Is(err, db.ErrNotDuckDB):
			return inputerr.New("--db %s exists and is not a DuckDB database: the run replaces it whole, so name a new file or the database of an earlier run", out.path)
		case errors.As(err, &le):
			return inputerr.New("--db %s is %v: close it there (a duckdb shell, another review run) or name another file", out.path, le)
		case err != nil:
			return inputerr.New("--db %s: %v", out.path, err)
		}
	}
	return nil
}

// probeWrite creates and removes a file in dir: the one sure test that the
// run will be able to write its output there (permissions, a read-only
// mount, an ACL).
func probeWrite(dir string) error {
	f, err := os.CreateTemp(dir, ".review-probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// unwrapPath drops the operation and path of an *fs.PathError, which the
// message already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// samePath says a and b name the same file: the same path once links are
// resolved, or the same existing file under two names (a hard link).
func samePath(a, b string) bool {
	if realPath(a) == realPath(b) {
		return true
	}
	ai, errA := os.Stat(a)
	bi, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ai, bi)
}

// inside says path is under the folder dir.
func inside(path, dir string) bool {
	return strings.HasPrefix(realPath(path), realPath(dir)+string(filepath.Separator))
}

// realPath is p made absolute with its symbolic links resolved as far as
// they exist (an output file usually does not yet).
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	dir, base := filepath.Split(abs)
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(r, base)
	}
	return abs
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
