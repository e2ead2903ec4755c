"""The case a permit officer enters: its typed model (``model``), the domain rules
that check it (``validate``) and the built-in demo case (``demo``).

A case is read from and written to ``.ber`` files (JSON, ``"schema": "ber-case/…"``);
every problem found is reported as a :class:`ber.texts.messages.Problem`.
"""
