package main

import (
	gobuild "go/build"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const modulePath = "github.com/review-tool/review/"

// The map in docs/architecture.md lists every package, and names only
// packages: it is checked against the code, so that it stays true. Which
// package may import which is its deps block, checked by TestDeps.
func TestArchitectureMap(t *testing.T) {
	doc, err := os.ReadFile("../../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	start := strings.Index(text, "```\n")
	end := strings.Index(text[start+4:], "```\n")
	if start < 0 || end < 0 {
		t.Fatal("docs/architecture.md: no map (a ``` block) found")
	}
	line := map[string]int{} // package → its line in the map
	for i, l := range strings.Split(text[start+4:start+4+end], "\n") {
		if l == "" || l[0] == ' ' {
			continue // a description's next line
		}
		for _, p := range strings.Split(regexp.MustCompile(`\s{2,}`).Split(l, 2)[0], ", ") {
			line[strings.TrimSpace(p)] = i
		}
	}

	var pkgs []string
	err = filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "../.." {
			return filepath.SkipDir
		}
		if !d.IsDir() || path == "../.." {
			return nil
		}
		if _, err := gobuild.ImportDir(path, 0); err != nil {
			return nil // no Go files here
		}
		rel, _ := filepath.Rel("../..", path)
		rel = filepath.ToSlash(rel)
		pkgs = append(pkgs, rel)
		if _, listed := line[rel]; !listed {
			t.Errorf("package %s is not on the map in docs/architecture.md", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := range line {
		if !slices.Contains(pkgs, p) {
			t.Errorf("docs/architecture.md maps %s, which is no package", p)
		}
	}
}
