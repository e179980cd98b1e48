package reader

import (
	"io"
	"strings"
	"testing"
)

// A reader that needs more than the head reads on from it without the
// bytes being read twice; a second reader that wants the whole file gets
// it from its start, opened anew.
func TestHeadReadsOnAndReopens(t *testing.T) {
	file := `[{"username": "amy"}, {"username": "ben"}]`
	rest := strings.NewReader(file[8:])
	opens := 0
	open := func() (io.ReadCloser, error) {
		opens++
		return io.NopCloser(strings.NewReader(file)), nil
	}
	h := NewHead("user.json", []byte(file[:8]), false, rest, open, "")
	defer h.Close()
	for i := 0; i < 2; i++ {
		r, err := h.Reader()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		if string(b) != file {
			t.Errorf("read %d: %q, want the whole file", i, b)
		}
	}
	if opens != 1 {
		t.Errorf("opened %d times, want once (for the second read)", opens)
	}
	if h.Whole() || string(h.Bytes()) != file[:8] {
		t.Errorf("head %q whole %v", h.Bytes(), h.Whole())
	}
}

// The head's text is what recognising looks at: a legacy encoding's bytes
// become U+FFFD, so ASCII names still tell.
func TestHeadText(t *testing.T) {
	h := NewHead("users.csv", []byte("Username,Caf\xe9\n"), true, strings.NewReader(""), nil, "")
	if got := string(h.Text()); got != "Username,Caf\uFFFD\n" {
		t.Errorf("Text = %q", got)
	}
}
