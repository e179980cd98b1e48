package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/internal/progress"
	"github.com/review-tool/review/pipeline"
	"github.com/review-tool/review/reports"
)

// writeOutputs writes every output to its temporary file, the workbook
// (the largest, and so the likeliest to fail) after the small ones, and
// the one going to standard output last, since what is written there
// cannot be taken back. It returns the outputs, for the result line;
// nothing is in place until the set is committed.
func writeOutputs(e env, o *runOptions, rev *pipeline.Review, rep progress.Reporter, set *reports.OutputSet, in inputs) ([]string, error) {
	total := rev.AccountCount
	if total == 0 {
		total = -1
	}
	stage := rep.Start("write", "accounts", total)
	if accounts := rev.Accounts; accounts != nil {
		rev.Accounts = func(fn func(*model.AccountRow) error) error {
			return accounts(func(a *model.AccountRow) error {
				stage.Add(1)
				return fn(a)
			})
		}
	}
	type job struct {
		path  string
		write func(io.Writer) error
	}
	var jobs []job
	// The findings workbook's name and SHA-256, for campaign.json: taken
	// of the bytes as they are written, before the split is.
	var findingsBook *campaign.IssuedWorkbook
	for _, out := range o.outputFiles(func(string) bool { return false }) {
		if out.writer == "" || out.path == "" {
			continue // the database is written by the run itself
		}
		w := reports.MustLookup(out.writer)
		write := func(wr io.Writer) error { return w.Write(wr, rev.Review, rev.TempDir) }
		if out.flag == "--out" && out.path != "-" && o.splitBy != "" {
			plain := write
			write = func(wr io.Writer) error {
				h := sha256.New()
				if err := plain(io.MultiWriter(wr, h)); err != nil {
					return err
				}
				findingsBook = &campaign.IssuedWorkbook{File: filepath.Base(out.path), SHA256: hex.EncodeToString(h.Sum(nil))}
				return nil
			}
		}
		jobs = append(jobs, job{out.path, write})
	}
	var toStdout *job
	for i := range jobs {
		j := &jobs[i]
		switch j.path {
		case "":
			continue
		case "-":
			toStdout = j
			continue
		}
		if e.stageHook != nil {
			e.stageHook("write " + j.path)
		}
		if err := set.Write(j.path, j.write); err != nil {
			return nil, fmt.Errorf("write %s: %w", j.path, err)
		}
	}
	split, err := writeSplit(e, o, rev, set, in, findingsBook)
	if err != nil {
		return nil, err
	}
	if toStdout != nil {
		if err := set.Write("-", toStdout.write); err != nil {
			return nil, fmt.Errorf("write to standard output: %w", err)
		}
	}
	stage.Done()
	var written []string // in the order of the flags, for the result line
	for _, p := range []string{o.out, o.json, o.csv, o.issues, o.manifest, o.dbOutput(func(string) bool { return false }).path} {
		switch p {
		case "":
		case "-":
			written = append(written, "standard output")
		default:
			written = append(written, p)
		}
	}
	if split != "" {
		written = append(written, split)
	}
	return written, nil
}
