package cells

import (
	"fmt"
	"strconv"
	"unicode"
)

// ExpectIdentity is what a name that identifies a person or an account
// fails when it holds a control character.
const ExpectIdentity = "a name without control characters (Unicode category Cc: NUL, tab, line breaks, DEL, U+0080 to U+009F)"

// IdentityControl is the first control character (Unicode category Cc) of
// s, a name that identifies a person or an account (a username, an email,
// a display name, a reviewer), and its position in characters from 1; at
// is 0 when s has none. Such a name cannot be shown as it is (a workbook
// cell turns NUL into U+FFFD, a line break splits it) while it is kept as
// read elsewhere, so one person would be two: collect would refuse a
// reviewer's own untouched workbook. Stricter than HasControl, which lets
// other text keep its tabs and line breaks.
func IdentityControl(s string) (r rune, at int) {
	n := 0
	for _, c := range s {
		n++
		if unicode.Is(unicode.Cc, c) {
			return c, n
		}
	}
	return 0, 0
}

// IdentityProblem is what a message says was found in s, a name with a
// control character: the name quoted (its control characters escaped)
// and which one where, e.g. "ann\x00" (U+0000 at character 4); "" when s
// has none.
func IdentityProblem(s string) string {
	r, at := IdentityControl(s)
	if at == 0 {
		return ""
	}
	q := s
	if len([]rune(q)) > 60 {
		q = string([]rune(q)[:60]) + "…"
	}
	return fmt.Sprintf("%s (%U at character %d)", strconv.Quote(q), r, at)
}
