"""The floor for time to map: the simplest Streamlit app that shows the same map.

It imports only streamlit, folium and streamlit_folium: one folium.Map with no tiles, the 26
clusters as CircleMarkers at fixed coordinates, Leaflet served locally (copied into bench/static
by the benchmark), and st_folium with nothing returned. No pandas, no file read, no widget.
With FILTER=1 in the environment it adds one search box and swaps the markers as a feature group,
as the dashboard does: the floor for a filter change.

Run: streamlit run bench/floor_app.py  (after bench/time_to_map.py has copied Leaflet)
"""

import os

import folium
import streamlit as st
from streamlit_folium import st_folium

LEAFLET = "/app/static/vendor/leaflet-1.9.3"
POINTS = [  # (name, city, lat, lon) of the 26 clusters
    ("Lviv IT Cluster", "Lviv", 49.8397, 24.0297),
    ("IT Dnipro Community", "Dnipro", 48.4647, 35.0462),
    ("Odesa IT Family", "Odesa", 46.4825, 30.7233),
    ("Kharkiv IT Cluster", "Kharkiv", 49.9935, 36.2304),
    ("Kyiv IT Cluster", "Kyiv", 50.4501, 30.5234),
    ("IT Cluster of Khmelnytskyi", "Khmelnytskyi", 49.4229, 26.9871),
    ("Rivne IT Cluster", "Rivne", 50.6199, 26.2516),
    ("IT Association Vinnytsia", "Vinnytsia", 49.2331, 28.4682),
    ("IT Cluster Transcarpathia", "Uzhhorod", 48.6208, 22.2879),
    ("Cherkasy IT Cluster", "Cherkasy", 49.4444, 32.0598),
    ("Chernivtsi IT Cluster", "Chernivtsi", 48.2915, 25.9403),
    ("Poltava IT Cluster", "Poltava", 49.5883, 34.5514),
    ("MRPL IT Cluster", "Mariupol", 47.0971, 37.5434),
    ("IT-cluster «Reactor» Luhanshchyna", "Lysychansk", 48.9167, 38.4333),
    ("IT Cluster Donbass", "Kramatorsk", 48.7389, 37.5848),
    ("Zaporizhzhia IAM Cluster", "Zaporizhzhia", 47.8388, 35.1396),
    ("Ternopil IT Cluster", "Ternopil", 49.5535, 25.5948),
    ("EastUkrainian Technocluster", "Kramatorsk", 48.7389, 37.5848),
    ("Mykolaiv IT Cluster", "Mykolaiv", 46.975, 31.9946),
    ("IT HUB Kherson", "Kherson", 46.6354, 32.6169),
    ("IT-cluster Konotop", "Konotop", 51.2403, 33.2026),
    ("Kryvyy Rih IT Cluster", "Kryvyi Rih", 47.9105, 33.3918),
    ("LITaC: Lutsk IT-cluster", "Lutsk", 50.7472, 25.3254),
    ("IT-cluster Ivano-Frankivsk", "Ivano-Frankivsk", 48.9226, 24.7111),
    ("Kolomyia IT Cluster", "Kolomyia", 48.531, 25.0339),
    ("Chernihiv IT Cluster", "Chernihiv", 51.4982, 31.2893),
]


def new_map() -> folium.Map:
    m = folium.Map(tiles=None, location=[48.6, 31.2], zoom_start=6)
    m.default_js, m.default_css = [("leaflet", f"{LEAFLET}/leaflet.js")], [("leaflet_css", f"{LEAFLET}/leaflet.css")]
    return m


def add_markers(parent, points) -> None:
    for _name, _city, lat, lon in points:
        folium.CircleMarker([lat, lon], radius=6, className="itc-cluster").add_to(parent)


if os.environ.get("FILTER") == "1":
    q = st.text_input("Search name or city").casefold()
    layer = folium.FeatureGroup(name="Clusters")
    add_markers(layer, [p for p in POINTS if q in f"{p[0]} {p[1]}".casefold()])
    st_folium(new_map(), feature_group_to_add=layer, key="map", height=600, returned_objects=[])
else:
    m = new_map()
    add_markers(m, POINTS)
    st_folium(m, height=600, returned_objects=[])
