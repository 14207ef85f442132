"""Importers: detect a file's kind, parse it, check it, and write it to the store as one batch."""
