package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zipEntry is one file to put in a test archive.
type zipEntry struct {
	name string
	data []byte
}

func writeZip(t *testing.T, path string, entries ...zipEntry) {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A zipped source reads like the folder it was made from; its files are
// named zip!entry in messages and on the Evidence sheet.
func TestLoadZippedSource(t *testing.T) {
	dir := t.TempDir()
	archive := filepath.Join(dir, "pra-prod.zip")
	writeZip(t, archive,
		zipEntry{"pra-prod/user.json", []byte(usersJSON)},
		zipEntry{"pra-prod/.notes.md", []byte("notes")},
		zipEntry{"__MACOSX/pra-prod/._user.json", []byte("junk")},
		zipEntry{"pra-prod/", nil},
	)
	sink := newCount()
	m, err := Load(context.Background(), Options{Sources: []string{archive}}, sink.factory())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Sources) != 1 || m.Sources[0].Name != "pra-prod" || m.Sources[0].Product != "pra" {
		t.Fatalf("sources = %+v", m.Sources[0])
	}
	if len(m.Files) != 1 || m.Files[0].Path != archive+"!pra-prod/user.json" || m.Files[0].RowsRead != 1 || sink.n["users"] != 1 {
		t.Fatalf("files = %+v, sink = %v", m.Files, sink.n)
	}
	// The hash is of the entry, as it would be of the file unzipped.
	if sum := sha256.Sum256([]byte(usersJSON)); m.Files[0].SHA256 != hex.EncodeToString(sum[:]) || m.Files[0].Bytes != int64(len(usersJSON)) {
		t.Errorf("sha256 %q, %d bytes: want the entry's", m.Files[0].SHA256, m.Files[0].Bytes)
	}

	// The archive itself is evidence too.
	zipped, _ := os.ReadFile(archive)
	if sum := sha256.Sum256(zipped); len(m.Archives) != 1 || m.Archives[0].Path != archive || m.Archives[0].Kind != "zip" ||
		m.Archives[0].Source != "pra-prod" || m.Archives[0].SHA256 != hex.EncodeToString(sum[:]) || m.Archives[0].Bytes != int64(len(zipped)) {
		t.Errorf("archives = %+v", m.Archives)
	}

	// A bad row inside a zip is placed at the entry.
	writeZip(t, archive, zipEntry{"user.json", []byte("[\n" + `{"id": 1, "username": "a", "perm_access_allowed": true, "enabled": [1]}` + "\n]")})
	_, err = Load(context.Background(), Options{Sources: []string{archive}}, newCount().factory())
	if err == nil || !strings.HasPrefix(err.Error(), archive+"!user.json:2:") {
		t.Errorf("error %v, want it placed in %s!user.json on line 2", err, archive)
	}
}

// Archives crafted to escape their folder or expand without bound are
// refused before anything is read, with the archive and entry named.
func TestLoadRefusesHostileZips(t *testing.T) {
	defer func(n int, total, ratio int64) { maxZipEntries, maxZipExpanded, maxZipRatio = n, total, ratio }(maxZipEntries, maxZipExpanded, maxZipRatio)
	maxZipEntries, maxZipExpanded = 20, 32<<20
	zeros := make([]byte, 8<<20) // deflates about 1000 times
	tests := []struct {
		name    string
		entries []zipEntry
		want    string
	}{
		{"parent path", []zipEntry{{"../evil.json", []byte(usersJSON)}}, `the entry "../evil.json", expected paths inside the archive`},
		{"nested parent path", []zipEntry{{"site/../../evil.json", []byte(usersJSON)}}, `the entry "site/../../evil.json"`},
		{"backslash parent path", []zipEntry{{`site\..\..\evil.json`, []byte(usersJSON)}}, `expected paths inside the archive`},
		{"absolute path", []zipEntry{{"/etc/passwd", []byte("root:x:0:0")}}, `the entry "/etc/passwd"`},
		{"drive letter", []zipEntry{{`C:\Windows\win.ini`, []byte("x")}}, `the entry "C:\\Windows\\win.ini"`},
		{"nested zip", []zipEntry{{"inner.zip", []byte("PK\x03\x04")}}, `the zip "inner.zip" inside it, expected export files`},
		{"too many entries", func() []zipEntry {
			var es []zipEntry
			for i := 0; i < 21; i++ {
				es = append(es, zipEntry{filepath.Join("d", string(rune('a'+i))+".json"), []byte(usersJSON)})
			}
			return es
		}(), "found 21 entries, expected at most 20"},
		{"expansion ratio", []zipEntry{{"user.json", zeros}}, `found the entry "user.json" expanding`},
		{"total expanded size", []zipEntry{{"a.json", noise(18 << 20)}, {"b.json", noise(18 << 20)}},
			"found entries expanding to more than 32 MiB, expected at most 32 MiB in all"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := filepath.Join(t.TempDir(), "site.zip")
			writeZip(t, archive, tt.entries...)
			_, err := Load(context.Background(), Options{Sources: []string{archive}}, newCount().factory())
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), archive+": ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to name %s and say %q", err, archive, tt.want)
			}
		})
	}
}

// noise is n bytes that hardly compress.
func noise(n int) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// A zip inside a source folder is not opened.
func TestLoadRefusesZipInFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "site", "user.json"), usersJSON)
	writeZip(t, filepath.Join(dir, "site", "more.zip"), zipEntry{"user.json", []byte(usersJSON)})
	_, err := Load(context.Background(), Options{Sources: []string{filepath.Join(dir, "site")}}, newCount().factory())
	if err == nil || !strings.Contains(err.Error(), "more.zip: found a zip inside a source folder") {
		t.Errorf("error %v", err)
	}
}
