package facts

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/schema"
)

// accountKinds are the files whose rows are accounts: a user list, the
// User Account Report, a vendor's users, Password Safe's users.
var accountKinds = map[string]bool{
	string(schema.KindUsers): true, string(schema.KindUserReport): true, string(schema.KindVendorUsers): true,
	string(schema.KindPSUsers): true,
}

// LoadedAccounts counts, per source, the account rows in the raw tables.
// Call it before DropInputs: counted in the database rather than by the
// readers, it is a check of the load, not a copy of the readers' count.
func LoadedAccounts(ctx context.Context, db *sql.DB) (map[string]int64, error) {
	q := fmt.Sprintf(`SELECT source, count(*) FROM (SELECT source FROM %s UNION ALL SELECT source FROM %s UNION ALL SELECT source FROM %s) GROUP BY source`,
		schema.Users.Name, schema.VendorUsers.Name, schema.PSUsers.Name)
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
			if f.Source == s.Name && accountKinds[f.Kind] {
				p.Read += f.RowsRead
				p.Rejected += f.RowsRejected
			}
		}
		out = append(out, p)
	}
	return out
}
