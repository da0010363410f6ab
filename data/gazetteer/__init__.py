"""Vietnam's administrative units before 1 July 2025 (`pre2025.json`, written by
`make_pre2025.py`): package data of `policykg.gazetteer_data`, read through
`policykg.resources`."""
