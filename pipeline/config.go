package pipeline

import (
	"context"
	"time"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/internal/model"
)

// Config is everything a review needs, as values: a command fills it from
// its flags, checked, and Run does the rest. Names of flags appear in the
// messages of errors the user can fix (--param, --config, --memory-limit).
type Config struct {
	// Sources are the exports to read: PATH or NAME=PATH.
	Sources []string
	// AsOf is the review date every "days since" counts to.
	AsOf time.Time
	// Roster and Licenses are the roster and license files, or "".
	Roster, Licenses string
	// Products set a source's product, by source name.
	Products map[string]string
	// Encodings and DateOrders say how to read table files, by file name
	// ("" for every file).
	Encodings  map[string]textio.Encoding
	DateOrders map[string]cells.DateOrder
	// Complete are --complete: Configuration API exports declared whole
	// though they hold full pages, by file name or path as given.
	Complete []string
	// SkipUnknown passes over files recognised as nothing, with a warning.
	SkipUnknown bool
	// Lenient keeps bad rows out and lists them instead of stopping.
	Lenient bool

	// RuleDirs are folders of custom rules, read after the built-in ones.
	RuleDirs []string
	// ConfigFile is the YAML file of params:, severity: and owners:, or "".
	ConfigFile string
	// Exceptions is the YAML register of accepted risks, or "".
	Exceptions string
	// Previous is the previous run's workbook (.xlsx) or JSON Lines
	// findings (.jsonl) to compare with, or "". PreviousDB is the DuckDB
	// database that run kept with --db, read for its accounts when
	// Previous has none (a .jsonl), or "".
	Previous, PreviousDB string
	// Params are name=value settings of parameters, applied after the
	// config file; Severities are rule-id=level overrides, likewise.
	Params, Severities []string
	// RuleTimeout stops a rule that evaluates one entity for longer (0: no
	// limit); Workers evaluate rules at once (0: one per core).
	RuleTimeout time.Duration
	Workers     int
	// NoPrefilter evaluates every fact in Rego, without the SQL prefilters.
	NoPrefilter bool

	// Database is the file to build the DuckDB database in, kept with its
	// raw tables for the user to query; "" keeps it in memory and drops the
	// raw tables once the facts are built, to give their memory back.
	Database string
	// FromDatabase is a database review ingest (or run --db) kept: the
	// review reads its raw tables and stored manifest instead of Sources,
	// and never writes to it. Roster, Licenses, Products, Encodings,
	// DateOrders, SkipUnknown and Lenient were fixed when it was made.
	FromDatabase string
	// KeepIntermediate keeps the raw and intermediate tables (memberships,
	// the group policies' grants) once the facts are built, for review
	// explain, which shows how each access is held.
	KeepIntermediate bool
	// ReturnTo says where reviewers send their workbook back (--return-to),
	// or "" for the config file's campaign: return_to:.
	ReturnTo string
	// MemoryLimit is how much DuckDB may hold before it spills to the
	// run's temporary folder (DuckDB's units: 1536MB, 4GB).
	MemoryLimit string

	// CommandLine is the run's command line, for the Evidence sheet.
	CommandLine []string
	// Tool reads the versions and build of the tool, for the Evidence
	// sheet. It is called once the rules have run, so that a slow part
	// (hashing the binary) can go on in the background until then.
	Tool func(context.Context) model.ToolInfo
	// Warn is told each warning as it arises (a custom rule replacing a
	// built-in, a file skipped, an owner of no source); nil drops them.
	// Those of the files read are also on Review.Warnings.
	Warn func(string)
}

func (c *Config) warn(msg string) {
	if c.Warn != nil {
		c.Warn(msg)
	}
}
