package schema

// PreviousAccounts holds the accounts of the previous run (--previous), as
// its Accounts sheet listed them, so that Access Changes is a join in SQL
// rather than a map of a million accounts in memory. It is not one of the
// export tables (Tables): it is read from review's own output. line is the
// account's ordinal in the previous listing (1-based, across continuation
// sheets); file_id is 0. The lists are "; "-joined names, as the sheet
// shows them. A column the previous listing lacked stays NULL, and the
// changes it would show are not compared.
var PreviousAccounts = table("previous_accounts", "the previous run's accounts (--previous)",
	c("product", Text, ""),
	c("id", Int, "NULL when the sheet shows none"),
	c("username", Text, ""),
	c("display_name", Text, ""),
	c("enabled", Bool, ""),
	c("administrator", Bool, ""),
	c("group_policies", Text, `"; "-joined names`),
	c("teams", Text, `"; "-joined names`),
	c("jump_groups", Text, `"; "-joined names`),
	c("vault_account_groups", Text, `"; "-joined names`),
	c("roster_match", Bool, "NULL when that run had no roster"),
	c("roster_status", Text, ""),
)

// PreviousJumpItems holds the previous run's Jump Items with what its
// Jump Reach sheet said of their Jump Policies (--previous, or the facts
// of --previous-db), so that Access Changes can tell an item whose
// approval or recordings were turned off. The type is the sheet's (Remote
// RDP, …); line is the item's ordinal in the previous listing.
var PreviousJumpItems = table("previous_jump_items", "the previous run's Jump Items (--previous)",
	c("item_type", Text, "as the Jump Reach sheet names it"),
	c("id", Int, ""),
	c("item", Text, ""),
	c("jump_group", Text, ""),
	c("approval", Text, "required, not required, no policy, not exported or varies by path"),
	c("recordings", Text, "on, off, no policy, not exported or varies by path"),
)
