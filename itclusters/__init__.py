"""Ukraine's IT clusters dashboard: pure logic that the Streamlit pages call.

Data flows one way: CSV -> validation (schema from data/datapackage.json) -> typed DataFrames
-> filters -> map / charts / tables. Nothing in this package imports Streamlit.
"""
