package campaign

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/review-tool/review/internal/model"
)

// Fingerprint is the first 16 hex digits of SHA-256 over the finding's id,
// rule, source, entity type, entity (as shown, not lower-cased) and detail,
// separated by NUL bytes: a returned row whose visible facts were edited no
// longer matches the fingerprint the campaign recorded.
//
// This is collect's copy, kept until split's campaign/identity.go lands;
// the two must stay the same function.
func Fingerprint(f model.Finding) string {
	h := sha256.New()
	for i, s := range []string{f.ID, f.Rule, f.Source, f.EntityType, f.Entity, f.Detail} {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
