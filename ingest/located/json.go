package located

import "fmt"

// JSONStart names what a JSON value starting with byte b is ("a string",
// "an object", …), or the byte itself, for a message's found part: one
// wording for every JSON reader.
func JSONStart(b byte) string {
	switch {
	case b == '"':
		return "a string"
	case b == '{':
		return "an object"
	case b == '[':
		return "an array"
	case b == '-' || (b >= '0' && b <= '9'):
		return "a number"
	case b == 't' || b == 'f':
		return "a boolean"
	case b == 'n':
		return "null"
	case b >= 0x20 && b < 0x7f:
		return fmt.Sprintf("%q", string(b))
	}
	return fmt.Sprintf("byte 0x%02x", b)
}
