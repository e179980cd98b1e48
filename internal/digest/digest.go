// Package digest hashes the files a review reads, one way for all of them,
// so that every SHA-256 the Evidence sheet and the manifest show is the
// same kind of value: lower-case hex over the file's bytes.
package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// Reader is the hex SHA-256 of everything r holds, and its byte count.
func Reader(r io.Reader) (string, int64, error) {
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// File is the hex SHA-256 of a file's bytes, and their count.
func File(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	sum, n, err := Reader(f)
	if err != nil {
		return "", 0, fmt.Errorf("read %s: %w", path, err)
	}
	return sum, n, nil
}
