package tabular

import (
	"testing"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/schema"
)

func TestReadLicenses(t *testing.T) {
	tests := []struct {
		file    string
		rows    []string
		unknown []string
	}{
		{
			file: "licenses.csv",
			rows: []string{
				`2 | product=pra | seat_type=named | purchased=50 | annual_cost_per_seat=120.5 | currency=USD | renewal_date=2026-03-31`,
				`3 | product=rs | seat_type=concurrent | purchased=10 | currency=EUR | applies_to=rs-prod`,
			},
		},
		{
			file: "licenses.yaml",
			rows: []string{
				`2 | product=pra | seat_type=named | purchased=50 | annual_cost_per_seat=120.5 | currency=USD | renewal_date=2026-03-31`,
				`7 | product=password-safe | seat_type=named | purchased=5 | currency=GBP | applies_to=ps-prod`,
			},
			unknown: []string{"notes"},
		},
		{
			file: "licenses_map.yml",
			rows: []string{
				`2 | product=rs | seat_type=concurrent | purchased=10 | currency=USD`,
			},
		},
	}
	for _, tt := range tests {
		for _, form := range forms {
			t.Run(tt.file+"/"+form.name, func(t *testing.T) {
				sink := newSink()
				res, err := Read(schema.KindLicenses, input(t, tt.file, form.transform), sink)
				if err != nil {
					t.Fatal(err)
				}
				sameLines(t, "licenses", sink.show(schema.Licenses), tt.rows)
				sameLines(t, "unknown columns", res.UnknownColumns, tt.unknown)
				sameLines(t, "capabilities", res.Capabilities, []string{"licenses"})
				if res.Kind != schema.KindLicenses || res.Rows != int64(len(tt.rows)) {
					t.Errorf("result = %+v", res)
				}
			})
		}
	}
}

func TestReadLicensesEmptyList(t *testing.T) {
	for _, body := range []string{"[]\n", "licenses: []\n", "licenses:\n"} {
		res, err := ReadLicenses(bytesInput("licenses.yaml", []byte(body)), newSink())
		if err != nil || res.Rows != 0 {
			t.Errorf("%q: %v, %+v", body, err, res)
		}
	}
}

// A YAML item that is not a row is a bad row too, handed over whole.
func TestBadRowYAML(t *testing.T) {
	in := bytesInput("licenses.yaml", []byte("- 7\n-\n- product: pra\n  seat_type: named\n  purchased: 1\n"))
	var bad []string
	in.BadRow = func(e *located.Error) error {
		bad = append(bad, e.Error()+" | raw: "+e.Raw)
		return nil
	}
	sink := newSink()
	res, err := ReadLicenses(in, sink)
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "bad rows", bad, []string{
		`licenses.yaml:1:3: found the value "7", expected a license row (product: …, seat_type: …, purchased: …) | raw: 7`,
		`licenses.yaml:2:2: found an empty item, expected a license row (product: …, seat_type: …, purchased: …) | raw: (empty)`,
	})
	if res.Rows != 1 || len(sink.rows[schema.Licenses]) != 1 {
		t.Errorf("rows = %d", res.Rows)
	}
}

// A YAML license file is told by its content, whatever it is called; a CSV
// one is not taken for YAML.
func TestLicensesYAMLByContent(t *testing.T) {
	yamlText := "# seats bought\n- product: pra\n  seat_type: named\n  purchased: 8\n"
	for _, name := range []string{"licenses.txt", "seats"} {
		if k := Detect(name, []byte(yamlText)); k != schema.KindLicenses {
			t.Errorf("Detect(%s) = %q, want licenses", name, k)
		}
		res, err := ReadLicenses(bytesInput(name, []byte(yamlText)), newSink())
		if err != nil || res.Rows != 1 {
			t.Fatalf("ReadLicenses(%s): %v, %+v", name, err, res)
		}
	}
	for _, text := range []string{"product,seat_type,purchased\npra,named,8\n", "product;purchased\npra;8\n"} {
		if looksYAML([]byte(text)) {
			t.Errorf("looksYAML(%q) = true", text)
		}
	}
}
