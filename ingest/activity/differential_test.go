package activity

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/review-tool/review/ingest/textio"
)

// The scanner is encoding/xml's RawToken ported to a buffer. These tests
// read the same text with both, the decoder through the byte-counting
// guard the reports were read through before, and want the same tokens,
// the same offsets and positions before each token and after an error,
// the same errors, and the same raw text of the rows.

// oldGuard is the decoder's byte source the reports were read through: it
// stopped a token at maxToken bytes and kept a row's bytes.
type oldGuard struct {
	r         *bufio.Reader
	off       int64
	sinceMark int64
	base      int64
	buf       []byte
	keep      bool
	cut       bool
	err       error
}

func (g *oldGuard) ReadByte() (byte, error) {
	b, err := g.r.ReadByte()
	if err != nil {
		if err != io.EOF {
			g.err = err
		}
		return 0, err
	}
	g.off++
	g.sinceMark++
	if g.sinceMark > maxToken {
		return 0, errTooLong
	}
	switch {
	case len(g.buf) < maxRaw:
		g.buf = append(g.buf, b)
	case g.keep:
		g.cut = true
	default:
		n := copy(g.buf, g.buf[len(g.buf)-16:])
		g.base += int64(len(g.buf) - n)
		g.buf = append(g.buf[:n], b)
	}
	return b, nil
}

func (g *oldGuard) Read(p []byte) (int, error) {
	for i := range p {
		b, err := g.ReadByte()
		if err != nil {
			return i, err
		}
		p[i] = b
	}
	return len(p), nil
}

func (g *oldGuard) mark(at int64) {
	g.sinceMark = g.off - at
	if g.keep || at < g.base {
		return
	}
	i := int(at - g.base)
	if i > len(g.buf) {
		i = len(g.buf)
	}
	n := copy(g.buf, g.buf[i:])
	g.buf = g.buf[:n]
	g.base = at
}

func (g *oldGuard) recorded(offset int64) string {
	g.keep = false
	end := int(offset - g.base)
	if end > len(g.buf) || end < 0 {
		end = len(g.buf)
	}
	out := strings.ToValidUTF8(string(g.buf[:end]), "\uFFFD")
	if g.cut || end < len(g.buf) && end >= maxRaw {
		out += "…"
	}
	return out
}

// describe says what a read gave, in a form both readers can be compared
// in: the error's kind and message and line, or the token.
func describeErr(err error) string {
	var se *xml.SyntaxError
	var te *textio.TextError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax %d %q", se.Line, se.Msg)
	case errors.As(err, &te):
		return fmt.Sprintf("text %d:%d %s", te.Line, te.Column, te.Found)
	}
	return fmt.Sprintf("error %v", err)
}

// tokenLog reads text to its end or first error, a line per token: where
// it starts (offset, line, column), what it is, and, for each child of the
// root, its raw text as recorded from its start tag to its end tag.
func oldTokenLog(text io.Reader) []string {
	g := &oldGuard{r: bufio.NewReaderSize(text, 64<<10)}
	d := xml.NewDecoder(g)
	d.Strict = true
	d.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	var out []string
	depth := 0
	for i := 0; ; i++ {
		at := d.InputOffset()
		l, c := d.InputPos()
		g.mark(at)
		tok, err := d.RawToken()
		pre := fmt.Sprintf("%d %d:%d ", at, l, c)
		if err != nil {
			l, c := d.InputPos()
			out = append(out, pre+describeErr(err)+fmt.Sprintf(" at %d:%d", l, c))
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			out = append(out, pre+fmt.Sprintf("start %s:%s %v", t.Name.Space, t.Name.Local, t.Attr))
			if depth == 2 {
				g.keep, g.cut = true, false
			}
		case xml.EndElement:
			out = append(out, pre+fmt.Sprintf("end %s:%s", t.Name.Space, t.Name.Local))
			if depth == 2 {
				out = append(out, "raw "+g.recorded(d.InputOffset()))
			}
			depth--
		case xml.CharData:
			out = append(out, pre+fmt.Sprintf("text %q", t))
		default:
			out = append(out, pre+"other")
		}
	}
}

func newTokenLog(text io.Reader) []string {
	d := newScanner(text)
	var out []string
	depth := 0
	var open []xml.Name // as the stream keeps them: the end tag expected
	for {
		at := d.offset()
		l, c := d.inputPos()
		d.mark()
		if len(open) > 0 {
			d.expect = open[len(open)-1]
		}
		kind, err := d.next()
		pre := fmt.Sprintf("%d %d:%d ", at, l, c)
		if err != nil {
			l, c := d.inputPos()
			out = append(out, pre+describeErr(err)+fmt.Sprintf(" at %d:%d", l, c))
			return out
		}
		switch kind {
		case tokStart:
			depth++
			open = append(open, d.name)
			attrs := d.attrs
			if len(attrs) == 0 {
				attrs = []xml.Attr{}
			}
			out = append(out, pre+fmt.Sprintf("start %s:%s %v", d.name.Space, d.name.Local, attrs))
			if depth == 2 {
				d.record()
			}
		case tokEnd:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			out = append(out, pre+fmt.Sprintf("end %s:%s", d.name.Space, d.name.Local))
			if depth == 2 {
				out = append(out, "raw "+d.recorded())
			}
			depth--
		case tokText:
			out = append(out, pre+fmt.Sprintf("text %q", d.text))
		default:
			out = append(out, pre+"other")
		}
	}
}

// sameTokens reads data, decoded as the reader decodes it, with both and
// reports the first difference.
func sameTokens(t *testing.T, data []byte) {
	t.Helper()
	decode := func() io.Reader {
		r, _, err := textio.DecodeText(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	old, got := oldTokenLog(decode()), newTokenLog(decode())
	for i := 0; i < max(len(old), len(got)); i++ {
		var o, g string
		if i < len(old) {
			o = old[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if o != g {
			t.Fatalf("token %d:\nencoding/xml %.300s\nscanner      %.300s", i, o, g)
		}
	}
}

// differentialCases are texts that take the decoder's every path: the
// report's own shape, and each way XML goes wrong.
var differentialCases = []string{
	"",
	" ",
	"\n\n",
	"<a/>",
	"<a></a>",
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<session_list xmlns=\"urn:x\">\n<session lsid=\"x\"/>\n</session_list>\n",
	"<?xml version=\"1.1\"?><a/>",
	"<?xml version='2.0'?><a/>",
	"<?xml encoding=\"latin1\"?><a/>",
	"<?xml?><a/>",
	"<?xml version=\"1.0\"",
	"<?pi some ? data ?><a/>",
	"<??>",
	"<?>",
	"<a:b xmlns:a=\"u\"><a:c>t</a:c></a:b>",
	"<a:b:c/>",
	"<:a/>",
	"<a:/>",
	"<a x:y:z=\"1\"/>",
	"<a b=\"1\" c='2' d = \"3\"\n e\n=\n'4'/>",
	"<a b/>",
	"<a b=1/>",
	"<a b=\"1/>",
	"<a b=\"<\"/>",
	"<a b=\"a&amp;b&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;\"/>",
	"<a>&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#x1F600;&#0;</a>",
	"<a>&#1;</a>",
	"<a>&#xD800;</a>",
	"<a>&#x110000;</a>",
	"<a>&#;</a>",
	"<a>&#x;</a>",
	"<a>&#12</a>",
	"<a>&foo;</a>",
	"<a>&amp</a>",
	"<a>& </a>",
	"<a>&</a>",
	"<a>&#",
	"<a>&#x",
	"<a>&am",
	"<a>&ü;</a>",
	"<a>x]]>y</a>",
	"<a>x]]y]>z]</a>",
	"<a><![CDATA[<b>&amp;]]]]></a>",
	"<a><![CDATA[x]]></a>",
	"<a><![CDATA[]]></a>",
	"<a><![CDATA[x",
	"<a><![CDAT[x]]></a>",
	"<a><![",
	"<a><!-- c --></a>",
	"<a><!-- c -- d --></a>",
	"<a><!---></a>",
	"<a><!----></a>",
	"<a><!-x--></a>",
	"<a><!-- c",
	"<a><!-",
	"<!DOCTYPE a [<!ENTITY e \"x>y\"> <!-- c > --> <!ELEMENT a ANY>]><a/>",
	"<!DOCTYPE a [<x>]><a/>",
	"<!DOCTYPE a '>' \">\"><a/>",
	"<!DOCTYPE a <!- x>><a/>",
	"<!DOCTYPE a",
	"<!DOCTYPE a <!-- x",
	"<a>\r\n\rx\r\r\ny\n\r</a>",
	"<a b=\"x\r\ny\rz\"/>",
	"<a>\x01</a>",
	"<a>ok\x0b</a>",
	"<a>\uFFFE</a>",
	"<a>\uFFFF x</a>",
	"<a>\x01&bad;</a>",
	"<a>\x01",
	"<a b=\"\x01\"/>",
	"<a>text",
	"<a>text\n",
	"<a",
	"<a ",
	"<a b",
	"<a b=",
	"<a b=\"",
	"<a b=\"x",
	"<a b=\"x\"",
	"<a/",
	"<a/x>",
	"</",
	"</a",
	"</a ",
	"</a x>",
	"</ a>",
	"< a/>",
	"<1a/>",
	"<a1.-_:b/>",
	"<é/>",
	"<aé/>",
	"<a\u00b7b/>",
	"<\u00b7a/>",
	"<a\u2000/>",
	"<\u4e2d\u6587>x</\u4e2d\u6587>",
	"<a>\n  <b>x</b>\n</a>\n",
	"<p:a><p:b>x</p:b><p:c/></p:a>",
	"<p:a><b:p>x</p:b></p:a>",
	"<a:><:b></:b></a:>",
	"<a><a:b></a></a:b>",
	"<ab><a></ab></a>",
	"<a>\n  <b>x</c>\n</a>\n",
	"<a>\n",
	"<a\n",
	"<a\nb=\"1\"\n/>",
	"</a\n>",
	"</a\n",
	"<a>\n</a\n x>",
	"<a>x</a>trailing",
	"<a/><b/>",
	"<a>x</a>\n<!-- end -->\n<?pi?>\n",
	"\ufeff<a/>",
	"<a>\xff</a>",
	"<a>ab\x00cd</a>",
	"<a b=\"\xc3\"/>",
}

func TestScannerMatchesDecoder(t *testing.T) {
	for _, c := range differentialCases {
		t.Run(fmt.Sprintf("%.40q", c), func(t *testing.T) { sameTokens(t, []byte(c)) })
	}
	for _, name := range []string{"access-session.xml", "support-session-nons.xml", "documented-ns.xml", "bad-sessions.xml",
		"empty-session-list.xml", "truncated.xml", "vault-activity.xml", "session-listing.xml", "team-activity.xml",
		"empty-report.xml", "error-code.xml"} {
		t.Run(name, func(t *testing.T) {
			data := testdata(t, name)
			sameTokens(t, data)
			// Cut at every byte: each way a file ends early.
			for i := range data {
				sameTokens(t, data[:i])
			}
		})
	}
}

// The bounds: a token of maxToken bytes and one more, of each kind, at a
// buffer's edge or not; a row of more than maxRaw bytes, its start tag
// longer than that or not; UTF-16 text.
func TestScannerMatchesDecoderAtBounds(t *testing.T) {
	long := func(n int, c string) string { return strings.Repeat(c, n) }
	cases := map[string]string{}
	for _, n := range []int{maxToken - 2, maxToken - 1, maxToken, maxToken + 1} {
		cases[fmt.Sprintf("text %d", n)] = "<a>" + long(n, "x") + "</a>"
		cases[fmt.Sprintf("text %d newlines", n)] = "<a>" + long(n/2, "\n\r") + "</a>"
		cases[fmt.Sprintf("text %d at end", n)] = "<a>" + long(n, "x")
		cases[fmt.Sprintf("name %d", n)] = "<a" + long(n, "b") + "/>"
		cases[fmt.Sprintf("attr %d", n)] = "<a b=\"" + long(n, "y") + "\"/>"
		cases[fmt.Sprintf("space %d", n)] = "<a" + long(n, " ") + "/>"
		cases[fmt.Sprintf("comment %d", n)] = "<a><!--" + long(n, "c") + "--></a>"
		cases[fmt.Sprintf("cdata %d", n)] = "<a><![CDATA[" + long(n, "c") + "]]></a>"
		cases[fmt.Sprintf("pi %d", n)] = "<?p " + long(n, "p") + "?><a/>"
		cases[fmt.Sprintf("directive %d", n)] = "<!D " + long(n, "d") + "><a/>"
		cases[fmt.Sprintf("entities %d", n)] = "<a>" + long(n/5, "&amp;") + "</a>"
		cases[fmt.Sprintf("control %d", n)] = "<a>\x01" + long(n, "x") + "</a>"
	}
	for _, n := range []int{maxRaw - 20, maxRaw - 1, maxRaw, maxRaw + 1, maxRaw + 17, 3*maxRaw + 5} {
		cases[fmt.Sprintf("row %d", n)] = "<l>\n<r>" + long(n, "é") + "</r>\n<r/>\n</l>"
		cases[fmt.Sprintf("row start tag %d", n)] = "<l>\n<r a=\"" + long(n, "z") + "\">x</r><r b=\"" + long(n, "é") + "\">" + long(n, "y") + "</r></l>"
		cases[fmt.Sprintf("row start tag %d, layout", n)] = "<l>\n  <r a=\"" + long(n, "z") + "\"/>\n</l>"
	}
	cases["utf-16"] = "\xff\xfe<\x00a\x00>\x00x\x00<\x00/\x00a\x00>\x00"
	for name, c := range cases {
		t.Run(name, func(t *testing.T) { sameTokens(t, []byte(c)) })
	}
}

// FuzzScanner reads any text with both.
func FuzzScanner(f *testing.F) {
	for _, c := range differentialCases {
		f.Add([]byte(c))
	}
	for _, name := range []string{"access-session.xml", "bad-sessions.xml", "truncated.xml", "vault-activity.xml"} {
		f.Add(testdata(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameTokens(t, data)
	})
}
