"""Steps and views shared by several flows, below them: flows import these, never each other."""
