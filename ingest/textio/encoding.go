package textio

import (
	"fmt"
	"strings"
)

// Encoding names what a text file was written in.
type Encoding string

const (
	UTF8    Encoding = "utf-8"
	UTF8BOM Encoding = "utf-8-bom"
	UTF16LE Encoding = "utf-16le"
	UTF16BE Encoding = "utf-16be"
	// UTF16 is stated UTF-16 whose byte order mark (or, without one,
	// little-endian) gives the order.
	UTF16 Encoding = "utf-16"
	// Windows1252 is what Excel's plain "CSV" writes on Windows in the
	// West; Latin1 (ISO 8859-1) is the same but for 0x80–0x9F.
	Windows1252 Encoding = "windows-1252"
	Latin1      Encoding = "iso-8859-1"
)

// encodingNames are the names --encoding accepts, with the encoding each
// stands for; the first name of each encoding is how it is written.
var encodingNames = []struct {
	name string
	enc  Encoding
}{
	{"windows-1252", Windows1252}, {"cp1252", Windows1252},
	{"iso-8859-1", Latin1}, {"latin1", Latin1}, {"latin-1", Latin1},
	{"utf-8", UTF8}, {"utf8", UTF8},
	{"utf-16", UTF16}, {"utf-16le", UTF16LE}, {"utf-16be", UTF16BE},
}

// ParseEncoding reads an encoding's name (any case). An unknown name is an
// error that lists the accepted ones.
func ParseEncoding(name string) (Encoding, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	names := make([]string, len(encodingNames))
	for i, e := range encodingNames {
		if n == e.name {
			return e.enc, nil
		}
		names[i] = e.name
	}
	return "", fmt.Errorf("unknown encoding %q: expected one of %s", name, strings.Join(names, ", "))
}
