"""The 地图 page: grids and incidents on an offline Leaflet map (only this package knows it)."""
