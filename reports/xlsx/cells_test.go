package xlsx

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

func TestCellText(t *testing.T) {
	limit := excelize.TotalCellChars
	emoji := "😀" // two UTF-16 units
	tests := []struct {
		name  string
		in    string
		units int
		cut   bool
	}{
		{"short", "abc", 3, false},
		{"at the limit", strings.Repeat("a", limit), limit, false},
		{"one over", strings.Repeat("a", limit+1), limit, true},
		{"surrogate pairs", strings.Repeat(emoji, limit), limit - 1, true}, // a pair is never split
		{"pairs at the limit", strings.Repeat(emoji, limit/2), limit - 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cellText(tt.in)
			if n := len(utf16.Encode([]rune(got))); n != tt.units {
				t.Errorf("%d UTF-16 units, want %d", n, tt.units)
			}
			if cut := strings.HasSuffix(got, truncMarker); cut != tt.cut {
				t.Errorf("cut %v, want %v", cut, tt.cut)
			}
		})
	}
}

func TestEvidenceCell(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want any
	}{
		{"missing", nil, nil},
		{"empty string", "", nil},
		{"string", "2025-04-02T09:00:00Z", "2025-04-02T09:00:00Z"},
		{"true", true, "yes"},
		{"false", false, "no"},
		{"int", 234, int64(234)},
		{"whole float", 1200.0, int64(1200)},
		{"float", 900.5, 900.5},
		{"json number", json.Number("57"), int64(57)},
		{"NaN", math.NaN(), "NaN"},
		{"list", []any{"Corp LDAP", "Local", 3}, "Corp LDAP; Local; 3"},
		{"empty list", []any{}, nil},
		{"strings", []string{"a", "b"}, "a; b"},
		{"named object", map[string]any{"id": 1, "name": "Corp LDAP", "type": "ldap"}, "Corp LDAP"},
		{"object", map[string]any{"users": 2, "total": 2}, "total=2; users=2"},
		{"nested", []any{map[string]any{"b": []any{1.5}, "a": nil}}, "a=; b=1.5"},
		{"formula-looking", "=1+1", "=1+1"},
	}
	for _, tt := range tests {
		if got := evidenceCell(tt.in); got != tt.want {
			t.Errorf("%s: evidenceCell(%#v) = %#v, want %#v", tt.name, tt.in, got, tt.want)
		}
	}
}
