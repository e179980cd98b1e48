package paper

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// This file is the little of PDF that measuring a page needs: the
// cross-reference table, objects, the page tree and Flate-compressed
// streams, as LibreOffice writes them. It is no general PDF reader: a file
// with cross-reference streams or other filters is refused, by name.

// name is a PDF name (/Font), without its slash.
type name string

// ref is an indirect reference (12 0 R).
type ref struct{ num, gen int }

// dict is a PDF dictionary, by key without its slash.
type dict map[string]any

// stream is a stream object: its dictionary and its bytes as stored.
type stream struct {
	dict dict
	raw  []byte
}

// pdfFile is a PDF's bytes and where each object starts.
type pdfFile struct {
	b       []byte
	offsets map[int]int // object number → offset of "N G obj"
	trailer dict
	cache   map[int]any
}

func parsePDF(b []byte) (*pdfFile, error) {
	f := &pdfFile{b: b, offsets: map[int]int{}, cache: map[int]any{}}
	i := bytes.LastIndex(b, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref: not a PDF, or a cut one")
	}
	lx := &lexer{b: b, pos: i + len("startxref")}
	tok, err := lx.next()
	if err != nil {
		return nil, err
	}
	off, ok := tok.(float64)
	if !ok {
		return nil, errors.New("startxref: no offset")
	}
	seen := map[int]bool{}
	for at := int(off); ; {
		if seen[at] || at < 0 || at >= len(b) {
			return nil, fmt.Errorf("cross-reference table at %d: out of the file or a loop", at)
		}
		seen[at] = true
		trailer, err := f.readXref(at)
		if err != nil {
			return nil, err
		}
		if f.trailer == nil {
			f.trailer = trailer
		}
		prev, ok := trailer["Prev"].(float64)
		if !ok {
			break
		}
		at = int(prev)
	}
	return f, nil
}

// readXref reads one cross-reference section and its trailer; entries of
// a later section (read first) win.
func (f *pdfFile) readXref(at int) (dict, error) {
	lx := &lexer{b: f.b, pos: at}
	tok, err := lx.next()
	if err != nil {
		return nil, err
	}
	if kw, _ := tok.(keyword); kw != "xref" {
		return nil, fmt.Errorf("no cross-reference table at %d (cross-reference streams are not read)", at)
	}
	for {
		tok, err := lx.next()
		if err != nil {
			return nil, err
		}
		if kw, ok := tok.(keyword); ok && kw == "trailer" {
			v, err := lx.object()
			if err != nil {
				return nil, fmt.Errorf("trailer: %w", err)
			}
			d, ok := v.(dict)
			if !ok {
				return nil, errors.New("trailer: not a dictionary")
			}
			return d, nil
		}
		first, ok := tok.(float64)
		if !ok {
			return nil, fmt.Errorf("cross-reference table at %d: unexpected %v", at, tok)
		}
		c, err := lx.next()
		if err != nil {
			return nil, err
		}
		count, ok := c.(float64)
		if !ok {
			return nil, fmt.Errorf("cross-reference table at %d: no count", at)
		}
		for n := int(first); n < int(first)+int(count); n++ {
			o, err1 := lx.next()
			_, err2 := lx.next()
			kind, err3 := lx.next()
			if err := errors.Join(err1, err2, err3); err != nil {
				return nil, err
			}
			off, ok := o.(float64)
			if !ok {
				return nil, fmt.Errorf("cross-reference entry %d: no offset", n)
			}
			if _, known := f.offsets[n]; !known && kind == keyword("n") {
				f.offsets[n] = int(off)
			}
		}
	}
}

// object is object num, read once.
func (f *pdfFile) object(num int) (any, error) {
	if v, ok := f.cache[num]; ok {
		return v, nil
	}
	at, ok := f.offsets[num]
	if !ok {
		return nil, nil // a free or missing object is null
	}
	f.cache[num] = nil // a Length that refers to its own stream ends here
	lx := &lexer{b: f.b, pos: at}
	for range 3 { // N G obj
		if _, err := lx.next(); err != nil {
			return nil, fmt.Errorf("object %d: %w", num, err)
		}
	}
	v, err := lx.object()
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", num, err)
	}
	if d, ok := v.(dict); ok {
		save := lx.pos
		if tok, err := lx.next(); err == nil && tok == keyword("stream") {
			start := lx.pos
			if start < len(f.b) && f.b[start] == '\r' {
				start++
			}
			if start < len(f.b) && f.b[start] == '\n' {
				start++
			}
			length, err := f.resolve(d["Length"])
			if err != nil {
				return nil, err
			}
			n, ok := length.(float64)
			if !ok || n < 0 || start+int(n) > len(f.b) {
				return nil, fmt.Errorf("object %d: stream without a usable Length", num)
			}
			v = &stream{dict: d, raw: f.b[start : start+int(n)]}
		} else {
			lx.pos = save
		}
	}
	f.cache[num] = v
	return v, nil
}

// resolve follows v when it is a reference.
func (f *pdfFile) resolve(v any) (any, error) {
	for range 32 {
		r, ok := v.(ref)
		if !ok {
			return v, nil
		}
		var err error
		if v, err = f.object(r.num); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("references nested too deep")
}

func (f *pdfFile) dictOf(v any) (dict, error) {
	v, err := f.resolve(v)
	if err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case dict:
		return x, nil
	case *stream:
		return x.dict, nil
	}
	return nil, nil
}

// decode is a stream's bytes unfiltered: as stored, or Flate-decompressed.
func (f *pdfFile) decode(s *stream) ([]byte, error) {
	filter, err := f.resolve(s.dict["Filter"])
	if err != nil {
		return nil, err
	}
	if arr, ok := filter.([]any); ok {
		switch len(arr) {
		case 0:
			filter = nil
		case 1:
			filter = arr[0]
		default:
			return nil, fmt.Errorf("stream with %d filters: not read", len(arr))
		}
	}
	switch filter {
	case nil:
		return s.raw, nil
	case name("FlateDecode"):
		zr, err := zlib.NewReader(bytes.NewReader(s.raw))
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		out, err := io.ReadAll(zr)
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, err
		}
		return out, nil
	}
	return nil, fmt.Errorf("stream filter %v: not read", filter)
}

// pdfPage is one page: its content, its resources (inherited when the page
// has none of its own) and its size.
type pdfPage struct {
	content   []byte
	resources dict
	width     float64
	height    float64
}

// pages are the document's pages in order.
func (f *pdfFile) pages() ([]pdfPage, error) {
	root, err := f.dictOf(f.trailer["Root"])
	if err != nil || root == nil {
		return nil, fmt.Errorf("no document catalogue (%v)", err)
	}
	var out []pdfPage
	var walk func(v any, inherited dict, box []any, depth int) error
	walk = func(v any, inherited dict, box []any, depth int) error {
		if depth > 64 {
			return errors.New("page tree nested too deep")
		}
		node, err := f.dictOf(v)
		if err != nil || node == nil {
			return fmt.Errorf("page tree: a node that is no dictionary (%v)", err)
		}
		res := inherited
		if r, err := f.dictOf(node["Resources"]); err == nil && r != nil {
			res = r
		}
		if mb, err := f.resolve(node["MediaBox"]); err == nil {
			if a, ok := mb.([]any); ok && len(a) == 4 {
				box = a
			}
		}
		if node["Type"] == name("Pages") {
			kids, err := f.resolve(node["Kids"])
			if err != nil {
				return err
			}
			list, _ := kids.([]any)
			for _, k := range list {
				if err := walk(k, res, box, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		content, err := f.contents(node["Contents"])
		if err != nil {
			return fmt.Errorf("page %d: %w", len(out)+1, err)
		}
		p := pdfPage{content: content, resources: res}
		if len(box) == 4 {
			x0, _ := f.number(box[0])
			y0, _ := f.number(box[1])
			x1, _ := f.number(box[2])
			y1, _ := f.number(box[3])
			p.width, p.height = x1-x0, y1-y0
		}
		out = append(out, p)
		return nil
	}
	return out, walk(root["Pages"], nil, nil, 0)
}

// contents are a page's content streams, decoded and joined.
func (f *pdfFile) contents(v any) ([]byte, error) {
	v, err := f.resolve(v)
	if err != nil {
		return nil, err
	}
	var list []any
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []any:
		list = x
	default:
		list = []any{x}
	}
	var out []byte
	for _, item := range list {
		item, err := f.resolve(item)
		if err != nil {
			return nil, err
		}
		s, ok := item.(*stream)
		if !ok {
			return nil, errors.New("contents that are no stream")
		}
		b, err := f.decode(s)
		if err != nil {
			return nil, err
		}
		out = append(append(out, b...), '\n')
	}
	return out, nil
}

func (f *pdfFile) number(v any) (float64, bool) {
	v, err := f.resolve(v)
	if err != nil {
		return 0, false
	}
	n, ok := v.(float64)
	return n, ok
}

// keyword is a bare word: an operator in a content stream, obj, R, true.
type keyword string

// pdfString is a string's bytes, literal or hex.
type pdfString []byte

// dictEnd and arrayEnd close a dictionary and an array.
type (
	dictEnd  struct{}
	arrayEnd struct{}
)

// lexer reads PDF tokens: the syntax objects and content streams share.
type lexer struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// next is the next token: a float64, name, pdfString, keyword, or a
// dictionary or array's opening (keyword "<<", "[") or closing (dictEnd,
// arrayEnd). io.EOF at the end.
func (lx *lexer) next() (any, error) {
	for lx.pos < len(lx.b) {
		c := lx.b[lx.pos]
		if isSpace(c) {
			lx.pos++
			continue
		}
		if c == '%' {
			for lx.pos < len(lx.b) && lx.b[lx.pos] != '\n' && lx.b[lx.pos] != '\r' {
				lx.pos++
			}
			continue
		}
		break
	}
	if lx.pos >= len(lx.b) {
		return nil, io.EOF
	}
	c := lx.b[lx.pos]
	switch {
	case c == '/':
		start := lx.pos + 1
		lx.pos++
		for lx.pos < len(lx.b) && !isSpace(lx.b[lx.pos]) && !isDelim(lx.b[lx.pos]) {
			lx.pos++
		}
		return name(lx.b[start:lx.pos]), nil
	case c == '(':
		return lx.literal()
	case c == '<' && lx.pos+1 < len(lx.b) && lx.b[lx.pos+1] == '<':
		lx.pos += 2
		return keyword("<<"), nil
	case c == '>' && lx.pos+1 < len(lx.b) && lx.b[lx.pos+1] == '>':
		lx.pos += 2
		return dictEnd{}, nil
	case c == '<':
		return lx.hex()
	case c == '[':
		lx.pos++
		return keyword("["), nil
	case c == ']':
		lx.pos++
		return arrayEnd{}, nil
	case c == '{' || c == '}' || c == ')' || c == '>':
		lx.pos++
		return keyword(string(c)), nil
	}
	start := lx.pos
	for lx.pos < len(lx.b) && !isSpace(lx.b[lx.pos]) && !isDelim(lx.b[lx.pos]) {
		lx.pos++
	}
	word := string(lx.b[start:lx.pos])
	if c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' {
		if n, err := strconv.ParseFloat(word, 64); err == nil {
			return n, nil
		}
	}
	return keyword(word), nil
}

// literal reads a (string), its escapes and balanced parentheses.
func (lx *lexer) literal() (any, error) {
	lx.pos++ // (
	var out []byte
	depth := 1
	for lx.pos < len(lx.b) {
		c := lx.b[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return pdfString(out), nil
			}
		case '\\':
			if lx.pos >= len(lx.b) {
				continue
			}
			e := lx.b[lx.pos]
			lx.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.pos < len(lx.b) && lx.b[lx.pos] == '\n' {
					lx.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.pos < len(lx.b) && lx.b[lx.pos] >= '0' && lx.b[lx.pos] <= '7'; k++ {
						v = v*8 + int(lx.b[lx.pos]-'0')
						lx.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return nil, errors.New("a string that does not end")
}

// hex reads a <hex string>.
func (lx *lexer) hex() (any, error) {
	lx.pos++ // <
	var out []byte
	var half int = -1
	for lx.pos < len(lx.b) {
		c := lx.b[lx.pos]
		lx.pos++
		var v int
		switch {
		case c == '>':
			if half >= 0 {
				out = append(out, byte(half<<4))
			}
			return pdfString(out), nil
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'a' && c <= 'f':
			v = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			v = int(c-'A') + 10
		default:
			continue // white space
		}
		if half < 0 {
			half = v
		} else {
			out = append(out, byte(half<<4|v))
			half = -1
		}
	}
	return nil, errors.New("a hex string that does not end")
}

// object reads one whole object: a dictionary, an array, a reference
// (N G R) or a single token.
func (lx *lexer) object() (any, error) {
	tok, err := lx.next()
	if err != nil {
		return nil, err
	}
	return lx.complete(tok)
}

func (lx *lexer) complete(tok any) (any, error) {
	switch t := tok.(type) {
	case keyword:
		switch t {
		case "<<":
			d := dict{}
			for {
				k, err := lx.next()
				if err != nil {
					return nil, err
				}
				if _, end := k.(dictEnd); end {
					return d, nil
				}
				key, ok := k.(name)
				if !ok {
					return nil, fmt.Errorf("dictionary key %v is no name", k)
				}
				v, err := lx.object()
				if err != nil {
					return nil, err
				}
				d[string(key)] = v
			}
		case "[":
			var a []any
			for {
				v, err := lx.next()
				if err != nil {
					return nil, err
				}
				if _, end := v.(arrayEnd); end {
					if a == nil {
						a = []any{}
					}
					return a, nil
				}
				if v, err = lx.complete(v); err != nil {
					return nil, err
				}
				a = append(a, v)
			}
		case "true":
			return true, nil
		case "false":
			return false, nil
		case "null":
			return nil, nil
		}
		return t, nil
	case float64:
		// N G R is a reference: look ahead two tokens.
		save := lx.pos
		g, err1 := lx.next()
		r, err2 := lx.next()
		if gen, ok := g.(float64); ok && err1 == nil && err2 == nil && r == keyword("R") && t == float64(int(t)) {
			return ref{int(t), int(gen)}, nil
		}
		lx.pos = save
		return t, nil
	}
	return tok, nil
}
