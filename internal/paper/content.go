package paper

import (
	"bytes"
	"errors"
	"io"
	"math"
)

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// times is m then n: a point mapped by m, then by n.
func (m matrix) times(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// textSizes are the sizes, in points on the page, of the text a page
// shows: each showing of a non-empty string counts once, at its font size
// scaled by the text and transformation matrices (the height a glyph
// takes on paper). Text drawn invisible (render mode 3) does not count, nor
// does text whose font size is 0.
type textSizes map[float64]int

func (s textSizes) add(size float64) {
	s[math.Round(size*100)/100]++
}

// smallest is the smallest size shown, 0 when there is none.
func (s textSizes) smallest() float64 {
	min := 0.0
	for size := range s {
		if min == 0 || size < min {
			min = size
		}
	}
	return min
}

// graphics is the part of the graphics state a text size depends on.
type graphics struct {
	ctm      matrix
	fontSize float64
	render   int
}

// scanText reads a content stream and adds the size of each text shown to
// sizes; forms it draws (Do) are read in turn, with their own matrix and
// resources.
func (f *pdfFile) scanText(content []byte, resources dict, ctm matrix, sizes textSizes, depth int) error {
	if depth > 16 {
		return errors.New("forms nested too deep")
	}
	lx := &lexer{b: content}
	gs := graphics{ctm: ctm}
	var stack []graphics
	tm := identity
	var operands []any
	show := func(strs ...[]byte) {
		if gs.render == 3 || gs.fontSize == 0 {
			return
		}
		for _, s := range strs {
			if len(s) > 0 {
				m := tm.times(gs.ctm)
				sizes.add(math.Abs(gs.fontSize) * math.Hypot(m[2], m[3]))
				return
			}
		}
	}
	num := func(i int) float64 {
		if i < len(operands) {
			if n, ok := operands[i].(float64); ok {
				return n
			}
		}
		return 0
	}
	mat := func() matrix {
		var m matrix
		for i := range m {
			m[i] = num(i)
		}
		return m
	}
	for {
		tok, err := lx.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		op, isOp := tok.(keyword)
		if !isOp || op == "[" || op == "<<" || op == "true" || op == "false" || op == "null" {
			v, err := lx.complete(tok)
			if err != nil {
				return err
			}
			operands = append(operands, v)
			continue
		}
		switch op {
		case "q":
			stack = append(stack, gs)
		case "Q":
			if n := len(stack); n > 0 {
				gs, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(operands) == 6 {
				gs.ctm = mat().times(gs.ctm)
			}
		case "BT":
			tm = identity
		case "Tm":
			if len(operands) == 6 {
				tm = mat()
			}
		case "Tf":
			if len(operands) == 2 {
				gs.fontSize = num(1)
			}
		case "Tr":
			if len(operands) == 1 {
				gs.render = int(num(0))
			}
		case "Tj", "'":
			if len(operands) == 1 {
				s, _ := operands[0].(pdfString)
				show(s)
			}
		case `"`:
			if len(operands) == 3 {
				s, _ := operands[2].(pdfString)
				show(s)
			}
		case "TJ":
			if len(operands) == 1 {
				arr, _ := operands[0].([]any)
				var strs [][]byte
				for _, v := range arr {
					if s, ok := v.(pdfString); ok {
						strs = append(strs, s)
					}
				}
				show(strs...)
			}
		case "Do":
			if len(operands) == 1 {
				if err := f.scanForm(operands[0], resources, gs.ctm, sizes, depth); err != nil {
					return err
				}
			}
		case "BI":
			lx.skipInlineImage()
		}
		operands = operands[:0]
	}
}

// scanForm reads the form XObject named n, if it is one.
func (f *pdfFile) scanForm(n any, resources dict, ctm matrix, sizes textSizes, depth int) error {
	key, ok := n.(name)
	if !ok || resources == nil {
		return nil
	}
	xobjects, err := f.dictOf(resources["XObject"])
	if err != nil || xobjects == nil {
		return err
	}
	v, err := f.resolve(xobjects[string(key)])
	if err != nil {
		return err
	}
	s, ok := v.(*stream)
	if !ok || s.dict["Subtype"] != name("Form") {
		return nil // an image
	}
	content, err := f.decode(s)
	if err != nil {
		return err
	}
	m := identity
	if a, err := f.resolve(s.dict["Matrix"]); err == nil {
		if arr, ok := a.([]any); ok && len(arr) == 6 {
			for i := range m {
				m[i], _ = f.number(arr[i])
			}
		}
	}
	res := resources
	if r, err := f.dictOf(s.dict["Resources"]); err == nil && r != nil {
		res = r
	}
	return f.scanText(content, res, m.times(ctm), sizes, depth+1)
}

// skipInlineImage moves past an inline image's data, from after BI to
// after its EI.
func (lx *lexer) skipInlineImage() {
	i := bytes.Index(lx.b[lx.pos:], []byte("ID"))
	if i < 0 {
		lx.pos = len(lx.b)
		return
	}
	lx.pos += i + 3
	for lx.pos < len(lx.b) {
		j := bytes.Index(lx.b[lx.pos:], []byte("EI"))
		if j < 0 {
			lx.pos = len(lx.b)
			return
		}
		at := lx.pos + j
		lx.pos = at + 2
		if at > 0 && isSpace(lx.b[at-1]) && (lx.pos == len(lx.b) || isSpace(lx.b[lx.pos])) {
			return
		}
	}
}
