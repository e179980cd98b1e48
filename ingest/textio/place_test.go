package textio

import "testing"

func TestPlace(t *testing.T) {
	tests := []struct {
		text      string
		line, col int64
	}{
		{"", 1, 1},
		{"ab", 1, 3},
		{"ab\ncd", 2, 3},
		{"ab\r\ncd", 2, 3},
		{"ab\rcd", 2, 3},
		{"ab\r\n\r\n", 3, 1},
		{"ab\n\rc", 3, 2},
		{"é€𝄞x", 1, 5}, // one column per character, not per byte
		{"a\r", 2, 1},
	}
	for _, tt := range tests {
		// Advance at once and byte by byte, and across a split CRLF.
		whole, steps := Start(), Start()
		whole.Advance([]byte(tt.text))
		for i := 0; i < len(tt.text); i++ {
			steps.Step(tt.text[i])
		}
		if whole.Line != tt.line || whole.Col != tt.col || steps != whole {
			t.Errorf("%q: Advance at %d:%d, Step at %d:%d, want %d:%d", tt.text, whole.Line, whole.Col, steps.Line, steps.Col, tt.line, tt.col)
		}
		for cut := 0; cut <= len(tt.text); cut++ {
			p := Start()
			p.Advance([]byte(tt.text[:cut]))
			p.Advance([]byte(tt.text[cut:]))
			if p != whole {
				t.Errorf("%q cut at %d: %d:%d", tt.text, cut, p.Line, p.Col)
			}
		}
	}
}
