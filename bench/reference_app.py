"""The floor: a bare Streamlit app with one st_folium map of the 26 clusters as circle markers and
Leaflet served locally, nothing else. bench/time_to_map.py measures the dashboard against it.

Run: streamlit run bench/reference_app.py  (from the repository root)
"""

import sys
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from itclusters.assets import install_static_assets, local_assets  # noqa: E402

# Streamlit serves ./static beside the running script, so this app gets its own copy.
install_static_assets(Path(__file__).resolve().parent / "static" / "vendor")
clusters = pd.read_csv(Path(__file__).resolve().parent.parent / "data" / "clusters.csv")
q = st.text_input("Search name or city")
if q:
    clusters = clusters[clusters["name"].str.contains(q, case=False) | clusters["city"].str.contains(q, case=False)]
m = folium.Map(tiles=None, location=[48.6, 31.2], zoom_start=6)
m.default_js, m.default_css = local_assets()
for row in clusters.itertuples():
    folium.CircleMarker([row.lat, row.lon], radius=6, className="itc-cluster").add_to(m)
st_folium(m, height=620, use_container_width=True, returned_objects=[])
