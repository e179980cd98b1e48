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
