package db

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// ErrNotDuckDB is returned by CheckReplace for a file that is not a DuckDB
// database: a run would otherwise replace a file the user meant to keep.
var ErrNotDuckDB = errors.New("not a DuckDB database")

// LockedError is returned by CheckReplace for a database another process
// holds open for writing.
type LockedError struct {
	// Holder is what DuckDB says about the process holding the lock
	// ("PID 1234"), or "".
	Holder string
}

func (e *LockedError) Error() string {
	if e.Holder == "" {
		return "locked by another process"
	}
	return "locked by another process (" + e.Holder + ")"
}

// magic is DuckDB's file signature, 8 bytes into the file.
var magic = []byte("DUCK")

// CheckReplace says whether the database file at path, if there is one,
// may be replaced: it must be a DuckDB database that no other process holds
// open for writing. A missing file is fine.
func CheckReplace(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	err = checkMagic(f)
	f.Close()
	if err != nil {
		return err
	}
	// A shared (read-only) lock is refused while a writer holds the file.
	c, err := duckdb.NewConnector(path+"?access_mode=read_only&"+offline, nil)
	if err == nil {
		c.Close()
		return nil
	}
	if m := lockHolder.FindStringSubmatch(err.Error()); m != nil {
		return &LockedError{Holder: m[1]}
	}
	if strings.Contains(err.Error(), "Could not set lock") {
		return &LockedError{}
	}
	// Another version's file, say: replaced whole, it need not be readable.
	return nil
}

// CheckDatabase says whether the file at path is a DuckDB database, by
// its signature, before review attaches it: DuckDB's own error for a text
// file names neither the file nor what was expected.
func CheckDatabase(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return checkMagic(f)
}

// checkMagic reads DuckDB's signature at the start of r.
func checkMagic(r io.Reader) error {
	head := make([]byte, 12)
	if _, err := io.ReadFull(r, head); err != nil || !bytes.Equal(head[8:12], magic) {
		return ErrNotDuckDB
	}
	return nil
}

// lockHolder finds the process DuckDB names in its lock error.
var lockHolder = regexp.MustCompile(`\((PID \d+)\)`)

// OutOfMemory is what DuckDB said when it ran out of the memory its
// memory_limit allows.
type OutOfMemory struct {
	// Requested is the allocation that failed, Used and Limit what DuckDB
	// held and may hold, as DuckDB writes them ("32.0 KiB").
	Requested, Used, Limit string
}

// outOfMemory matches DuckDB's allocation failures past memory_limit:
// "failed to allocate data of size 32.0 KiB (982.0 KiB/976.5 KiB used)",
// "could not allocate block of size …", "failed to pin block of size …".
var outOfMemory = regexp.MustCompile(`(?:allocate|pin) (?:data|block|memory) of size (` + size + `) \((` + size + `)/(` + size + `) used\)`)

// size is how DuckDB writes a size: "32.0 KiB", "1.5 GiB", "0 bytes".
const size = `[\d.]+ ?(?:[KMGTP]i?B|bytes|B)`

// AsOutOfMemory reports whether err is DuckDB running out of its memory
// limit, and the sizes it gave.
func AsOutOfMemory(err error) (OutOfMemory, bool) {
	if err == nil {
		return OutOfMemory{}, false
	}
	m := outOfMemory.FindStringSubmatch(err.Error())
	if m == nil {
		if strings.Contains(err.Error(), "Out of Memory Error") {
			return OutOfMemory{}, true
		}
		return OutOfMemory{}, false
	}
	return OutOfMemory{Requested: m[1], Used: m[2], Limit: m[3]}, true
}

// String gives the sizes in words, for a message.
func (o OutOfMemory) String() string {
	if o.Used == "" {
		return "it ran out of memory"
	}
	return fmt.Sprintf("it held %s of %s and needed %s more", o.Used, o.Limit, o.Requested)
}
