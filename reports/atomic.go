package reports

import (
	"bufio"
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

// newFileMode is the permission of a file that did not exist before.
const newFileMode fs.FileMode = 0o644

// WriteFileAtomic calls write with a writer for path and makes the result
// appear whole or not at all: the bytes go to a temporary file in path's
// directory, which is synced and renamed over path once write succeeds and
// removed otherwise. An existing file keeps its permissions. A path of "-"
// means standard output (no temporary file). Errors from the operating system
// name the file; callers add the destination.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	if path == "-" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	mode := newFileMode
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file", path)
		}
		mode = fi.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	// A signal that stops the run removes the temporary file too.
	_, forget := cleanup.Add(tmp.Name())
	defer forget()
	renamed := false
	defer func() { // also when write panics
		if !renamed {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	renamed = true
	return nil
}
