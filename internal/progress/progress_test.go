package progress

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer the bar's own goroutine (a spinner redraws on a
// timer) and the test can share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *syncBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Reset()
}

// On a terminal each stage draws a bar with its count (of its total when
// known), then leaves one line that says what the stage did.
func TestBarsShowCounts(t *testing.T) {
	var buf syncBuffer
	b := &Bars{W: &buf, Log: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: dropTime}))}

	facts := b.Start("facts", "steps", 5)
	facts.Add(1)
	time.Sleep(120 * time.Millisecond) // past the bar's throttle
	facts.Add(2)
	if out := buf.String(); !strings.Contains(out, "facts steps") || !strings.Contains(out, "(3/5)") {
		t.Errorf("the facts bar shows %q, want its name, unit and 3/5", out)
	}
	facts.Done()
	if out := buf.String(); !strings.Contains(out, "stage=facts") || !strings.Contains(out, "steps=3") {
		t.Errorf("the facts stage ended with %q", out)
	}

	buf.Reset()
	rules := b.Start("rules", "facts", -1)
	rules.Add(1200)
	time.Sleep(120 * time.Millisecond)
	rules.Add(34)
	time.Sleep(300 * time.Millisecond) // a spinner is redrawn on a timer
	if out := buf.String(); !strings.Contains(out, "rules facts") || !strings.Contains(out, "(1234/-)") {
		t.Errorf("the rules spinner shows %q, want the count so far", out)
	}
	rules.Done("findings", 7)
	if out := buf.String(); !strings.Contains(out, "facts=1234 findings=7") {
		t.Errorf("the rules stage ended with %q", out)
	}
}

// Without a terminal, a stage is one log line with its count.
func TestLogsCountStages(t *testing.T) {
	var buf bytes.Buffer
	l := Logs{Log: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: dropTime}))}
	s := l.Start("read", "files", -1)
	s.Add(2)
	s.Add(1)
	s.Done("rows", 40)
	if out := buf.String(); !strings.Contains(out, "stage=read") || !strings.Contains(out, "files=3 rows=40") {
		t.Errorf("log line %q", out)
	}
}
