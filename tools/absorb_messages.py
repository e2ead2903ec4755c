"""Move message codes added in ``ber.texts.messages.EXTRA_MESSAGES`` into the catalogue.

Branches written before the catalogue added codes to a dict in ``messages.py``; run
``python tools/absorb_messages.py`` to move them to ``templates/texts/*.json`` as
``msg.<code>``, then empty ``EXTRA_MESSAGES`` by hand (the completeness test asks for it).
"""

from __future__ import annotations

import json
from pathlib import Path

from ber.texts.messages import EXTRA_MESSAGES

TEXTS = Path(__file__).resolve().parents[1] / "templates" / "texts"


def main() -> None:
    for lang in ("nl", "en"):
        path = TEXTS / f"{lang}.json"
        doc = json.loads(path.read_text("utf-8"))
        for code, texts in EXTRA_MESSAGES.items():
            doc[f"msg.{code}"] = texts[lang]
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"moved {len(EXTRA_MESSAGES)} codes; now empty EXTRA_MESSAGES in ber/texts/messages.py")


if __name__ == "__main__":
    main()
