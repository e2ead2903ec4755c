"""QGIS layer styles (QML) for the GeoPackage export, and the ``layer_styles`` table.

QGIS looks for a table ``layer_styles`` in a GeoPackage and applies the style
marked ``useAsDefault`` to a layer when it is opened. The statuses get the map's
colours (``ber.maplayer.style.STATUS_COLOURS``) through a categorized renderer on
a status field; field aliases give the columns readable names with their units in
the export's language. The QML carries both the ``<Option>`` map of QGIS 3.26+ and
the ``<prop>`` entries older QGIS 3 versions read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from xml.sax.saxutils import quoteattr

from ber.maplayer.style import STATUS_COLOURS
from ber.texts.labels import STATUS_LABELS
from ber.texts.messages import Lang

#: status order in the legend (worst first)
LEGEND: tuple[str, ...] = ("red", "amber", "grey", "green")
OUTLINE_RGB = (80, 80, 80)
REGION_RGB = (20, 20, 20)


def _rgba(rgb: tuple[int, int, int], alpha: int = 255) -> str:
    return f"{rgb[0]},{rgb[1]},{rgb[2]},{alpha}"


def _props(props: Mapping[str, str]) -> str:
    options = "".join(
        f'<Option type="QString" name={quoteattr(k)} value={quoteattr(v)}/>' for k, v in props.items()
    )
    old = "".join(f"<prop k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in props.items())
    return f'<Option type="Map">{options}</Option>{old}'


def _symbol(name: str, kind: str, rgb: tuple[int, int, int], grey_hatch: bool = False) -> str:
    if kind == "fill":
        layer = _props(
            {
                "color": _rgba(rgb),
                "outline_color": _rgba(OUTLINE_RGB),
                "outline_style": "solid",
                "outline_width": "0.26",
                "outline_width_unit": "MM",
                "style": "solid",
            }
        )
        body = f'<layer class="SimpleFill" enabled="1" locked="0" pass="0">{layer}</layer>'
        if grey_hatch:  # unknown is hatched on the map too: colour is never the only carrier
            hatch = _props({"color": _rgba((90, 90, 90)), "outline_style": "no", "style": "b_diagonal"})
            body += f'<layer class="SimpleFill" enabled="1" locked="0" pass="0">{hatch}</layer>'
    elif kind == "marker":
        layer = _props(
            {
                "color": _rgba(rgb),
                "name": "circle",
                "outline_color": _rgba((35, 35, 35)),
                "outline_width": "0.4",
                "size": "4",
                "size_unit": "MM",
            }
        )
        body = f'<layer class="SimpleMarker" enabled="1" locked="0" pass="0">{layer}</layer>'
    else:  # outline only
        layer = _props(
            {
                "color": _rgba(rgb, 0),
                "outline_color": _rgba(REGION_RGB),
                "outline_style": "solid",
                "outline_width": "0.8",
                "outline_width_unit": "MM",
                "style": "no",
            }
        )
        body = f'<layer class="SimpleFill" enabled="1" locked="0" pass="0">{layer}</layer>'
        kind = "fill"
    return f'<symbol type="{kind}" name={quoteattr(name)} alpha="1" clip_to_extent="1" force_rhr="0">{body}</symbol>'


def _aliases(fields: Sequence[str], aliases: Mapping[str, str]) -> str:
    items = "".join(
        f'<alias field={quoteattr(f)} index="{i}" name={quoteattr(aliases.get(f, ""))}/>'
        for i, f in enumerate(fields)
    )
    return f"<aliases>{items}</aliases>"


def _document(
    renderer: str, fields: Sequence[str], aliases: Mapping[str, str], label_field: str | None
) -> str:
    labeling = ""
    if label_field:
        labeling = (
            '<labeling type="simple"><settings calloutType="simple">'
            f'<text-style fieldName={quoteattr(label_field)} fontSize="8" textColor="20,20,20,255" '
            'isExpression="0"><text-buffer bufferDraw="1" bufferSize="0.8" bufferColor="255,255,255,255"/>'
            '</text-style><placement placement="0"/></settings></labeling>'
        )
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        '<qgis version="3.28.0" styleCategories="Symbology|Labeling|Fields">'
        f"{renderer}{labeling}{_aliases(fields, aliases)}</qgis>\n"
    )


def categorized_qml(
    field: str,
    kind: str,
    lang: Lang,
    fields: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
    label_field: str | None = None,
) -> str:
    """A QML style colouring ``kind`` ("fill" or "marker") features by the status in ``field``."""
    categories = "".join(
        f'<category symbol="{i}" value="{s}" label={quoteattr(STATUS_LABELS[s][lang])} render="true"/>'
        for i, s in enumerate(LEGEND)
    )
    symbols = "".join(
        _symbol(str(i), kind, STATUS_COLOURS[s], grey_hatch=kind == "fill" and s == "grey")
        for i, s in enumerate(LEGEND)
    )
    renderer = (
        f'<renderer-v2 type="categorizedSymbol" attr={quoteattr(field)} symbollevels="0" '
        f'enableorderby="0" forceraster="0"><categories>{categories}</categories>'
        f"<symbols>{symbols}</symbols></renderer-v2>"
    )
    return _document(renderer, fields, aliases or {}, label_field)


def outline_qml(fields: Sequence[str] = (), aliases: Mapping[str, str] | None = None) -> str:
    """A QML style drawing polygons as a dark outline without fill (the region)."""
    renderer = (
        '<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">'
        f"<symbols>{_symbol('0', 'outline', REGION_RGB)}</symbols></renderer-v2>"
    )
    return _document(renderer, fields, aliases or {}, None)
