// Package cellcap cuts text to what one spreadsheet cell holds. The
// workbooks cut long values with it, and a finding's fingerprint is taken
// over the values as cut, so that a fingerprint computed from a returned
// workbook's cells matches the one computed from the finding.
package cellcap

// Limit is Excel's limit of characters per cell, counted as Excel does, in
// UTF-16 code units.
const Limit = 32767

// Marker ends a value cut to the limit, so that the cut is visible.
const Marker = "…[truncated]"

// Cut returns s, or s cut to Limit with Marker at its end. Cutting a cut
// value again changes nothing.
func Cut(s string) string {
	// A character takes as many bytes in UTF-8 as code units in UTF-16,
	// or more (a byte that is not UTF-8 counts as one unit): a value of
	// Limit bytes or fewer, nearly every one, needs no counting.
	if len(s) <= Limit || utf16Len(s) <= Limit {
		return s
	}
	budget := Limit - utf16Len(Marker)
	n := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if n+w > budget {
			return s[:i] + Marker
		}
		n += w
	}
	return s
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
