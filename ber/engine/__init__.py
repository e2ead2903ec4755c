"""The calculation: from a validated case and the reference data to a typed result.

``assess`` is the entry point. ``params`` turns reference rows into arrays of draws,
``model`` computes demand and pressure over draws × categories × municipalities × years
in one vectorised pass, ``summary`` turns those arrays into the result objects of
``result``. ``geometry`` places sites and measures distances. The engine reads no
files of its own and imports no report, register, command line or Qt.
"""
