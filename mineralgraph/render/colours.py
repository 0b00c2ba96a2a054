"""One colour per country, the same in every picture.

The countries that dominate critical-mineral supply have fixed colours chosen to be
told apart in print and by most colour-blind readers (China red, the United States
blue, Australia gold...); any other country gets a colour from a fixed palette chosen
by a stable hash of its code, so a country keeps its colour across pictures, runs and
machines. Rest of world, and supply that no source maps, are greys.

>>> country_colour("country:CN")
'#d62728'
>>> country_colour("CN") == country_colour("country:CN")
True
>>> country_colour("country:XX")
'#b0b0b0'
>>> country_colour("country:ZZ") == country_colour("country:ZZ")
True
"""

from __future__ import annotations

import hashlib

REST_OF_WORLD_GREY = "#b0b0b0"
UNMAPPED_GREY = "#e6e6e6"

#: Fixed colours of the countries that lead most stages.
FIXED = {
    "CN": "#d62728",  # red
    "US": "#1f77b4",  # blue
    "AU": "#e6a817",  # gold
    "CD": "#8c564b",  # brown
    "ID": "#2ca02c",  # green
    "MM": "#9467bd",  # purple
    "MY": "#17becf",  # cyan
    "RU": "#7f7f7f",  # dark grey
    "CL": "#bcbd22",  # olive
    "JP": "#e377c2",  # pink
    "BR": "#00a86b",  # jade
    "ZA": "#ff7f0e",  # orange
    "LA": "#aec7e8",  # light blue
    "VN": "#98df8a",  # light green
    "KR": "#c5b0d5",  # lavender
    "CA": "#ff9896",  # salmon
    "AR": "#c49c94",  # tan
    "PH": "#f7b6d2",  # light pink
    "TH": "#dbdb8d",  # khaki
    "IN": "#9edae5",  # pale cyan
}
#: Colours for every other country, picked by a stable hash of the code.
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7",
           "#9c755f", "#86bcb6", "#d4a6c8", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d")


def country_code(country: str) -> str:
    """``country:CN`` or ``CN`` -> ``CN``."""
    return country.partition(":")[2] if ":" in country else country


def country_colour(country: str) -> str:
    """The fill colour of a country (an id such as ``country:CN`` or a bare code)."""
    code = country_code(country)
    if code == "XX":
        return REST_OF_WORLD_GREY
    if code in FIXED:
        return FIXED[code]
    digest = hashlib.sha1(code.encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def tint(colour: str, amount: float = 0.6) -> str:
    """``colour`` mixed with ``amount`` of white: a light shade that black text reads on.

    >>> tint("#d62728", 0.5)
    '#ea9394'
    """
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mixed = (round(c + (255 - c) * amount) for c in (red, green, blue))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def text_colour_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (a ``#rrggbb`` colour).

    >>> text_colour_on("#d62728"), text_colour_on("#e6e6e6")
    ('#ffffff', '#1a1a1a')
    """
    red, green, blue = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.299 * red + 0.587 * green + 0.114 * blue
    return "#1a1a1a" if luminance > 150 else "#ffffff"


__all__ = ["REST_OF_WORLD_GREY", "UNMAPPED_GREY", "country_colour", "text_colour_on", "tint"]
