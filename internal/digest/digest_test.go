package digest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The well-known SHA-256 of "abc" pins the encoding: lower-case hex.
func TestFileAndReaderAgree(t *testing.T) {
	const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("abc"), 0o600); err != nil {
		t.Fatal(err)
	}
	sum, n, err := File(p)
	if err != nil || sum != abc || n != 3 {
		t.Fatalf("File = %q, %d, %v; want %q, 3", sum, n, err, abc)
	}
	sum, n, err = Reader(strings.NewReader("abc"))
	if err != nil || sum != abc || n != 3 {
		t.Fatalf("Reader = %q, %d, %v", sum, n, err)
	}
	if _, _, err := File(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("a missing file hashed without error")
	}
}
