package analyzers

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/valyala/fastjson"
)

// inputValue turns a fact's JSON into the ast.Value Rego evaluates, with
// fastjson: several times faster than ast.ValueFromReader, which decodes
// through encoding/json and interface values.
// It also returns what tells the fact's entity apart from another of the
// same name (see disambiguate): its provider's name and its id.
func inputValue(p *fastjson.Parser, data []byte) (ast.Value, string, error) {
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
	if name := v.GetStringBytes("provider", "name"); name != nil {
		key = string(name) + "\x00" + key
	}
	in, err := toAST(v)
	return in, key, err
}

func toAST(v *fastjson.Value) (ast.Value, error) {
	switch v.Type() {
	case fastjson.TypeNull:
		return ast.Null{}, nil
	case fastjson.TypeTrue:
		return ast.Boolean(true), nil
	case fastjson.TypeFalse:
		return ast.Boolean(false), nil
	case fastjson.TypeNumber:
		return ast.Number(v.MarshalTo(nil)), nil
	case fastjson.TypeString:
		return ast.String(v.GetStringBytes()), nil
	case fastjson.TypeArray:
		items, _ := v.Array()
		terms := make([]*ast.Term, len(items))
		for i, it := range items {
			x, err := toAST(it)
			if err != nil {
				return nil, err
			}
			terms[i] = ast.NewTerm(x)
		}
		return ast.NewArray(terms...), nil
	case fastjson.TypeObject:
		obj, _ := v.Object()
		pairs := make([][2]*ast.Term, 0, obj.Len())
		var ferr error
		obj.Visit(func(k []byte, fv *fastjson.Value) {
			if ferr != nil {
				return
			}
			x, err := toAST(fv)
			if err != nil {
				ferr = err
				return
			}
			pairs = append(pairs, [2]*ast.Term{ast.StringTerm(string(k)), ast.NewTerm(x)})
		})
		if ferr != nil {
			return nil, ferr
		}
		return ast.NewObject(pairs...), nil
	}
	return nil, fmt.Errorf("unexpected JSON value %s", v.Type())
}
