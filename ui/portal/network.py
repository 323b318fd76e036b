"""Whether the network is known to be down, from the operating system (NetworkManager on
Linux, the network list on Windows), so 'Làm ngay trên máy này' can say so before it is
pressed. Unknown is not down: without a backend the button says nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QNetworkInformation

log = logging.getLogger(__name__)
Reachability = QNetworkInformation.Reachability


def known_down(reachability: QNetworkInformation.Reachability) -> bool:
    """Only 'Disconnected' is down; 'Unknown', 'Local', 'Site' and 'Online' are not known to be."""
    return reachability == Reachability.Disconnected


class NetworkWatch(QObject):
    """Calls `report(down)` now and whenever the operating system's network state changes."""

    def __init__(self, report: Callable[[bool], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.info: QNetworkInformation | None = None  # None: no backend on this machine
        if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
            log.info("no network-state backend on this machine: the portal button cannot tell")
            return
        info = QNetworkInformation.instance()
        assert info is not None
        self.info = info
        info.reachabilityChanged.connect(lambda r: self.report(known_down(r)))
        # Reported from the event loop, never from inside the caller (a wizard subscriber).
        QTimer.singleShot(0, self, lambda: self.report(known_down(info.reachability())))
