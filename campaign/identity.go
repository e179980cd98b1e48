package campaign

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/review-tool/review/internal/cellcap"
	"github.com/review-tool/review/internal/model"
)

// FingerprintOf is the first 16 hex digits of SHA-256 over
// id \x00 rule \x00 source \x00 entity_type \x00 entity \x00 detail, the
// entity as shown (not lower-cased, unlike the finding id): a reviewer's
// row whose finding was edited, however slightly, no longer matches. collect
// computes it from a returned row's visible cells, so each value is taken
// as a cell holds it: cut to the cell limit (a 40,000-character detail is
// cut in the workbook).
func FingerprintOf(id, rule, source, entityType, entity, detail string) string {
	h := sha256.New()
	for i, s := range []string{id, rule, source, entityType, entity, detail} {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(cellcap.Cut(s)))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Fingerprint is FingerprintOf the finding's fields.
func Fingerprint(f *model.Finding) string {
	return FingerprintOf(f.ID, f.Rule, f.Source, f.EntityType, f.Entity, f.Detail)
}

// CampaignID is the first 16 hex digits of SHA-256 over the run's
// evidence, so that a workbook names the run it came from and two runs on
// other inputs, rules, parameters or dates never share an id. The hash
// covers, each section as lines ending in "\n": "rules " and the rules
// digest; "as-of " and the date; "param " key=value per parameter, sorted
// by key, the value as JSON; "input " and the SHA-256 of each input file
// (zips and --previous included), sorted and once each; "finding " and each
// finding id, sorted.
func CampaignID(r *model.Review) string {
	var b strings.Builder
	b.WriteString("rules " + r.RulesDigest + "\n")
	b.WriteString("as-of " + r.AsOf + "\n")
	keys := make([]string, 0, len(r.Params))
	for k := range r.Params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v, err := json.Marshal(r.Params[k])
		if err != nil {
			v = []byte("null") // a value JSON cannot hold (NaN) hashes as nothing, never as a crash
		}
		b.WriteString("param " + k + "=" + string(v) + "\n")
	}
	var sums []string
	for _, list := range [][]model.InputFile{r.Inputs, r.Archives} {
		for _, in := range list {
			sums = append(sums, in.SHA256)
		}
	}
	if r.Previous != nil {
		sums = append(sums, r.Previous.SHA256)
	}
	slices.Sort(sums)
	for _, s := range slices.Compact(sums) {
		b.WriteString("input " + s + "\n")
	}
	ids := make([]string, len(r.Findings))
	for i := range r.Findings {
		ids[i] = r.Findings[i].ID
	}
	slices.Sort(ids)
	for _, id := range ids {
		b.WriteString("finding " + id + "\n")
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])[:16]
}

// File name limits: a name fits every file system (255 bytes on most, less
// inside a deep folder on Windows) with room to spare, suffix and
// extension included.
const (
	maxFileBytes = 100
	// UnassignedFile is the workbook of the findings nobody is named for.
	UnassignedFile = model.Unassigned + workbookExt
	workbookExt    = ".xlsx"
	suffixHex      = 6
)

// reservedNames are the device names Windows refuses as a file name, with
// any extension, in any case.
var reservedNames = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true}

func init() {
	for _, d := range "0123456789" {
		reservedNames["COM"+string(d)] = true
		reservedNames["LPT"+string(d)] = true
	}
}

// SafeFileName is the workbook file name of a reviewer on its own (before
// the collision rule of FileNames): the name in Unicode NFC, letters,
// digits, '.', '-', '_' and '@' kept and every other character '_', a
// leading or trailing dot made '_' (hidden on Unix, dropped by Windows), a
// Windows device name (CON, LPT1, …) prefixed with '_', cut to at most 100
// bytes with ".xlsx". An empty name is the unassigned one.
func SafeFileName(reviewer string) string {
	return safeStem(reviewer, maxFileBytes-len(workbookExt)) + workbookExt
}

// safeStem is the file name of a reviewer without its extension, at most
// limit bytes.
func safeStem(reviewer string, limit int) string {
	name := norm.NFC.String(strings.TrimSpace(reviewer))
	if name == "" {
		name = model.Unassigned
	}
	var b strings.Builder
	for _, r := range name {
		part := "_"
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".-_@", r) {
			part = string(r)
		}
		if b.Len()+len(part) > limit-1 { // room left for a '_' prefix
			break
		}
		b.WriteString(part)
	}
	stem := b.String()
	if strings.HasPrefix(stem, ".") {
		stem = "_" + stem[1:]
	}
	if strings.HasSuffix(stem, ".") {
		stem = stem[:len(stem)-1] + "_"
	}
	base, _, _ := strings.Cut(stem, ".")
	if reservedNames[strings.ToUpper(base)] {
		stem = "_" + stem
	}
	return stem
}

// FileNames gives each reviewer the file name of their workbook. Two
// reviewers whose names map to the same file, compared as a file system
// that ignores case would (Windows, macOS), both get "-" and the first six
// hex digits of the SHA-256 of their name before the extension: the result
// does not depend on the order of reviewers, and neither reviewer's file
// looks like the other's own.
func FileNames(reviewers []string) map[string]string {
	byFile := map[string][]string{}
	for _, r := range reviewers {
		key := strings.ToLower(SafeFileName(r))
		if !slices.Contains(byFile[key], r) {
			byFile[key] = append(byFile[key], r)
		}
	}
	out := make(map[string]string, len(reviewers))
	for _, names := range byFile {
		for _, r := range names {
			if len(names) == 1 {
				out[r] = SafeFileName(r)
				continue
			}
			sum := sha256.Sum256([]byte(r))
			suffix := "-" + hex.EncodeToString(sum[:])[:suffixHex]
			out[r] = safeStem(r, maxFileBytes-len(workbookExt)-len(suffix)) + suffix + workbookExt
		}
	}
	return out
}
