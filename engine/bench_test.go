package engine

import (
	"context"
	"fmt"
	"testing"

	"github.com/valyala/fastjson"

	"github.com/review-tool/review/facts"
	"github.com/review-tool/review/rules"
)

// BenchmarkEvaluateAccounts measures Rego over 10,000 account facts (every
// account rule, no SQL prefilter: all facts reach Rego).
func BenchmarkEvaluateAccounts(b *testing.B) { benchmarkEvaluate(b, 0) }

// BenchmarkEvaluateAccountsWatched is BenchmarkEvaluateAccounts with the
// memory watchdog on (the default share of --memory-limit): its cost on
// the normal path is the difference between the two.
func BenchmarkEvaluateAccountsWatched(b *testing.B) { benchmarkEvaluate(b, 1<<30) }

func benchmarkEvaluate(b *testing.B, memoryLimit uint64) {
	rs, err := LoadRules(rules.FS, nil)
	if err != nil {
		b.Fatal(err)
	}
	var fs []*facts.Fact
	for i := 0; i < 10000; i++ {
		js := fmt.Sprintf(`{"source": "s", "product": "pra", "kind": "user", "id": %d, "username": "u%d", "enabled": true,
 "administrator": %t, "two_factor_enabled": true, "passwordless_credentials": 0,
 "last_authentication": "2025-10-02T09:00:00Z", "days_since_last_authentication": %d, "created_at": "2023-01-01T00:00:00Z",
 "days_since_created": 1000, "account_expired": false, "group_policies": ["A"], "unknown_group_policies": [],
 "default_policy": null, "memberships": {"group_policies": 1, "teams": 1, "jump_groups": 0, "vault_account_groups": 0},
 "roster": {"matched": true, "status": "active", "terminated": false}, "source_has_directory_provider": true,
 "provider": {"id": 1, "name": "LDAP", "type": "ldap"}}`, i, i, i%50 == 0, i%200)
		fs = append(fs, account("s", fmt.Sprint("u", i), js))
	}
	caps := map[string]map[string]bool{"s": {"users": true, "user.enabled": true, "user.last_authentication": true,
		"user.administrator": true, "user.two_factor": true, "roster": true, "security_providers": true, "group_policies": true,
		"group_policy_members": true}}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Evaluate(context.Background(), rs, memFacts(fs...), Settings{AsOf: asOf, Params: defaults(rs), Capabilities: caps, NoPrefilter: true,
			MemoryLimit: memoryLimit, MemoryFlag: "1536MB"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(fs))*float64(b.N)/b.Elapsed().Seconds(), "facts/s")
}

// BenchmarkInputValue measures turning one account fact's JSON into the
// value Rego evaluates (done once per candidate fact).
func BenchmarkInputValue(b *testing.B) {
	js := []byte(`{"source": "pra-prod", "product": "pra", "kind": "user", "id": 1042, "username": "jdoe", "display_name": "Jane Doe",
 "email": "jdoe@corp.example", "provider": {"id": 1, "name": "LDAP", "type": "ldap"}, "enabled": true, "administrator": false,
 "two_factor_enabled": true, "passwordless_credentials": 0, "last_authentication": "2025-10-02T09:00:00Z",
 "days_since_last_authentication": 51, "created_at": "2023-01-01T00:00:00Z", "days_since_created": 1056,
 "account_expiration": null, "account_expired": false, "group_policies": ["Admins", "Support Tier 1", "Vault Users"],
 "unknown_group_policies": [], "default_policy": "Support Tier 1",
 "memberships": {"group_policies": 2, "teams": 1, "jump_groups": 1, "vault_account_groups": 0},
 "roster": {"matched": true, "status": "active", "terminated": false, "termination_date": null, "employee_type": "employee",
  "manager": "boss@corp.example", "name": "Jane Doe"}, "source_has_directory_provider": true, "vendor": null}`)
	var p fastjson.Parser
	var c internCache
	for b.Loop() {
		if _, _, err := inputValue(&p, &c, js); err != nil {
			b.Fatal(err)
		}
	}
}
