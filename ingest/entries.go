package ingest

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/review-tool/review/ingest/located"
)

// entry is one file of a source: on disk, or inside a zip.
type entry struct {
	path string // as messages and the Evidence sheet show it
	size int64  // bytes (expanded, for a zip entry)
	open func() (io.ReadCloser, error)
	// target is the file a symbolic link on the way to path led to, for
	// the Evidence sheet; empty when no link was followed.
	target string
}

func diskEntry(p string) (entry, error) {
	st, err := os.Stat(p)
	if err != nil {
		return entry{}, err
	}
	return entry{path: p, size: st.Size(), open: func() (io.ReadCloser, error) { return os.Open(p) }}, nil
}

// Limits on a zipped source, against archives crafted to exhaust the disk
// or memory of whoever opens them (zip bombs). Expanded sizes are the
// ones the archive declares; archive/zip fails a read that goes past them.
var (
	maxZipEntries  = 10000
	maxZipExpanded = int64(16 << 30)
	// maxZipRatio bounds how much one entry may expand (expanded ÷
	// compressed). Exports compress 5 to 30 times; bombs by thousands.
	maxZipRatio = int64(200)
	// zipRatioFloor: entries expanding to less than this are not checked
	// for ratio (a tiny file of repeated bytes is harmless).
	zipRatioFloor = int64(1 << 20)
)

// skipped says whether a name is passed over without a word: hidden files
// and folders (.DS_Store, .git) and the resource forks macOS adds to zips
// (__MACOSX). Every other file is looked at, whatever its extension: Excel
// saves a report as "Unicode Text" under .txt, so the name never decides.
func skipped(name string) bool {
	return strings.HasPrefix(name, ".") || name == "__MACOSX"
}

// isZip says whether a source path names a zip archive of exports (an
// .xlsx, also a zip, is a workbook to read, not a folder).
func isZip(p string) bool { return strings.EqualFold(filepath.Ext(p), ".zip") }

// listEntries returns the files of a source, sorted by path: the files
// under a folder, the entries of a zip, or the one file given. A zip stays
// open until the closers returned are called.
func listEntries(root string) ([]entry, []io.Closer, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, nil, err
	}
	if !st.IsDir() {
		if isZip(root) {
			return zipEntries(root)
		}
		e, err := diskEntry(root)
		return []entry{e}, nil, err
	}
	var out []entry
	via := ""
	if lst, err := os.Lstat(root); err == nil && lst.Mode()&fs.ModeSymlink != 0 {
		if via, err = filepath.EvalSymlinks(root); err != nil {
			return nil, nil, err
		}
	}
	if err := walkFolder(root, via, nil, &out); err != nil {
		return nil, nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil, nil
}

// walkFolder adds the files under dir to out. Symbolic links are followed
// wherever they lead, as a user who keeps "current" links to dated exports
// expects; each file reached through one records where it led (via is the
// real path of dir when a link led to it). ancestors are the real paths of
// the folders being walked, so that a link back to one of them is reported
// as a loop instead of walked for ever.
func walkFolder(dir, via string, ancestors []string, out *[]entry) error {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	ancestors = append(ancestors, real)
	list, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, d := range list {
		if skipped(d.Name()) {
			continue
		}
		p := filepath.Join(dir, d.Name())
		target := ""
		if via != "" {
			target = filepath.Join(via, d.Name())
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if target, err = followLink(p, ancestors); err != nil {
				return err
			}
		}
		st, err := os.Stat(p) // through the link, if any
		if err != nil {
			return err
		}
		switch {
		case st.IsDir():
			if err := walkFolder(p, target, ancestors, out); err != nil {
				return err
			}
			continue
		case !st.Mode().IsRegular():
			return &located.Error{File: p, Found: "a " + fileType(st.Mode()), Expected: "export files and folders"}
		case isZip(p):
			return &located.Error{File: p, Found: "a zip inside a source folder", Expected: "export files (give the zip as a source of its own)"}
		}
		e, err := diskEntry(p)
		if err != nil {
			return err
		}
		e.target = target
		*out = append(*out, e)
	}
	return nil
}

// followLink resolves a symbolic link, refusing one that leads nowhere or
// back to a folder being walked.
func followLink(link string, ancestors []string) (string, error) {
	target, err := filepath.EvalSymlinks(link)
	if err != nil {
		found := "a symbolic link that leads nowhere"
		if to, rerr := os.Readlink(link); rerr == nil {
			found += " (" + to + ")"
		}
		var pe *fs.PathError
		if errors.As(err, &pe) && strings.Contains(pe.Err.Error(), "too many links") {
			found = "a loop of symbolic links"
		}
		return "", &located.Error{File: link, Found: found, Expected: "a link to an export file or folder"}
	}
	for _, a := range ancestors {
		if target == a || strings.HasPrefix(a, target+string(filepath.Separator)) {
			return "", &located.Error{File: link, Found: "a symbolic link to " + target + ", a folder that contains it (a loop)",
				Expected: "a link to an export file or a folder outside this one"}
		}
	}
	return target, nil
}

// fileType names what a file that is not regular is.
func fileType(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// zipEntries lists the exports inside a zip, refusing what could write or
// read outside it or expand without bound: absolute paths and "..",
// nested zips, and archives past the limits above.
func zipEntries(archive string) ([]entry, []io.Closer, error) {
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return nil, nil, &located.Error{File: archive, Found: fmt.Sprintf("a file that cannot be read as a zip (%v)", err), Expected: "a zip archive of exports"}
	}
	bad := func(found, expected string) ([]entry, []io.Closer, error) {
		zr.Close()
		return nil, nil, &located.Error{File: archive, Found: found, Expected: expected}
	}
	if len(zr.File) > maxZipEntries {
		return bad(fmt.Sprintf("%d entries", len(zr.File)), fmt.Sprintf("at most %d", maxZipEntries))
	}
	var out []entry
	var total int64
	for _, f := range zr.File {
		name := f.Name
		if !safeEntryName(name) {
			return bad(fmt.Sprintf("the entry %q", name), "paths inside the archive (no absolute paths, drive letters or ..)")
		}
		if f.FileInfo().IsDir() || !f.Mode().IsRegular() && f.Mode()&fs.ModeType != 0 {
			continue
		}
		if hiddenPath(name) {
			continue
		}
		if isZip(name) {
			return bad(fmt.Sprintf("the zip %q inside it", name), "export files (nested archives are not opened)")
		}
		size := int64(f.UncompressedSize64)
		if size < 0 || f.UncompressedSize64 > uint64(maxZipExpanded) {
			return bad(fmt.Sprintf("the entry %q expanding to %d bytes", name, f.UncompressedSize64), "at most "+sizeText(maxZipExpanded)+" in all")
		}
		if total += size; total > maxZipExpanded {
			return bad("entries expanding to more than "+sizeText(maxZipExpanded), "at most "+sizeText(maxZipExpanded)+" in all")
		}
		if size > zipRatioFloor && size/max(int64(f.CompressedSize64), 1) > maxZipRatio {
			return bad(fmt.Sprintf("the entry %q expanding %d times (%d to %d bytes)", name, size/max(int64(f.CompressedSize64), 1), f.CompressedSize64, size),
				fmt.Sprintf("at most %d times, as exports do", maxZipRatio))
		}
		f := f
		out = append(out, entry{path: archive + "!" + name, size: size, open: func() (io.ReadCloser, error) { return f.Open() }})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, []io.Closer{zr}, nil
}

// safeEntryName refuses entry names that leave the archive's folder when
// extracted: absolute, with a drive letter, or with a ".." element (in
// either slash direction).
func safeEntryName(name string) bool {
	n := strings.ReplaceAll(name, `\`, "/")
	if n == "" || strings.HasPrefix(n, "/") || (len(n) > 1 && n[1] == ':') || strings.ContainsRune(n, 0) {
		return false
	}
	for _, part := range strings.Split(n, "/") {
		if part == ".." {
			return false
		}
	}
	return path.Clean(n) != ".."
}

// hiddenPath says whether any element of a zip entry's path is skipped.
func hiddenPath(name string) bool {
	for _, part := range strings.Split(strings.Trim(name, "/"), "/") {
		if skipped(part) {
			return true
		}
	}
	return false
}

// sizeText writes a byte count in GiB or MiB.
func sizeText(n int64) string {
	if n >= 1<<30 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}
