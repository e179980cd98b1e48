package main

import (
	"strings"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/internal/inputerr"
)

// parseStated reads the values of a repeatable flag that states something
// for every file (VALUE) or for one (NAME=VALUE), into a map keyed by the
// name ("" for every file). A name or the run stated twice is an error,
// as is a value parse refuses.
func parseStated[V comparable](flag string, values []string, parse func(string) (V, error)) (map[string]V, error) {
	out := map[string]V{}
	for _, arg := range values {
		name, value := "", arg
		if i := strings.LastIndexByte(arg, '='); i >= 0 {
			name, value = arg[:i], arg[i+1:]
			if name == "" {
				return nil, inputerr.New("%s %q: expected VALUE or NAME=VALUE, with the file's name before =", flag, arg)
			}
		}
		v, err := parse(value)
		if err != nil {
			return nil, inputerr.New("%s %q: %v", flag, arg, err)
		}
		if prev, ok := out[name]; ok && prev != v {
			what := "every file"
			if name != "" {
				what = name
			}
			return nil, inputerr.New("%s is given twice for %s (%v and %v)", flag, what, prev, v)
		}
		out[name] = v
	}
	return out, nil
}

// statedOptions reads --encoding and --date-order.
func statedOptions(o *inputOptions) (map[string]textio.Encoding, map[string]cells.DateOrder, error) {
	encodings, err := parseStated("--encoding", o.encodings, textio.ParseEncoding)
	if err != nil {
		return nil, nil, err
	}
	orders, err := parseStated("--date-order", o.dateOrders, cells.ParseDateOrder)
	if err != nil {
		return nil, nil, err
	}
	return encodings, orders, nil
}

// The flags' help: what they accept.
const (
	encodingUsage  = "read files without a byte order mark as `ENC` (windows-1252, iso-8859-1, utf-8, utf-16, utf-16le, utf-16be), for every table file or NAME=ENC for one file (repeatable)"
	dateOrderUsage = "read NN/NN/YYYY dates in `ORDER`: mdy (month first, the default) or dmy (day first, 24-hour times), for every table file or NAME=dmy for one file (repeatable)"
)
