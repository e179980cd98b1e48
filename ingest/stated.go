package ingest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/review-tool/review/ingest/located"
)

// applyStated gives each file the encoding and date order the user stated
// for it (--encoding, --date-order), by its base name or its path as
// given, else the run's. A name that matches no file is a usage error: a
// typo must not leave a file read the default way without a word.
func applyStated(opts Options, files []*file) error {
	used := map[string]bool{}
	for _, f := range files {
		if enc, key, ok := lookupStated(opts.Encodings, f.path); ok && (key != "" || !f.fixedFormat()) {
			f.encoding, used["e"+key] = enc, true
		}
		if f.fixedFormat() {
			continue // RFC 3339 dates only
		}
		// Not stated, f.dateOrder stays "": the reader reads month first
		// and says where nothing in the file showed that to be right.
		if order, key, ok := lookupStated(opts.DateOrders, f.path); ok {
			f.dateOrder, used["d"+key] = order, true
		}
	}
	if err := unusedNames("--encoding", opts.Encodings, used, "e", files); err != nil {
		return err
	}
	return unusedNames("--date-order", opts.DateOrders, used, "d", files)
}

// lookupStated finds what stated says for the file at path: under its path
// as given, its base name, or "" for every file. key is the key it was
// found under.
func lookupStated[V any](stated map[string]V, path string) (v V, key string, ok bool) {
	for _, k := range []string{path, located.BaseName(path), ""} {
		if v, ok := stated[k]; ok {
			return v, k, true
		}
	}
	return v, "", false
}

// unusedNames is the usage error for the first name (in sorted order) of
// stated that no file used, or nil.
func unusedNames[V any](flag string, stated map[string]V, used map[string]bool, prefix string, files []*file) error {
	var names []string
	for k := range stated {
		if k != "" && !used[prefix+k] {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	seen := map[string]bool{}
	var known []string
	for _, f := range files {
		if name := located.BaseName(f.path); !seen[name] && (flag != "--date-order" || !f.fixedFormat()) {
			seen[name] = true
			known = append(known, name)
		}
	}
	sort.Strings(known)
	what := "none of the input files"
	if flag == "--date-order" {
		what = "none of the table files (JSON exports write RFC 3339 dates)"
	}
	return &UsageError{fmt.Sprintf("%s %s=…: %q is %s; name a file by its name or its path as given (files: %s)",
		flag, names[0], names[0], what, strings.Join(known, ", "))}
}
