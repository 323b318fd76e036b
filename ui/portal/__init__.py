"""The portal view: the resident does the real procedure on the real portal, beside the guide.

`controller` (loaded with the window, without QtWebEngine) decides when a private browsing
session starts and ends; everything that imports QtWebEngine (`session`, `page`, `pane`,
`split_page`, `downloads`) is imported only when a resident first opens the portal.
"""
