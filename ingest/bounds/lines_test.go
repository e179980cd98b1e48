package bounds

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// Lines gives each line without its line break, numbered; a line past
// the bound is an error naming the file, the line and the bound, and
// nothing of it is returned.
func TestLinesBound(t *testing.T) {
	text := "first\r\n" + strings.Repeat("x", 1024) + "\n\n" + strings.Repeat("y", 1025) + "\nnever read\n"
	l := NewLines(strings.NewReader(text), "big.jsonl", 1024, "one finding per line")
	for _, want := range []string{"first", strings.Repeat("x", 1024), ""} {
		line, _, err := l.Next()
		if err != nil || string(line) != want {
			t.Fatalf("line %.20q, %v; want %.20q", line, err, want)
		}
	}
	line, num, err := l.Next()
	var re interface{ InputError() bool }
	if err == nil || err.Error() != "big.jsonl:4: found a line of more than 1 KiB, expected one finding per line" ||
		!errors.As(err, &re) || num != 4 || line != nil {
		t.Errorf("past the bound: %q, line %d, %v", line, num, err)
	}
}

// The last line needs no line break; after it, io.EOF.
func TestLinesLastLine(t *testing.T) {
	l := NewLines(strings.NewReader("a\nb"), "f", 0, "")
	for i, want := range []string{"a", "b"} {
		line, num, err := l.Next()
		if err != nil || string(line) != want || num != int64(i+1) {
			t.Fatalf("%q %d %v", line, num, err)
		}
	}
	if _, _, err := l.Next(); err != io.EOF {
		t.Errorf("after the last line: %v", err)
	}
}

// A line grows past the bound across many reads (one byte at a time here)
// and is caught on the read that passes it, not only at its end.
func TestLineLimitAcrossReads(t *testing.T) {
	r := &LineLimit{R: &oneByte{strings.NewReader("ok\n" + strings.Repeat("z", 2000))}, File: "t.csv", Max: 100, Expected: "short rows"}
	n, err := io.Copy(io.Discard, r)
	if err == nil || err.Error() != "t.csv:2: found a line of more than 100 bytes, expected short rows" || n > 3+101 {
		t.Errorf("read %d bytes, %v", n, err)
	}
}

type oneByte struct{ r io.Reader }

func (o *oneByte) Read(p []byte) (int, error) { return o.r.Read(p[:min(len(p), 1)]) }

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{MaxLine: "64 MiB", 1024: "1 KiB", 100: "100 bytes", 1536: "1536 bytes", 4 << 30: "4096 MiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
