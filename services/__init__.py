"""Use cases between handlers and db/documents: check the regulation through domain/, persist through db/,
commit once, return results (DESIGN.md "The house")."""
