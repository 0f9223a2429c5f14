"""The whole view as an address: what the query string says, parsed into one immutable value, and
the query string that reproduces a view. Pure: ui/address.py is the one place that reads and writes
Streamlit's query parameters and the widgets that hold the view, and it calls these.

Every parameter is optional and only what differs from the default is written, so the plain address
means the whole map. A value that cannot be used is dropped with a notice that names it; a number is
made of ASCII digits only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from . import filters as flt
from . import i18n
from .compare import parse_ids
from .geo import VIEW_BOUNDS, VIEW_ZOOM
from .i18n import _
from .stories import MAX_ADDRESS_CHARS, SHADING, Layers

LAYER_FLAGS = {"relocations": True, "hubs": False, "labels": False}  # parameter -> default
BASEMAPS = ("none", "osm")  # osm: the optional online OpenStreetMap layer
MAX_ID_LENGTH = 80
# The map's own view once the reader has moved it: centre and zoom, rounded (a few hundred metres).
_AT = re.compile(r"(-?[0-9]{1,3}(?:\.[0-9]{1,6})?),(-?[0-9]{1,3}(?:\.[0-9]{1,6})?),([0-9]{1,2}(?:\.[0-9]{1,3})?)")
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_SLIDE = re.compile(r"[0-9]{1,3}")
_OWN = re.compile(r"[A-Za-z0-9_-]+")  # base64url: itclusters.stories.encode
PARAMETERS = (  # every parameter the address knows, in the order it writes them
    *flt.PARAMETERS,
    "relocations",
    "hubs",
    "labels",
    "shading",
    "basemap",
    "cluster",
    "ids",
    "at",
    "present",
    "story",
    "slide",
    "own",
    "lang",
)


@dataclass(frozen=True)
class Address:
    """One view of the dashboard: filters, the map's layers and view, the open profile, the
    clusters compared, presentation and story, and the language. The page is the path."""

    filters: flt.Filters = flt.Filters()
    layers: Layers = Layers()
    basemap: str = "none"
    cluster: str | None = None  # the profile open beside the map
    compare: tuple[str, ...] = ()
    at: tuple[float, float, float] | None = None  # latitude, longitude, zoom
    present: bool = False
    story: str | None = None
    slide: int = 1  # numbered from 1, as the counter shows it
    own: str | None = None  # the reader's own story, encoded (itclusters.stories.encode)
    lang: str = i18n.DEFAULT


@dataclass
class Parsed:
    address: Address
    notices: list[str] = field(default_factory=list)


def _first(params: Mapping, name: str) -> str | None:
    raw = params.get(name)
    if isinstance(raw, (list, tuple)):
        raw = raw[0] if raw else None
    return None if raw is None else str(raw)[: flt.MAX_PARAMETER_CHARS]


def _ignored(name: str, value: str, expected: str) -> str:
    return _("Ignored {parameter}: {expected}.").format(parameter=f"{name}={value[:40]!r}", expected=expected)


def _flag(params: Mapping, name: str, default: bool, notices: list[str]) -> bool:
    value = _first(params, name)
    if value is None:
        return default
    if value.strip() in ("0", "1"):
        return value.strip() == "1"
    notices.append(_ignored(name, value, _("expected 0 or 1")))
    return default


def _choice(params: Mapping, name: str, allowed: Sequence[str], default: str, notices: list[str]) -> str:
    value = _first(params, name)
    if value is None:
        return default
    if value.strip().casefold() in allowed:
        return value.strip().casefold()
    notices.append(_ignored(name, value, _("expected one of {values}").format(values=", ".join(allowed))))
    return default


def _at(params: Mapping, notices: list[str]) -> tuple[float, float, float] | None:
    value = _first(params, "at")
    if value is None:
        return None
    match = _AT.fullmatch(value.strip())
    if match:
        lat, lon, zoom = (float(g) for g in match.groups())
        (south, west), (north, east) = VIEW_BOUNDS
        if south <= lat <= north and west <= lon <= east and VIEW_ZOOM[0] <= zoom <= VIEW_ZOOM[1]:
            return round(lat, 3), round(lon, 3), round(zoom, 1)
    notices.append(_ignored("at", value, _("expected the map's centre and zoom, such as 48.5,31.2,6")))
    return None


def parse(params: Mapping, vocabulary: flt.Vocabulary, cluster_ids: Sequence[str]) -> Parsed:
    """The address a query string names (a mapping of names to a value or a list of values),
    and a notice for every value it drops."""
    parsed = flt.from_query(params, vocabulary)
    notices = list(parsed.notices)
    layers = Layers(
        relocations=_flag(params, "relocations", LAYER_FLAGS["relocations"], notices),
        hubs=_flag(params, "hubs", LAYER_FLAGS["hubs"], notices),
        shading=_choice(params, "shading", SHADING, "none", notices),
        labels=_flag(params, "labels", LAYER_FLAGS["labels"], notices),
    )
    basemap = _choice(params, "basemap", BASEMAPS, "none", notices)
    cluster = _first(params, "cluster")
    if cluster is not None:
        cluster = cluster.strip()
        if cluster not in set(cluster_ids):
            notices.append(_("Ignored cluster={id}: no cluster has that id.").format(id=repr(cluster[:MAX_ID_LENGTH])))
            cluster = None
    compare, compare_notices = parse_ids(_first(params, "ids"), cluster_ids)
    compare = tuple(compare)
    notices += compare_notices
    present = _flag(params, "present", False, notices)
    story = _first(params, "story")
    if story is not None and not _ID.fullmatch(story.strip()):
        notices.append(_ignored("story", story, _("expected a story's id")))
        story = None
    slide = 1
    raw_slide = _first(params, "slide")
    if raw_slide is not None:
        if _SLIDE.fullmatch(raw_slide.strip()) and int(raw_slide) >= 1:
            slide = int(raw_slide)
        else:
            notices.append(_ignored("slide", raw_slide, _("expected a slide's number, from 1")))
    own = _own(params, notices)
    lang = _first(params, "lang")
    if lang is not None and lang not in i18n.LANGUAGES:
        notices.append(_ignored("lang", lang, _("expected one of {values}").format(values=", ".join(i18n.LANGUAGES))))
    address = Address(
        filters=parsed.filters,
        layers=layers,
        basemap=basemap,
        cluster=cluster,
        compare=compare,
        at=_at(params, notices),
        present=present or story is not None,
        story=story.strip() if story else None,
        slide=slide,
        own=own,
        lang=lang if lang in i18n.LANGUAGES else i18n.DEFAULT,
    )
    return Parsed(address, notices)


def _own(params: Mapping, notices: list[str]) -> str | None:
    raw = params.get("own")
    if isinstance(raw, (list, tuple)):
        raw = raw[0] if raw else None
    if raw is None:
        return None
    value = str(raw).strip()
    if len(value) > MAX_ADDRESS_CHARS:
        notices.append(
            _("Ignored own: a story of {n} characters, more than an address carries ({limit}).").format(
                n=len(value), limit=MAX_ADDRESS_CHARS
            )
        )
        return None
    if not _OWN.fullmatch(value):
        notices.append(_ignored("own", value, _("expected a story this dashboard wrote")))
        return None
    return value


def to_query(address: Address) -> dict[str, str]:
    """The query string that reproduces `address`: only what differs from the defaults."""
    query = flt.to_query(address.filters)
    for name, default in LAYER_FLAGS.items():
        if getattr(address.layers, name) != default:
            query[name] = "1" if getattr(address.layers, name) else "0"
    if address.layers.shading != "none":
        query["shading"] = address.layers.shading
    if address.basemap != "none":
        query["basemap"] = address.basemap
    if address.cluster:
        query["cluster"] = address.cluster
    if address.compare:
        query["ids"] = ",".join(address.compare)
    if address.at is not None:
        lat, lon, zoom = address.at
        query["at"] = f"{lat:g},{lon:g},{zoom:g}"
    if address.present or address.story:
        query["present"] = "1"
    if address.story:
        query["story"], query["slide"] = address.story, str(address.slide)
    if address.own:
        query["own"] = address.own
    if address.lang != i18n.DEFAULT:
        query["lang"] = address.lang
    return {name: query[name] for name in PARAMETERS if name in query}
