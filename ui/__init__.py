"""App layer of Launch Atlas: Streamlit state, caching and assets.

Everything here may import streamlit; the pure core lives in :mod:`geo`.
"""
