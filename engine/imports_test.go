package engine

import (
	"go/build"
	"strings"
	"testing"
)

// The engine reads no table and nothing above it: its facts come through a
// FactSource (facts.Each in the pipeline, memory in these tests), so it
// imports neither the database nor the readers (docs/architecture.md).
func TestEngineReadsNoTable(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	const module = "github.com/review-tool/review/"
	allowed := map[string]bool{module + "facts": true, module + "internal/model": true, module + "internal/crash": true, module + "internal/wholefile": true}
	for _, imp := range pkg.Imports {
		if imp == "database/sql" || strings.HasPrefix(imp, module) && !allowed[imp] {
			t.Errorf("engine imports %s; it may import only %v of this module, and no database", imp, allowed)
		}
	}
}
