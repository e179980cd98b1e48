package analyzers

import (
	"context"
	"fmt"
	"github.com/review-tool/review/rules"
	"testing"
)

// BenchmarkEvaluateAccounts measures Rego over 10,000 account facts (every
// account rule, no SQL prefilter: all facts reach Rego).
func BenchmarkEvaluateAccounts(b *testing.B) {
	rs, err := LoadRules(rules.FS, nil)
	if err != nil {
		b.Fatal(err)
	}
	var facts []*Fact
	for i := 0; i < 10000; i++ {
		js := fmt.Sprintf(`{"source": "s", "product": "pra", "kind": "user", "id": %d, "username": "u%d", "enabled": true,
 "administrator": %t, "two_factor_enabled": true, "passwordless_credentials": 0,
 "last_authentication": "2025-10-02T09:00:00Z", "days_since_last_authentication": %d, "created_at": "2023-01-01T00:00:00Z",
 "days_since_created": 1000, "account_expired": false, "group_policies": ["A"], "unknown_group_policies": [],
 "default_policy": null, "memberships": {"group_policies": 1, "teams": 1, "jump_groups": 0, "vault_account_groups": 0},
 "roster": {"matched": true, "status": "active", "terminated": false}, "source_has_directory_provider": true,
 "provider": {"id": 1, "name": "LDAP", "type": "ldap"}}`, i, i, i%50 == 0, i%200)
		facts = append(facts, account("s", fmt.Sprint("u", i), js))
	}
	caps := map[string]map[string]bool{"s": {"users": true, "user.enabled": true, "user.last_authentication": true,
		"user.administrator": true, "user.two_factor": true, "roster": true, "security_providers": true, "group_policies": true,
		"group_policy_members": true}}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Evaluate(context.Background(), rs, memFacts(facts...), Settings{AsOf: asOf, Params: defaults(rs), Capabilities: caps, NoPrefilter: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(facts))*float64(b.N)/b.Elapsed().Seconds(), "facts/s")
}
