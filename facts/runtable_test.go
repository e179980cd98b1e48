package facts

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// Every parameter that is a number, text, true/false or a list of texts is
// a column of the run table, under its name and in name order, so SQL reads
// it as run.NAME; other lists are the rules' only.
func TestRunTableHasAColumnPerParameter(t *testing.T) {
	create, insert, args, err := runTable(Run{
		AsOf: time.Date(2025, 11, 22, 0, 0, 0, 0, time.UTC),
		Params: map[string]any{"stale_days": 60, "max_admin_ratio": 0.05, "default_reviewer": "sec@corp.example",
			"strict": true, "service_account_patterns": []any{"svc-*"}, "thresholds": []any{1, 2}},
	}, true)
	if err != nil {
		t.Fatal(err)
	}
	want := `CREATE OR REPLACE TABLE run (as_of DATE, has_roster BOOLEAN, "default_reviewer" VARCHAR, "max_admin_ratio" DOUBLE, "service_account_patterns" VARCHAR[], "stale_days" BIGINT, "strict" BOOLEAN)`
	if create != want {
		t.Errorf("create:\n got %s\nwant %s", create, want)
	}
	if insert != "INSERT INTO run VALUES (?, ?, ?, ?, CAST(CAST(? AS JSON) AS VARCHAR[]), ?, ?)" || len(args) != 7 ||
		args[0] != "2025-11-22" || args[1] != true || args[4] != `["svc-*"]` || args[5] != 60 {
		t.Errorf("insert %q with %v", insert, args)
	}
	if _, _, _, err := runTable(Run{Params: map[string]any{"as_of": "x"}}, false); err == nil || !strings.Contains(err.Error(), "parameter as_of") {
		t.Errorf("a parameter named as a run column: %v", err)
	}
}

// Every type a parameter's column can have is in ParamTypes, which a
// kept database's run table is checked against (pipeline): a type
// missing there would refuse a genuine database.
func TestParamTypesCoverSQLType(t *testing.T) {
	t.Parallel()
	for _, v := range []any{int(1), int64(1), uint64(1), 1.5, true, "x", []any{"a"}, []any{}, []string{"a"}} {
		if typ := sqlType(v); !slices.Contains(ParamTypes, typ) {
			t.Errorf("sqlType(%T) = %q, not in ParamTypes %q", v, typ, ParamTypes)
		}
	}
}
