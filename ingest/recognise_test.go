package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/review-tool/review/schema"
)

// utf16LE is text as Excel's "Unicode Text" writes it: UTF-16 LE with a BOM.
func utf16LE(s string) string {
	units := utf16.Encode([]rune(s))
	b := []byte{0xFF, 0xFE}
	for _, u := range units {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

const tabReport = "Username\tSecurity Provider\tEnabled\tLast Authentication Date\tPerm Support Allowed\r\n" +
	"amy\tCorp AD\tYes\t2025-11-01\tYes\r\n" +
	"ben\tCorp AD\tNo\tNever\tYes\r\n"

// A User Account Report saved by Excel as "Unicode Text" is named .txt by
// default: the name never decides, so it is read, in a folder and in a zip.
func TestUnicodeTextReportNamedTxtIsRead(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "rs", "UserAccountReport.txt"), utf16LE(tabReport))
	archive := filepath.Join(dir, "rs-zip.zip")
	writeZip(t, archive, zipEntry{"rs/UserAccountReport.txt", []byte(utf16LE(tabReport))})
	// Without its byte order mark, as some tools save it.
	// (a name that says nothing: the content must tell)
	write(t, filepath.Join(dir, "rs-nobom", "r.txt"), utf16LE(tabReport)[2:])
	for _, src := range []string{filepath.Join(dir, "rs"), archive, filepath.Join(dir, "rs-nobom")} {
		sink := newCount()
		m, err := Load(context.Background(), Options{Sources: []string{src}, Products: map[string]string{filepath.Base(strings.TrimSuffix(src, ".zip")): "rs"}}, sink.factory())
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if len(m.Files) != 1 || m.Files[0].Kind != string(schema.KindUserReport) || m.Files[0].RowsRead != 2 || m.Files[0].Encoding != "utf-16le" {
			t.Errorf("%s: files = %+v", src, m.Files)
		}
	}
}

// Files of other kinds in a source are not passed over by their extension:
// each is named, all at once, and nothing is read.
func TestUnrecognisedFilesAreNamedEach(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "pra")
	write(t, filepath.Join(src, "user.json"), usersJSON)
	for _, name := range []string{"README.md", "notes.txt", "fetch.py", "export.sh"} {
		write(t, filepath.Join(src, name), "not an export\n")
	}
	write(t, filepath.Join(src, ".DS_Store"), "hidden: passed over without a word")
	write(t, filepath.Join(src, "__MACOSX", "._user.json"), "resource fork")
	_, err := Load(context.Background(), Options{Sources: []string{src}}, newCount().factory())
	var all *UnknownFilesError
	if !errors.As(err, &all) || len(all.Files) != 4 {
		t.Fatalf("err = %v, want the 4 unrecognised files", err)
	}
	msg := err.Error()
	for _, want := range []string{"4 files recognised as nothing", "--skip-unknown", "README.md: recognised as nothing: looked for",
		"notes.txt", "fetch.py", "export.sh"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, ".DS_Store") || strings.Contains(msg, "__MACOSX") {
		t.Errorf("hidden files named: %q", msg)
	}

	// --skip-unknown: a warning per file, each listed with its hash, the rest read.
	sink := newCount()
	m, err := Load(context.Background(), Options{Sources: []string{src}, SkipUnknown: true}, sink.factory())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Warnings) != 4 || len(m.Skipped) != 4 || sink.n["users"] != 1 {
		t.Fatalf("warnings %v, skipped %+v, users %d", m.Warnings, m.Skipped, sink.n["users"])
	}
	for _, s := range m.Skipped {
		if s.Source != "pra" || len(s.SHA256) != 64 || s.Bytes != int64(len("not an export\n")) || !strings.HasPrefix(s.Kind, "skipped") {
			t.Errorf("skipped = %+v", s)
		}
	}
}

// A source in which nothing was recognised is an error, with or without
// --skip-unknown: a review of nothing must not look like a clean review.
func TestSourceWithNoExportIsAnError(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "empty", ".DS_Store"), "x")
	write(t, filepath.Join(dir, "docs", "README.md"), "notes")
	write(t, filepath.Join(dir, "hr", "roster.csv"), "email,status\na@corp.example,active\n")
	tests := []struct {
		src  string
		skip bool
		want string
	}{
		{"empty", false, "source empty (" + filepath.Join(dir, "empty") + "): no export recognised in it (no files)"},
		{"docs", true, "no export recognised in it (1 file, 1 skipped as recognised as nothing)"},
		{"docs", false, "README.md: recognised as nothing"},
		{"hr", false, "source hr (" + filepath.Join(dir, "hr") + "): no export recognised in it (1 file)"},
	}
	for _, tt := range tests {
		_, err := Load(context.Background(), Options{Sources: []string{filepath.Join(dir, tt.src)}, SkipUnknown: tt.skip}, newCount().factory())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s (skip %v): err = %v, want %q", tt.src, tt.skip, err, tt.want)
		}
	}
}

// Symbolic links are followed wherever they lead, and the Evidence sheet
// records where; a loop or a link to nothing is an error naming the link.
func TestSymbolicLinksAreFollowed(t *testing.T) {
	dir := t.TempDir()
	dated := filepath.Join(dir, "archive", "2025-11")
	write(t, filepath.Join(dated, "user.json"), usersJSON)
	write(t, filepath.Join(dated, "group-policy.json"), `[{"id": 1, "name": "All", "perm_access_allowed": true}]`)
	links := filepath.Join(dir, "current")
	os.MkdirAll(links, 0o755)
	for _, name := range []string{"user.json", "group-policy.json"} {
		if err := os.Symlink(filepath.Join(dated, name), filepath.Join(links, name)); err != nil {
			t.Fatal(err)
		}
	}
	sink := newCount()
	m, err := Load(context.Background(), Options{Sources: []string{links}}, sink.factory())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 2 || sink.n["users"] != 1 || sink.n["group_policies"] != 1 {
		t.Fatalf("files %+v, sink %v", m.Files, sink.n)
	}
	for _, f := range m.Files {
		if filepath.Dir(f.Path) != links || f.Target != filepath.Join(realDir(t, dated), filepath.Base(f.Path)) {
			t.Errorf("file %s: target %q, want the dated file", f.Path, f.Target)
		}
	}

	// A linked folder is walked too.
	viaFolder := filepath.Join(dir, "via-folder")
	os.MkdirAll(viaFolder, 0o755)
	os.Symlink(dated, filepath.Join(viaFolder, "latest"))
	m, err = Load(context.Background(), Options{Sources: []string{viaFolder}}, newCount().factory())
	if err != nil || len(m.Files) != 2 || m.Files[1].Target != filepath.Join(realDir(t, dated), "user.json") {
		t.Fatalf("linked folder: err %v, files %+v", err, m)
	}

	loop := filepath.Join(dir, "loop")
	write(t, filepath.Join(loop, "user.json"), usersJSON)
	os.Symlink(loop, filepath.Join(loop, "again"))
	broken := filepath.Join(dir, "broken")
	write(t, filepath.Join(broken, "user.json"), usersJSON)
	os.Symlink(filepath.Join(dir, "gone.json"), filepath.Join(broken, "team.json"))
	for src, want := range map[string]string{
		loop:   filepath.Join(loop, "again") + ": found a symbolic link to " + realDir(t, loop) + ", a folder that contains it (a loop)",
		broken: filepath.Join(broken, "team.json") + ": found a symbolic link that leads nowhere (" + filepath.Join(dir, "gone.json") + ")",
	} {
		_, err := Load(context.Background(), Options{Sources: []string{src}}, newCount().factory())
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", src, err, want)
		}
	}
}

func realDir(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Detection reads as far as it needs, not a fixed head: a keyed export
// whose first 64 KiB hold only empty lists, and a user list whose first
// object is larger than 64 KiB, are recognised by content.
func TestDetectionReadsPastTheHead(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("{")
	for i := 1; i <= 6000; i++ {
		fmt.Fprintf(&b, "%q: [], ", fmt.Sprint(i))
	}
	b.WriteString(`"6001": [{"id": 1, "user_id": 1, "jump_item_role_id": 2}]}`)
	if b.Len() <= headSize {
		t.Fatalf("keyed export of %d bytes does not pass the head", b.Len())
	}
	write(t, filepath.Join(dir, "pra", "export-a.json"), b.String())
	big := `[{"id": 1, "security_provider_id": 1, "username": "a", "enabled": true, "perm_access_allowed": true, "public_display_name": "` +
		strings.Repeat("x", 100<<10) + `"}]`
	write(t, filepath.Join(dir, "pra", "export-b.json"), big)
	m, err := Load(context.Background(), Options{Sources: []string{filepath.Join(dir, "pra")}}, newCount().factory())
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, f := range m.Files {
		kinds[filepath.Base(f.Path)] = f.Kind
	}
	if kinds["export-a.json"] != string(schema.KindJumpGroupUsers) || kinds["export-b.json"] != string(schema.KindUsers) {
		t.Errorf("kinds = %v", kinds)
	}
}
