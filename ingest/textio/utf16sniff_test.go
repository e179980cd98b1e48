package textio

import (
	"testing"
	"unicode/utf16"
)

func encodeUTF16(s string, big bool) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if big {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

func TestSniffUTF16WithoutBOM(t *testing.T) {
	header := "Username\tSecurity Provider\tEnabled\tLast Authentication Date\r\nrené\tCorp AD\tYes\t2025-11-01\r\n"
	tests := []struct {
		name string
		head []byte
		want Encoding
		ok   bool
	}{
		{"little endian", encodeUTF16(header, false), UTF16LE, true},
		{"big endian", encodeUTF16(header, true), UTF16BE, true},
		{"JSON little endian", encodeUTF16(`[{"id": 1, "username": "a"}]`, false), UTF16LE, true},
		{"UTF-8", []byte(header), "", false},
		{"too short", encodeUTF16("a", false), "", false},
		{"binary with zeros", []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "", false},
	}
	for _, tt := range tests {
		got, ok := sniffUTF16(tt.head)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: sniffUTF16 = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
