"""The map's downloads: the map as one offline HTML file, and the presentation pack.

The files are made only when asked for, possibly outside the script run, so they carry the run's
language; the chart and export modules are imported then too, keeping them off the first screen.
"""

from __future__ import annotations

import datetime

import streamlit as st

from itclusters.i18n import _, language, override
from itclusters.maps import MapOptions, build_map
from ui.frame import View


def map_downloads(view: View, options: MapOptions) -> None:
    lang, clusters = language(), view.clusters

    def map_file() -> str:
        from itclusters import exports

        with override(lang):
            fmap = build_map(
                clusters,
                boundaries=view.oblasts,
                relocations=view.dataset.relocations,
                hubs=view.dataset.hubs,
                options=options,
            )
            return exports.standalone_map_html(fmap, _("Ukraine's IT clusters"))

    def pack_file() -> bytes:
        from itclusters import charts, exports
        from itclusters.schema import load_package

        with override(lang):
            summary = exports.pack_summary(
                view.summary, len(clusters), len(view.dataset.clusters), load_package(), datetime.date.today()
            )
            return exports.presentation_pack(map_file(), charts.all_charts(clusters), clusters, summary)

    html_button, pack_button, _spacer = st.columns([1, 1, 2])
    html_button.download_button(
        _("Map as HTML (works offline)"),
        data=map_file,
        file_name="it-clusters-map.html",
        mime="text/html",
        on_click="ignore",
    )
    pack_button.download_button(
        _("Presentation pack (zip)"),
        data=pack_file,
        file_name="it-clusters-presentation.zip",
        mime="application/zip",
        on_click="ignore",
        help=_("The map as HTML, every chart as PNG, the filtered data as CSV, and a note of the filters and source."),
    )
