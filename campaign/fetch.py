"""Fetch election results from the valgresultat.no API, node by node, as raw responses.

`fetch_valg` walks the HAL tree from the kommune down through `_links.related` and returns
every response as (source_name, bytes), so that the importer can treat them exactly like
saved files. It is all or nothing: any HTTP error, a "not published yet" answer (HTTP 269,
a null report), a timeout, or a child that `related` lists but the API does not serve, raises
`FetchError` and nothing is returned. Standard library only (urllib).
"""
from __future__ import annotations

import http.client
import json
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request

DEFAULT_BASE_URL = "https://valgresultat.no/api"
DEPTHS = ("kommune", "bydel", "krets")
NOT_PUBLISHED = 269  # valgresultat.no answers null reports with this status before the embargo lifts
USER_AGENT = "campaign-dashboard (urllib; valgresultat import)"


class FetchError(Exception):
    """The API could not give a complete tree. The message is Norwegian and names the URL."""


def fetch_valg(year: int, election_type: str, kommune_id: str, fylke_id: str, depth: str = "krets",
               base_url: str = DEFAULT_BASE_URL, timeout: float = 10.0) -> list[tuple[str, bytes]]:
    """Every response of one kommune's result tree, kommune first.

    depth "kommune": the kommune only; "bydel": the kommune and its direct children (the
    bydeler, incl. Oslo's "Bydel 00"; in a kommune without bydeler these are its kretser);
    "krets": also the kretser under each bydel. Source names are like
    "valgresultat.no/2025/st/03/0301/12.json" (host of `base_url` + API path + ".json").
    """
    if depth not in DEPTHS:
        raise ValueError(f"depth must be one of {DEPTHS}, not {depth!r}")
    base = base_url.rstrip("/")
    host = urllib.parse.urlsplit(base).netloc.removeprefix("www.") or "valgresultat.no"
    root = f"/{int(year)}/{election_type.strip().lower()}/{fylke_id}/{kommune_id}"

    responses: list[tuple[str, bytes]] = []
    seen: set[str] = set()

    def visit(path: str, parent_url: str | None, go_deeper: int) -> None:
        if path in seen:
            return
        seen.add(path)
        url = base + path
        body = _get(url, timeout, parent_url)
        document = _document(url, body)
        responses.append((f"{host}{path}.json", body))
        if go_deeper <= 0:
            return
        level = str((document.get("id") or {}).get("nivaa") or "")
        if parent_url is not None and level != "bydel":
            return  # below the kommune, only bydeler have children worth fetching
        for child in _children(url, document, root):
            visit(child, url, go_deeper - 1)

    visit(root, None, DEPTHS.index(depth))
    return responses


def _get(url: str, timeout: float, parent_url: str | None) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/hal+json, application/json",
                                                   "User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
            body = response.read()
    except urllib.error.HTTPError as exc:
        if parent_url is not None and exc.code == 404:
            raise FetchError(f"«{url}» står i «_links.related» i «{parent_url}», men finnes ikke (HTTP 404): "
                             "resultattreet er ufullstendig, så ingenting er hentet.") from None
        raise FetchError(f"«{url}» svarte HTTP {exc.code} {exc.reason or ''}".rstrip()
                         + "; ingenting er hentet.") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise FetchError(f"«{url}» svarte ikke innen {timeout:g} sekunder (tidsavbrudd); "
                             "ingenting er hentet.") from None
        raise FetchError(_no_contact(url, exc.reason)) from None
    except TimeoutError:
        raise FetchError(f"«{url}» svarte ikke innen {timeout:g} sekunder (tidsavbrudd); "
                         "ingenting er hentet.") from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(_no_contact(url, exc)) from None
    if status == NOT_PUBLISHED:
        raise FetchError(f"«{url}»: resultatene er ikke publisert ennå (HTTP 269, nullrapport); "
                         "prøv igjen etter at resultatene er frigitt.")
    if status != 200:
        raise FetchError(f"«{url}» svarte HTTP {status}, ventet 200; ingenting er hentet.")
    return body


def _no_contact(url: str, reason) -> str:
    """Why the server could not be reached, in Norwegian (never the system's «[Errno -2] Name or service not known»)."""
    host = urllib.parse.urlsplit(url).hostname or url
    if isinstance(reason, socket.gaierror):
        why = f"fant ikke adressen {host} – er maskinen koblet til Internett, og er navnet riktig?"
    elif isinstance(reason, ConnectionRefusedError):
        why = f"{host} avviste tilkoblingen"
    elif isinstance(reason, ConnectionError | http.client.HTTPException):
        why = f"forbindelsen til {host} ble brutt underveis"
    elif isinstance(reason, ssl.SSLError):
        why = f"den sikre forbindelsen (HTTPS) til {host} kunne ikke settes opp"
    else:
        why = f"nettverksfeil ({type(reason).__name__})"
    name = "valgresultat.no" if host.removeprefix("www.") == "valgresultat.no" else host
    return f"Fikk ikke kontakt med {name} ({url}): {why}. Prøv igjen senere; ingenting er hentet."


def _document(url: str, body: bytes) -> dict:
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FetchError(f"«{url}» svarte ikke med JSON; ingenting er hentet.") from None
    if not isinstance(document, dict) or not isinstance(document.get("id"), dict):
        raise FetchError(f"«{url}» svarte ikke med et resultatsvar (mangler «id»); ingenting er hentet.")
    if not document.get("partier"):
        raise FetchError(f"«{url}»: resultatene er ikke publisert ennå (tom rapport uten «partier»).")
    return document


def _children(url: str, document: dict, root: str) -> list[str]:
    """API paths of the nodes listed under `_links.related`."""
    related = (document.get("_links") or {}).get("related") or []
    if not isinstance(related, list):
        raise FetchError(f"«{url}»: «_links.related» er ikke en liste; ingenting er hentet.")
    paths = []
    for i, item in enumerate(related):
        href = item.get("href") if isinstance(item, dict) else None
        nr = item.get("nr") if isinstance(item, dict) else None
        if isinstance(href, str) and href.startswith("/"):
            paths.append(href.split("?")[0].rstrip("/"))
        elif nr is not None:
            paths.append(f"{root}/{nr}")
        else:
            raise FetchError(f"«{url}»: «_links.related[{i}]» har verken «href» eller «nr»; ingenting er hentet.")
    return paths
