package cells

import "testing"

// Every Unicode Cc character is refused in a name, C1 and DEL included,
// and the message says which one where; other characters (format
// characters, letters of any script) are not.
func TestIdentityControl(t *testing.T) {
	for s, want := range map[string]string{
		"ann\x00e":         `"ann\x00e" (U+0000 at character 4)`,
		"Zoë\nSmith":       `"Zoë\nSmith" (U+000A at character 4)`,
		"\tjdoe":           `"\tjdoe" (U+0009 at character 1)`,
		"jdoe\r":           `"jdoe\r" (U+000D at character 5)`,
		"del\x7f":          `"del\x7f" (U+007F at character 4)`,
		"nel\u0085x":       `"nel\u0085x" (U+0085 at character 4)`,
		"jdoe":             "",
		"José Müller":      "",
		"e\u0301":          "", // a combining accent is no control
		"zero\u200bwidth":  "", // a format character (Cf), not Cc
		"李小龍@corp.example": "",
	} {
		if got := IdentityProblem(s); got != want {
			t.Errorf("IdentityProblem(%q) = %q, want %q", s, got, want)
		}
	}
}
