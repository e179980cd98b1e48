package main

import (
	"strings"
	"testing"
)

// go test -json of a passing test, a failing subtest of a failing test, a
// skipped test and a package that does not build: every test counts once,
// the failed test's output is shown, and the broken package counts as one
// failure although it ran no test.
func TestTally(t *testing.T) {
	events := strings.Join([]string{
		`{"Action":"run","Package":"a","Test":"TestOK"}`,
		`{"Action":"output","Package":"a","Test":"TestOK","Output":"=== RUN TestOK\n"}`,
		`{"Action":"pass","Package":"a","Test":"TestOK"}`,
		`{"Action":"output","Package":"a","Test":"TestBad/sub","Output":"    bad_test.go:9: got 1, want 2\n"}`,
		`{"Action":"fail","Package":"a","Test":"TestBad/sub"}`,
		`{"Action":"fail","Package":"a","Test":"TestBad"}`,
		`{"Action":"skip","Package":"a","Test":"TestLater"}`,
		`{"Action":"output","Package":"a","Output":"FAIL\ta\t0.1s\n"}`,
		`{"Action":"fail","Package":"a"}`,
		`{"ImportPath":"b","Action":"build-output","Output":"b/b.go:3:1: syntax error\n"}`,
		`{"ImportPath":"b","Action":"build-fail"}`,
		`{"Action":"output","Package":"b","Output":"FAIL\tb [build failed]\n"}`,
		`{"Action":"fail","Package":"b","FailedBuild":"b"}`,
	}, "\n")
	var out strings.Builder
	c, err := tally(strings.NewReader(events), &out)
	if err != nil {
		t.Fatal(err)
	}
	if c != (counts{passed: 1, failed: 3, skipped: 1}) {
		t.Errorf("counts = %s, want 1 passed, 3 failed (two tests, one package), 1 skipped", c)
	}
	for _, want := range []string{"bad_test.go:9: got 1, want 2", "syntax error", "FAIL\ta\t0.1s"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "=== RUN TestOK") {
		t.Errorf("a passing test's output was shown:\n%s", out.String())
	}
	if got := c.line(); got != "1 passed, 3 failed, 1 skipped" {
		t.Errorf("line = %q", got)
	}
	if got := (counts{passed: 4}).line(); got != "4 passed, 0 failed" {
		t.Errorf("line without skips = %q", got)
	}
}
