package tabular

import (
	"fmt"
	"sort"
	"strings"
)

// rosterEmails finds the emails a roster lists more than once. A rehired
// person often keeps the old, terminated row beside the new one; both are
// loaded, the facts pick the row that counts (docs/schema.md, "Roster rows
// of one email"), and the reader says so in a warning rather than
// silently.
type rosterEmails struct {
	first map[string]int64   // email → the line of its first row
	again map[string][]int64 // email → the lines of its later rows
}

// add notes the line of a loaded row's email (nil when it has none).
func (e rosterEmails) add(email any, line int64) {
	s, ok := email.(string)
	if !ok {
		return
	}
	if _, ok := e.first[s]; !ok {
		e.first[s] = line
		return
	}
	e.again[s] = append(e.again[s], line)
}

// warnings are one line per repeated email, in the order of their first
// rows, naming every line.
func (e rosterEmails) warnings(path string) []string {
	emails := make([]string, 0, len(e.again))
	for s := range e.again {
		emails = append(emails, s)
	}
	sort.Slice(emails, func(a, b int) bool { return e.first[emails[a]] < e.first[emails[b]] })
	out := make([]string, 0, len(emails))
	for _, s := range emails {
		lines := []string{fmt.Sprint(e.first[s])}
		for _, l := range e.again[s] {
			lines = append(lines, fmt.Sprint(l))
		}
		list := strings.Join(lines[:len(lines)-1], ", ") + " and " + lines[len(lines)-1]
		out = append(out, fmt.Sprintf("%s: email %s is on lines %s (a rehire?): the row not terminated on the as-of date counts, else the last of them",
			path, quoteExact(s), list))
	}
	return out
}
