"""Maps: geometry (boundaries → paths), schematic tiles, the layer a map draws, the figure, and both joined.

The submodules import each other one way only (geometry, schematic → layer → draw; labels → figure → draw);
this file imports none of them, so campaign.cache can use maps.geometry without a cycle.
"""
