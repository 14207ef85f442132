"""fetch_valg against a local HTTP server that serves the stored 2025 Oslo responses."""
from __future__ import annotations

import contextlib
import http.server
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from campaign.config import load_config
from campaign.fetch import FetchError, fetch_valg
from campaign.ingest.valg_json import parse_valg_json
from campaign.ingest.valg_sums import check_bydel_sums
from tests.conftest import reference_file


@pytest.fixture(scope="module")
def api_dir() -> Path:
    """../shared/reference-data/elections/st2025_oslo_api_json (skips when absent)."""
    return reference_file("st2025_oslo_api_json/kommune-03-0301.json").parent


def stored_response(directory: Path, path: str) -> bytes | None:
    """/api/2025/st/03/0301 → kommune-03-0301.json, /api/2025/st/03/0301/N → bydel-03-0301-N.json."""
    parts = path.split("?")[0].strip("/").split("/")
    if parts[:5] != ["api", "2025", "st", "03", "0301"]:
        return None
    if len(parts) == 5:
        file = directory / "kommune-03-0301.json"
    elif len(parts) == 6 and parts[5].isdigit() and len(parts[5]) <= 2:
        file = directory / f"bydel-03-0301-{parts[5]}.json"
    else:
        return None
    return file.read_bytes() if file.exists() else None


@contextlib.contextmanager
def serve(answer):
    """Run an HTTP server on 127.0.0.1 (free port); `answer(path)` → (status, body). Yields the base URL."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            status, body = answer(self.path)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/hal+json;charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def stored(api_dir):
    def answer(path):
        body = stored_response(api_dir, path)
        return (200, body) if body is not None else (404, b'{"status":404,"error":"Not Found"}')
    return answer


def test_fetch_to_bydel_level_returns_every_response_and_they_parse(api_dir):
    with serve(stored(api_dir)) as base_url:
        responses = fetch_valg(2025, "st", "0301", "03", depth="bydel", base_url=base_url, timeout=5)
    assert len(responses) == 17
    names = [name for name, _ in responses]
    assert names[0] == f"{urlsplit(base_url).netloc}/2025/st/03/0301.json"  # valgresultat.no/… by default
    assert {n.split("/2025/st/03/0301")[1] for n in names} == {".json", *(f"/{n}.json" for n in range(16))}
    assert len(set(names)) == 17
    config = load_config()
    batches = [parse_valg_json(body, name, config) for name, body in responses]
    assert [b.level for b in batches].count("bydel") == 16
    assert all(c.ok for b in batches for c in b.checks)
    assert all(c.ok for c in check_bydel_sums(batches))
    assert responses[0][1] == (api_dir / "kommune-03-0301.json").read_bytes()  # raw bytes, untouched


def test_fetch_kommune_only(api_dir):
    with serve(stored(api_dir)) as base_url:
        responses = fetch_valg(2025, "ST", "0301", "03", depth="kommune", base_url=base_url, timeout=5)
    assert [name.split("/", 1)[1] for name, _ in responses] == ["2025/st/03/0301.json"]


def test_partial_tree_raises_naming_the_missing_krets(api_dir):
    with serve(stored(api_dir)) as base_url, pytest.raises(FetchError) as info:
        fetch_valg(2025, "st", "0301", "03", depth="krets", base_url=base_url, timeout=5)
    message = str(info.value)
    # Bydel 00 is fetched first; its first related child is krets 0000 "Uoppgitt krets"
    assert f"«{base_url}/2025/st/03/0301/0000»" in message
    assert "ufullstendig" in message and "404" in message


def test_missing_bydel_is_a_partial_tree_too(api_dir):
    def answer(path):
        if path.endswith("/0301/7"):
            return 404, b"{}"
        return stored(api_dir)(path)
    with serve(answer) as base_url, pytest.raises(FetchError, match=r"/2025/st/03/0301/7» står i «_links.related»"):
        fetch_valg(2025, "st", "0301", "03", depth="bydel", base_url=base_url, timeout=5)


def test_not_published_yet():
    null_report = b'{"id":{"valgaar":"2025","valgtype":"ST","nivaa":"kommune","navn":"Oslo","nr":"0301"},"partier":[]}'
    with serve(lambda path: (269, null_report)) as base_url, pytest.raises(FetchError) as info:
        fetch_valg(2025, "st", "0301", "03", depth="bydel", base_url=base_url, timeout=5)
    assert "ikke publisert" in str(info.value) and "269" in str(info.value)
    assert f"«{base_url}/2025/st/03/0301»" in str(info.value)


def test_server_error():
    with serve(lambda path: (500, b"Internal Server Error")) as base_url, pytest.raises(FetchError) as info:
        fetch_valg(2025, "st", "0301", "03", base_url=base_url, timeout=5)
    assert "HTTP 500" in str(info.value) and f"«{base_url}/2025/st/03/0301»" in str(info.value)


def test_timeout():
    def slow(path):
        time.sleep(1.5)
        return 200, b"{}"
    started = time.monotonic()
    with serve(slow) as base_url, pytest.raises(FetchError) as info:
        fetch_valg(2025, "st", "0301", "03", base_url=base_url, timeout=0.3)
    assert time.monotonic() - started < 1.4
    assert "tidsavbrudd" in str(info.value) and base_url in str(info.value)


def test_connection_refused():
    with serve(lambda path: (200, b"{}")) as base_url:
        pass  # server stopped: the port is closed now
    with pytest.raises(FetchError, match="Fikk ikke kontakt"):
        fetch_valg(2025, "st", "0301", "03", base_url=base_url, timeout=2)


def test_not_json():
    with serve(lambda path: (200, b"<html>vedlikehold</html>")) as base_url, pytest.raises(FetchError, match="JSON"):
        fetch_valg(2025, "st", "0301", "03", base_url=base_url, timeout=5)


def test_bad_depth():
    with pytest.raises(ValueError):
        fetch_valg(2025, "st", "0301", "03", depth="land")


def test_default_source_names_follow_the_api_paths(monkeypatch, api_dir):
    requested = []

    def fake_get(url, timeout, parent_url):
        requested.append(url)
        body = stored_response(api_dir, "/api" + url.removeprefix("https://valgresultat.no/api"))
        assert body is not None, url
        return body

    monkeypatch.setattr("campaign.fetch._get", fake_get)
    responses = fetch_valg(2025, "st", "0301", "03", depth="bydel")
    assert requested[0] == "https://valgresultat.no/api/2025/st/03/0301"
    assert responses[0][0] == "valgresultat.no/2025/st/03/0301.json"
    assert "valgresultat.no/2025/st/03/0301/12.json" in [name for name, _ in responses]


@pytest.mark.parametrize(("reason", "why"), [
    ("gaierror", "fant ikke adressen valgresultat.no"),
    ("refused", "valgresultat.no avviste tilkoblingen"),
    ("reset", "forbindelsen til valgresultat.no ble brutt"),
])
def test_no_network_is_said_in_norwegian(monkeypatch, reason, why):
    import socket
    import urllib.error
    import urllib.request

    errors = {"gaierror": urllib.error.URLError(socket.gaierror(-2, "Name or service not known")),
              "refused": urllib.error.URLError(ConnectionRefusedError(111, "Connection refused")),
              "reset": ConnectionResetError(104, "Connection reset by peer")}

    def offline(*args, **kwargs):
        raise errors[reason]

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(FetchError) as info:
        fetch_valg(2025, "st", "0301", "03")
    message = str(info.value)
    assert message.startswith("Fikk ikke kontakt med valgresultat.no (https://valgresultat.no/api/2025/st/03/0301)")
    assert why in message and "ingenting er hentet" in message
    assert "Errno" not in message and "Name or service" not in message and "Connection" not in message
