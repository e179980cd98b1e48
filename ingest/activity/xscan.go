package activity

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// scanner is the XML tokenizer of the reports: encoding/xml's
// Decoder.RawToken in strict mode, ported to read from a buffer of its own
// instead of an io.ByteReader byte by byte, and to hand out its tokens
// without allocating them. It accepts and refuses what encoding/xml does,
// with the same messages, and its offset, line and column move exactly as
// the decoder's (InputOffset, InputPos), so that every error of a report
// is where it was before (differential_test.go checks both against each
// other). What the decoder does for other callers is left out: namespace
// translation (the reports are read by local name), Strict false,
// AutoClose, Entity maps, charset readers (the text is UTF-8 already).
//
// A token may be at most maxToken bytes from its first byte (the guard the
// decoder read through stopped it there): the scanner keeps the bytes of
// the current token, so its buffer is at most about that. It also keeps,
// when asked, the first maxRaw bytes of a row, for the Ingest Issues sheet.
type scanner struct {
	r    io.Reader
	rerr error  // what the last read of r ended with, once the bytes before it are used
	buf  []byte // buf[:end] read from r; buf[pos] is the next byte
	pos  int
	end  int
	base int64 // offset of buf[0] in the text

	err       error // sticky: the decoder's d.err
	line      int64
	linestart int64
	tokStart  int64 // offset of the current token's first byte
	limit     int64 // tokStart + maxToken: a byte at limit or beyond is errTooLong

	needClose bool // the last start tag was <x/>: its end is the next token
	toClose   xml.Name

	// What the current token holds (next returns its kind). attrs and
	// text are the scanner's, reused by the next token; text may be a
	// slice of buf.
	attrs []xml.Attr
	name  xml.Name // start or end element
	text  []byte   // character data

	data    []byte   // scratch, as the decoder's d.buf
	textErr string   // what validText found
	expect  xml.Name // the element open, whose end tag is the likeliest

	names  map[string]string // interned names, a bounded number
	recent [251]string       // the names last met, by a hash of their bytes
	values [509]string       // short values last met, by a hash of their bytes

	// A row's raw text, while rec: the bytes from rawStart, at most maxRaw.
	rec      bool
	rawStart int64
	rawUpTo  int64 // bytes before it are in raw (or past maxRaw)
	raw      []byte
}

const (
	tokStart = iota + 1
	tokEnd
	tokText
	tokOther // a comment, a processing instruction or a directive
)

// maxNames bounds the interned names: a report has a few dozen; a file of
// ever new names is read with names allocated each time.
const maxNames = 1024

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, 64<<10), line: 1, limit: maxToken, names: map[string]string{}}
}

// offset is the decoder's InputOffset: the end of the last token.
func (d *scanner) offset() int64 { return d.base + int64(d.pos) }

// mark starts a token at the current offset.
func (d *scanner) mark() {
	d.tokStart = d.offset()
	d.limit = d.tokStart + maxToken
}

// lim is the end of the bytes that can be read without a refill and
// without reaching the token's bound.
func (d *scanner) lim() int {
	if d.err != nil {
		return d.pos
	}
	if l := d.limit - d.base; l < int64(d.end) {
		if l < int64(d.pos) {
			return d.pos
		}
		return int(l)
	}
	return d.end
}

// fill reads more of r into buf, keeping the current token's bytes. It
// returns false, with d.err set, at the end of the text or on an error.
func (d *scanner) fill() bool {
	if d.rerr != nil {
		d.err = d.rerr
		return false
	}
	if d.rec {
		d.appendRaw(d.base + int64(d.end))
	}
	if keep := int(d.tokStart - d.base); keep > 0 {
		n := copy(d.buf, d.buf[keep:d.end])
		d.base += int64(keep)
		d.pos -= keep
		d.end = n
	}
	if d.end == len(d.buf) {
		nb := make([]byte, 2*len(d.buf))
		copy(nb, d.buf[:d.end])
		d.buf = nb
	}
	for tries := 0; ; tries++ {
		n, err := d.r.Read(d.buf[d.end:])
		d.end += n
		if err != nil {
			d.rerr = err
		}
		if n > 0 {
			return true
		}
		if err != nil {
			d.err = err
			return false
		}
		if tries > 100 {
			d.err = io.ErrNoProgress
			d.rerr = d.err
			return false
		}
	}
}

// getc reads one byte, keeping the line count.
func (d *scanner) getc() (byte, bool) {
	if d.err != nil {
		return 0, false
	}
	if d.pos >= d.end && !d.fill() {
		return 0, false
	}
	if d.base+int64(d.pos) >= d.limit {
		d.err = errTooLong
		return 0, false
	}
	b := d.buf[d.pos]
	d.pos++
	if b == '\n' {
		d.line++
		d.linestart = d.offset()
	}
	return b, true
}

func (d *scanner) mustgetc() (byte, bool) {
	b, ok := d.getc()
	if !ok && d.err == io.EOF {
		d.err = d.syntaxError("unexpected EOF")
	}
	return b, ok
}

// ungetc gives back the byte just read. As the decoder's, it counts the
// line back but not where it starts.
func (d *scanner) ungetc(b byte) {
	if b == '\n' {
		d.line--
	}
	d.pos--
}

func (d *scanner) syntaxError(msg string) error {
	return &xml.SyntaxError{Msg: msg, Line: int(d.line)}
}

// inputPos is the decoder's InputPos.
func (d *scanner) inputPos() (int64, int64) {
	return d.line, d.offset() - d.linestart + 1
}

// advance moves past n bytes at pos, none of them read before, counting
// their lines.
func (d *scanner) advance(n int) {
	run := d.buf[d.pos : d.pos+n]
	if i := bytes.LastIndexByte(run, '\n'); i >= 0 {
		d.line += int64(bytes.Count(run, nl))
		d.linestart = d.base + int64(d.pos+i+1)
	}
	d.pos += n
}

var nl = []byte{'\n'}

// next reads the next token: the decoder's rawToken.
func (d *scanner) next() (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	if d.needClose {
		d.needClose = false
		d.name = d.toClose
		return tokEnd, nil
	}
	b, ok := d.getc()
	if !ok {
		return 0, d.err
	}
	if b != '<' {
		d.ungetc(b)
		data, ok := d.textOf(-1, false)
		if !ok {
			return 0, d.err
		}
		d.text = data
		return tokText, nil
	}
	if b, ok = d.mustgetc(); !ok {
		return 0, d.err
	}
	switch b {
	case '/':
		// Most end tags close the element open: its name, as read.
		var name xml.Name
		s, ok := d.nameBytes()
		if ok {
			if isNamed(s, d.expect) {
				name = d.expect
			} else {
				name, ok = d.splitName(s)
			}
		}
		if !ok {
			if d.err == nil {
				d.err = d.syntaxError("expected element name after </")
			}
			return 0, d.err
		}
		d.space()
		if b, ok = d.mustgetc(); !ok {
			return 0, d.err
		}
		if b != '>' {
			d.err = d.syntaxError("invalid characters between </" + name.Local + " and >")
			return 0, d.err
		}
		d.name = name
		return tokEnd, nil
	case '?':
		return d.procInst()
	case '!':
		return d.bang()
	}
	d.ungetc(b)
	name, ok := d.nsname()
	if !ok {
		if d.err == nil {
			d.err = d.syntaxError("expected element name after <")
		}
		return 0, d.err
	}
	d.attrs = d.attrs[:0]
	empty := false
	for {
		d.space()
		if b, ok = d.mustgetc(); !ok {
			return 0, d.err
		}
		if b == '/' {
			empty = true
			if b, ok = d.mustgetc(); !ok {
				return 0, d.err
			}
			if b != '>' {
				d.err = d.syntaxError("expected /> in element")
				return 0, d.err
			}
			break
		}
		if b == '>' {
			break
		}
		d.ungetc(b)
		var a xml.Attr
		if a.Name, ok = d.nsname(); !ok {
			if d.err == nil {
				d.err = d.syntaxError("expected attribute name in element")
			}
			return 0, d.err
		}
		d.space()
		if b, ok = d.mustgetc(); !ok {
			return 0, d.err
		}
		if b != '=' {
			d.err = d.syntaxError("attribute name without = in element")
			return 0, d.err
		}
		d.space()
		if b, ok = d.mustgetc(); !ok {
			return 0, d.err
		}
		if b != '"' && b != '\'' {
			d.err = d.syntaxError("unquoted or missing attribute value in element")
			return 0, d.err
		}
		data, ok := d.textOf(int(b), false)
		if !ok {
			return 0, d.err
		}
		a.Value = d.value(data)
		d.attrs = append(d.attrs, a)
	}
	if empty {
		d.needClose = true
		d.toClose = name
	}
	d.name = name
	return tokStart, nil
}

// procInst reads a processing instruction after its <?. The XML
// declaration's version is checked; its encoding is the file's, not the
// text's, which is UTF-8 here.
func (d *scanner) procInst() (int, error) {
	target, ok := d.nameBytes()
	if !ok {
		if d.err == nil {
			d.err = d.syntaxError("expected target name after <?")
		}
		return 0, d.err
	}
	isXML := string(target) == "xml"
	d.space()
	d.data = d.data[:0]
	var b0 byte
	for {
		b, ok := d.mustgetc()
		if !ok {
			return 0, d.err
		}
		if isXML {
			d.data = append(d.data, b)
		}
		if b0 == '?' && b == '>' {
			break
		}
		b0 = b
	}
	if isXML {
		content := string(d.data[:len(d.data)-2])
		if ver := procInstParam("version", content); ver != "" && ver != "1.0" {
			d.err = fmt.Errorf("xml: unsupported version %q; only version 1.0 is supported", ver)
			return 0, d.err
		}
	}
	return tokOther, nil
}

// bang reads a comment, a CDATA section or a directive after its <!.
func (d *scanner) bang() (int, error) {
	b, ok := d.mustgetc()
	if !ok {
		return 0, d.err
	}
	switch b {
	case '-':
		if b, ok = d.mustgetc(); !ok {
			return 0, d.err
		}
		if b != '-' {
			d.err = d.syntaxError("invalid sequence <!- not part of <!--")
			return 0, d.err
		}
		var b0, b1 byte
		for {
			// Past plain bytes in bulk: only - and > end a comment,
			// and any byte after -- is looked at.
			if l := d.lim(); d.pos < l && !(b0 == '-' && b1 == '-') {
				run := d.buf[d.pos:l]
				n := 0
				for n < len(run) && run[n] != '-' && run[n] != '>' {
					n++
				}
				if n > 0 {
					if n >= 2 {
						b0 = run[n-2]
					} else {
						b0 = b1
					}
					b1 = run[n-1]
					d.advance(n)
				}
			}
			if b, ok = d.mustgetc(); !ok {
				return 0, d.err
			}
			if b0 == '-' && b1 == '-' {
				if b != '>' {
					d.err = d.syntaxError(`invalid sequence "--" not allowed in comments`)
					return 0, d.err
				}
				return tokOther, nil
			}
			b0, b1 = b1, b
		}
	case '[':
		for i := 0; i < 6; i++ {
			if b, ok = d.mustgetc(); !ok {
				return 0, d.err
			}
			if b != "CDATA["[i] {
				d.err = d.syntaxError("invalid <![ sequence")
				return 0, d.err
			}
		}
		data, ok := d.textOf(-1, true)
		if !ok {
			return 0, d.err
		}
		d.text = data
		return tokText, nil
	}
	// A directive (<!DOCTYPE …>): read through, quoted > and comments
	// inside it as the decoder does; what it says is not kept.
	var inquote byte
	depth := 0
	for {
		if b, ok = d.mustgetc(); !ok {
			return 0, d.err
		}
		if inquote == 0 && b == '>' && depth == 0 {
			return tokOther, nil
		}
	HandleB:
		switch {
		case b == inquote:
			inquote = 0
		case inquote != 0:
		case b == '\'' || b == '"':
			inquote = b
		case b == '>':
			depth--
		case b == '<':
			const s = "!--"
			for i := 0; i < len(s); i++ {
				if b, ok = d.mustgetc(); !ok {
					return 0, d.err
				}
				if b != s[i] {
					depth++
					goto HandleB
				}
			}
			var b0, b1 byte
			for {
				if b, ok = d.mustgetc(); !ok {
					return 0, d.err
				}
				if b0 == '-' && b1 == '-' && b == '>' {
					break
				}
				b0, b1 = b1, b
			}
		}
	}
}

// space skips white space.
func (d *scanner) space() {
	for {
		l := d.lim()
		for d.pos < l {
			switch d.buf[d.pos] {
			case ' ', '\r', '\t':
				d.pos++
			case '\n':
				d.pos++
				d.line++
				d.linestart = d.offset()
			default:
				return
			}
		}
		b, ok := d.getc()
		if !ok {
			return
		}
		switch b {
		case ' ', '\r', '\n', '\t':
		default:
			d.ungetc(b)
			return
		}
	}
}

// nameBytes reads a name into d.data and checks it: the decoder's name,
// without the string.
func (d *scanner) nameBytes() ([]byte, bool) {
	// Most names are in the buffer with the byte after them: read there,
	// and handed out from there (valid until the next read).
	if l := d.lim(); d.pos < l {
		i := d.pos
		var high byte
		for i < l && nameByteOrHigh[d.buf[i]] {
			high |= d.buf[i]
			i++
		}
		if i > d.pos && i < l {
			name := d.buf[d.pos:i]
			if d.buf[i] == '\n' {
				// The decoder read the byte after the name and gave it
				// back: the line is counted back, not where it starts.
				d.linestart = d.base + int64(i) + 1
			}
			d.pos = i
			if c := name[0]; high < utf8.RuneSelf && ('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':') {
				return name, true
			}
			if !isName(name) {
				d.err = d.syntaxError("invalid XML name: " + string(name))
				return nil, false
			}
			return name, true
		}
	}
	d.data = d.data[:0]
	if !d.readName() {
		return nil, false
	}
	if !isName(d.data) {
		d.err = d.syntaxError("invalid XML name: " + string(d.data))
		return nil, false
	}
	return d.data, true
}

// nsname reads prefix:local.
func (d *scanner) nsname() (xml.Name, bool) {
	s, ok := d.nameBytes()
	if !ok {
		return xml.Name{}, false
	}
	return d.splitName(s)
}

// isNamed says whether s, a name as written, is n's.
func isNamed(s []byte, n xml.Name) bool {
	if n.Space == "" {
		return string(s) == n.Local
	}
	k := len(n.Space)
	return len(s) == k+1+len(n.Local) && s[k] == ':' && string(s[:k]) == n.Space && string(s[k+1:]) == n.Local
}

// splitName is the decoder's reading of a name as prefix:local: not a
// name with two colons.
func (d *scanner) splitName(s []byte) (xml.Name, bool) {
	i := bytes.IndexByte(s, ':')
	switch {
	case i < 0:
		return xml.Name{Local: d.intern(s)}, true
	case bytes.IndexByte(s[i+1:], ':') >= 0:
		return xml.Name{}, false
	case i == 0 || i == len(s)-1:
		return xml.Name{Local: d.intern(s)}, true
	}
	return xml.Name{Space: d.intern(s[:i]), Local: d.intern(s[i+1:])}, true
}

func (d *scanner) intern(b []byte) string {
	n := len(b)
	h := (uint(n)*131 + uint(b[0])*31 + uint(b[n/2])*7 + uint(b[n-1])) % uint(len(d.recent))
	if s := d.recent[h]; s == string(b) {
		return s
	}
	s, ok := d.names[string(b)]
	if !ok {
		s = string(b)
		if len(d.names) < maxNames && n <= 64 {
			d.names[s] = s
		}
	}
	d.recent[h] = s
	return s
}

// value is text as a string: a short one that was met lately is not
// allocated again (a report repeats its types, ids and names).
func (d *scanner) value(b []byte) string {
	n := len(b)
	if n == 0 || n > 32 {
		return string(b)
	}
	h := uint(n)*131 + uint(b[0])*31 + uint(b[n/2])*7 + uint(b[n-1])
	if n > 3 {
		h = h*33 + uint(b[n-2])*5 + uint(b[n/4])*3 + uint(b[n-n/4-1])
	}
	slot := &d.values[h%uint(len(d.values))]
	if *slot != string(b) {
		*slot = string(b)
	}
	return *slot
}

// nameByteOrHigh are the bytes readName reads on: name bytes and those
// of characters past ASCII.
var nameByteOrHigh = func() (t [256]bool) {
	for i := range t {
		t[i] = i >= utf8.RuneSelf || isNameByte(byte(i))
	}
	return t
}()

// readName appends a name's bytes to d.data: up to a byte below 0x80 that
// is not a name byte.
func (d *scanner) readName() bool {
	b, ok := d.mustgetc()
	if !ok {
		return false
	}
	if b < utf8.RuneSelf && !isNameByte(b) {
		d.ungetc(b)
		return false
	}
	d.data = append(d.data, b)
	for {
		l := d.lim()
		i := d.pos
		for i < l && (d.buf[i] >= utf8.RuneSelf || isNameByte(d.buf[i])) {
			i++
		}
		d.data = append(d.data, d.buf[d.pos:i]...)
		d.pos = i
		if b, ok = d.mustgetc(); !ok {
			return false
		}
		if b < utf8.RuneSelf && !isNameByte(b) {
			d.ungetc(b)
			return true
		}
		d.data = append(d.data, b)
	}
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// isName is XML's Name production as encoding/xml checks it. An ASCII name
// is told here; one with other characters is asked of encoding/xml, whose
// tables of letters are its own (such names are rare).
func isName(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	ascii := true
	for _, c := range s {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		c := s[0]
		return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
	}
	doc := make([]byte, 0, len(s)+3)
	doc = append(append(append(doc, '<'), s...), "/>"...)
	_, err := xml.NewDecoder(bytes.NewReader(doc)).RawToken()
	var se *xml.SyntaxError
	return !errors.As(err, &se) || !strings.HasPrefix(se.Msg, "invalid XML name")
}

// plain are the bytes text is copied through in bulk: all but those the
// decoder looks at (< & ] > \r and the quotes).
var plain = func() (t [256]bool) {
	for i := range t {
		t[i] = true
	}
	for _, c := range []byte("<&]>\r\"'") {
		t[c] = false
	}
	return t
}()

var entity = map[string]rune{"lt": '<', "gt": '>', "amp": '&', "apos": '\'', "quot": '"'}

// textOf reads character data into d.data: the decoder's text. quote >= 0
// reads an attribute value to that quote; cdata a CDATA section to its
// ]]>. It returns false, with d.err set, on an error.
func (d *scanner) textOf(quote int, cdata bool) ([]byte, bool) {
	// Most text is in the buffer with its end (< or the quote), and needs
	// nothing done to it: read there, and handed out from there (valid
	// until the next read).
	if l := d.lim(); !cdata && d.pos < l {
		i := d.pos
		var high byte
		lines, last := 0, -1
		for ; i < l && simple[d.buf[i]]; i++ {
			c := d.buf[i]
			high |= c
			if c == '\n' {
				lines++
				last = i
			}
		}
		if i < l && (quote < 0 && d.buf[i] == '<' || quote >= 0 && int(d.buf[i]) == quote) {
			data := d.buf[d.pos:i]
			d.pos = i
			if lines > 0 {
				d.line += int64(lines)
				d.linestart = d.base + int64(last) + 1
			}
			if quote >= 0 {
				d.pos++
			}
			if high >= utf8.RuneSelf && !d.validText(data) {
				// As the decoder: the error is found once the text is
				// read.
				d.err = d.syntaxError(d.textErr)
				return nil, false
			}
			return data, true
		}
	}
	var b0, b1 byte
	var trunc int
	d.data = d.data[:0]
Input:
	for {
		if b1 != '\r' {
			l := d.lim()
			i := d.pos
			for i < l && plain[d.buf[i]] {
				i++
			}
			if n := i - d.pos; n > 0 {
				run := d.buf[d.pos:i]
				d.data = append(d.data, run...)
				if n >= 2 {
					b0 = run[n-2]
				} else {
					b0 = b1
				}
				b1 = run[n-1]
				d.advance(n)
			}
		}
		b, ok := d.getc()
		if !ok {
			if cdata {
				if d.err == io.EOF {
					d.err = d.syntaxError("unexpected EOF in CDATA section")
				}
				return nil, false
			}
			break Input
		}
		if quote < 0 && b0 == ']' && b1 == ']' && b == '>' {
			if cdata {
				trunc = 2
				break Input
			}
			d.err = d.syntaxError("unescaped ]]> not in CDATA section")
			return nil, false
		}
		if b == '<' && !cdata {
			if quote >= 0 {
				d.err = d.syntaxError("unescaped < inside quoted string")
				return nil, false
			}
			d.ungetc('<')
			break Input
		}
		if quote >= 0 && b == byte(quote) {
			break Input
		}
		if b == '&' && !cdata {
			if !d.entity() {
				return nil, false
			}
			b0, b1 = 0, 0
			continue Input
		}
		switch {
		case b == '\r':
			d.data = append(d.data, '\n')
		case b1 == '\r' && b == '\n':
		default:
			d.data = append(d.data, b)
		}
		b0, b1 = b1, b
	}
	data := d.data[:len(d.data)-trunc]
	if !d.validText(data) {
		d.err = d.syntaxError(d.textErr)
		return nil, false
	}
	return data, true
}

// validText says whether text has only characters XML allows; when not,
// textErr says what the decoder says of the first that is not.
func (d *scanner) validText(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				d.textErr = fmt.Sprintf("illegal character code %U", rune(c))
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			d.textErr = "invalid UTF-8"
			return false
		}
		if !isInCharacterRange(r) {
			d.textErr = fmt.Sprintf("illegal character code %U", r)
			return false
		}
		i += size
	}
	return true
}

// simple are the bytes of text that need nothing done: printable ASCII
// but for < & ] > and the quotes, tab, newline, and those of characters
// past ASCII (checked on their own).
var simple = func() (t [256]bool) {
	for i := range t {
		t[i] = i >= 0x20 || i == '\t' || i == '\n'
	}
	for _, c := range []byte("<&]>\"'") {
		t[c] = false
	}
	return t
}()

// entity reads a reference after its &, appending what it stands for to
// d.data; false with d.err set when it is not one the decoder knows.
func (d *scanner) entity() bool {
	before := len(d.data)
	d.data = append(d.data, '&')
	var text string
	var haveText bool
	b, ok := d.mustgetc()
	if !ok {
		return false
	}
	if b == '#' {
		d.data = append(d.data, b)
		if b, ok = d.mustgetc(); !ok {
			return false
		}
		base := 10
		if b == 'x' {
			base = 16
			d.data = append(d.data, b)
			if b, ok = d.mustgetc(); !ok {
				return false
			}
		}
		start := len(d.data)
		for '0' <= b && b <= '9' || base == 16 && 'a' <= b && b <= 'f' || base == 16 && 'A' <= b && b <= 'F' {
			d.data = append(d.data, b)
			if b, ok = d.mustgetc(); !ok {
				return false
			}
		}
		if b != ';' {
			d.ungetc(b)
		} else {
			s := string(d.data[start:])
			d.data = append(d.data, ';')
			n, err := strconv.ParseUint(s, base, 64)
			if err == nil && n <= unicode.MaxRune {
				text = string(rune(n))
				haveText = true
			}
		}
	} else {
		d.ungetc(b)
		if !d.readName() && d.err != nil {
			return false
		}
		if b, ok = d.mustgetc(); !ok {
			return false
		}
		if b != ';' {
			d.ungetc(b)
		} else {
			name := d.data[before+1:]
			d.data = append(d.data, ';')
			if isName(name) {
				if r, ok := entity[string(name)]; ok {
					text = string(r)
					haveText = true
				}
			}
		}
	}
	if haveText {
		d.data = append(d.data[:before], text...)
		return true
	}
	ent := string(d.data[before:])
	if ent[len(ent)-1] != ';' {
		ent += " (no semicolon)"
	}
	d.err = d.syntaxError("invalid character entity " + ent)
	return false
}

func isInCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// procInstParam is the value of param="…" in a processing instruction,
// found as encoding/xml finds it; "" when there is none.
func procInstParam(param, s string) string {
	param += "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// record starts keeping the row whose start tag was just read, from its
// first byte, as the decoder's guard kept it: a start tag longer than
// maxRaw had already been let go of but for its last bytes, a window that
// moved by maxRaw-16 bytes at a time.
func (d *scanner) record() {
	start := d.tokStart
	if n := d.offset() - start; n > maxRaw {
		const step = maxRaw - 16
		start += (n - maxRaw + step - 1) / step * step
	}
	d.rec, d.rawStart, d.rawUpTo, d.raw = true, start, start, d.raw[:0]
}

// appendRaw keeps the bytes up to offset upto of the row being recorded.
func (d *scanner) appendRaw(upto int64) {
	if d.rawUpTo >= upto {
		return
	}
	if room := maxRaw - len(d.raw); room > 0 {
		from, to := int(d.rawUpTo-d.base), int(upto-d.base)
		if to-from > room {
			to = from + room
		}
		d.raw = append(d.raw, d.buf[from:to]...)
	}
	d.rawUpTo = upto
}

// recorded is the row's text, up to the current offset, and stops
// recording: at most maxRaw bytes, … after them when there were more.
func (d *scanner) recorded() string {
	d.appendRaw(d.offset())
	d.rec = false
	out := strings.ToValidUTF8(string(d.raw), "\uFFFD")
	if d.offset()-d.rawStart > maxRaw {
		out += "…"
	}
	return out
}
