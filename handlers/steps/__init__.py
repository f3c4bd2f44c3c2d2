"""Steps and views shared by several flows, below them: a flow imports a step, never another flow."""
