"""argparse in Norwegian: a wrong command line gets a Norwegian message, a hint, and exit code 2."""
from __future__ import annotations

import argparse
import re
import sys

from campaign import fmt

# argparse's own messages (Python 3.11–3.13) and what to say instead.
MESSAGES = [
    (r"the following arguments are required: (.*)", r"dette mangler: \1"),
    (r"unrecognized arguments: (.*)", r"ukjente argumenter: \1"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)", r"«\1»: \2 er ikke et av valgene (\3)"),
    (r"argument (.*?): invalid \w+ value: (.*)", r"«\1»: ugyldig verdi \2"),
    (r"argument (.*?): expected one argument", r"«\1» trenger en verdi"),
    (r"argument (.*?): expected at least one argument", r"«\1» trenger minst én verdi"),
    (r"argument (.*?): not allowed with argument (.*)", r"«\1» kan ikke brukes sammen med «\2»"),
    (r"ambiguous option: (.*?) could match (.*)", r"«\1» er tvetydig (kan bety \2)"),
]
DASH_HINT = ("Et filnavn som begynner med «-», skrives etter «--» (python -m campaign import -- -fil.csv) "
             "eller med mappen foran (./-fil.csv).")


def norwegian(message: str) -> str:
    """argparse's English error message in Norwegian (unknown ones are kept, marked as argparse's)."""
    for pattern, replacement in MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return f"ugyldig kommandolinje (argparse: {message})"


class NorwegianParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are Norwegian; subcommands inherit it (add_subparsers)."""

    _seen: list[str] = []

    def parse_known_args(self, args=None, namespace=None):
        self._seen = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str):
        lines = [self.format_usage().replace("usage:", "bruk:", 1).rstrip(),
                 f"Feil: {fmt.one_line(norwegian(message))}."]
        if self._unknown_dash_arguments():
            lines.append(DASH_HINT)
        lines.append(f"Se «{self.prog} --help».")
        self.exit(2, "\n".join(lines) + "\n")

    def _unknown_dash_arguments(self) -> list[str]:
        """Arguments that look like options but are none (often a file name starting with '-')."""
        if "--" in self._seen:
            return []
        return [a for a in self._seen if a.startswith("-") and len(a) > 1
                and a.split("=", 1)[0] not in self._option_string_actions and not self._is_negative_number(a)]

    def _is_negative_number(self, text: str) -> bool:
        return bool(self._negative_number_matcher.match(text))
