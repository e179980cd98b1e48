package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// zipFolder writes the files of dir into a new zip at path, under name/.
func zipFolder(t *testing.T, dir, name, path string) {
	t.Helper()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(name + "/" + e.Name())
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
}

// A site exported as a zip gives the same findings as the folder.
func TestZippedSourceFindsTheSame(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	archive := filepath.Join(dir, "pra-prod.zip")
	zipFolder(t, "../../fixtures/pra-json/pra-prod", "pra-prod", archive)
	os.MkdirAll(filepath.Join(dir, "folder"), 0o755)
	os.MkdirAll(filepath.Join(dir, "zipped"), 0o755)
	_, folder := runFixture(t, fixtures[0], filepath.Join(dir, "folder"))
	_, zipped := runFixture(t, fixture{"zipped", []string{archive}}, filepath.Join(dir, "zipped"))
	ids := func(path string) []string {
		var out []string
		for _, f := range readJSONL(t, path) {
			out = append(out, f.ID)
		}
		return out
	}
	want, got := ids(folder), ids(zipped)
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("zipped source found %d findings %v, the folder %d %v", len(got), got, len(want), want)
	}

	// The Evidence sheet lists each entry as zip!entry, and the zip.
	f, err := excelize.OpenFile(filepath.Join(dir, "zipped", "findings.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Evidence")
	var entries, archives int
	for _, r := range rows {
		if len(r) > 3 && strings.HasPrefix(r[2], archive+"!pra-prod/") && len(r[3]) == 64 {
			entries++
		}
		if len(r) > 4 && r[1] == "zip" && r[2] == archive && len(r[3]) == 64 {
			archives++
		}
	}
	files, _ := os.ReadDir("../../fixtures/pra-json/pra-prod")
	if entries != len(files) || archives != 1 {
		t.Errorf("Evidence lists %d entries of %d and %d archives", entries, len(files), archives)
	}
}
