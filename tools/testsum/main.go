// Command testsum runs every test of the repository, the Go tests and the
// Rego rules' tests, whatever fails first, and ends with one line counting
// both: "N passed, N failed, N skipped". It exits 1 when anything failed
// (a test, a package that did not build, the rule tests' runner). It is
// what make test runs, so that a failing Go test can no longer hide the
// Rego tests, and the last line tells the whole count.
//
// Usage: go run ./tools/testsum [-go GO] [-- PACKAGES...]
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

func main() {
	goCmd := flag.String("go", "go", "the go command")
	flag.Parse()
	pkgs := flag.Args()
	if len(pkgs) == 0 {
		pkgs = []string{"./..."}
	}
	var total counts
	goCounts, goErr := runGoTests(*goCmd, pkgs, os.Stdout)
	total.add(goCounts)
	if goErr != nil {
		fmt.Printf("go test: %v\n", goErr)
	}
	regoCounts, regoErr := runRegoTests(*goCmd, os.Stdout)
	total.add(regoCounts)
	if regoErr != nil {
		fmt.Printf("review rules test: %v\n", regoErr)
	}
	fmt.Printf("\nGo: %s; Rego: %s\n", goCounts, regoCounts)
	fmt.Println(total.line())
	if total.failed > 0 || goErr != nil || regoErr != nil {
		os.Exit(1)
	}
}

// counts are tests by outcome.
type counts struct{ passed, failed, skipped int }

func (c *counts) add(o counts) {
	c.passed += o.passed
	c.failed += o.failed
	c.skipped += o.skipped
}

func (c counts) String() string {
	return fmt.Sprintf("%d passed, %d failed, %d skipped", c.passed, c.failed, c.skipped)
}

// line is the closing line CI reads: skipped only when there are any.
func (c counts) line() string {
	s := fmt.Sprintf("%d passed, %d failed", c.passed, c.failed)
	if c.skipped > 0 {
		s += fmt.Sprintf(", %d skipped", c.skipped)
	}
	return s
}

// event is one line of go test -json (cmd/test2json).
type event struct {
	Action     string
	Package    string
	ImportPath string // build-output and build-fail events
	Test       string
	Output     string
}

// runGoTests runs go test -json and counts each test (subtests too) by its
// last action. It prints what go test prints without -json for packages,
// and the whole output of each failed test; a package that does not build
// counts as one failed test, so that it cannot pass for "no tests".
func runGoTests(goCmd string, pkgs []string, out io.Writer) (counts, error) {
	cmd := exec.Command(goCmd, append([]string{"test", "-json"}, pkgs...)...)
	cmd.Stderr = out
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return counts{}, err
	}
	if err := cmd.Start(); err != nil {
		return counts{}, err
	}
	c, readErr := tally(stdout, out)
	waitErr := cmd.Wait()
	if readErr != nil {
		return c, readErr
	}
	if waitErr != nil && c.failed == 0 {
		// go test failed with no failed test to show for it.
		c.failed++
		return c, waitErr
	}
	return c, nil
}

// tally reads go test -json events from r, printing as it goes.
func tally(r io.Reader, out io.Writer) (counts, error) {
	var c counts
	held := map[string][]string{}   // package/test → its output so far
	testFailed := map[string]bool{} // package → a test of it failed
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if err := json.Unmarshal(line, &e); err != nil {
			// Not an event (a build message on stdout): show it.
			fmt.Fprintln(out, string(line))
			continue
		}
		key := e.Package + "\x00" + e.Test
		switch {
		case e.Action == "build-output":
			fmt.Fprint(out, e.Output)
		case e.Test == "" && e.Action == "output":
			// The package's own lines: ok, FAIL, no test files, panics.
			fmt.Fprint(out, e.Output)
		case e.Test == "" && e.Action == "fail":
			// A package that failed with no failed test (it did not
			// build, or panicked outside a test) counts as one failure,
			// so that it cannot pass for a package without tests.
			if !testFailed[e.Package] {
				c.failed++
			}
		case e.Test == "":
		case e.Action == "output":
			held[key] = append(held[key], e.Output)
		case e.Action == "pass":
			c.passed++
			delete(held, key)
		case e.Action == "skip":
			// Say why: a skip is a test that did not run here.
			c.skipped++
			for _, l := range held[key] {
				if !strings.HasPrefix(l, "=== ") {
					fmt.Fprint(out, l)
				}
			}
			delete(held, key)
		case e.Action == "fail":
			c.failed++
			testFailed[e.Package] = true
			fmt.Fprint(out, strings.Join(held[key], ""))
			delete(held, key)
		}
	}
	return c, sc.Err()
}

// regoSummary is the last line of review rules test.
var regoSummary = regexp.MustCompile(`(?m)^(\d+) tests, (\d+) passed, (\d+) failed$`)

// runRegoTests runs the built-in rules' tests (review rules test) and
// reads its closing line.
func runRegoTests(goCmd string, out io.Writer) (counts, error) {
	cmd := exec.Command(goCmd, "run", "./cmd/review", "rules", "test")
	var b strings.Builder
	cmd.Stdout = io.MultiWriter(out, &b)
	cmd.Stderr = out
	runErr := cmd.Run()
	m := regoSummary.FindStringSubmatch(b.String())
	if m == nil {
		return counts{failed: 1}, fmt.Errorf("no count of the rule tests (%v)", runErr)
	}
	passed, _ := strconv.Atoi(m[2])
	failed, _ := strconv.Atoi(m[3])
	c := counts{passed: passed, failed: failed}
	if runErr != nil && failed == 0 {
		c.failed++
		return c, runErr
	}
	return c, nil
}
