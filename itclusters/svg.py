"""Vega-Lite to SVG with vl-convert, and nothing else imported: what a worker process runs to draw
a slide (ui/slide_chart.py), so a new worker is ready in a fraction of the time the chart modules'
imports would take."""


def vegalite_svg(spec: dict) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec)
