package facts

import (
	"go/build"
	"strings"
	"testing"
)

// Facts know nothing of rules: the engine evaluates them and imports this
// package, never the reverse (docs/architecture.md), so that a view or a
// fact field can change without the engine, and the engine be tested
// without DuckDB.
func TestFactsImportNoLayerAbove(t *testing.T) {
	pkg, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range pkg.Imports {
		for _, above := range []string{"/engine", "/rules", "/reports", "/pipeline", "/cmd/"} {
			if strings.HasPrefix(imp, "github.com/review-tool/review") && strings.Contains(imp, above) {
				t.Errorf("facts imports %s, a package above it", imp)
			}
		}
	}
}
