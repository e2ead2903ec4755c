"""Every user-visible text of the engine in Dutch and English: message codes with
their texts (``messages``) and display labels of domains, statuses, units and key
figures (``labels``). This package imports nothing else of ``ber``.
"""
