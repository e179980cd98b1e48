package textio

import (
	"bytes"
	"errors"
	"io"
)

// errHeadNUL is a NUL in the head of a file: not text, whatever it is.
var errHeadNUL = errors.New("a NUL byte")

// DecodeHead decodes the first bytes of a file to recognise it by: as
// DecodeText would, except that bytes that are not UTF-8 become U+FFFD
// instead of ending the text. Recognising looks at names that are ASCII,
// so a file in a legacy encoding is recognised, and its reader then stops
// at the first such byte and says how to read it (--encoding). A cut
// character at the end of head is a U+FFFD too. The text ends at a NUL or
// at UTF-16 that cannot be decoded, with an error.
func DecodeHead(head []byte) ([]byte, error) {
	text, enc, err := DecodeText(bytes.NewReader(head))
	if err != nil {
		return nil, err
	}
	if enc != UTF8 && enc != UTF8BOM {
		return io.ReadAll(text)
	}
	out := bytes.ToValidUTF8(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), []byte("\uFFFD"))
	if i := bytes.IndexByte(out, 0); i >= 0 {
		return out[:i], errHeadNUL
	}
	return out, nil
}
