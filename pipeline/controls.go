package pipeline

import (
	"github.com/review-tool/review/controls"
	"github.com/review-tool/review/engine"
	"github.com/review-tool/review/internal/inputerr"
)

// settleControls checks the controls the rules' METADATA name against the
// catalogue, applies the --config file's controls: section, and orders each
// rule's controls as the catalogue does, so that every sheet lists them
// alike.
func settleControls(cfg *Config, rs *engine.RuleSet, st *settings) (*controls.Catalogue, error) {
	cat, err := controls.Builtin()
	if err != nil {
		return nil, err
	}
	if err := rs.CheckControls(cat.Known); err != nil {
		return nil, inputerr.Wrap(err)
	}
	if st.config != nil {
		if err := controls.Apply(cfg.ConfigFile, &st.config.Controls, cat, rs); err != nil {
			return nil, err
		}
	}
	controls.OrderRules(cat, rs)
	return cat, nil
}
