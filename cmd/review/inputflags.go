package main

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/pipeline"
)

// inputOptions are the flags that say how the exports are read, shared
// by run, ingest and explain. A database review ingest kept has them
// fixed: read from it, a run refuses them (fixedAtIngest).
type inputOptions struct {
	roster      string
	licenses    string
	products    []string
	encodings   []string
	dateOrders  []string
	complete    []string
	skipUnknown bool
	lenient     bool
	memoryLimit string
}

func (o *inputOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&o.roster, "roster", "", "HR/IdP roster `FILE` (CSV or XLSX)")
	fs.StringVar(&o.licenses, "licenses", "", "license `FILE` (CSV or YAML)")
	fs.StringArrayVar(&o.products, "product", nil, "set a source's product, `NAME=pra|rs|password-safe` (repeatable)")
	fs.StringArrayVar(&o.encodings, "encoding", nil, encodingUsage)
	fs.StringArrayVar(&o.dateOrders, "date-order", nil, dateOrderUsage)
	fs.StringArrayVar(&o.complete, "complete", nil, "declare a Configuration API export `FILE` (its name or path as given) whole though it holds exactly 100 objects, or a multiple: every page was exported (repeatable)")
	fs.BoolVar(&o.skipUnknown, "skip-unknown", false, "warn about unrecognised files instead of stopping")
	fs.BoolVar(&o.lenient, "lenient", false, "keep bad rows out of the analysis and list them on the Ingest Issues sheet, instead of stopping at the first")
	fs.StringVar(&o.memoryLimit, "memory-limit", "1536MB", "how much memory DuckDB may hold before it spills to the temporary folder (`SIZE`, e.g. 4GB); two thirds of it bound the rules' memory")
}

// readFlags are the flags of inputOptions that say how files are read,
// all but --memory-limit.
var readFlags = []string{"roster", "licenses", "product", "encoding", "date-order", "complete", "skip-unknown", "lenient"}

// apply checks the flags and puts them in cfg.
func (o *inputOptions) apply(cfg *pipeline.Config) error {
	if !pipeline.ValidMemoryLimit(o.memoryLimit) {
		return inputerr.New("--memory-limit %q: expected a size above zero such as 1536MB or 4GB", o.memoryLimit)
	}
	cfg.Roster, cfg.Licenses, cfg.SkipUnknown, cfg.Lenient, cfg.MemoryLimit = o.roster, o.licenses, o.skipUnknown, o.lenient, o.memoryLimit
	cfg.Complete = o.complete
	cfg.Products = map[string]string{}
	for _, p := range o.products {
		name, product, ok := strings.Cut(p, "=")
		if !ok {
			return inputerr.New("--product %q: expected NAME=pra|rs|password-safe", p)
		}
		cfg.Products[name] = product
	}
	var err error
	cfg.Encodings, cfg.DateOrders, err = statedOptions(o)
	return err
}

// fixedAtIngest refuses, for a review of a kept database, the flags that
// say how the exports are read: they were fixed when it was made, and
// the database holds what they gave, not the files.
func fixedAtIngest(given func(string) bool, db string) error {
	for _, f := range readFlags {
		if given(f) {
			return inputerr.New("--%s with --db %s and no SOURCE: the database was read with its roster, licenses, products and reading flags fixed at review ingest; ingest again with --%s, or give the SOURCEs to read them now", f, db, f)
		}
	}
	return nil
}
