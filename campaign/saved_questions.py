"""«Utforsk»: questions saved with a name for everyone, in the store's saved_questions table.

Written like an import – under the writers' lock, as a new generation – but not an import: the
table is not import data (schema: data=False), so undo, the import log and live_rows ignore it.
Every write checks the session's role on the server side (auth.require) before touching the store.
"""
from __future__ import annotations

import datetime as dt
import os

import pandas as pd

from campaign import auth
from campaign.explore import Question, check, to_json
from campaign.store import Store

TABLE = "saved_questions"
MAX_NAME = 80
LIST_SQL = "select name, question_json, saved_at, saved_by from saved_questions order by lower(name)"


class SaveError(ValueError):
    """A name or question that cannot be saved; str() is the Norwegian message."""


def clean_name(name: str | None) -> str:
    """The name as stored (trimmed, one line), or SaveError."""
    text = " ".join(str(name or "").split())
    if not text:
        raise SaveError("Gi spørsmålet et navn.")
    if len(text) > MAX_NAME:
        raise SaveError(f"Navnet er for langt (høyst {MAX_NAME} tegn).")
    return text


def save(name: str, question: Question, saved_by: str | None = None, data_dir: str | os.PathLike | None = None,
         on_wait=None) -> str:
    """Save (or replace) a question under a name; returns the name as stored. Needs the role to save."""
    auth.require("save_question")
    name = clean_name(name)
    check(question)
    store = Store(data_dir)
    row = pd.DataFrame([{"name": name, "question_json": to_json(question),
                         "saved_at": dt.datetime.now().replace(microsecond=0), "saved_by": saved_by or auth.role()}])
    with store.writing(on_wait=on_wait):
        stored = store.read(TABLE)
        kept = stored[stored["name"] != name]
        store.commit({TABLE: pd.concat([kept, row], ignore_index=True) if len(kept) else row})
    return name


def remove(name: str, data_dir: str | os.PathLike | None = None, on_wait=None) -> bool:
    """Remove a saved question; False when there was none by that name. Needs the role to manage them."""
    auth.require("manage_questions")
    store = Store(data_dir)
    with store.writing(on_wait=on_wait):
        stored = store.read(TABLE)
        if name not in set(stored["name"]):
            return False
        store.commit({TABLE: stored[stored["name"] != name]})
    return True
