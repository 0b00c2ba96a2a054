"""Reports: analysis results written for people (text, Markdown) and programs (JSON, CSV)."""
