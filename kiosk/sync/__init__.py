"""Kiosk <-> district sync: the signed catalog manifest (shared with the collector) and upload.

Qt-free, so the collector can import `kiosk.sync.manifest` to sign what kiosks verify.
"""
