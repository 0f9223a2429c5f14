"""Streamlit glue shared by the pages: how a chart or a download is shown. Logic lives in itclusters."""
