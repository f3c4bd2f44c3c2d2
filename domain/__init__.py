"""The regulation (order No. 128-В) as code: pure Python, no imports from other project packages."""
