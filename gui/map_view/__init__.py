"""The municipality map widget (``MapView``) and its drawing helpers."""

from gui.map_view.overlays import TEXTS
from gui.map_view.view import MapView

__all__ = ["TEXTS", "MapView"]
