package configapi

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/review-tool/review/schema"
)

type discard struct{}

func (discard) Append(*schema.Table, []any) error { return nil }

// BenchmarkReadUsers measures the JSON reader on 10,000 API user objects.
func BenchmarkReadUsers(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("[\n")
	for i := 1; i <= 10000; i++ {
		if i > 1 {
			buf.WriteString(",\n")
		}
		fmt.Fprintf(&buf, `{"id": %d, "security_provider_id": 1, "username": "user%d", "public_display_name": "User %d", "email_address": "user%d@corp.example", "enabled": true, "last_authentication": "2025-10-16T14:46:25+00:00", "created_at": "2023-01-01T00:00:00+00:00", "two_factor_enabled": true, "fido2_credential_count": 0, "perm_admin": false, "perm_access_allowed": true, "perm_session_idle_timeout": -1}`, i, i, i, i)
	}
	buf.WriteString("\n]\n")
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Read(schema.KindUsers, Input{Path: "user.json", Source: "s", FileID: 1}, bytes.NewReader(data), discard{}); err != nil {
			b.Fatal(err)
		}
	}
}
