"""Bring conferences in (Markdown write-ups, pyvideo folders) and out (JSON, Markdown).

Parsers (`writeup`, `facts`, `pyvideo`) are pure: they turn text into the plain records of
`records` and never touch the database. `load` writes records in one transaction; `export`
turns a conference back into the API's JSON shape or a write-up.
"""
