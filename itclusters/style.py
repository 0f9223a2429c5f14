"""Labels and colours shared by the map and every chart."""

STATUSES = ("active", "relocated", "no_recent_info")
STATUS_LABELS = {"active": "Active", "relocated": "Relocated", "no_recent_info": "No recent information"}
STATUS_DEFINITIONS = {
    "active": "Works in its home city, as the late-2024 source describes it.",
    "relocated": "Left its home city because of the war and works elsewhere.",
    "no_recent_info": "The source reports nothing about its current activity, or describes it only before 2022.",
}
# Okabe-Ito: distinguishable with every common colour-vision deficiency, and in greyscale.
STATUS_COLOURS = {"active": "#0072B2", "relocated": "#E69F00", "no_recent_info": "#6E6E6E"}

MACRO_REGIONS = ("west", "north", "centre", "east", "south")
MACRO_REGION_LABELS = {"west": "West", "north": "North", "centre": "Centre", "east": "East", "south": "South"}

BOUNDARY_FILL = "#EEF0F2"
BOUNDARY_LINE = "#8A9199"
RELOCATION_COLOUR = "#D55E00"
HUB_COLOUR = "#CC79A7"
CHOROPLETH_SCHEME = ("#EFF3FF", "#BDD7E7", "#6BAED6", "#3182BD", "#08519C")  # ColorBrewer Blues
