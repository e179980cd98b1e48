package facts

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/schema"
)

// LoadedAccounts counts, per source, the account rows in the raw tables.
// Call it before DropInputs: counted in the database rather than by the
// readers, it is a check of the load, not a copy of the readers' count.
func LoadedAccounts(ctx context.Context, db *sql.DB) (map[string]int64, error) {
	var parts []string
	for _, t := range schema.AccountTables() {
		parts = append(parts, "SELECT source FROM "+t.Name)
	}
	q := "SELECT source, count(*) FROM (" + strings.Join(parts, " UNION ALL ") + ") GROUP BY source"
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("count loaded accounts: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var source string
		var n int64
		if err := rows.Scan(&source, &n); err != nil {
			return nil, err
		}
		out[source] = n
	}
	return out, rows.Err()
}

// Populations follows each source's accounts from its files (read and
// rejected rows, per the readers) through the database (loaded) to the
// analysis (accounts, after merging a report row with its API user).
func Populations(files []model.InputFile, loaded map[string]int64, sources []model.SourceSummary) []model.Population {
	out := make([]model.Population, 0, len(sources))
	for _, s := range sources {
		p := model.Population{Source: s.Name, Loaded: loaded[s.Name], Analysed: s.Accounts}
		for _, f := range files {
			if in := schema.InputOf(schema.Kind(f.Kind)); f.Source == s.Name && in != nil && in.Accounts {
				p.Read += f.RowsRead
				p.Rejected += f.RowsRejected
			}
		}
		out = append(out, p)
	}
	return out
}
