package reports

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/review-tool/review/internal/cleanup"
)

// stdout is where "-" writes; a variable so that tests can capture it.
var stdout io.Writer = os.Stdout

// newFileMode is what a new output is created with, before the umask: the
// kernel takes the umask's bits away, so that under umask 077 a workbook of
// names, e-mails and HR status is readable by its owner only, as every
// other file the user creates.
const newFileMode fs.FileMode = 0o666

// OutputSet is the outputs of one run, put in place together: each file is
// written to a temporary file beside its destination, and Commit renames
// them all once every one is whole. A run that fails or is stopped before
// Commit leaves none of them, and the files they would replace as they
// were. The zero value is ready to use; it is not safe for concurrent use.
type OutputSet struct {
	// Stdout is where "-" writes; nil is the process's standard output.
	Stdout io.Writer
	staged []*staged
}

// staged is one output written to a temporary file (or folder) that
// Commit renames to dest.
type staged struct {
	dest string
	// tmp is the temporary file, or for a folder-staged output the file
	// inside dir that becomes dest.
	tmp string
	// dir is a temporary folder holding tmp (and whatever its writer puts
	// beside it, such as DuckDB's write-ahead log), or "".
	dir string
	// mode is the permission dest keeps when it already exists, else 0
	// (the file keeps what it was created with under the umask).
	mode   fs.FileMode
	forget func()
	// folder says dest is a folder (StageFolder), which may exist, empty.
	folder bool
}

// Write calls write with a writer for path and stages the result; "-"
// writes to standard output at once, since what is written there cannot
// be taken back: give it last. Errors from the operating system name the
// file; callers add the destination.
func (s *OutputSet) Write(path string, write func(io.Writer) error) (err error) {
	if path == "-" {
		out := s.Stdout
		if out == nil {
			out = stdout
		}
		bw := bufio.NewWriter(out)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	mode, err := replaceMode(path)
	if err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// A signal that stops the run removes the temporary file too: it is
	// registered as it is made.
	var tmp *os.File
	_, forget, err := cleanup.Make(func() (string, error) {
		f, err := createTemp(dir, "."+base+".tmp-")
		if err != nil {
			return "", err
		}
		tmp = f
		return f.Name(), nil
	})
	if err != nil {
		return err
	}
	st := &staged{dest: path, tmp: tmp.Name(), mode: mode, forget: forget}
	kept := false
	defer func() { // also when write panics
		if !kept {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
			forget()
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	s.staged = append(s.staged, st)
	kept = true
	return nil
}

// StageDir returns the path a program that makes its own file (DuckDB)
// should create instead of path: a file in a new temporary folder beside
// path, which Commit renames to path and Discard removes with all that
// the program put beside it.
func (s *OutputSet) StageDir(path string) (string, error) {
	mode, err := replaceMode(path)
	if err != nil {
		return "", err
	}
	st, err := s.stageIn(path)
	if err != nil {
		return "", err
	}
	st.mode = mode
	return st.tmp, nil
}

// stageIn stages path in a new temporary folder beside it, which cleanup
// removes on a signal.
func (s *OutputSet) stageIn(path string) (*staged, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	var tmpDir string
	_, forget, err := cleanup.Make(func() (string, error) {
		var err error
		tmpDir, err = os.MkdirTemp(dir, "."+base+".tmp-")
		return tmpDir, err
	})
	if err != nil {
		return nil, err
	}
	st := &staged{dest: path, tmp: filepath.Join(tmpDir, base), dir: tmpDir, forget: forget}
	s.staged = append(s.staged, st)
	return st, nil
}

// StageFolder returns the path of a folder to create and fill instead of
// path, itself a folder (Parquet files): Commit renames it to path, which
// must then not exist or be empty, and Discard removes it.
func (s *OutputSet) StageFolder(path string) (string, error) {
	st, err := s.stageIn(filepath.Clean(path))
	if err != nil {
		return "", err
	}
	st.folder = true
	return st.tmp, nil
}

// Commit puts every staged output in place, in the order they were
// staged, and forgets them.
func (s *OutputSet) Commit() error {
	for _, st := range s.staged {
		if _, err := os.Stat(st.tmp); err != nil {
			return fmt.Errorf("%s was not written: %w", st.dest, err)
		}
		if st.mode != 0 {
			if err := os.Chmod(st.tmp, st.mode); err != nil {
				return err
			}
		}
	}
	for len(s.staged) > 0 {
		st := s.staged[0]
		if st.folder {
			// An empty folder gives way; one with files stops the rename.
			if err := os.Remove(st.dest); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		if err := os.Rename(st.tmp, st.dest); err != nil {
			return err
		}
		if st.dir != "" {
			_ = os.RemoveAll(st.dir)
		}
		st.forget()
		s.staged = s.staged[1:]
	}
	return nil
}

// Discard removes every staged output that Commit has not put in place.
func (s *OutputSet) Discard() {
	for _, st := range s.staged {
		if st.dir != "" {
			_ = os.RemoveAll(st.dir)
		} else {
			_ = os.Remove(st.tmp)
		}
		st.forget()
	}
	s.staged = nil
}

// WriteFileAtomic calls write with a writer for path and makes the result
// appear whole or not at all: a set of one output (see OutputSet).
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	var s OutputSet
	defer s.Discard()
	if err := s.Write(path, write); err != nil {
		return err
	}
	return s.Commit()
}

// replaceMode returns the permission of an existing regular file at path,
// which its replacement keeps, or 0 when there is none.
func replaceMode(path string) (fs.FileMode, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return 0, nil
	case err != nil:
		return 0, err
	case !fi.Mode().IsRegular():
		return 0, fmt.Errorf("%s is not a regular file", path)
	}
	return fi.Mode().Perm(), nil
}

// createTemp is os.CreateTemp with the permission of a new file under the
// umask (os.CreateTemp makes every file 0600, whatever the umask).
func createTemp(dir, prefix string) (*os.File, error) {
	for range 100 {
		var b [6]byte
		_, _ = rand.Read(b[:])
		name := filepath.Join(dir, prefix+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, newFileMode)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("create a temporary file in %s: too many names taken", dir)
}
