"""Labels and colours shared by the map and every chart."""

from .i18n import N_, _
from .text import is_missing, not_stated

STATUSES = ("active", "relocated", "no_recent_info")
STATUS_LABELS = {"active": N_("Active"), "relocated": N_("Relocated"), "no_recent_info": N_("No recent information")}
STATUS_DEFINITIONS = {
    "active": N_(
        "The source reports its current work: the cluster spoke to the overview, or some of its work is dated "
        "2022 or later."
    ),
    "relocated": N_("It left its home city because of the war, and the source says where it works now."),
    "no_recent_info": N_(
        "The source reports nothing of its work since 2022: it gives only an undated profile, describes the time "
        "before 2022, or says outright that there is no information."
    ),
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


HUB_KIND_LABELS = {
    "innovation_park": N_("innovation park"),
    "innovation_centre": N_("innovation centre"),
    "coworking": N_("coworking space"),
}


def hub_kind_label(kind: object) -> str:
    """What kind of place a hub is, or 'not stated' where the source does not say."""
    return not_stated() if is_missing(kind) else _(HUB_KIND_LABELS.get(str(kind), str(kind)))


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


EVIDENCE_LABELS = {
    "activity_reported": N_("activity reported"),
    "relocation_reported": N_("relocation reported"),
    "profile_only": N_("only a profile and its leader, no activity reported"),
    "before_2022_only": N_("described only before 2022"),
    "no_information_stated": N_("the source says there is no information"),
}


def status_with_evidence(status: str, evidence: object) -> str:
    """'No recent information (described only before 2022)', the status and why it is given."""
    if is_missing(evidence):
        return status_label(status)
    return f"{status_label(status)} ({_(EVIDENCE_LABELS.get(str(evidence), str(evidence)))})"


def status_definition(status: str) -> str:
    return _(STATUS_DEFINITIONS[status])


def region_label(region: str) -> str:
    return _(MACRO_REGION_LABELS.get(region, region))


BOUNDARY_FILL = "#EEF0F2"
BOUNDARY_LINE = "#8A9199"
RELOCATION_COLOUR = "#D55E00"
HUB_COLOUR = "#CC79A7"
CHOROPLETH_SCHEME = ("#EFF3FF", "#BDD7E7", "#6BAED6", "#3182BD", "#08519C")  # ColorBrewer Blues
