package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/review-tool/review/internal/inputerr"
)

// No command writes over what it reads, nor into a folder it reads: an
// output there would destroy the evidence the run rests on, or be read
// back as an input by the next run. Every command that writes (run,
// ingest, collect) lists its inputs and checks each output path against
// them with inputs.collide (an output folder with collideFolder) before
// anything is read. Paths are compared resolved: "./a" and "a", a symbolic
// link and its target, and two hard links to one file are the same.

// input is one path a command reads, named as the user gave it.
type input struct {
	// name is the flag that gives it ("--roster"), or what a positional
	// argument is ("the source", "the returned workbook").
	name string
	path string
	// regoOnly says a --rules folder, of which only the .rego files are
	// read: another file may be written there.
	regoOnly bool
}

func (in input) String() string { return in.name + " " + in.path }

// inputs are every path one command reads.
type inputs []input

// collide refuses the output path of flag when it is one of the inputs or
// lies inside a folder given as one.
func (ins inputs) collide(flag, path string) error {
	for _, in := range ins {
		switch {
		case in.path == "":
		case samePath(path, in.path):
			return inputerr.New("%s %s names %s, an input: review never writes over what it reads; write it elsewhere", flag, path, in)
		case in.regoOnly:
			if inside(path, in.path) && strings.EqualFold(filepath.Ext(path), ".rego") {
				return inputerr.New("%s %s would be a rule of %s, an input: write it elsewhere", flag, path, in)
			}
		case inside(path, in.path):
			return inputerr.New("%s %s is inside %s, an input folder: review never writes where it reads; write it elsewhere", flag, path, in)
		}
	}
	return nil
}

// collideFolder refuses an output folder (--out-dir, --parquet) that
// collide refuses, or that holds an input anywhere inside it: what is
// written there is sent out or replaced whole, and must not mix with or
// replace what the run read.
func (ins inputs) collideFolder(flag, dir string) error {
	if err := ins.collide(flag, dir); err != nil {
		return err
	}
	for _, in := range ins {
		if in.path != "" && inside(in.path, dir) {
			return inputerr.New("%s %s holds %s, an input: name a folder of its own for the outputs", flag, dir, in)
		}
	}
	return nil
}

// inputsOf are the paths review run reads: its sources (NAME=PATH as
// PATH), every file it takes by flag, the --rules folders, and --db when
// the run reviews that database.
func inputsOf(o *runOptions, sources []string) inputs {
	in := o.inputOptions.readInputs(sources).named(
		input{name: "--config", path: o.configFile}, input{name: "--exceptions", path: o.exceptions},
		input{name: "--previous", path: o.previous}, input{name: "--previous-db", path: o.previousDB})
	if o.fromDatabase() {
		in = append(in, input{name: "--db", path: o.dbPath})
	}
	for _, dir := range o.ruleDirs {
		in = append(in, input{name: "--rules", path: dir, regoOnly: true})
	}
	return in
}

// readInputs are the inputs of the reading flags run and ingest share:
// the sources, --roster and --licenses.
func (o *inputOptions) readInputs(sources []string) inputs {
	return sourceInputs(sources).named(input{name: "--roster", path: o.roster}, input{name: "--licenses", path: o.licenses})
}

// named adds the files given by flag, those given.
func (ins inputs) named(flags ...input) inputs {
	for _, f := range flags {
		if f.path != "" {
			ins = append(ins, f)
		}
	}
	return ins
}

// sourceInputs are the SOURCE arguments as inputs. NAME=PATH names the
// source; a path with "=" in it that exists is a path.
func sourceInputs(sources []string) inputs {
	var in inputs
	for _, s := range sources {
		if i := strings.Index(s, "="); i > 0 {
			if _, err := os.Stat(s); err != nil {
				s = s[i+1:]
			}
		}
		in = append(in, input{name: "the source", path: s})
	}
	return in
}
