package ingest

import (
	"fmt"
	"strings"

	"github.com/review-tool/review/ingest/activity"
	"github.com/review-tool/review/ingest/configapi"
	"github.com/review-tool/review/ingest/licenseusage"
	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/tabular"
	"github.com/review-tool/review/schema"
)

// readers are the input families. Every file is shown to each of them and
// the most confident answer wins (detect), so the order here decides
// nothing but the order of names in messages. Adding a family is a package
// implementing reader.Reader and a line here (docs/architecture.md).
var readers = []reader.Reader{
	configapi.Reader{},
	tabular.Reader{},
	licenseusage.Reader{},
	activity.Reader{},
}

// byKind is the reader of each kind, for files whose kind is given rather
// than detected (--roster, --licenses) and for reading.
var byKind = kindsOf(readers)

// kindsOf maps each kind to the one reader that reads it; two readers
// claiming one kind is a mistake in the list above.
func kindsOf(rs []reader.Reader) map[schema.Kind]reader.Reader {
	m := map[schema.Kind]reader.Reader{}
	for _, r := range rs {
		for _, k := range r.Kinds() {
			if other, ok := m[k]; ok {
				panic(fmt.Sprintf("ingest: kind %s is read by both %s and %s", k, other.Name(), r.Name()))
			}
			m[k] = r
		}
	}
	return m
}

// detect asks every reader about a file and returns the most confident
// answer. Two readers as sure of two answers is an error naming both: the
// file must not be read as whichever happened to be asked first. A file
// that readers take for their format but of no kind, or that no reader
// takes, is an *UnknownFileError saying what was looked for.
func detect(rs []reader.Reader, h *reader.Head) (reader.Reader, schema.Kind, error) {
	var best []reader.Reader
	var found []reader.Detection
	top := reader.None
	for _, r := range rs {
		d, err := r.Detect(h)
		if err != nil {
			return nil, schema.KindUnknown, err
		}
		switch {
		case d.Confidence > top:
			top, best, found = d.Confidence, []reader.Reader{r}, []reader.Detection{d}
		case d.Confidence == top && top != reader.None:
			best, found = append(best, r), append(found, d)
		}
	}
	switch {
	case top == reader.None:
		names := make([]string, len(rs))
		for i, r := range rs {
			names[i] = r.Name()
		}
		return nil, schema.KindUnknown, &UnknownFileError{h.Name, "one of: " + strings.Join(names, ", ")}
	case top == reader.Format:
		what := make([]string, len(found))
		for i, d := range found {
			what[i] = d.LookFor
		}
		return nil, schema.KindUnknown, &UnknownFileError{h.Name, strings.Join(what, "; or ")}
	case len(best) > 1:
		return nil, schema.KindUnknown, &located.Error{File: h.Name,
			Found:    fmt.Sprintf("a file that two readers recognise alike: %s as %s and %s as %s", best[0].Name(), found[0].Kind, best[1].Name(), found[1].Kind),
			Expected: "a file that only one of them recognises"}
	}
	return best[0], found[0].Kind, nil
}
