package engine

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/valyala/fastjson"
)

// inputValue turns a fact's JSON into the ast.Value Rego evaluates, with
// fastjson: several times faster than ast.ValueFromReader, which decodes
// through encoding/json and interface values.
// It also returns what tells the fact's entity apart from another of the
// same name (see disambiguate): its provider's name and its id, and a Jump
// Item's type, since its id is unique within its type only.
func inputValue(p *fastjson.Parser, c *internCache, data []byte) (ast.Value, string, error) {
	v, err := p.ParseBytes(data)
	if err != nil {
		return nil, "", err
	}
	var key string
	switch id := v.Get("id"); {
	case id == nil || id.Type() == fastjson.TypeNull:
	case id.Type() == fastjson.TypeString:
		key = string(id.GetStringBytes())
	default:
		key = string(id.MarshalTo(nil)) // a number as written: 1200000, not 1.2e+06
	}
	if typ := v.GetStringBytes("type"); typ != nil {
		key = string(typ) + " " + key
	}
	if name := v.GetStringBytes("provider", "name"); name != nil {
		key = string(name) + "\x00" + key
	}
	in, err := c.term(v)
	if err != nil {
		return nil, key, err
	}
	return in.Value, key, nil
}

// internCache shares the terms that repeat from fact to fact (object keys,
// short strings such as a source's name or a status, true, false, null)
// between the inputs one worker builds. Evaluation only reads its input, so
// a term may sit in many; sharing them saves most of the allocations.
// Not safe for concurrent use: one per worker.
type internCache struct {
	strings map[string]*ast.Term
}

// internMax bounds the strings worth sharing: longer ones (names, emails)
// rarely repeat.
const (
	internMax     = 24
	internEntries = 4096
)

func (c *internCache) str(b []byte) *ast.Term {
	if len(b) > internMax {
		return ast.StringTerm(string(b))
	}
	if t, ok := c.strings[string(b)]; ok {
		return t
	}
	t := ast.StringTerm(string(b))
	if c.strings == nil {
		c.strings = make(map[string]*ast.Term)
	}
	if len(c.strings) < internEntries {
		c.strings[string(b)] = t
	}
	return t
}

func (c *internCache) term(v *fastjson.Value) (*ast.Term, error) {
	switch v.Type() {
	case fastjson.TypeNull:
		return ast.InternedNullTerm, nil
	case fastjson.TypeTrue:
		return ast.InternedTerm(true), nil
	case fastjson.TypeFalse:
		return ast.InternedTerm(false), nil
	case fastjson.TypeNumber:
		raw := v.MarshalTo(nil)
		if t := ast.InternedIntNumberTermFromString(string(raw)); t != nil {
			return t, nil
		}
		return ast.NewTerm(ast.Number(raw)), nil
	case fastjson.TypeString:
		return c.str(v.GetStringBytes()), nil
	case fastjson.TypeArray:
		items, _ := v.Array()
		terms := make([]*ast.Term, len(items))
		for i, it := range items {
			t, err := c.term(it)
			if err != nil {
				return nil, err
			}
			terms[i] = t
		}
		return ast.ArrayTerm(terms...), nil
	case fastjson.TypeObject:
		obj, _ := v.Object()
		pairs := make([][2]*ast.Term, 0, obj.Len())
		var ferr error
		obj.Visit(func(k []byte, fv *fastjson.Value) {
			if ferr != nil {
				return
			}
			t, err := c.term(fv)
			if err != nil {
				ferr = err
				return
			}
			pairs = append(pairs, [2]*ast.Term{c.str(k), t})
		})
		if ferr != nil {
			return nil, ferr
		}
		return ast.ObjectTerm(pairs...), nil
	}
	return nil, fmt.Errorf("unexpected JSON value %s", v.Type())
}
