package tabular

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/review-tool/review/schema"
)

type discard struct{}

func (discard) Append(*schema.Table, []any) error { return nil }

// BenchmarkReadUserReport reads a 100,000-row report (go test -bench .).
func BenchmarkReadUserReport(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("Username,Public Display Name,Email,Security Provider,Enabled,Last Login,Created,Administrator,Two Factor Authentication,Group Policies,Teams,Notes\n")
	const n = 100_000
	for i := range n {
		fmt.Fprintf(&buf, "user%d,User %d,user%d@corp.example,Corp LDAP,yes,10/16/2025 2:46 PM,2024-01-05,No,Required,\"Helpdesk\nSupport\",Ops (lead),note %d\n", i, i, i, i)
	}
	in := bytesInput("big.csv", buf.Bytes())
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		res, err := ReadUserReport(in, discard{})
		if err != nil || res.Rows != n {
			b.Fatal(res, err)
		}
	}
}
