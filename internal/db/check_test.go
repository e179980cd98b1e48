package db

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestMain lets a test run this binary as a second process that holds a
// database open (HOLD_DUCKDB=path) until its standard input closes.
func TestMain(m *testing.M) {
	if path := os.Getenv("HOLD_DUCKDB"); path != "" {
		d, err := Open(path, Options{})
		if err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		d.Exec("CREATE OR REPLACE TABLE held AS SELECT 1")
		os.Stdout.WriteString("holding\n")
		bufio.NewReader(os.Stdin).ReadString('\n')
		d.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestCheckReplace(t *testing.T) {
	dir := t.TempDir()
	if err := CheckReplace(filepath.Join(dir, "missing.duckdb")); err != nil {
		t.Errorf("a missing file: %v", err)
	}
	text := filepath.Join(dir, "notes.duckdb")
	os.WriteFile(text, []byte("a text file a user keeps\n"), 0o644)
	if err := CheckReplace(text); !errors.Is(err, ErrNotDuckDB) {
		t.Errorf("a text file: %v, want ErrNotDuckDB", err)
	}
	empty := filepath.Join(dir, "empty.duckdb")
	os.WriteFile(empty, nil, 0o644)
	if err := CheckReplace(empty); !errors.Is(err, ErrNotDuckDB) {
		t.Errorf("an empty file: %v, want ErrNotDuckDB", err)
	}

	path := filepath.Join(dir, "review.duckdb")
	d, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Exec("CREATE TABLE t AS SELECT 1")
	d.Close()
	if err := CheckReplace(path); err != nil {
		t.Errorf("a closed database: %v", err)
	}

	// Another process writing to it: refused, naming that process.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "HOLD_DUCKDB="+path)
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "holding\n" {
		t.Fatalf("holder: %q", line)
	}
	var le *LockedError
	if err := CheckReplace(path); !errors.As(err, &le) || le.Holder == "" {
		t.Errorf("a database held by another process: %v, want a LockedError naming it", err)
	} else {
		t.Log(err)
	}
}

func TestAsOutOfMemory(t *testing.T) {
	for _, msg := range []string{
		"flush users: could not close appender: Failed to append: failed to allocate data of size 32.0 KiB (982.0 KiB/976.5 KiB used)",
		"facts sql/02_memberships.sql: Out of Memory Error: failed to pin block of size 256.0 KiB (28.4 MiB/28.6 MiB used)",
		"could not allocate block of size 32.0 KiB (7.6 MiB/7.6 MiB used)",
		"Failed to append: failed to allocate data of size 32.0 KiB (0 bytes/0 bytes used)",
	} {
		oom, ok := AsOutOfMemory(errors.New(msg))
		if !ok || oom.Requested == "" || oom.Used == "" || oom.Limit == "" {
			t.Errorf("%q: %+v %v", msg, oom, ok)
		}
	}
	if _, ok := AsOutOfMemory(errors.New("Binder Error: column x not found")); ok {
		t.Error("a binder error read as out of memory")
	}
}
