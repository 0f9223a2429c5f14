"""Labels and colours shared by the map and every chart."""

from .i18n import N_, _

STATUSES = ("active", "relocated", "no_recent_info")
STATUS_LABELS = {"active": N_("Active"), "relocated": N_("Relocated"), "no_recent_info": N_("No recent information")}
STATUS_DEFINITIONS = {
    "active": N_("Works in its home city, as the late-2024 source describes it."),
    "relocated": N_("Left its home city because of the war and works elsewhere."),
    "no_recent_info": N_("The source reports nothing about its current activity, or describes it only before 2022."),
}
# Okabe-Ito: distinguishable with every common colour-vision deficiency, and in greyscale.
STATUS_COLOURS = {"active": "#0072B2", "relocated": "#E69F00", "no_recent_info": "#6E6E6E"}

MACRO_REGIONS = ("west", "north", "centre", "east", "south")
MACRO_REGION_LABELS = {
    "west": N_("West"),
    "north": N_("North"),
    "centre": N_("Centre"),
    "east": N_("East"),
    "south": N_("South"),
}


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def status_definition(status: str) -> str:
    return _(STATUS_DEFINITIONS[status])


def region_label(region: str) -> str:
    return _(MACRO_REGION_LABELS.get(region, region))


BOUNDARY_FILL = "#EEF0F2"
BOUNDARY_LINE = "#8A9199"
RELOCATION_COLOUR = "#D55E00"
HUB_COLOUR = "#CC79A7"
CHOROPLETH_SCHEME = ("#EFF3FF", "#BDD7E7", "#6BAED6", "#3182BD", "#08519C")  # ColorBrewer Blues
