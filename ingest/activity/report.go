package activity

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

// A reporting API report: its root element, and the element of its rows.
type report struct {
	kind schema.Kind
	root string
	row  string
	what string // what a row is, for messages
}

var reports = []report{
	{schema.KindSessionReport, "session_list", "session", "session"},
	{schema.KindSessionListing, "session_summary_list", "session_summary", "session summary"},
	{schema.KindVaultActivity, "vault_account_activity_list", "vault_account_activity", "Vault account activity"},
	{schema.KindTeamActivity, "team_activity_list", "team_activity", "team activity"},
	{schema.KindEmptyReport, "error", "", ""},
}

func reportOf(k schema.Kind) *report {
	for i := range reports {
		if reports[i].kind == k {
			return &reports[i]
		}
	}
	return nil
}

func reportByRoot(root string) *report {
	for i := range reports {
		if reports[i].root == root {
			return &reports[i]
		}
	}
	return nil
}

// xmlRead is one report being read.
type xmlRead struct {
	s    *stream
	f    reader.File
	sink schema.Sink
	res  *reader.Result

	// Reused from row to row.
	ss          session
	spare       []*rep
	evX, evData extra
	merged      extra
	out         [][]any
}

// readXML reads a reporting API report of the kind f was detected as: its
// rows into their tables, an <error> as an empty report (or, with a code,
// as the error page it is), other elements of the root as a warning.
func readXML(f reader.File, text io.Reader, sink schema.Sink) (*reader.Result, error) {
	rep := reportOf(f.Kind)
	res := &reader.Result{Kind: f.Kind}
	r := &xmlRead{s: newStream(f.Path, text), f: f, sink: sink, res: res}
	s := r.s
	kind, err := s.next()
	for err == nil {
		if kind == tokStart {
			if name := s.d.name.Local; name != rep.root {
				return nil, s.errorAt(s.line, s.col, "a report whose root is <"+name+">", "<"+rep.root+">, as when the file was recognised")
			}
			break
		}
		kind, err = s.next()
	}
	if err != nil {
		return nil, s.noEOF(err)
	}
	root := s.start()
	if rep.kind == schema.KindEmptyReport {
		if err := r.readError(root); err != nil {
			return nil, err
		}
		return res, r.end()
	}
	switch f.Kind {
	case schema.KindSessionReport:
		res.Capabilities = []string{schema.KindCapability(schema.Sessions)}
	case schema.KindVaultActivity:
		res.Capabilities = []string{schema.KindCapability(schema.VaultActivity)}
	}
	rows, others := int64(0), map[string]int{}
	_, err = s.textOf(func(c xml.StartElement) error {
		name := c.Name.Local
		switch {
		case name == "error":
			return r.readError(c)
		case name == rep.row && f.Kind == schema.KindSessionReport:
			loaded, err := r.readSession(c)
			if loaded {
				rows++
			}
			return err
		case name == rep.row && f.Kind == schema.KindVaultActivity:
			loaded, err := r.readVault(c)
			if loaded {
				rows++
			}
			return err
		case name == rep.row:
			rows++
		default:
			others[name]++
		}
		return s.skip()
	})
	if err != nil {
		return nil, err
	}
	switch f.Kind {
	case schema.KindSessionListing, schema.KindTeamActivity:
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s: a %s report of %d %s(s), recognised and not used: it has no times or users to review (export %s instead)",
			f.Path, strings.ReplaceAll(string(f.Kind), "-", " "), rows, rep.what, instead(f.Kind)))
	default:
		res.Rows = rows
	}
	if len(others) > 0 {
		names := make([]string, 0, len(others))
		for n, c := range others {
			names = append(names, fmt.Sprintf("<%s> ×%d", n, c))
		}
		sort.Strings(names)
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s: elements of <%s> that are not %ss were passed over: %s", f.Path, rep.root, rep.row, strings.Join(names, ", ")))
	}
	return res, r.end()
}

func instead(k schema.Kind) string {
	if k == schema.KindSessionListing {
		return "the AccessSession or SupportSession report"
	}
	return "the AccessSession or SupportSession report, or VaultAccountActivity"
}

// end reads what follows the root element: nothing but space, comments
// and processing instructions.
func (r *xmlRead) end() error {
	for {
		_, err := r.s.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// readError reads an <error> of the reporting API, whose start was just
// read. With a code it is an error page (the request failed: expired
// credentials, say), and the file is refused; without one it says the
// report is empty, in whatever language: 0 rows, and a warning that says
// so.
func (r *xmlRead) readError(start xml.StartElement) error {
	s := r.s
	var x extra
	var l leaf
	if err := s.readLeaf(&l, start, "error", &x, "code"); err != nil {
		return err
	}
	msg := strings.Join(strings.Fields(l.text), " ")
	if code, ok := l.attr("code"); ok {
		return s.errorAt(l.line, l.col,
			fmt.Sprintf("the file is an error page of the reporting API, not a report (code %s: %s)", quote(code), quote(msg)),
			"a report: save the answer to a request that succeeded")
	}
	r.res.Warnings = append(r.res.Warnings, fmt.Sprintf("%s:%d: empty report: the reporting API answered %s (0 rows)", r.f.Path, l.line, quote(msg)))
	return nil
}
