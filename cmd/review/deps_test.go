package main

import (
	"fmt"
	gobuild "go/build"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The rules of which package may import which are the ```deps block of
// docs/architecture.md, a partial order in the manner of the Go standard
// library's go/build/deps_test.go:
//
//	a, b < c, d;    c and d may import a and b, and whatever a and b may
//	a !< c;         c never imports a, not even through another package
//
// A name in capitals is a group: "a, b < GROUP; GROUP < c" lets c import
// a and b. A package imports only what the rules allow it (within the
// module; the standard library and other modules are free but for the
// never rules), and a never rule holds over everything a package reaches,
// so a planted reports → engine fails both ways.

// depRules are the parsed rules: what each name may import directly (its
// left sides), and the never pairs.
type depRules struct {
	below map[string][]string
	never [][2]string // {a, c}: c never reaches a
	names []string    // every name, in order of appearance
}

// parseDeps reads the rules of the deps block.
func parseDeps(text string) (*depRules, error) {
	r := &depRules{below: map[string][]string{}}
	seen := map[string]bool{}
	note := func(n string) {
		if !seen[n] {
			seen[n] = true
			r.names = append(r.names, n)
		}
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if i := strings.Index(l, "#"); i >= 0 {
			l = l[:i]
		}
		lines = append(lines, l)
	}
	for _, stmt := range strings.Split(strings.Join(lines, " "), ";") {
		stmt = strings.TrimSpace(stmt)
		if stmt == "" {
			continue
		}
		if a, c, ok := strings.Cut(stmt, "!<"); ok {
			left, right := list(a), list(c)
			if len(left) == 0 || len(right) == 0 || strings.Contains(c, "<") {
				return nil, fmt.Errorf("deps: %q: a never rule is one \"a !< b\"", stmt)
			}
			for _, x := range left {
				for _, y := range right {
					note(x)
					note(y)
					r.never = append(r.never, [2]string{x, y})
				}
			}
			continue
		}
		parts := strings.Split(stmt, "<")
		for i, p := range parts {
			if len(list(p)) == 0 {
				return nil, fmt.Errorf("deps: %q: an empty list", stmt)
			}
			for _, n := range list(p) {
				note(n)
				if i > 0 {
					r.below[n] = append(r.below[n], list(parts[i-1])...)
				}
			}
		}
	}
	return r, nil
}

func list(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// isGroup says a name is a group (capitals), not a package.
func isGroup(n string) bool { return n == strings.ToUpper(n) && strings.ToLower(n) != n }

// allowed is everything name may import: its left sides and what they
// may, closed.
func (r *depRules) allowed(name string) map[string]bool {
	out := map[string]bool{}
	var walk func(string)
	walk = func(n string) {
		for _, b := range r.below[n] {
			if !out[b] {
				out[b] = true
				walk(b)
			}
		}
	}
	walk(name)
	return out
}

// members are the packages a name stands for: itself, or a group's
// members, closed.
func (r *depRules) members(name string) []string {
	if !isGroup(name) {
		return []string{name}
	}
	var out []string
	for _, b := range r.below[name] {
		out = append(out, r.members(b)...)
	}
	return out
}

// check holds the rules against imports (package → its direct imports,
// the module's packages by their path in the module, others by import
// path) and returns every breach, sorted.
func (r *depRules) check(imports map[string][]string) []string {
	var bad []string
	for _, n := range r.names {
		if _, isPkg := imports[n]; !isPkg && !isGroup(n) && !external(n) {
			bad = append(bad, fmt.Sprintf("the rules name %s, which is no package of the module", n))
		}
	}
	for pkg, imps := range imports {
		if external(pkg) {
			continue
		}
		if !slices.Contains(r.names, pkg) {
			bad = append(bad, fmt.Sprintf("package %s is in no rule", pkg))
			continue
		}
		may := r.allowed(pkg)
		for _, imp := range imps {
			if !external(imp) && !may[imp] {
				bad = append(bad, fmt.Sprintf("%s imports %s, which the rules do not allow it", pkg, imp))
			}
		}
	}
	for _, nv := range r.never {
		for _, c := range r.members(nv[1]) {
			reach := reached(imports, c)
			may := r.allowed(c)
			for _, a := range r.members(nv[0]) {
				if path, ok := reach[a]; ok {
					bad = append(bad, fmt.Sprintf("%s reaches %s (%s), which a never rule forbids", c, a, path))
				}
				if may[a] {
					bad = append(bad, fmt.Sprintf("the rules let %s import %s, which a never rule forbids", c, a))
				}
			}
		}
	}
	slices.Sort(bad)
	return slices.Compact(bad)
}

// external says a path is outside the module (it has a dot in its first
// element, as a module path does) or is the standard library's.
func external(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return strings.Contains(first, ".") || stdlib(p)
}

var stdlibNames = regexp.MustCompile(`^(archive|bufio|bytes|cmp|compress|container|context|crypto|database|debug|embed|encoding|errors|expvar|flag|fmt|go|hash|html|image|index|io|iter|log|maps|math|mime|net|os|path|plugin|reflect|regexp|runtime|slices|sort|strconv|strings|sync|syscall|testing|text|time|unicode|unique|unsafe|weak)(/|$)`)

func stdlib(p string) bool { return stdlibNames.MatchString(p) }

// reached maps every import pkg reaches, directly or not, to the chain
// that reaches it.
func reached(imports map[string][]string, pkg string) map[string]string {
	out := map[string]string{}
	var walk func(string, string)
	walk = func(p, path string) {
		for _, imp := range imports[p] {
			if _, ok := out[imp]; ok {
				continue
			}
			out[imp] = path + " → " + imp
			walk(imp, out[imp])
		}
	}
	walk(pkg, pkg)
	return out
}

// moduleImports reads the non-test imports of every package of the
// module, by path in the module (external imports as they are written).
func moduleImports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "../.." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			return nil
		}
		pkg, err := gobuild.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		rel, _ := filepath.Rel("../..", path)
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		var imps []string
		for _, imp := range pkg.Imports {
			imps = append(imps, strings.TrimPrefix(imp, modulePath))
		}
		out[rel] = imps
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// depsBlock is the ```deps block of docs/architecture.md.
func depsBlock(t *testing.T) string {
	t.Helper()
	doc, err := os.ReadFile("../../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	start := strings.Index(text, "```deps\n")
	if start < 0 {
		t.Fatal("docs/architecture.md: no ```deps block")
	}
	end := strings.Index(text[start+8:], "```")
	if end < 0 {
		t.Fatal("docs/architecture.md: the ```deps block does not end")
	}
	return text[start+8 : start+8+end]
}

// The code keeps the rules of docs/architecture.md.
func TestDeps(t *testing.T) {
	rules, err := parseDeps(depsBlock(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, breach := range rules.check(moduleImports(t)) {
		t.Error(breach)
	}
}

// The rules catch an import planted where the house says never: reports
// importing engine, facts importing ingest, the engine reaching DuckDB
// through facts. Each is a breach of the partial order and of a never
// rule, named with the chain that reaches it.
func TestDepsCatchPlantedImports(t *testing.T) {
	rules, err := parseDeps(depsBlock(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		from, to string
		wants    []string
	}{
		{"reports", "engine", []string{"reports imports engine, which the rules do not allow it", "reports reaches engine (reports → engine)"}},
		{"facts", "ingest", []string{"facts imports ingest, which the rules do not allow it", "facts reaches ingest (facts → ingest)"}},
		{"facts", "internal/db", []string{"engine reaches github.com/duckdb/duckdb-go/v2 (engine → facts → internal/db → github.com/duckdb/duckdb-go/v2)"}},
	} {
		imports := moduleImports(t)
		imports[tt.from] = append(imports[tt.from], tt.to)
		got := strings.Join(rules.check(imports), "\n")
		for _, want := range tt.wants {
			if !strings.Contains(got, want) {
				t.Errorf("planted %s → %s: the breaches do not say %q:\n%s", tt.from, tt.to, want, got)
			}
		}
	}
}

// The rules' own reading: chains, groups, never rules, comments.
func TestParseDeps(t *testing.T) {
	r, err := parseDeps(`
		# a comment; with a semicolon
		NONE < a, b < GROUP;
		GROUP < c < d;
		b !< c;`)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.allowed("d"); !got["c"] || !got["GROUP"] || !got["a"] || !got["b"] || !got["NONE"] {
		t.Errorf("d may import %v", got)
	}
	imports := map[string][]string{"a": nil, "b": nil, "c": {"a", "b"}, "d": {"c"}}
	if got := r.check(imports); len(got) != 2 || !strings.Contains(got[0], "c reaches b (c → b)") || !strings.Contains(got[1], "the rules let c import b") {
		t.Errorf("breaches = %q", got)
	}
	if _, err := parseDeps("a !< b < c;"); err == nil {
		t.Error("a never rule with a chain: no error")
	}
}
