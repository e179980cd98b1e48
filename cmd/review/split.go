package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/review-tool/review/campaign"
	"github.com/review-tool/review/internal/inputerr"
	"github.com/review-tool/review/pipeline"
	"github.com/review-tool/review/reports"
	"github.com/review-tool/review/reports/xlsx"
)

// splitReviewer is the one value --split-by takes for now.
const splitReviewer = "reviewer"

// checkSplit checks that --split-by, --out-dir and --return-to come
// together and say something review can do.
func checkSplit(o *runOptions, given func(string) bool) error {
	switch {
	case given("split-by") && o.splitBy != splitReviewer:
		return inputerr.New("--split-by %q: expected %s (one workbook per reviewer; the only way to split for now)", o.splitBy, splitReviewer)
	case o.splitBy != "" && o.outDir == "":
		return inputerr.New("--split-by %s writes one workbook per reviewer into a folder: give --out-dir DIR too", o.splitBy)
	case given("out-dir") && o.splitBy == "":
		return inputerr.New("--out-dir holds the workbooks of --split-by: give --split-by %s too", splitReviewer)
	case given("return-to") && o.splitBy == "":
		return inputerr.New("--return-to is written on the workbooks of --split-by: give --split-by %s too", splitReviewer)
	}
	return nil
}

// checkOutDir checks the --out-dir folder before anything is read, as the
// other outputs are checked: an existing folder that can be written to,
// not an input, inside one or holding one (collideFolder), and its
// campaign.json no other output.
func checkOutDir(o *runOptions, in inputs) error {
	if o.splitBy == "" {
		return nil
	}
	dir := o.outDir
	if dir == "-" {
		return inputerr.New("--out-dir -: the workbooks cannot go to standard output: name a folder")
	}
	if err := in.collideFolder("--out-dir", dir); err != nil {
		return err
	}
	fi, err := os.Stat(dir)
	switch {
	case err != nil && os.IsNotExist(err):
		return inputerr.New("--out-dir %s does not exist: create it first, or name another folder", dir)
	case err != nil:
		return inputerr.New("--out-dir %s: %v", dir, unwrapPath(err))
	case !fi.IsDir():
		return inputerr.New("--out-dir %s is a file: name a folder for the per-reviewer workbooks", dir)
	}
	if err := probeWrite(dir); err != nil {
		return inputerr.New("--out-dir %s: cannot write in it (%v): choose a folder you can write to", dir, unwrapPath(err))
	}
	if err := checkNoCampaign(dir); err != nil {
		return err
	}
	return checkSplitFile(o, in, filepath.Join(dir, campaign.FileName))
}

// checkNoCampaign refuses a folder that already holds a campaign's files:
// a reviewer of the earlier run missing from this one would keep a
// workbook there, sent by mistake and refused by collect as another
// campaign's. The folder must hold no campaign.json and no workbook.
func checkNoCampaign(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return inputerr.New("--out-dir %s: %v", dir, unwrapPath(err))
	}
	var held []string
	for _, e := range entries {
		if n := e.Name(); !e.IsDir() && (n == campaign.FileName || strings.EqualFold(filepath.Ext(n), ".xlsx")) {
			held = append(held, n)
		}
	}
	if len(held) > 0 {
		shown := held[:min(len(held), 3)]
		more := ""
		if len(held) > 3 {
			more = fmt.Sprintf(" and %d more", len(held)-3)
		}
		return inputerr.New("--out-dir %s already holds %s%s: name an empty folder for this campaign, or remove those files first",
			dir, strings.Join(shown, ", "), more)
	}
	return nil
}

// checkSplitFile refuses a file of --out-dir that is an input or another
// output of the run (--out DIR/alice.xlsx beside a reviewer alice).
func checkSplitFile(o *runOptions, in inputs, path string) error {
	if err := in.collide("--out-dir", path); err != nil {
		return err
	}
	for _, out := range o.outputFiles(func(string) bool { return false }) {
		if out.path != "" && out.path != "-" && samePath(out.path, path) {
			return inputerr.New("--out-dir writes %s, which is also %s: give %s another name or --out-dir another folder",
				path, out.flag, out.flag)
		}
	}
	return nil
}

// writeSplit stages the per-reviewer workbooks and campaign.json with the
// run's other outputs, so that they appear with them or not at all;
// campaign.json records findingsBook, the findings workbook written before
// (nil when it went to standard output, written last). It returns what it
// wrote, for the result line ("" without --split-by).
func writeSplit(e env, o *runOptions, rev *pipeline.Review, set *reports.OutputSet, in inputs, findingsBook *campaign.IssuedWorkbook) (string, error) {
	if o.splitBy == "" {
		return "", nil
	}
	books := campaign.Split(rev.Review)
	id := campaign.CampaignID(rev.Review)
	for _, b := range books {
		path := filepath.Join(o.outDir, b.File)
		if err := checkSplitFile(o, in, path); err != nil {
			return "", err
		}
		if e.stageHook != nil {
			e.stageHook("write " + path)
		}
		rb := xlsx.ReviewerBook{Campaign: id, Reviewer: b.Reviewer, ReturnTo: rev.ReturnTo, Findings: b.Findings}
		if err := set.Write(path, func(w io.Writer) error {
			return xlsx.WriteReviewerWorkbook(w, rev.Review, rb, rev.TempDir)
		}); err != nil {
			return "", fmt.Errorf("write %s: %w", path, err)
		}
	}
	path := filepath.Join(o.outDir, campaign.FileName)
	if err := set.Write(path, func(w io.Writer) error { return campaign.WriteFile(w, rev.Review, books, findingsBook) }); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return fmt.Sprintf("%d reviewer workbooks and %s in %s", len(books), campaign.FileName, o.outDir), nil
}
