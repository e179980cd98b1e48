package reports

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/review-tool/review/internal/model"
)

// A workbook that fails to write leaves no file, and an existing one
// untouched.
func TestFailedWriteLeavesNoFile(t *testing.T) {
	boom := errors.New("duckdb went away")
	tests := []struct {
		name   string
		modify func(r *model.Review)
		want   error
	}{
		{"iterator fails", func(r *model.Review) {
			r.Accounts = func(fn func(*model.AccountRow) error) error {
				_ = fn(&model.AccountRow{Username: "first"})
				return boom
			}
		}, boom},
		{"fewer rows than announced", func(r *model.Review) { r.AccountCount = 5 }, nil},
		{"more rows than announced", func(r *model.Review) { r.AccountCount = 2 }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			r := testReview()
			tt.modify(r)
			path := filepath.Join(dir, "out.xlsx")
			err := WriteWorkbook(path, r, "")
			if err == nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("left behind: %v", entries)
			}
			// An existing workbook survives a failed write untouched.
			if err := os.WriteFile(path, []byte("previous"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := WriteWorkbook(path, r, ""); err == nil {
				t.Fatal("second write succeeded")
			}
			if data, _ := os.ReadFile(path); string(data) != "previous" {
				t.Errorf("existing file changed to %d bytes", len(data))
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("left behind: %v", entries)
			}
		})
	}
}
