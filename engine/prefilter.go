package engine

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// Prefilters push what Rego can tell about a rule into DuckDB. OPA's partial
// evaluation, with the fact (input) unknown and the parameters known, turns
// each rule into residual queries such as
//
//	input.enabled = true; gt(input.days_since_last_authentication, 90); _ = {...}
//
// Each query's simple conditions (comparisons of an input field with a
// constant, counts, type checks) become a SQL condition over the fact's
// struct; conditions that do not translate are dropped, which only widens the
// filter. A fact that fails the filter cannot make the rule fire, so only
// candidates reach Rego, which still decides and writes the finding.
//
// The filter must not hide a rule's errors either: a fact on which the rule
// would fail (1/0, a type error) stays a candidate, so a broken rule stops
// the run with or without prefilters. Partial evaluation raises built-in
// errors (a rule that fails whatever the fact is then not narrowed, and
// fails on the first fact), and a condition after an expression that could
// fail is not used, since Rego would not reach it.

// prefilter returns the SQL condition of one rule, or ok=false when the
// rule cannot be narrowed (then every fact must be evaluated).
func prefilter(ctx context.Context, rs *RuleSet, r *Rule, store storage.Store) (cond string, ok bool, err error) {
	opts := []func(*rego.Rego){
		rego.Query(r.Ref()), rego.Unknowns([]string{"input"}), rego.Store(store),
		rego.Capabilities(Capabilities()), rego.StrictBuiltinErrors(true),
	}
	for _, m := range rs.Rules {
		opts = append(opts, rego.ParsedModule(m.Module))
	}
	pq, err := rego.New(opts...).Partial(ctx)
	if topdown.IsError(err) && !topdown.IsCancel(err) {
		// Evaluation will meet the same error on the first fact and name it.
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("partial evaluation of %s: %w", r.ID, err)
	}
	if len(pq.Queries) == 0 {
		return "false", true, nil // the rule can never fire
	}
	var ors []string
	for _, q := range pq.Queries {
		var ands []string
		notNull := map[string]bool{}
		for _, e := range q {
			if c, ok := translate(e, notNull); ok {
				ands = append(ands, c)
			} else if !cannotFail(e) {
				break
			}
		}
		if len(ands) == 0 {
			return "", false, nil
		}
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	return strings.Join(ors, " OR "), true, nil
}

// fieldRef turns input.a.b into the DuckDB struct field f['a']['b'] of
// the fact (see sql/06_fact_rows.sql).
func fieldRef(t *ast.Term) (string, bool) {
	ref, ok := t.Value.(ast.Ref)
	if !ok || len(ref) < 2 || !ref[0].Equal(ast.InputRootDocument) {
		return "", false
	}
	var b strings.Builder
	b.WriteString("(f")
	for _, p := range ref[1:] {
		s, ok := p.Value.(ast.String)
		if !ok {
			return "", false
		}
		b.WriteString("['")
		b.WriteString(strings.ReplaceAll(string(s), "'", "''"))
		b.WriteString("']")
	}
	b.WriteString(")")
	return b.String(), true
}

// equals is the SQL for "the field equals the constant c". Struct fields are
// typed, so a field of another type than the constant fails to bind, and the
// kind then runs without a prefilter.
func equals(field string, c ast.Value) (string, bool) {
	switch v := c.(type) {
	case ast.Boolean:
		return fmt.Sprintf("%s = %t", field, bool(v)), true
	case ast.String:
		return fmt.Sprintf("%s = '%s'", field, strings.ReplaceAll(string(v), "'", "''")), true
	case ast.Number:
		if _, err := strconv.ParseFloat(string(v), 64); err != nil {
			return "", false
		}
		return fmt.Sprintf("%s = %s", field, v), true
	case ast.Null:
		return field + " IS NULL", true
	}
	return "", false
}

var comparisons = map[string]string{"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}

// translate turns one residual expression into SQL, when it is one of the
// forms it knows. notNull holds the fields that earlier conditions of the
// query already require to be set; translate adds those it requires.
func translate(e *ast.Expr, notNull map[string]bool) (string, bool) {
	if e.Negated || len(e.With) > 0 {
		return "", false
	}
	terms, ok := e.Terms.([]*ast.Term)
	if !ok || len(terms) < 2 {
		return "", false
	}
	op := e.Operator().String()
	args := terms[1:]
	switch op {
	case "eq", "equal":
		if len(args) != 2 {
			return "", false
		}
		a, b := args[0], args[1]
		if _, isRef := b.Value.(ast.Ref); isRef {
			a, b = b, a
		}
		if field, ok := fieldRef(a); ok && ast.IsScalar(b.Value) {
			if _, isNull := b.Value.(ast.Null); !isNull {
				notNull[field] = true
			}
			return equals(field, b.Value)
		}
	case "gt", "gte", "lt", "lte":
		if len(args) != 2 {
			return "", false
		}
		if n, ok := args[1].Value.(ast.Number); ok {
			if field, ok := fieldRef(args[0]); ok {
				notNull[field] = true
				return fmt.Sprintf("%s %s %s", field, comparisons[op], n), true
			}
			if field, ok := countOf(args[0]); ok {
				return orNull(field, notNull, fmt.Sprintf("len(%s) %s %s", field, comparisons[op], n)), true
			}
		}
	case "count":
		// count(input.x, n): the count equals n.
		if len(args) == 2 {
			if field, ok := fieldRef(args[0]); ok {
				if n, ok := args[1].Value.(ast.Number); ok {
					return orNull(field, notNull, fmt.Sprintf("len(%s) = %s", field, n)), true
				}
			}
		}
	case "is_string", "is_number", "is_array", "is_boolean":
		// A typed field is of its type whenever it is not NULL.
		if len(args) == 1 {
			if field, ok := fieldRef(args[0]); ok {
				notNull[field] = true
				return field + " IS NOT NULL", true
			}
		}
	case "object.get":
		// object.get(input, "k", default, out): the value of k, or default.
		if len(args) == 4 && args[0].Value.Compare(ast.InputRootRef) == 0 {
			key, ok := args[1].Value.(ast.String)
			if !ok || !ast.IsScalar(args[3].Value) {
				return "", false
			}
			// Every key of a struct exists, so the default never applies.
			field, _ := fieldRef(ast.NewTerm(ast.InputRootRef.Append(ast.StringTerm(string(key)))))
			return equals(field, args[3].Value)
		}
	}
	return "", false
}

// countOf gives the field x of count(input.x).
func countOf(t *ast.Term) (string, bool) {
	call, ok := t.Value.(ast.Call)
	if !ok || len(call) != 2 || call[0].String() != "count" {
		return "", false
	}
	return fieldRef(call[1])
}

// orNull keeps a fact whose field is NULL a candidate of a condition on
// the field's count, unless an earlier condition requires the field: Rego's
// count of null is an error, which the rule must meet, not skip.
func orNull(field string, notNull map[string]bool, cond string) string {
	if notNull[field] {
		return cond
	}
	return "(" + field + " IS NULL OR " + cond + ")"
}

// safeCalls are the built-ins that give a value or undefined for any
// arguments, never an error.
var safeCalls = map[string]bool{
	"eq": true, "equal": true, "neq": true, "gt": true, "gte": true, "lt": true, "lte": true,
	"is_string": true, "is_number": true, "is_boolean": true, "is_array": true, "is_object": true,
	"is_set": true, "is_null": true, "type_name": true,
}

// cannotFail tells a residual expression that Rego evaluates without
// error whatever the fact holds: calls of safe built-ins on the fact's
// fields and constants, and object.get on the fact itself (always an
// object). Conditions after it may still narrow the filter.
func cannotFail(e *ast.Expr) bool {
	if e.Negated || len(e.With) > 0 {
		return false
	}
	switch t := e.Terms.(type) {
	case *ast.Term: // a bare value, true unless false or undefined
		return safeTerm(t)
	case []*ast.Term:
		return len(t) > 0 && safeCall(t)
	}
	return false
}

// safeCall tells whether a call (operator, then arguments) cannot fail.
func safeCall(terms []*ast.Term) bool {
	op := terms[0].String()
	args := terms[1:]
	switch {
	case op == "object.get":
		if len(args) < 3 || args[0].Value.Compare(ast.InputRootRef) != 0 {
			return false
		}
	case !safeCalls[op]:
		return false
	}
	for _, a := range args {
		if !safeTerm(a) {
			return false
		}
	}
	return true
}

// safeTerm is a constant, a local variable, a reference into the fact, or
// a safe call.
func safeTerm(t *ast.Term) bool {
	switch v := t.Value.(type) {
	case ast.Var:
		return true
	case ast.Ref:
		return v[0].Equal(ast.InputRootDocument) && v.IsGround()
	case ast.Call:
		return safeCall(v)
	}
	return ast.IsScalar(t.Value)
}
