package schema

import (
	"fmt"
	"strings"
)

// SchemaMarkdown documents the raw tables, for docs/schema.md.
func SchemaMarkdown() string {
	var b strings.Builder
	for _, t := range Tables {
		fmt.Fprintf(&b, "### `%s`\n\n%s\n\n| column | type | meaning |\n|---|---|---|\n", t.Name, t.Doc)
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.Name, c.Type, c.Doc)
		}
		b.WriteString("\n")
	}
	return b.String()
}
