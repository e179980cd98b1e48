package facts

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Run is what the facts' SQL knows of the run, from its one-row table
// run: the as-of date, whether a roster was given, and a column per
// parameter, so that SQL reads stale_days where Rego reads
// data.params.stale_days, with the same value and default.
type Run struct {
	AsOf time.Time
	// Params are every parameter, defaults applied. A number, text,
	// true/false or list of texts becomes a column of its name; other
	// lists are for the rules only.
	Params map[string]any
}

// runColumns are the columns of run that are not parameters.
var runColumns = map[string]bool{"as_of": true, "has_roster": true}

// RunTable is the name of the run's one-row table.
const RunTable = "run"

// ParamTypes are the types a parameter's column of run may have: those
// sqlType gives. A rule names its parameters, so a database a run kept
// may hold any column of these types in run.
var ParamTypes = []string{"BIGINT", "BOOLEAN", "DOUBLE", "VARCHAR", "VARCHAR[]"}

// IsParamColumn says whether the column of run is a parameter's.
func IsParamColumn(name string) bool { return !runColumns[name] }

// runTable is the statement that creates run and the one that fills it.
func runTable(r Run, hasRoster bool) (create, insert string, args []any, err error) {
	cols := []string{"as_of DATE", "has_roster BOOLEAN"}
	args = []any{r.AsOf.Format("2006-01-02"), hasRoster}
	marks := []string{"?", "?"}
	names := make([]string, 0, len(r.Params))
	for k := range r.Params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		typ := sqlType(r.Params[name])
		if typ == "" {
			continue
		}
		if runColumns[name] {
			return "", "", nil, fmt.Errorf("parameter %s: the name of a column of the run table; rename the parameter", name)
		}
		cols = append(cols, quoteIdent(name)+" "+typ)
		if typ == "VARCHAR[]" {
			// A list is bound as its JSON text, which DuckDB casts.
			js, err := json.Marshal(r.Params[name])
			if err != nil {
				return "", "", nil, fmt.Errorf("parameter %s: %w", name, err)
			}
			args = append(args, string(js))
			marks = append(marks, "CAST(CAST(? AS JSON) AS VARCHAR[])")
			continue
		}
		args = append(args, r.Params[name])
		marks = append(marks, "?")
	}
	return "CREATE OR REPLACE TABLE run (" + strings.Join(cols, ", ") + ")", "INSERT INTO run VALUES (" + strings.Join(marks, ", ") + ")", args, nil
}

// sqlType is the column type of a parameter's value, "" for one SQL does
// not get (a list of anything but texts).
func sqlType(v any) string {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			if _, ok := e.(string); !ok {
				return ""
			}
		}
		return "VARCHAR[]"
	case []string:
		return "VARCHAR[]"
	case int, int64, uint64:
		return "BIGINT"
	case float64:
		return "DOUBLE"
	case bool:
		return "BOOLEAN"
	case string:
		return "VARCHAR"
	}
	return ""
}
