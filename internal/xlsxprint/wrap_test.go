package xlsxprint

import (
	"strings"
	"testing"
)

// A row is as tall as its longest wrapped text, in whole lines, capped; a
// row whose texts all fit on a line keeps the default height.
func TestRowHeight(t *testing.T) {
	long := strings.Repeat("word ", 40) // 200 characters
	for _, tc := range []struct {
		texts  []string
		widths []float64
		want   float64
	}{
		{[]string{"short", ""}, []float64{40, 60}, 0},
		{[]string{long}, []float64{60}, 4 * LineHeight},          // 62 characters a line at width 60
		{[]string{"a", long}, []float64{60, 40}, 5 * LineHeight}, // the taller of the two
		{[]string{"one\ntwo\nthree"}, []float64{60}, 3 * LineHeight},
		{[]string{strings.Repeat(long, 40)}, []float64{60}, MaxRowLines * LineHeight},
	} {
		if got := RowHeight(tc.texts, tc.widths); got != tc.want {
			t.Errorf("RowHeight(%.20q…, %v) = %v, want %v", tc.texts, tc.widths, got, tc.want)
		}
	}
}
