package db

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/review-tool/review/schema"
)

func open(t testing.TB) *sql.DB {
	t.Helper()
	d, err := Open("", Options{MemoryLimit: "512MB", TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := CreateTables(context.Background(), d, schema.Tables); err != nil {
		t.Fatal(err)
	}
	return d
}

// userRow is a row of the users table: the prefix columns, then values by
// column type.
func userRow(i int) []any {
	row := make([]any, len(schema.Users.Columns))
	for c, col := range schema.Users.Columns {
		switch col.Name {
		case "source":
			row[c] = "pra-prod"
		case "file_id":
			row[c] = int64(1)
		case "line":
			row[c] = int64(i + 2)
		case "origin":
			row[c] = "api"
		case "id":
			row[c] = int64(i + 1)
		case "username":
			row[c] = fmt.Sprintf("user%07d", i)
		case "enabled":
			row[c] = i%10 != 0
		case "last_authentication":
			row[c] = time.Date(2025, 10, 1, 8, 0, 0, 0, time.UTC).Add(-time.Duration(i) * time.Minute)
		}
	}
	return row
}

func TestOpenIsOfflineAndBounded(t *testing.T) {
	d := open(t)
	for setting, want := range map[string]string{
		"autoinstall_known_extensions": "false", "autoload_known_extensions": "false",
		"preserve_insertion_order": "false", "memory_limit": "488.2 MiB",
	} {
		var got string
		if err := d.QueryRow("SELECT current_setting('" + setting + "')::VARCHAR").Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s = %q, want %q", setting, got, want)
		}
	}
}

func TestLoaderAppendsEveryRow(t *testing.T) {
	d := open(t)
	l, err := NewLoader(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5000; i++ {
		if err := l.Append(schema.Users, userRow(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	var n, enabled int
	var last string
	if err := d.QueryRow(`SELECT count(*), count(*) FILTER (WHERE enabled), max(username) FROM users`).Scan(&n, &enabled, &last); err != nil {
		t.Fatal(err)
	}
	if n != 5000 || enabled != 4500 || last != "user0004999" {
		t.Errorf("users: %d rows, %d enabled, last %q", n, enabled, last)
	}
}

// BenchmarkLoaderAppend measures the Appender path every reader's rows take
// into DuckDB, with rows of the widest raw table.
func BenchmarkLoaderAppend(b *testing.B) {
	d := open(b)
	rows := make([][]any, 10000)
	for i := range rows {
		rows[i] = userRow(i)
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		l, err := NewLoader(context.Background(), d)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			if err := l.Append(schema.Users, r); err != nil {
				b.Fatal(err)
			}
		}
		if err := l.Close(); err != nil {
			b.Fatal(err)
		}
		n += len(rows)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "rows/s")
}
