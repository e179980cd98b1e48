package reports

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := WriteFileAtomic(path, writeString("one")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "one" {
		t.Errorf("content %q", data)
	}
	// Replacing keeps the existing file's permissions.
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, writeString("two")); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "two" {
		t.Errorf("content %q", data)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", fi.Mode().Perm())
	}
	assertOnly(t, dir, "out.csv")
}

func TestWriteFileAtomicFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		_, _ = io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("error %v, want boom", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "previous" {
		t.Errorf("existing file changed to %q", data)
	}
	assertOnly(t, dir, "out.json")

	func() {
		defer func() { _ = recover() }()
		_ = WriteFileAtomic(filepath.Join(dir, "panic.json"), func(io.Writer) error { panic("write panicked") })
	}()
	assertOnly(t, dir, "out.json")

	if err := WriteFileAtomic(filepath.Join(dir, "missing", "out.json"), writeString("x")); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
	if err := WriteFileAtomic(dir, writeString("x")); err == nil {
		t.Error("writing over a folder succeeded")
	}
	assertOnly(t, dir, "out.json")
}

func TestWriteFileAtomicStdout(t *testing.T) {
	var buf bytes.Buffer
	defer func(w io.Writer) { stdout = w }(stdout)
	stdout = &buf
	if err := WriteFileAtomic("-", writeString("to stdout")); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "to stdout" {
		t.Errorf("stdout got %q", buf.String())
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`a file named "-" was created`)
	}
}

// assertOnly fails unless dir holds exactly the named files.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Errorf("%s holds %q, want %q", dir, got, names)
		return
	}
	for i := range got {
		if got[i] != names[i] {
			t.Errorf("%s holds %q, want %q", dir, got, names)
		}
	}
}

// Outputs are a set: when one fails, none of the others appears, and the
// files they would have replaced are as they were.
func TestOutputSetAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	jsonl, xlsx := filepath.Join(dir, "findings.jsonl"), filepath.Join(dir, "findings.xlsx")
	os.WriteFile(jsonl, []byte("last quarter"), 0o644)
	var set OutputSet
	if err := set.Write(jsonl, writeString("{}\n")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("workbook failed")
	if err := set.Write(xlsx, func(w io.Writer) error { io.WriteString(w, "PK"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("error %v, want the workbook's", err)
	}
	set.Discard()
	assertOnly(t, dir, "findings.jsonl")
	if b, _ := os.ReadFile(jsonl); string(b) != "last quarter" {
		t.Errorf("the previous JSON Lines became %q", b)
	}

	// Staged but not committed: nothing appears until Commit.
	set = OutputSet{}
	set.Write(jsonl, writeString("new\n"))
	set.Write(xlsx, writeString("PK"))
	if b, _ := os.ReadFile(jsonl); string(b) != "last quarter" {
		t.Errorf("before Commit the JSON Lines is already %q", b)
	}
	if err := set.Commit(); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "findings.jsonl", "findings.xlsx")
	if b, _ := os.ReadFile(jsonl); string(b) != "new\n" {
		t.Errorf("after Commit the JSON Lines is %q", b)
	}
	set.Discard() // after Commit: removes nothing
	assertOnly(t, dir, "findings.jsonl", "findings.xlsx")
}

// A database file is made by DuckDB itself in a folder of its own beside
// the destination; Commit moves the file into place, Discard removes the
// folder with whatever DuckDB left in it (its write-ahead log).
func TestOutputSetStageDir(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "review.duckdb")
	for _, commit := range []bool{false, true} {
		var set OutputSet
		tmp, err := set.StageDir(dest)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(filepath.Dir(tmp)) != dir || filepath.Base(tmp) != "review.duckdb" {
			t.Errorf("staged at %s, want a folder in %s", tmp, dir)
		}
		os.WriteFile(tmp, []byte("db"), 0o644)
		os.WriteFile(tmp+".wal", []byte("wal"), 0o644)
		if commit {
			if err := set.Commit(); err != nil {
				t.Fatal(err)
			}
			assertOnly(t, dir, "review.duckdb")
		} else {
			set.Discard()
			assertOnly(t, dir)
		}
	}
	// A database that was never made is an error, not an empty file.
	var set OutputSet
	set.StageDir(filepath.Join(dir, "other.duckdb"))
	if err := set.Commit(); err == nil {
		t.Error("Commit of a database never written succeeded")
	}
	set.Discard()
	assertOnly(t, dir, "review.duckdb")
}

// A staged folder (Parquet tables) appears whole at Commit, in place of
// an empty folder or none; a folder with files in it is never replaced,
// and Discard leaves nothing behind.
func TestOutputSetStageFolder(t *testing.T) {
	dir := t.TempDir()
	for _, existing := range []bool{false, true} {
		dest := filepath.Join(dir, "tables")
		os.RemoveAll(dest)
		if existing {
			os.Mkdir(dest, 0o755)
		}
		var set OutputSet
		tmp, err := set.StageFolder(dest + string(filepath.Separator))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(tmp, 0o755)
		os.WriteFile(filepath.Join(tmp, "users.parquet"), []byte("PAR1"), 0o644)
		if _, err := os.Stat(filepath.Join(dest, "users.parquet")); err == nil {
			t.Fatal("the folder's files appeared before Commit")
		}
		if err := set.Commit(); err != nil {
			t.Fatalf("existing empty folder %v: %v", existing, err)
		}
		if b, _ := os.ReadFile(filepath.Join(dest, "users.parquet")); string(b) != "PAR1" {
			t.Errorf("existing empty folder %v: the staged file is not in place", existing)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left beside the folder: %v", entries)
	}

	var set OutputSet
	tmp, _ := set.StageFolder(filepath.Join(dir, "tables"))
	os.MkdirAll(tmp, 0o755)
	if err := set.Commit(); err == nil {
		t.Error("a folder with files in it was replaced")
	}
	set.Discard()
	if b, _ := os.ReadFile(filepath.Join(dir, "tables", "users.parquet")); string(b) != "PAR1" {
		t.Error("the folder with files lost them")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("Discard left %v", entries)
	}
}
