package exceptions

import (
	"path"
	"strings"
	"time"

	"github.com/review-tool/review/internal/model"
)

// Apply marks the findings the register covers, as of asOf: a finding an
// unexpired entry matches becomes excepted; one only an expired entry
// (expiry on or before asOf) matches becomes "exception expired", so it
// counts again and says why. When several entries match, an unexpired one
// wins, then the first in the file. It returns the entries with what each
// covered, for the Exceptions sheet.
func Apply(reg *Register, findings []model.Finding, asOf string) []model.Exception {
	if reg == nil {
		return nil
	}
	out := make([]model.Exception, len(reg.Entries))
	for i := range reg.Entries {
		e := &reg.Entries[i]
		out[i] = e.Exception
		out[i].Expired = e.Expires <= asOf
		out[i].DaysLeft = daysBetween(asOf, e.Expires)
	}
	for fi := range findings {
		f := &findings[fi]
		best := -1
		for i := range reg.Entries {
			if !reg.Entries[i].matches(f) {
				continue
			}
			if best < 0 || (out[best].Expired && !out[i].Expired) {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		out[best].Covered++
		if out[best].Expired {
			f.Status = model.StatusExceptionExpired
		} else {
			f.Status = model.StatusExcepted
		}
	}
	return out
}

// matches compares rule and source exactly and the entity as a glob,
// ignoring case.
func (e *Entry) matches(f *model.Finding) bool {
	if e.Rule != f.Rule || (e.Source != "" && e.Source != f.Source) {
		return false
	}
	ok, _ := path.Match(e.pattern, strings.ToLower(f.Entity))
	return ok
}

// daysBetween counts days from one YYYY-MM-DD date to another.
func daysBetween(from, to string) int {
	a, err1 := time.Parse("2006-01-02", from)
	b, err2 := time.Parse("2006-01-02", to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(b.Sub(a).Hours() / 24)
}
