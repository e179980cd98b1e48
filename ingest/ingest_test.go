package ingest

import (
	"context"
	"fmt"

	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/schema"
)

type countSink struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *countSink) Append(t *schema.Table, _ []any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[t.Name]++
	return nil
}

// factory hands the same counting sink to every worker.
func (c *countSink) factory() SinkFactory {
	return func() (schema.Sink, func() error, error) { return c, func() error { return nil }, nil }
}

func newCount() *countSink { return &countSink{n: map[string]int{}} }

func write(t *testing.T, path, text string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const usersJSON = `[{"id": 1, "security_provider_id": 1, "username": "a", "enabled": true, "perm_access_allowed": true}]`

func TestLoadSourcesByContent(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "site", "export-2025-11.json"), usersJSON) // named for nothing: content decides
	write(t, filepath.Join(dir, "site", ".DS_Store"), "hidden files are passed over")
	write(t, filepath.Join(dir, "site", "roster.csv"), "email,status\na@corp.example,active\n")
	sink := newCount()
	m, err := Load(context.Background(), Options{Sources: []string{"prod=" + filepath.Join(dir, "site")}}, sink.factory())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Sources) != 1 || m.Sources[0].Name != "prod" || m.Sources[0].Product != "pra" {
		t.Fatalf("sources = %+v", m.Sources[0])
	}
	if !m.Roster || !m.Sources[0].Capabilities["roster"] || !m.Sources[0].Capabilities["user.enabled"] {
		t.Errorf("roster inside the folder should count as --roster; capabilities %v", m.Sources[0].Capabilities)
	}
	if sink.n["users"] != 1 || sink.n["roster"] != 1 || len(m.Files) != 2 {
		t.Errorf("sink = %v, files = %d", sink, len(m.Files))
	}
	if m.Files[0].Kind != "user" || len(m.Files[0].SHA256) != 64 || m.Files[0].RowsRead != 1 {
		t.Errorf("evidence = %+v", m.Files[0])
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a", "user.json"), usersJSON)
	write(t, filepath.Join(dir, "b", "a", "user.json"), usersJSON)
	write(t, filepath.Join(dir, "odd", "notes.json"), `{"hello": "world"}`)
	write(t, filepath.Join(dir, "odd", "user.json"), usersJSON)
	write(t, filepath.Join(dir, "mixed", "user.json"), usersJSON)
	write(t, filepath.Join(dir, "mixed", "rs.json"), `[{"id": 1, "security_provider_id": 1, "username": "b", "perm_support_allowed": true}]`)
	write(t, filepath.Join(dir, "bare", "user.json"), `[{"id": 1, "security_provider_id": 1, "username": "a"}]`)
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Sources: []string{filepath.Join(dir, "a"), filepath.Join(dir, "b", "a")}}, `two sources are named "a"`},
		{Options{Sources: []string{filepath.Join(dir, "odd")}}, "notes.json: recognised as nothing: looked for"},
		{Options{Sources: []string{filepath.Join(dir, "mixed")}}, `source "mixed" mixes products (pra and rs)`},
		{Options{Sources: []string{filepath.Join(dir, "bare")}}, `cannot tell the product of source "bare"`},
		{Options{Sources: []string{filepath.Join(dir, "a")}, Products: map[string]string{"z": "pra"}}, `--product names "z", which is not a source`},
		{Options{Sources: []string{filepath.Join(dir, "missing")}}, "no such file or directory"},
	}
	for _, tt := range tests {
		_, err := Load(context.Background(), tt.opts, newCount().factory())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%v): err = %v, want %q", tt.opts.Sources, err, tt.want)
		}
	}
	// --skip-unknown turns the unknown file into a warning; --product settles the product.
	m, err := Load(context.Background(), Options{Sources: []string{filepath.Join(dir, "odd"), filepath.Join(dir, "bare")}, SkipUnknown: true,
		Products: map[string]string{"odd": "rs", "bare": "pra"}}, newCount().factory())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], "notes.json") {
		t.Errorf("warnings = %v", m.Warnings)
	}
	var unknown *UnknownFileError
	_, err = Load(context.Background(), Options{Sources: []string{filepath.Join(dir, "odd")}}, newCount().factory())
	if !errors.As(err, &unknown) {
		t.Errorf("unknown file error type = %T", err)
	}
}

// A workbook past the 64 KiB head has its sheets out of reach of the head;
// it is still recognised by its header, not its name.
func TestLoadLargeWorkbookByContent(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "site", "user.json"), usersJSON)
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"Email", "Status", "Employee ID"})
	const people = 6000
	for i := 0; i < people; i++ {
		// Random-looking ids keep the zip from compressing below the head.
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("p%d@corp.example", i), "active", fmt.Sprintf("%x", (i+1)*2654435761)})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "site", "export-2025-11.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Size() <= headSize {
		t.Fatalf("workbook is %d bytes, want more than the %d byte head", st.Size(), headSize)
	}
	sink := newCount()
	m, err := Load(context.Background(), Options{Sources: []string{filepath.Join(dir, "site")}}, sink.factory())
	if err != nil {
		t.Fatal(err)
	}
	if !m.Roster || sink.n["roster"] != people {
		t.Errorf("roster = %v, rows %d, want %d", m.Roster, sink.n["roster"], people)
	}
}
