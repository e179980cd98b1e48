package textio

import "bytes"

// Place is where the next character of a text is: its line and column,
// both from 1, one column per character (UTF-8 continuation bytes do not
// count). CR, LF and CRLF each end one line. Every reader that names a
// line and column in its messages moves a Place over what it reads.
type Place struct {
	Line, Col int64
	afterCR   bool // the last byte was a CR: an LF now ends no new line
}

// Start is the place of a text's first character.
func Start() Place { return Place{Line: 1, Col: 1} }

// Step moves the place over the byte b.
func (p *Place) Step(b byte) {
	switch {
	case b == '\n':
		if !p.afterCR {
			p.Line++
		}
		p.Col = 1
	case b == '\r':
		p.Line++
		p.Col = 1
	case b&0xC0 != 0x80:
		p.Col++
	}
	p.afterCR = b == '\r'
}

// Advance moves the place over text.
func (p *Place) Advance(text []byte) {
	if len(text) == 0 {
		return
	}
	if !p.afterCR && bytes.IndexByte(text, '\r') < 0 {
		// The usual case, LF line ends only: count rather than step.
		if last := bytes.LastIndexByte(text, '\n'); last >= 0 {
			p.Line += int64(bytes.Count(text, []byte{'\n'}))
			p.Col = 1 + chars(text[last+1:])
		} else {
			p.Col += chars(text)
		}
		return
	}
	for _, b := range text {
		p.Step(b)
	}
}

// chars counts the bytes that start a character, as Step does, so that a
// text cut inside a character counts the same in pieces as whole.
func chars(text []byte) int64 {
	n := int64(0)
	for _, b := range text {
		if b&0xC0 != 0x80 {
			n++
		}
	}
	return n
}
